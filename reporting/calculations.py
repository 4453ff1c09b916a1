"""The calculations of the LKjIP, as the regulations and the seed define them. Pure
functions on Decimals, rounded half-up to two decimals at the end (never in between).

- Capaian: positive polarity realisasi / target x 100; negative polarity (lower is
  better) (2 - realisasi / target) x 100; a range target "60-70" is measured against its
  upper bound (the seed: 67.15 against 60-70 gives 95.93); a zero or missing target has
  no capaian, and says so.
- Kategori (Permendagri 86/2017, Tabel 3.1): > 90 Sangat Tinggi, > 75 Tinggi, > 65
  Sedang, > 50 Rendah, otherwise Sangat Rendah.
- Efisiensi (section 3.1.7 of the seed): E = sum((PAK_i x CK_i) - RAK_i) /
  sum(PAK_i x CK_i) x 100, with CK as a fraction.
- Serapan = realisasi anggaran / pagu x 100; tingkat kemajuan = realisasi / target akhir
  Renstra x 100.
- IKM (PermenPANRB 14/2017): 9 unsur scored 1-4; NRR per unsur = sum / respondents;
  IKM = sum(NRR x 1/9) x 25, with exactly 1/9 (a Fraction, not 0.111); mutu A-D.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

TWO_PLACES = Decimal("0.01")

NO_TARGET = "Target kosong: capaian tidak dihitung."
ZERO_TARGET = "Target nol: capaian tidak dihitung."
NO_REALISASI = "Realisasi belum ada."
TARGET_UNREADABLE = "Target '{value}' tidak dapat dibaca: tulis angka (85,5) atau rentang (60-70)."
IKM_SCORE_INVALID = "Nilai unsur IKM harus 1 sampai 4 (responden {row}, unsur {unsur})."
IKM_NEEDS_NINE = "Setiap responden IKM menilai tepat 9 unsur (responden {row})."
IKM_NO_RESPONDENTS = "Belum ada responden survei."


def to_decimal(value) -> Decimal:
    """A number as printed in an Indonesian report ("97,53", "2.451.096.500", 67.15)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).strip().replace("%", "").replace(" ", "")
    if "," in text:  # Indonesian: '.' groups thousands, ',' is the decimal mark
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{value}' bukan angka.") from None


def round2(value: Decimal | Fraction) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Target:
    """A target: one number, or a range "60-70" (lower, upper)."""

    lower: Decimal
    upper: Decimal

    @property
    def is_range(self) -> bool:
        return self.lower != self.upper

    @classmethod
    def parse(cls, value) -> Target | None:
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip()
        parts = [p for p in text.replace("–", "-").split("-") if p.strip()]
        try:
            if len(parts) == 2 and not text.startswith("-"):
                lower, upper = sorted((to_decimal(parts[0]), to_decimal(parts[1])))
                return cls(lower, upper)
            number = to_decimal(text)
        except ValueError:
            raise ValueError(TARGET_UNREADABLE.format(value=value)) from None
        return cls(number, number)

    def __str__(self) -> str:
        if self.is_range:
            return f"{format_number(self.lower)}-{format_number(self.upper)}"
        return format_number(self.lower)


@dataclass(frozen=True)
class Capaian:
    value: Decimal | None
    reason: str = ""  # why there is no value


def capaian(target, realisasi, *, negative: bool = False) -> Capaian:
    """Achievement in percent of `target` (number, range or None) by `realisasi`."""
    parsed = target if isinstance(target, Target) else Target.parse(target)
    if parsed is None:
        return Capaian(None, NO_TARGET)
    if realisasi is None or str(realisasi).strip() == "":
        return Capaian(None, NO_REALISASI)
    reference = parsed.upper
    if reference == 0:
        return Capaian(None, ZERO_TARGET)
    ratio = to_decimal(realisasi) / reference
    value = (2 - ratio) * 100 if negative else ratio * 100
    return Capaian(round2(value))


KATEGORI = [
    (Decimal(90), "Sangat Tinggi"),
    (Decimal(75), "Tinggi"),
    (Decimal(65), "Sedang"),
    (Decimal(50), "Rendah"),
]


def kategori(value: Decimal | None) -> str:
    """Permendagri 86/2017, Tabel 3.1 (above 100 is Sangat Tinggi)."""
    if value is None:
        return "-"
    for floor, label in KATEGORI:
        if value > floor:
            return label
    return "Sangat Rendah"


def serapan(realisasi_anggaran: int | Decimal | None, pagu: int | Decimal | None) -> Decimal | None:
    """None when a figure is missing or the pagu is zero: no absorption to show."""
    if realisasi_anggaran is None or pagu is None:
        return None
    pagu = to_decimal(pagu)
    if pagu == 0:
        return None
    return round2(to_decimal(realisasi_anggaran) / pagu * 100)


def tingkat_kemajuan(realisasi, target_akhir) -> Capaian:
    """Progress against the Renstra's final target."""
    return capaian(target_akhir, realisasi)


@dataclass(frozen=True)
class EfisiensiItem:
    pagu: Decimal  # PAK_i, anggaran kegiatan / sub kegiatan
    capaian: Decimal  # CK_i in percent (converted to a fraction here)
    realisasi: Decimal  # RAK_i, realisasi anggaran


def efisiensi(items: Iterable[EfisiensiItem]) -> Decimal | None:
    """E = sum((PAK_i x CK_i) - RAK_i) / sum(PAK_i x CK_i) x 100, CK as a fraction."""
    weighted = Decimal(0)
    saved = Decimal(0)
    for item in items:
        value = to_decimal(item.pagu) * to_decimal(item.capaian) / 100
        weighted += value
        saved += value - to_decimal(item.realisasi)
    if weighted == 0:
        return None
    return round2(saved / weighted * 100)


MUTU_IKM = [  # (lowest IKM, mutu, kinerja)
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
]


@dataclass(frozen=True)
class Ikm:
    nrr: tuple[Decimal, ...]  # per unsur, four decimals kept for display
    value: Decimal
    mutu: str
    kinerja: str
    respondents: int


def ikm(responses: Sequence[Sequence[int]]) -> Ikm:
    """IKM of a survey: `responses` holds, per respondent, the 9 unsur scores (1-4)."""
    if not responses:
        raise ValueError(IKM_NO_RESPONDENTS)
    for row, scores in enumerate(responses, start=1):
        if len(scores) != 9:
            raise ValueError(IKM_NEEDS_NINE.format(row=row))
        for unsur, score in enumerate(scores, start=1):
            if score not in (1, 2, 3, 4):
                raise ValueError(IKM_SCORE_INVALID.format(row=row, unsur=unsur))
    count = len(responses)
    nrr = [Fraction(sum(r[i] for r in responses), count) for i in range(9)]
    total = sum((n * Fraction(1, 9) for n in nrr), Fraction(0)) * 25
    value = round2(total)
    mutu, kinerja = "D", "Tidak Baik"
    for floor, grade, label in MUTU_IKM:
        if value >= floor:
            mutu, kinerja = grade, label
            break
    return Ikm(
        nrr=tuple(round2(Decimal(n.numerator) / Decimal(n.denominator)) for n in nrr),
        value=value,
        mutu=mutu,
        kinerja=kinerja,
        respondents=count,
    )


def format_number(value: Decimal | int | None, places: int | None = None) -> str:
    """Indonesian style: '.' between thousands, ',' before decimals ("1.234,56")."""
    if value is None:
        return "-"
    value = to_decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    out = ".".join(groups) or "0"
    return f"{sign}{out},{fraction}" if fraction else f"{sign}{out}"


def format_percent(value: Decimal | None) -> str:
    """Two decimals with a comma: 97,53."""
    return "-" if value is None else format_number(value, 2)


def format_rupiah(value: int | Decimal | None) -> str:
    """Whole Rupiah: Rp 2.451.096.500."""
    if value is None:
        return "-"
    return f"Rp {format_number(to_decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))}"
