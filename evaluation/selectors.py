"""Reads of the SAKIP evaluation: a PD's recommendations with their follow-up state, and
the summaries for the Camat (per PD) and the Inspektorat (per kabupaten)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from workflow.models import Task

from .models import FollowUp, Lhe, Recommendation
from .services import STATUS, status_of

STATES = [code for code, _label in STATUS.values()]
LABELS = dict(STATUS.values())


@dataclass
class FollowUpRow:
    recommendation: Recommendation
    follow_up: FollowUp
    status: str
    status_label: str
    task: Task | None  # the open task, if any
    overdue: bool


@dataclass
class Summary:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    overdue: int = 0

    @property
    def verified(self) -> int:
        return self.by_status["terverifikasi"]

    def add(self, status: str, overdue: bool) -> None:
        self.total += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        self.overdue += int(overdue)

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "per_status": dict(self.by_status),
            "terlambat": self.overdue,
            "terverifikasi": self.verified,
        }


def lhe_list(pd):
    return Lhe.objects.filter(pd=pd).prefetch_related("scores__component").order_by("-year")


def rows_of(lhe: Lhe, now: dt.datetime | None = None) -> list[FollowUpRow]:
    now = now or timezone.now()
    open_tasks = Prefetch(
        "follow_up__process__tasks",
        queryset=Task.objects.filter(status=Task.Status.OPEN).select_related("position"),
        to_attr="open_tasks",
    )
    recommendations = (
        Recommendation.objects.filter(lhe=lhe)
        .select_related("component", "follow_up__process", "follow_up__pic", "carried_from__lhe")
        .prefetch_related(open_tasks, "follow_up__evidence")
        .order_by("component__order", "number")
    )
    rows = []
    for rec in recommendations:
        follow_up = rec.follow_up
        task = next(iter(follow_up.process.open_tasks), None)
        status, label = status_of(follow_up.process)
        # Late on the PD's side: a verification waiting at the Inspektorat is not the PD's.
        overdue = bool(
            task and task.due_at and task.due_at < now and task.pelaksana != "inspektorat"
        )
        rows.append(FollowUpRow(rec, follow_up, status, label, task, overdue))
    return rows


def pd_summary(pd, now: dt.datetime | None = None) -> Summary:
    """Every follow-up of the PD (each counted once, whichever LHE lists it)."""
    now = now or timezone.now()
    summary = Summary()
    follow_ups = FollowUp.objects.filter(pd=pd).select_related("process")
    overdue_ids = set(
        Task.objects.filter(process__follow_up__pd=pd, status=Task.Status.OPEN, due_at__lt=now)
        .exclude(pelaksana="inspektorat")
        .values_list("process_id", flat=True)
    )
    for follow_up in follow_ups:
        summary.add(status_of(follow_up.process)[0], follow_up.process_id in overdue_ids)
    return summary


def kabupaten_summary(kabupaten_id: int, now: dt.datetime | None = None) -> list[tuple]:
    """(PD, Summary) for every PD of the kabupaten with an LHE, by name."""
    from organisation.models import PerangkatDaerah

    pds = PerangkatDaerah.objects.filter(kabupaten_id=kabupaten_id, lhe__isnull=False).distinct()
    return [(pd, pd_summary(pd, now)) for pd in pds.order_by("name")]
