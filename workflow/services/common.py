"""What the services share: loading a process the user may see, finding the task the
user acts on, and writing the audit trail."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.utils import timezone

from organisation.models import User

from .. import exceptions as e
from ..models import AuditEntry, Document, Process, Task
from ..policy import Actor, UserScope, actor_for_task, may_view, user_scope

logger = logging.getLogger("workflow")

# Called inside the transaction with (event name, process, payload): notifications
# register here and write their outbox rows.
event_listeners: list[Callable[..., None]] = []


def access_process_by_id(
    user: User, process_id: int, *, for_update: bool = False, day: dt.date | None = None
) -> tuple[Process, UserScope]:
    """The only way services load a process: 'does not exist' and 'not yours' give the same
    NotFound. With `for_update` the row is locked until the transaction ends."""
    if for_update:
        # Lock the bare row first, then read it with its relations. Locking the joined
        # query instead would, on PostgreSQL, re-check a concurrently updated row against
        # the old joined rows and return current_step = None.
        list(Process.objects.select_for_update().filter(pk=process_id).values_list("pk"))
    process = (
        Process.objects.select_related("pd__kabupaten", "revision", "current_step")
        .filter(pk=process_id)
        .first()
    )
    scope = user_scope(user, day)
    if process is None or not may_view(scope, process):
        raise e.NotFound(e.PROCESS_NOT_FOUND)
    return process, scope


def open_tasks(process: Process) -> list[Task]:
    return list(
        process.tasks.filter(status=Task.Status.OPEN, step_id=process.current_step_id)
        .select_related("step", "team", "position")
        .prefetch_related("team__members")
    )


def acting_task(process: Process, scope: UserScope) -> tuple[Task, Actor]:
    """The open task of the current step the user may act on, with the authority.

    Raises WrongState when the process is finished and NotAllowed when the user is not a
    pelaksana of the current step."""
    if process.is_finished:
        raise e.WrongState(e.PROCESS_FINISHED)
    tasks = open_tasks(process)
    for task in tasks:
        actor = actor_for_task(scope, task)
        if actor is not None:
            return task, actor
    step = process.current_step
    label = process.revision.column_labels.get(step.pelaksana, step.pelaksana) if step else "-"
    raise e.NotAllowed(e.NOT_YOUR_TASK.format(pelaksana=label))


def audit(
    *,
    process: Process,
    kind: str,
    actor: Actor | None,
    now: dt.datetime,
    task: Task | None = None,
    action: str = "",
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    documents: list[Document] | None = None,
    data: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        process=process,
        kind=kind,
        action=action,
        from_state=from_state,
        to_state=to_state,
        step=task.step if task else process.current_step,
        task=task,
        actor=actor.user if actor else None,
        on_behalf_of=actor.on_behalf_of if actor else None,
        as_position=actor.position if actor else None,
        note=note,
        documents=[
            {"id": d.pk, "kind": d.kind, "name": d.original_name, "sha256": d.sha256}
            for d in documents or []
        ],
        data=data or {},
        created_at=now,
    )


def emit(event: str, process: Process, **payload) -> None:
    """Tell the listeners now, inside the transaction: what they write (the notification
    outbox) commits with the change or rolls back with it. Sending happens after commit."""
    for listener in event_listeners:
        listener(event, process, **payload)


def resolve_now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def refused(error: e.WorkflowError, *, user: User, process_id: int | None, what: str):
    """A refused action leaves no trace but this log line."""
    logger.info(
        "refused %s by %s on process %s: %s (%s)",
        what,
        getattr(user, "username", "?"),
        process_id,
        error.code,
        error.message,
    )
    return error
