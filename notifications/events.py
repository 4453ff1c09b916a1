"""Workflow events turned into notifications, inside the event's transaction."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from organisation.calendar import format_waktu
from organisation.models import Position
from workflow.models import Process, ReviewNote, Task
from workflow.policy import Recipient, process_heads, task_recipients

from .models import Kind
from .services import CalendarCache, Message, notify

logger = logging.getLogger("notifications")

NEWS_KIND = {
    "ditandatangani": Kind.SIGNED,
    "disampaikan": Kind.DELIVERED,
    "diarsipkan": Kind.ARCHIVED,
}


def process_url(process: Process) -> str:
    return f"/proses/{process.pk}/"


def _step_text(task: Task) -> str:
    return f"Langkah {task.step.number}: {task.step.uraian}"


def _due_text(task: Task) -> str:
    if task.due_at is None:
        return "Langkah ini tidak memiliki batas waktu (mutu baku) pada SOP."
    return f"Batas waktu: {format_waktu(task.due_at)}."


def on_workflow_event(event: str, process: Process, **payload) -> None:
    now: dt.datetime = payload.get("now") or timezone.now()
    handler = HANDLERS.get(event)
    if handler is not None:
        handler(process, now, payload)
        _deliver_after_commit()


def _deliver_after_commit() -> None:
    """One delivery request per transaction, however many events it had."""
    connection = transaction.get_connection()
    if not any(entry[1] is schedule_delivery for entry in connection.run_on_commit):
        transaction.on_commit(schedule_delivery)


def schedule_delivery() -> None:
    """After commit: ask a worker to deliver. If Redis is down this fails at once (no
    connection retries: the user's request must not hang) and the rows stay pending; the
    beat's sweep delivers them once Redis is back."""
    from config.celery import app

    from .tasks import deliver_pending

    try:
        with app.connection_for_write(
            connect_timeout=1,
            transport_options={**app.conf.broker_transport_options, "max_retries": 0},
        ) as connection:
            deliver_pending.apply_async(retry=False, connection=connection)
    except Exception:
        logger.warning("broker unreachable; e-mail delivery deferred to the beat's sweep")


def _send_to(
    recipients: list[Recipient],
    message: Message,
    key: str,
    now: dt.datetime,
    process: Process,
    task: Task | None = None,
) -> None:
    for r in recipients:
        notify(
            recipient=r.user,
            message=message,
            key=f"{key}:{r.user.pk}",
            now=now,
            process=process,
            task=task,
            on_behalf_of=r.on_behalf_of,
        )


def _tasks_opened(process: Process, now: dt.datetime, payload: dict) -> None:
    returned = ReviewNote.objects.filter(process=process, responded_at__isnull=True).exists()
    tasks = Task.objects.filter(pk__in=payload["task_ids"]).select_related(
        "step", "position", "team", "process__pd"
    )
    for task in tasks:
        if returned:
            message = Message(
                Kind.RETURNED,
                f"Dikembalikan: {process.title}",
                f"{_step_text(task)}\nAda catatan reviu/koreksi yang harus ditanggapi.\n"
                f"{_due_text(task)}",
                process_url(process),
            )
        else:
            message = Message(
                Kind.TASK_ASSIGNED,
                f"Tugas baru: {process.title}",
                f"{_step_text(task)}\n{_due_text(task)}",
                process_url(process),
            )
        day = timezone.localdate(now)
        _send_to(
            task_recipients(task, day), message, f"{message.kind}:task{task.pk}", now, process, task
        )


def _transition(process: Process, now: dt.datetime, payload: dict) -> None:
    kind = NEWS_KIND.get(payload.get("news") or "")
    if kind is None:
        return
    label = next(
        (
            b["label"]
            for step in process.revision.steps.all()
            for b in step.branches
            if b["action"] == payload["action"]
        ),
        payload["action"],
    )
    message = Message(
        kind,
        f"{kind.label}: {process.title}",
        f"{label}: dicatat pada {format_waktu(now)}.",
        process_url(process),
    )
    _send_to(
        process_heads(process, timezone.localdate(now)),
        message,
        f"{kind}:process{process.pk}:{payload['action']}:{now.isoformat()}",
        now,
        process,
    )


def _disposisi(process: Process, now: dt.datetime, payload: dict) -> None:
    from workflow.models import Disposisi
    from workflow.policy import _recipients_of_positions

    disposisi = Disposisi.objects.get(pk=payload["disposisi_id"])
    position = Position.objects.get(pk=payload["position_id"])
    message = Message(
        Kind.DISPOSISI,
        f"Disposisi: {disposisi.perihal}",
        f"Dari {disposisi.created_by.display_name}, sifat {disposisi.get_sifat_display()}.\n"
        f"{disposisi.catatan}",
        process_url(process),
    )
    _send_to(
        _recipients_of_positions([position], timezone.localdate(now)),
        message,
        f"disposisi:{disposisi.pk}",
        now,
        process,
    )


def _auditors_assigned(process: Process, now: dt.datetime, payload: dict) -> None:
    task = process.tasks.filter(status=Task.Status.OPEN, pelaksana="inspektorat").first()
    from organisation.models import User

    message = Message(
        Kind.TASK_ASSIGNED,
        f"Penugasan reviu: {process.title}",
        "Anda ditugaskan mereviu laporan ini." + (f"\n{_due_text(task)}" if task else ""),
        process_url(process),
    )
    _send_to(
        [Recipient(u) for u in User.objects.filter(pk__in=payload["user_ids"])],
        message,
        f"reviu:process{process.pk}",
        now,
        process,
        task,
    )


HANDLERS = {
    "tasks_opened": _tasks_opened,
    "transition": _transition,
    "disposisi": _disposisi,
    "auditors_assigned": _auditors_assigned,
}

__all__ = ["CalendarCache", "on_workflow_event", "process_url"]
