"""Who may see and do what with the SAKIP evaluation and its follow-up (the one place):

- The LHE is recorded by the Inspektorat of the PD's kabupaten (any of its staff).
- Everyone in the PD sees its LHE, recommendations and follow-ups; so do the Inspektorat
  and the Bagian Organisasi of the kabupaten.
- A follow-up's rencana aksi and bukti dukung are updated by its penanggung jawab and by
  the PD's Sekretaris (or whoever acts for them). Its transitions go through the workflow
  engine: the Sekretaris sets the plan (step 1), the penanggung jawab or the Sekretaris
  reports it done (step 2), and only the Inspektorat verifies or returns it (step 3).
"""

from __future__ import annotations

from organisation.models import PerangkatDaerah, Position
from reporting.policy import OVERSIGHT_KINDS, ReportingScope, may_view, reporting_scope

NOT_INSPEKTORAT = "Hanya Inspektorat {kabupaten} yang mencatat LHE SAKIP."
NOT_FOLLOW_UP_OWNER = "Tindak lanjut ini diperbarui oleh penanggung jawabnya atau Sekretaris PD."

__all__ = ["may_view", "reporting_scope"]


def may_record(scope: ReportingScope, pd: PerangkatDaerah) -> bool:
    return any(
        a.position.pd.kind == PerangkatDaerah.Kind.INSPEKTORAT
        and a.position.pd.kabupaten_id == pd.kabupaten_id
        for a in scope.authorities
    )


def may_update(scope: ReportingScope, follow_up) -> bool:
    return any(
        (follow_up.pic_id is not None and a.position.pk == follow_up.pic_id)
        or (a.position.pd_id == follow_up.pd_id and a.position.role == Position.Role.SEKRETARIS)
        for a in scope.authorities
    )


def kabupaten_ids(scope: ReportingScope) -> set[int]:
    """Kabupaten whose every PD the user oversees (Inspektorat, Bagian Organisasi)."""
    return {
        a.position.pd.kabupaten_id
        for a in scope.authorities
        if a.position.pd.kind in OVERSIGHT_KINDS
    }
