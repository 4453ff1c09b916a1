"""The LKjIP as files: the tables as an XLSX workbook (render.xlsx), the whole draft as DOCX
(render.docx) and as PDF (render.pdf). The draft's content is built once, independent of
the format (reporting.draft); every renderer formats cells with Table.display so the web
page, the DOCX and the PDF print the same figures.

`export(pd, year, fmt)` is the one entry point of the command, the web views and the API.
The helpers below (header layout, column widths, row emphasis) are shared by the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.tables import Kind, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
FORMATS = {"xlsx": XLSX, "docx": DOCX, "pdf": PDF}
FORMAT_UNKNOWN = "Format '{fmt}' tidak dikenal: pilih xlsx, docx atau pdf."
NO_DATA = "Belum ada data kinerja {pd} tahun {year}: tidak ada target maupun realisasi."

NUMERIC_KINDS = (Kind.NUMBER, Kind.PERCENT, Kind.RUPIAH)
CENTRED_KINDS = (Kind.TARGET,)
# Rows printed in bold: the upper levels of the tree and the Jumlah row.
BOLD_LEVELS = ("tujuan", "sasaran", "program", "total")
# A table wanting more than this many characters across is printed on a landscape page.
WIDE_CHARACTERS = 140


class ExportError(ValueError):
    """The export cannot be made; the message is for the user (Bahasa Indonesia)."""


def export(pd, year: int, fmt: str) -> tuple[bytes, str, str]:
    """The LKjIP of `pd` for `year` as (content, filename, content type); fmt is xlsx (the
    tables), docx or pdf (the draft). Raises ExportError only for an unknown format: a
    year without data gives a document with empty tables (callers that want to refuse it
    ask has_data first, as the lkjip_export command does)."""
    if fmt not in FORMATS:
        raise ExportError(FORMAT_UNKNOWN.format(fmt=fmt))
    if fmt == "xlsx":
        from reporting.tables import report_tables

        from .xlsx import tables_xlsx

        title = f"Tabel LKjIP {pd.name} Tahun {year}"
        content = tables_xlsx(report_tables(pd, year), title=title)
    else:
        from reporting.draft import draft_blocks

        blocks = draft_blocks(pd, year)
        if fmt == "docx":
            from .docx import draft_docx

            content = draft_docx(blocks)
        else:
            from .pdf import draft_pdf

            content = draft_pdf(blocks)
    return content, filename(pd, year, fmt), FORMATS[fmt]


def filename(pd, year: int, fmt: str) -> str:
    stem = "Tabel-LKjIP" if fmt == "xlsx" else "LKjIP"
    return f"{stem}-{pd.slug}-{year}.{fmt}"


def has_data(pd, year: int) -> bool:
    """Whether `pd` has any target or realisasi for `year`."""
    from reporting.models import Realisasi, Target

    return (
        Target.objects.filter(indicator__pd=pd, year=year).exists()
        or Realisasi.objects.filter(indicator__pd=pd, year=year).exists()
    )


@dataclass(frozen=True)
class HeaderCell:
    text: str
    row: int  # 0-based, within the header
    col: int
    rowspan: int = 1
    colspan: int = 1


def header_layout(table: Table) -> tuple[int, list[HeaderCell]]:
    """The header rows of `table`: one row, or two when some columns share a `group` (the
    group spans its columns on the first row; an ungrouped column spans both rows)."""
    columns = table.columns
    if not any(c.group for c in columns):
        return 1, [HeaderCell(c.header, 0, i) for i, c in enumerate(columns)]
    cells: list[HeaderCell] = []
    i = 0
    while i < len(columns):
        group = columns[i].group
        if not group:
            cells.append(HeaderCell(columns[i].header, 0, i, rowspan=2))
            i += 1
            continue
        end = i
        while end + 1 < len(columns) and columns[end + 1].group == group:
            end += 1
        cells.append(HeaderCell(group, 0, i, colspan=end - i + 1))
        cells.extend(HeaderCell(columns[j].header, 1, j) for j in range(i, end + 1))
        i = end + 1
    return 2, cells


def column_widths(
    table: Table, total: float | None, char: float, text_rows: list[list[str]] | None = None
) -> list[float]:
    """Column widths summing to `total` (any unit; `char` is the width of one character in
    it; None: each column as wide as it wants). A number, target or short column gets what
    its longest header word and cell need; the text columns share the rest by the length
    of their text up to a cap (beyond it they wrap), never narrower than their longest
    header word."""
    rows = table.text_rows() if text_rows is None else text_rows
    padding = 2.2  # cell padding and the bold header, in characters
    fixed: dict[int, float] = {}
    wanted: dict[int, tuple[float, float]] = {}  # text column: (minimum, wanted)
    for i, column in enumerate(table.columns):
        word = max((len(w) for w in column.header.split()), default=1)
        longest = max((len(r[i]) for r in rows), default=0)
        if column.kind != Kind.TEXT or longest <= max(word, 8):
            fixed[i] = (max(word, longest, 3) + padding) * char
        else:
            cap = 48 if longest > 80 else 34
            wanted[i] = ((word + padding) * char, (min(longest, cap) + padding) * char)
    if total is None:
        natural = {**fixed, **{i: want for i, (_, want) in wanted.items()}}
        return [natural[i] for i in range(len(table.columns))]
    rest = total - sum(fixed.values())
    minimum = sum(low for low, _ in wanted.values())
    if rest < minimum or not wanted:  # too narrow (or no text column): scale everything
        natural = {**fixed, **{i: want for i, (_, want) in wanted.items()}}
        scale = total / sum(natural.values())
        return [natural[i] * scale for i in range(len(table.columns))]
    share = sum(want for _, want in wanted.values())
    widths = dict(fixed)
    for i, (low, want) in wanted.items():
        widths[i] = max(low, rest * want / share)
    scale = total / sum(widths.values())  # the minimums may have pushed the sum over
    return [widths[i] * scale for i in range(len(table.columns))]


def is_wide(table: Table) -> bool:
    return sum(column_widths(table, None, 1.0)) > WIDE_CHARACTERS


def sumber_line(table: Table) -> str:
    text = table.sumber.strip()
    if not text:
        return ""
    return text if text.lower().startswith("sumber") else f"Sumber: {text}"
