"""The LKjIP tables as an XLSX workbook (openpyxl): one sheet per table, named after it
("Tabel 3.2"), with the caption, the header (grouped columns merged), the rows and the
"Sumber:" line. Numbers stay numbers (percent with two decimals, Rupiah whole); targets
stay text because a target may be a range ("60-70")."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from reporting import calculations as calc
from reporting.tables import Kind, Table

from . import BOLD_LEVELS, NUMERIC_KINDS, column_widths, header_layout, sumber_line

NUMBER_FORMATS = {Kind.PERCENT: "#,##0.00", Kind.RUPIAH: "#,##0"}
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_FONT = Font(bold=True)
BOLD = Font(bold=True)
CAPTION_FONT = Font(bold=True, size=12)
SUMBER_FONT = Font(italic=True, size=9)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
NUMBER_ALIGN = Alignment(horizontal="right", vertical="top")
CENTRE_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
FIRST_HEADER_ROW = 3  # row 1: caption, row 2: empty


def sheet_name(table: Table, used: set[str]) -> str:
    """The sheet name of a table ("Tabel 3.2"): at most 31 characters, none of []:*?/\\."""
    name = f"Tabel {table.number}"
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    name = name[:31]
    base, n = name, 2
    while name in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def _number_format(value: Decimal) -> str:
    """A measured value shown with as many decimals as it has (3,3; 67,15; 100)."""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" if places == 0 else "#,##0." + "0" * min(places, 4)


def cell_value(value, kind: str):
    """(value to write, number format or None)."""
    if value is None or value == "":
        return None, None
    if kind in NUMERIC_KINDS and isinstance(value, Decimal | int | float):
        if kind == Kind.RUPIAH:
            whole = calc.to_decimal(value).quantize(Decimal(1))
            return int(whole), NUMBER_FORMATS[kind]
        if kind == Kind.PERCENT:
            return float(calc.round2(calc.to_decimal(value))), NUMBER_FORMATS[kind]
        decimal = calc.to_decimal(value)
        if decimal == decimal.to_integral_value():
            return int(decimal), "#,##0"
        return float(decimal), _number_format(decimal)
    return str(value), None


def write_table(ws, table: Table) -> None:
    columns = table.columns
    width = len(columns)
    ws["A1"] = table.caption
    ws["A1"].font = CAPTION_FONT
    ws["A1"].alignment = Alignment(wrap_text=False, vertical="center")

    header_rows, cells = header_layout(table)
    for cell in cells:
        row = FIRST_HEADER_ROW + cell.row
        col = cell.col + 1
        ws.cell(row=row, column=col, value=cell.text)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + cell.rowspan - 1,
                end_column=col + cell.colspan - 1,
            )
    for row in range(FIRST_HEADER_ROW, FIRST_HEADER_ROW + header_rows):
        for col in range(1, width + 1):
            target = ws.cell(row=row, column=col)
            target.font = HEADER_FONT
            target.fill = HEADER_FILL
            target.alignment = HEADER_ALIGN
            target.border = BORDER

    first = FIRST_HEADER_ROW + header_rows
    for r, row in enumerate(table.rows):
        bold = row.level in BOLD_LEVELS
        for c, column in enumerate(columns, start=1):
            value, number_format = cell_value(row.cells.get(column.key), column.kind)
            target = ws.cell(row=first + r, column=c, value=value)
            target.border = BORDER
            if number_format:
                target.number_format = number_format
                target.alignment = NUMBER_ALIGN
            elif column.kind == Kind.TARGET:
                target.alignment = CENTRE_TOP
            else:
                target.alignment = WRAP_TOP
            if bold:
                target.font = BOLD
            if row.level == "total":
                target.fill = TOTAL_FILL

    last = first + len(table.rows) - 1
    sumber = sumber_line(table)
    if sumber:
        ws.cell(row=last + 2, column=1, value=sumber).font = SUMBER_FONT

    # Excel widths are in characters (of the default font; the cells' text wraps beyond).
    for i, chars in enumerate(column_widths(table, None, 1.1), start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(5.0, min(chars, 60.0))
    ws.freeze_panes = ws.cell(row=first, column=1)
    ws.print_title_rows = f"{FIRST_HEADER_ROW}:{first - 1}"
    ws.page_setup.orientation = "landscape" if width >= 6 else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def tables_xlsx(tables: list[Table], *, title: str) -> bytes:
    """The tables as an XLSX workbook, one sheet per table, in the given order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.creator = "Alur"
    used: set[str] = set()
    for table in tables:
        write_table(workbook.create_sheet(sheet_name(table, used)), table)
    if not tables:  # a workbook needs a sheet
        workbook.create_sheet("Tabel")["A1"] = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
