"""Reads of the reporting app: targets in force and computed capaian."""

from __future__ import annotations

import datetime as dt

from . import calculations
from .models import Indicator, PerjanjianKinerja, Realisasi, Target

S = Target.Source


def pk_in_force(*, pd, year: int, on_date: dt.date) -> PerjanjianKinerja | None:
    """The latest PK of `year` signed on or before `on_date`."""
    return (
        PerjanjianKinerja.objects.filter(pd=pd, year=year, date__lte=on_date)
        .order_by("-date")
        .first()
    )


def target_in_force(
    indicator: Indicator, year: int, on_date: dt.date | None = None
) -> Target | None:
    """PK perubahan if it is in force on `on_date` (default: 31 December of `year`), else PK
    awal, else Renstra. None when the indicator has none of them."""
    on_date = on_date or dt.date(year, 12, 31)
    targets = {t.source: t for t in Target.objects.filter(indicator=indicator, year=year)}
    pk = pk_in_force(pd=indicator.pd_id, year=year, on_date=on_date)
    order = []
    if pk is not None:
        if pk.version == PerjanjianKinerja.Version.PERUBAHAN:
            order.append(S.PK_PERUBAHAN)
        order.append(S.PK)
    order.append(S.RENSTRA)
    return next((targets[s] for s in order if s in targets), None)


def target_basis(indicator: Indicator, year: int, on_date: dt.date | None = None) -> Target | None:
    """The target a capaian is measured against: the one in force, else the Renja, else the
    DPA or another document (sub kegiatan have no PK or Renstra target)."""
    found = target_in_force(indicator, year, on_date)
    if found is not None:
        return found
    return (
        Target.objects.filter(indicator=indicator, year=year, source__in=[S.RENJA, S.LAINNYA])
        .order_by("-source")  # renja before lainnya
        .first()
    )


def realisasi_of(indicator: Indicator, year: int, triwulan: int = 0) -> Realisasi | None:
    return Realisasi.objects.filter(indicator=indicator, year=year, triwulan=triwulan).first()


def computed_capaian(indicator: Indicator, year: int) -> calculations.Capaian:
    """Capaian of the yearly realisasi against the target basis at the end of the year."""
    target = target_basis(indicator, year)
    realisasi = realisasi_of(indicator, year)
    return calculations.capaian(
        target.value if target else None,
        realisasi.value if realisasi else None,
        negative=indicator.negative,
    )
