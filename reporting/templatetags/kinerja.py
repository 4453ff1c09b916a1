"""Numbers the way an Indonesian report prints them (reporting.calculations formats)."""

from __future__ import annotations

from django import template

from reporting import calculations as calc
from reporting.tables import Kind, display

register = template.Library()


@register.filter
def angka(value) -> str:
    """A measured value: 67,15; 1.234; blank for none."""
    return "" if value is None or value == "" else display(value, Kind.NUMBER)


@register.filter
def persen(value) -> str:
    return display(value, Kind.PERCENT)


@register.filter
def rupiah(value) -> str:
    return display(value, Kind.RUPIAH)


@register.simple_tag
def cell(table, row, column) -> str:
    return table.display(row, column)


@register.filter
def kategori(value) -> str:
    return calc.kategori(value) if value is not None else ""


@register.filter
def isian(value) -> str:
    """A number for an input field: decimal comma, no thousands dots (so "1.234" is never
    read back as one point two three four)."""
    if value is None or value == "":
        return ""
    return f"{calc.to_decimal(value).normalize():f}".replace(".", ",")
