"""The draft LKjIP (reporting.draft blocks) as a Word document (python-docx): headings,
paragraphs, real Word tables (header rows repeated on every page, grouped headers merged,
a smaller font for wide tables, which get a landscape section), images with captions, page
breaks and the page number in the footer."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reporting.draft import Block, Heading, Image, PageBreak, Paragraph, TableBlock
from reporting.tables import Table

from . import (
    BOLD_LEVELS,
    CENTRED_KINDS,
    NUMERIC_KINDS,
    column_widths,
    header_layout,
    is_wide,
    sumber_line,
)

FONT = "Arial"
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
HEADER_SHADE = "D9E2F3"
TOTAL_SHADE = "F2F2F2"
BLACK = RGBColor(0, 0, 0)


class _Styles:
    def __init__(self, document):
        styles = document.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(6)
        for level, size in ((1, 14), (2, 12), (3, 11)):
            style = styles[f"Heading {level}"]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = BLACK
            fonts = style.element.rPr.rFonts
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)  # a theme font would win over Arial
            style.paragraph_format.space_before = Pt(12 if level > 1 else 0)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
            if level == 1:
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.heading = {level: styles[f"Heading {level}"] for level in (1, 2, 3)}
        self.body = self._add(styles, "Isi LKjIP", 11, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        self.title = self._add(styles, "Judul Sampul", 18, bold=True, center=True, after=12)
        self.subtitle = self._add(styles, "Subjudul Sampul", 14, bold=True, center=True)
        self.center = self._add(styles, "Tengah", 11, center=True)
        self.caption = self._add(styles, "Keterangan", 10, bold=True, center=True, after=4)
        self.caption.paragraph_format.keep_with_next = True
        self.sumber = self._add(styles, "Sumber Tabel", 9, italic=True, after=10)
        self.signature = self._add(styles, "Tanda Tangan", 11, after=0)
        self.signature.paragraph_format.left_indent = Cm(9)
        self.bullet = styles["List Bullet"]
        self.bullet.font.name = FONT
        self.bullet.font.size = Pt(11)
        self.cell = self._add(styles, "Isi Tabel", 9, after=0)
        self.cell_small = self._add(styles, "Isi Tabel Kecil", 7.5, after=0)
        for style in (self.cell, self.cell_small):
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.line_spacing = 1.0

    @staticmethod
    def _add(styles, name, size, *, bold=False, italic=False, center=False, align=None, after=6):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        if center:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align is not None:
            style.paragraph_format.alignment = align
        style.paragraph_format.space_after = Pt(after)
        return style


def _shade(cell, colour: str) -> None:
    _shade_tc(cell._tc, colour)


def _shade_tc(tc, colour: str) -> None:
    properties = tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


class DocxWriter:
    def __init__(self):
        self.document = Document()
        self.styles = _Styles(self.document)
        section = self.document.sections[0]
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        _page_number_footer(section)
        self.landscape = False
        self.pending_break = False  # a PageBreak block not yet written
        self.empty = True  # nothing written yet on the current page
        # The headings and paragraphs written since the last table, image or page break,
        # and the page break paragraph just before them: a wide table takes its lead-in
        # along to its landscape page.
        self.leadin: list = []
        self.break_element = None

    # -- layout

    def _width(self, table: Table | None = None):
        section = self.document.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        if table is not None and not is_wide(table):
            width = min(width, A4[0] - 2 * MARGIN)  # a narrow table keeps its portrait width
        return width

    def _section(self, landscape: bool) -> None:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        self.landscape = landscape

    def _to_landscape(self) -> None:
        """A new landscape section that starts with the lead-in of the coming table."""
        if self.break_element is not None:  # the section break starts the page already
            self.break_element.getparent().remove(self.break_element)
            self.break_element = None
        self._section(True)
        body = self.document.element.body
        anchor = body.xpath("./w:p[w:pPr/w:sectPr]")[-1]  # ends the portrait section
        for element in self.leadin:
            anchor.addnext(element)
            anchor = element

    def _flush_break(self) -> None:
        if self.pending_break:
            paragraph = self.document.add_paragraph()
            paragraph.add_run().add_break(WD_BREAK.PAGE)
            self.break_element = paragraph._p
            self.leadin = []
            self.pending_break = False

    # -- blocks

    def write(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            if self.landscape:  # a chapter starts on a portrait page
                self._section(False)
                self.break_element, self.leadin = None, []
            elif not self.empty:
                self.pending_break = True
            self.empty = True
            return
        self._flush_break()
        if isinstance(block, TableBlock) and is_wide(block.table) and not self.landscape:
            self._to_landscape()
        elif isinstance(block, Heading) and block.level <= 2 and self.landscape:
            self._section(False)  # a section starts on a portrait page
            self.break_element, self.leadin = None, []
        self.empty = False
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            self.leadin.append(self.add(block.text, self.styles.heading[level])._p)
        elif isinstance(block, Paragraph):
            self.leadin.append(self.paragraph(block)._p)
        else:
            if isinstance(block, TableBlock):
                self.table(block.table)
            elif isinstance(block, Image):
                self.image(block)
            self.leadin, self.break_element = [], None

    def add(self, text: str, style):
        """A paragraph in `style` (set by id: see table())."""
        paragraph = self.document.add_paragraph(text)
        paragraph._p.style = style.style_id
        return paragraph

    def paragraph(self, block: Paragraph):
        style = {
            "title": self.styles.title,
            "subtitle": self.styles.subtitle,
            "center": self.styles.center,
            "caption": self.styles.caption,
            "bullet": self.styles.bullet,
            "signature": self.styles.signature,
        }.get(block.style, self.styles.body)
        return self.add(block.text, style)

    def image(self, block: Image) -> None:
        width = min(Cm(block.width_cm), self._width())
        picture = self.document.add_paragraph()
        picture.add_run().add_picture(io.BytesIO(block.png), width=width)
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        self.add(block.caption, self.styles.caption)

    def table(self, table: Table) -> None:
        self.add(table.caption, self.styles.caption)
        header_rows, cells = header_layout(table)
        text_rows = table.text_rows()
        wide = len(table.columns) > 6
        # The style id is set on the XML directly: Paragraph.style = ... looks the style up
        # among all styles on every call, which made a table of 50 rows take a second.
        cell_style = (self.styles.cell_small if wide else self.styles.cell).style_id
        word = self.document.add_table(rows=header_rows, cols=len(table.columns))
        word.style = self.document.styles["Table Grid"]
        word.alignment = WD_TABLE_ALIGNMENT.CENTER
        word.autofit = False

        char = Pt((7.5 if wide else 9) * 0.6)
        widths = [int(w) for w in column_widths(table, self._width(table), char, text_rows)]
        for column, width in zip(word.columns, widths, strict=True):
            column.width = width

        header = [row.cells for row in word.rows]
        for row in header:
            for cell, width in zip(row, widths, strict=True):
                cell.width = width
        for cell in cells:
            target = header[cell.row][cell.col]
            if cell.rowspan > 1 or cell.colspan > 1:
                corner = header[cell.row + cell.rowspan - 1][cell.col + cell.colspan - 1]
                target = target.merge(corner)
            paragraph = target.paragraphs[0]
            paragraph._p.style = cell_style
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(cell.text).bold = True
        for row in word.rows:
            _repeat_header(row)
            for tc in row._tr.tc_lst:  # each cell once (row.cells repeats a merged one)
                _shade_tc(tc, HEADER_SHADE)

        aligns = [
            WD_ALIGN_PARAGRAPH.RIGHT
            if c.kind in NUMERIC_KINDS
            else WD_ALIGN_PARAGRAPH.CENTER
            if c.kind in CENTRED_KINDS or c.key == "no"
            else None
            for c in table.columns
        ]
        for row, texts in zip(table.rows, text_rows, strict=True):
            word_row = word.add_row()
            _cant_split(word_row)
            bold = row.level in BOLD_LEVELS
            # add_row gives each new cell its column's width
            for cell, text, align in zip(word_row.cells, texts, aligns, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph._p.style = cell_style
                if align is not None:
                    paragraph.alignment = align
                run = paragraph.add_run(text)
                if bold:
                    run.bold = True
                if row.level == "total":
                    _shade(cell, TOTAL_SHADE)
        sumber = sumber_line(table)
        if sumber:
            self.add(sumber, self.styles.sumber)
        else:
            self.add("", self.styles.sumber)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def draft_docx(blocks: list[Block]) -> bytes:
    """The draft as a .docx document."""
    writer = DocxWriter()
    for block in blocks:
        writer.write(block)
    return writer.save()
