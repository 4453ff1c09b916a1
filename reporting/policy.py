"""Who may see and change a PD's performance data: the one place that decides, used by the
services, the API and the web pages alike.

- Everyone who holds (or acts as Plh/Plt for) a position in the PD sees its data and
  reports; so do the Inspektorat and the Bagian Organisasi of the same kabupaten, who
  review and collect them.
- The realisasi of an indicator (and its bukti dukung) is entered by its pengampu: the
  position named on the indicator, whoever holds it or acts for it that day. Nobody else
  enters it, not even the Camat: the figure is the pengampu's responsibility.
- Targets, the Perjanjian Kinerja, the budget, the narrative analysis and the IKM survey
  are the Sekretaris's (the perencana of a kecamatan) and the Kepala PD's.
- The Inspektorat's staff (auditor, irban, inspektur) may turn a check finding into a
  reviu note; the workflow services decide whether the reviu step lets them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from organisation.models import PerangkatDaerah, Position, User
from organisation.selectors import Authority, authorities_of

MANAGERS = (Position.Role.KEPALA, Position.Role.SEKRETARIS)
OVERSIGHT_KINDS = (PerangkatDaerah.Kind.INSPEKTORAT, PerangkatDaerah.Kind.BAGIAN)

NOT_VISIBLE = "Data kinerja PD ini tidak dapat Anda lihat."
NOT_PENGAMPU = "Realisasi indikator {code} hanya diisi oleh pengampunya ({pengampu})."
NOT_MANAGER = "Hanya Sekretaris atau Kepala {pd} yang dapat mengubah data ini."


@dataclass
class ReportingScope:
    user: User
    authorities: list[Authority]

    @property
    def position_ids(self) -> set[int]:
        return {a.position.pk for a in self.authorities}

    def in_pd(self, pd_id: int) -> list[Authority]:
        return [a for a in self.authorities if a.position.pd_id == pd_id]


def reporting_scope(user: User, day: dt.date | None = None) -> ReportingScope:
    if not user.is_authenticated:
        return ReportingScope(user, [])
    return ReportingScope(user, authorities_of(user=user, day=day or timezone.localdate()))


def may_view(scope: ReportingScope, pd: PerangkatDaerah) -> bool:
    if scope.user.is_superuser or scope.in_pd(pd.pk):
        return True
    return any(
        a.position.pd.kind in OVERSIGHT_KINDS and a.position.pd.kabupaten_id == pd.kabupaten_id
        for a in scope.authorities
    )


def may_manage(scope: ReportingScope, pd: PerangkatDaerah) -> bool:
    """Targets, PK, budget, analysis, IKM surveys, and imports that touch them."""
    return any(a.position.role in MANAGERS for a in scope.in_pd(pd.pk))


def may_enter_realisasi(scope: ReportingScope, indicator) -> bool:
    return indicator.pengampu_id is not None and indicator.pengampu_id in scope.position_ids


def editable_indicator_ids(scope: ReportingScope, indicators) -> set[int]:
    """Of `indicators`, those whose realisasi `scope` may enter."""
    own = scope.position_ids
    return {i.pk for i in indicators if i.pengampu_id in own}


def may_review(scope: ReportingScope, pd: PerangkatDaerah) -> bool:
    """Inspektorat staff of the PD's kabupaten (the reviu itself is checked by workflow)."""
    return any(
        a.position.pd.kind == PerangkatDaerah.Kind.INSPEKTORAT
        and a.position.pd.kabupaten_id == pd.kabupaten_id
        for a in scope.authorities
    )


def visible_pds(scope: ReportingScope):
    """The PDs whose data `scope` may see, ordered by name."""
    pds = PerangkatDaerah.objects.exclude(kind__in=OVERSIGHT_KINDS).select_related("kabupaten")
    if scope.user.is_superuser:
        return pds.order_by("name")
    kabupaten = {
        a.position.pd.kabupaten_id
        for a in scope.authorities
        if a.position.pd.kind in OVERSIGHT_KINDS
    }
    own = {a.position.pd_id for a in scope.authorities}
    return pds.filter(Q(pk__in=own) | Q(kabupaten_id__in=kabupaten)).order_by("name")
