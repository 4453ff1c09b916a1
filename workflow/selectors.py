"""Reads of the workflow shared by the API and the web pages: a user's inbox, the processes
they may see, and everything a process page shows, including which actions the user may
take now and, when not, why. Writes stay in workflow.services; who may act stays in
workflow.policy: these functions only ask them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, F, QuerySet, Value, When
from django.utils import timezone

from organisation.models import User

from . import exceptions as e
from .checks import missing_requirements
from .engine import step_transitions
from .models import AuditEntry, Disposisi, Document, Process, ReviewNote, Task
from .policy import UserScope, task_q, user_scope, visible_processes
from .schedule import Schedule, process_schedule
from .services.common import acting_task


@dataclass(frozen=True)
class TransitionOption:
    """One action of the current step as a user sees it: `allowed` is what the transition
    service would decide now; `reasons` say why not (not the pelaksana, what is missing)."""

    action: str
    label: str
    target: str
    allowed: bool
    reasons: list[str]


@dataclass(frozen=True)
class ProcessOverview:
    process: Process
    tasks: list[Task]
    history: list[AuditEntry]
    documents: list[Document]
    notes: list[ReviewNote]
    disposisi: list[Disposisi]
    schedule: Schedule
    available_transitions: list[TransitionOption]


def inbox_tasks(*, user: User, now: dt.datetime, day: dt.date | None = None) -> QuerySet[Task]:
    """The open tasks `user` may act on across every process, soonest due first. A fixed
    number of queries whatever the number of tasks (the scope is read once)."""
    scope = user_scope(user, day or timezone.localdate(now))
    return (
        Task.objects.filter(task_q(scope), status=Task.Status.OPEN)
        .select_related("process__revision", "process__pd", "step", "position", "team")
        .annotate(
            is_overdue=Case(
                When(due_at__lt=now, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by(F("due_at").asc(nulls_last=True), "started_at", "id")
    )


def process_list(
    *, user: User, year: int | None = None, state: str | None = None
) -> QuerySet[Process]:
    processes = visible_processes(user).select_related("pd", "current_step")
    if year is not None:
        processes = processes.filter(year=year)
    if state:
        processes = processes.filter(state=state)
    return processes


def available_transitions(*, process: Process, scope: UserScope) -> list[TransitionOption]:
    """The transitions of the current step, each with whether `scope.user` may run it now:
    the same rules process_transition applies (pelaksana, then missing requirements)."""
    if process.is_finished or process.current_step is None:
        return []
    transitions = step_transitions(process.current_step)
    try:
        task, _actor = acting_task(process, scope)
    except e.NotAllowed as refusal:
        return [
            TransitionOption(t.action, t.label, t.target, allowed=False, reasons=[refusal.message])
            for t in transitions
        ]
    options = []
    for t in transitions:
        missing = missing_requirements(process, task, t.documents, t.checks)
        options.append(
            TransitionOption(t.action, t.label, t.target, allowed=not missing, reasons=missing)
        )
    return options


def process_overview(*, process: Process, scope: UserScope, now: dt.datetime) -> ProcessOverview:
    """Everything a process page shows. `process` comes from access_process_by_id."""
    return ProcessOverview(
        process=process,
        tasks=list(
            process.tasks.select_related(
                "step", "position", "team", "completed_by", "completed_on_behalf_of"
            )
        ),
        history=list(
            AuditEntry.objects.filter(process=process).select_related(
                "step", "actor", "on_behalf_of", "as_position"
            )
        ),
        documents=list(
            process.documents.select_related("uploaded_by", "on_behalf_of", "signature")
        ),
        notes=process_notes(process=process),
        disposisi=process_disposisi(process=process),
        schedule=process_schedule(process, now=now),
        available_transitions=available_transitions(process=process, scope=scope),
    )


def process_notes(*, process: Process) -> list[ReviewNote]:
    return list(
        ReviewNote.objects.filter(process=process).select_related(
            "author", "responded_by", "response_document"
        )
    )


def process_disposisi(*, process: Process) -> list[Disposisi]:
    return list(
        Disposisi.objects.filter(process=process).select_related(
            "diteruskan_kepada", "created_by", "on_behalf_of"
        )
    )
