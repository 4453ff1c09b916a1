"""The draft LKjIP (reporting.draft blocks, the same as the DOCX) as PDF with reportlab
platypus. Text is set in the DejaVu Sans fonts shipped inside matplotlib (so Indonesian
text and symbols such as ×, ≤ and Σ print without any system font). Tables are platypus
Tables whose header rows repeat on every page; text cells are Paragraphs so they wrap; wide
tables get a landscape page. Headings become PDF bookmarks; pages are numbered."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import PageBreak as PdfPageBreak
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

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

FONT, BOLD, ITALIC, BOLD_ITALIC = (
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique",
)
MARGIN = 2 * cm
HEADER_FILL = colors.HexColor("#D9E2F3")
TOTAL_FILL = colors.HexColor("#F2F2F2")
GRID = colors.HexColor("#808080")
_fonts_lock = threading.Lock()
_fonts_ready = False


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, italic) from matplotlib's mpl-data, once."""
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        directory = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
            pdfmetrics.registerFont(TTFont(name, str(directory / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _fonts_ready = True


def _style(name, size, *, font=FONT, align=TA_LEFT, before=0, after=6, **extra):
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=size * 1.3,
        alignment=align,
        spaceBefore=before,
        spaceAfter=after,
        **extra,
    )


class Styles:
    def __init__(self):
        self.body = _style("body", 10.5, align=TA_JUSTIFY)
        self.title = _style("title", 18, font=BOLD, align=TA_CENTER, after=14)
        self.subtitle = _style("subtitle", 13, font=BOLD, align=TA_CENTER, before=40, after=6)
        self.center = _style("center", 10.5, align=TA_CENTER)
        self.caption = _style("caption", 9.5, font=BOLD, align=TA_CENTER, after=4)
        self.figure_caption = _style("figure_caption", 9.5, font=BOLD, align=TA_CENTER, after=10)
        self.sumber = _style("sumber", 8, font=ITALIC, before=2, after=10)
        self.signature = _style("signature", 10.5, leftIndent=9 * cm, after=2)
        self.bullet = _style("bullet", 10.5, align=TA_JUSTIFY, leftIndent=14, bulletIndent=2)
        self.headings = {
            1: _style("h1", 14, font=BOLD, align=TA_CENTER, after=12, keepWithNext=1),
            2: _style("h2", 12, font=BOLD, before=10, after=6, keepWithNext=1),
            3: _style("h3", 10.5, font=BOLD, before=8, after=4, keepWithNext=1),
        }
        self.cells: dict[tuple[float, bool, int], ParagraphStyle] = {}

    def cell(self, size: float, bold: bool, align: int) -> ParagraphStyle:
        key = (size, bold, align)
        if key not in self.cells:
            self.cells[key] = _style(
                f"cell-{size}-{bold}-{align}",
                size,
                font=BOLD if bold else FONT,
                align=align,
                after=0,
            )
        return self.cells[key]


def _text(text: str) -> str:
    return escape(str(text)).replace("\n", "<br/>")


class HeadingParagraph(PdfParagraph):
    """A heading that becomes a bookmark in the PDF outline."""

    def __init__(self, text: str, style, level: int):
        super().__init__(_text(text), style)
        self.outline_text = text
        self.outline_level = level


class DraftDocument(BaseDocTemplate):
    def __init__(self, buffer, **kwargs):
        super().__init__(buffer, pagesize=A4, **kwargs)
        portrait_frame = Frame(
            MARGIN, MARGIN, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN, id="portrait"
        )
        wide = landscape(A4)
        landscape_frame = Frame(
            MARGIN, MARGIN, wide[0] - 2 * MARGIN, wide[1] - 2 * MARGIN, id="landscape"
        )
        self.addPageTemplates(
            [
                PageTemplate("portrait", [portrait_frame], onPage=self.number, pagesize=A4),
                PageTemplate("landscape", [landscape_frame], onPage=self.number, pagesize=wide),
            ]
        )
        self.outline_levels: list[int] = []
        self.bookmarks = 0

    @staticmethod
    def number(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        width = canvas._pagesize[0]
        canvas.drawCentredString(width / 2, MARGIN / 2, str(document.page))
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        if not isinstance(flowable, HeadingParagraph):
            return
        # An outline level may not skip one (1 then 3): clamp it to one below the last.
        last = self.outline_levels[-1] if self.outline_levels else -1
        level = min(flowable.outline_level - 1, last + 1)
        self.outline_levels.append(level)
        self.bookmarks += 1
        key = f"h{self.bookmarks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.outline_text, key, level=level, closed=level > 0)


class PdfWriter:
    def __init__(self):
        register_fonts()
        self.styles = Styles()
        self.story: list = []
        self.landscape = False
        self.leadin_start = 0

    def _width(self, table: Table | None = None) -> float:
        page = landscape(A4) if self.landscape else A4
        width = page[0] - 2 * MARGIN
        if table is not None and not is_wide(table):
            width = min(width, A4[0] - 2 * MARGIN)  # a narrow table keeps its portrait width
        return width

    def _to_landscape(self) -> None:
        """Start a landscape page before the lead-in (the headings and paragraphs written
        since the last table, image or page break) of the coming wide table."""
        at = self.leadin_start
        template = NextPageTemplate("landscape")
        if at > 0 and isinstance(self.story[at - 1], PdfPageBreak):
            self.story.insert(at - 1, template)
        elif at > 0:
            self.story[at:at] = [template, PdfPageBreak()]
        else:
            self.story.insert(0, template)
        self.landscape = True

    def _to_portrait(self) -> None:
        self.story += [NextPageTemplate("portrait"), PdfPageBreak()]
        self.landscape = False
        self.leadin_start = len(self.story)

    def write(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            if self.landscape:  # a chapter starts on a portrait page
                self._to_portrait()
            elif self.story and not isinstance(self.story[-1], PdfPageBreak):
                self.story.append(PdfPageBreak())
            self.leadin_start = len(self.story)
            return
        if isinstance(block, TableBlock) and is_wide(block.table) and not self.landscape:
            self._to_landscape()
        elif isinstance(block, Heading) and block.level <= 2 and self.landscape:
            self._to_portrait()  # a section starts on a portrait page
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 3)
            self.story.append(HeadingParagraph(block.text, self.styles.headings[level], level))
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        else:
            if isinstance(block, TableBlock):
                self.table(block.table)
            elif isinstance(block, Image):
                self.image(block)
            self.leadin_start = len(self.story)

    def paragraph(self, block: Paragraph) -> None:
        styles = self.styles
        if block.style == "bullet":
            self.story.append(PdfParagraph(_text(block.text), styles.bullet, bulletText="•"))
            return
        if block.style == "title" and not self.story:  # the cover: lower on the page
            self.story.append(Spacer(1, 5 * cm))
        style = {
            "title": styles.title,
            "subtitle": styles.subtitle,
            "center": styles.center,
            "caption": styles.caption,
            "signature": styles.signature,
        }.get(block.style, styles.body)
        previous = self.story[-1] if self.story else None
        if block.style == "signature" and getattr(previous, "style", None) is not style:
            self.story.append(Spacer(1, 0.6 * cm))  # room above the signature block
        self.story.append(PdfParagraph(_text(block.text), style))

    def image(self, block: Image) -> None:
        reader = ImageReader(io.BytesIO(block.png))
        pixels_w, pixels_h = reader.getSize()
        width = min(block.width_cm * cm, self._width())
        height = width * pixels_h / pixels_w
        picture = PdfImage(io.BytesIO(block.png), width=width, height=height)
        caption = PdfParagraph(_text(block.caption), self.styles.figure_caption)
        self.story.append(KeepTogether([Spacer(1, 4), picture, Spacer(1, 4), caption]))

    def table(self, table: Table) -> None:
        styles = self.styles
        header_rows, header_cells = header_layout(table)
        text_rows = table.text_rows()
        columns = table.columns
        size = 7 if len(columns) > 6 else 8.5
        widths = column_widths(table, self._width(table), size * 0.62, text_rows)

        head = styles.cell(size, True, TA_CENTER)
        data: list[list] = [["" for _ in columns] for _ in range(header_rows)]
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), size * 1.25),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for cell in header_cells:
            data[cell.row][cell.col] = PdfParagraph(_text(cell.text), head)
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(
                    (
                        "SPAN",
                        (cell.col, cell.row),
                        (cell.col + cell.colspan - 1, cell.row + cell.rowspan - 1),
                    )
                )

        aligns = []
        for i, column in enumerate(columns):
            if column.kind in NUMERIC_KINDS:
                aligns.append(TA_RIGHT)
                commands.append(("ALIGN", (i, header_rows), (i, -1), "RIGHT"))
            elif column.kind in CENTRED_KINDS or column.key == "no":
                aligns.append(TA_CENTER)
                commands.append(("ALIGN", (i, header_rows), (i, -1), "CENTER"))
            else:
                aligns.append(TA_LEFT)
        for r, (row, texts) in enumerate(zip(table.rows, text_rows, strict=True)):
            bold = row.level in BOLD_LEVELS
            line = []
            for column, text, align in zip(columns, texts, aligns, strict=True):
                if column.kind in NUMERIC_KINDS or column.kind in CENTRED_KINDS:
                    line.append(text)  # short: a plain string, no wrapping needed
                else:
                    line.append(PdfParagraph(_text(text), styles.cell(size, bold, align)))
            data.append(line)
            index = header_rows + r
            if bold:
                commands.append(("FONTNAME", (0, index), (-1, index), BOLD))
            if row.level == "total":
                commands.append(("BACKGROUND", (0, index), (-1, index), TOTAL_FILL))

        # The caption stays with the first rows; a KeepTogether (keepWithNext) would push a
        # long table to the next page whole.
        self.story.append(CondPageBreak(3.5 * cm))
        self.story.append(PdfParagraph(_text(table.caption), styles.caption))
        self.story.append(
            PdfTable(
                data,
                colWidths=widths,
                repeatRows=header_rows,
                style=TableStyle(commands),
                hAlign="CENTER",
                splitInRow=1,
            )
        )
        sumber = sumber_line(table)
        self.story.append(PdfParagraph(_text(sumber) if sumber else "", styles.sumber))

    def build(self, title: str) -> bytes:
        buffer = io.BytesIO()
        document = DraftDocument(buffer, title=title, author="Alur", creator="Alur")
        document.build(self.story or [Spacer(1, 1)])
        return buffer.getvalue()


def draft_pdf(blocks: list[Block], *, title: str = "") -> bytes:
    """The draft as a PDF document."""
    writer = PdfWriter()
    for block in blocks:
        writer.write(block)
    if not title:
        title = " ".join(
            b.text for b in blocks[:3] if isinstance(b, Paragraph) and b.style == "title"
        )
    return writer.build(title or "LKjIP")
