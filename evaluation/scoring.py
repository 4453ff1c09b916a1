"""The SAKIP evaluation's arithmetic (PermenPANRB 88/2021): the total is the sum of the
component scores (each out of its weight); the predikat follows the total: AA > 90,
A > 80, BB > 70, B > 60, CC > 50, C > 30, D otherwise."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

PREDIKAT = [
    (Decimal(90), "AA"),
    (Decimal(80), "A"),
    (Decimal(70), "BB"),
    (Decimal(60), "B"),
    (Decimal(50), "CC"),
    (Decimal(30), "C"),
]
PREDIKAT_LABEL = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup",
    "C": "Kurang",
    "D": "Sangat Kurang",
}
SCORE_ABOVE_WEIGHT = "Nilai {component} {value} melebihi bobotnya ({weight})."
SCORE_NEGATIVE = "Nilai {component} tidak boleh negatif."


def total(scores: Iterable[Decimal]) -> Decimal:
    return sum(scores, Decimal(0)).quantize(Decimal("0.01"))


def predikat(value: Decimal | None) -> str:
    if value is None:
        return "-"
    for floor, grade in PREDIKAT:
        if value > floor:
            return grade
    return "D"
