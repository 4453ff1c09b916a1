"""Open work follows positions, not persons: when someone moves (mutasi), the tasks of
their old position stay on the position and reach its next holder or Plh. This hook
records that in each affected process's audit trail."""

from __future__ import annotations

from django.utils import timezone

from organisation.calendar import format_tanggal

from ..models import AuditEntry, Task
from .common import audit


def tasks_follow_mutasi(*, user, old_position, new_position, effective) -> None:
    if old_position is None:
        return
    now = timezone.now()
    for task in Task.objects.filter(status=Task.Status.OPEN, position=old_position).select_related(
        "process", "step"
    ):
        audit(
            process=task.process,
            kind=AuditEntry.Kind.REASSIGN,
            actor=None,
            now=now,
            task=task,
            note=f"{user.display_name} dimutasi ke {new_position.title} mulai "
            f"{format_tanggal(effective)}; tugas tetap pada jabatan {old_position.title}.",
            data={"user": user.username, "from": old_position.pk, "to": new_position.pk},
        )
