"""The beat's scan: reminders before each step is due, at due, daily while overdue, the
escalation to the superior, reminders before the LKjIP deadline and the at-risk alert.

Deadlines live in the database; the scan reads only open tasks by due time (a partial
index), so its cost does not grow with the number of closed tasks. Every reminder has a
unique key, so two ticks, two beats or a retried task never send one twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from organisation.calendar import format_tanggal, format_waktu
from workflow.models import AuditEntry, Process, Task
from workflow.policy import process_heads, task_escalation_recipients, task_recipients
from workflow.schedule import process_schedule

from .events import process_url
from .models import DeadlineReminderPolicy, Kind, Notification, ReminderPolicy
from .services import CalendarCache, Message, notify

DEFAULT_DEADLINE_DAYS = [30, 14, 7, 3, 1]
LOOKAHEAD = dt.timedelta(days=21)  # wall-clock window that holds every 'before' offset


@dataclass
class ScanResult:
    created: dict[str, int] = field(default_factory=dict)
    tasks_examined: int = 0
    processes_examined: int = 0

    def add(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1


@dataclass(frozen=True)
class StepPolicy:
    before_minutes: tuple[int, ...]
    escalate_after_minutes: int
    daily_overdue: bool


def default_policy(duration_minutes: int | None, minutes_per_day: int) -> StepPolicy:
    """Sensible defaults: minute-long steps are reminded halfway; day-long ones three days
    and one day before (whichever fit inside the step); a step due on a target date rather
    than after a waktu, five days and one day before; escalation after one working day."""
    if not duration_minutes:
        # A due time set by a target date (a follow-up's): five days and one day before.
        return StepPolicy((5 * minutes_per_day, minutes_per_day), minutes_per_day, True)
    if duration_minutes < minutes_per_day:
        before = (max(5, duration_minutes // 2),)
    else:
        before = tuple(
            d for d in (3 * minutes_per_day, minutes_per_day) if d < duration_minutes
        ) or (duration_minutes // 2,)
    return StepPolicy(before, minutes_per_day, True)


class PolicyBook:
    """Every ReminderPolicy row, read once: the most specific one wins (step, then SOP,
    then global), else the default for the step's duration."""

    def __init__(self):
        self.rows = {(p.sop_code, p.step_number): p for p in ReminderPolicy.objects.all()}

    def for_task(self, task: Task, minutes_per_day: int) -> StepPolicy:
        code, number = task.process.sop_code, task.step.number
        for key in ((code, number), (code, None), ("", None)):
            row = self.rows.get(key)
            if row is not None:
                return StepPolicy(
                    tuple(row.before_minutes), row.escalate_after_minutes, row.daily_overdue
                )
        duration = task.step.duration
        minutes = duration.working_minutes(minutes_per_day) if duration else None
        return default_policy(minutes, minutes_per_day)


def scan(now: dt.datetime | None = None) -> ScanResult:
    now = now or timezone.now()
    result, cache, book = ScanResult(), CalendarCache(), PolicyBook()
    day = timezone.localdate(now)
    tasks = (
        Task.objects.filter(status=Task.Status.OPEN, due_at__lte=now + LOOKAHEAD)
        .select_related("step", "process__pd__kabupaten", "position__superior", "team")
        .order_by("due_at", "id")
    )
    tasks = list(tasks)
    sent = _sent_base_keys(tasks)
    for task in tasks:
        result.tasks_examined += 1
        _task_reminders(task, now, day, cache, book, result, sent)
    _deadline_reminders(now, day, cache, result)
    return result


def _sent_base_keys(tasks: list[Task]) -> set[str]:
    """Reminder keys already written for these tasks, without their recipient part: a
    steady-state tick then resolves no recipients and writes nothing (one query)."""
    keys = Notification.objects.filter(
        task_id__in=[t.pk for t in tasks],
        kind__in=[Kind.DUE_SOON, Kind.DUE, Kind.OVERDUE, Kind.ESCALATION],
    ).values_list("key", flat=True)
    return {key.rsplit(":", 1)[0] for key in keys}


def _task_reminders(task, now, day, cache, book, result, sent) -> None:
    calendar = cache.for_pd(task.process.pd)
    policy = book.for_task(task, calendar.minutes_per_day)
    due, due_key = task.due_at, task.due_at.isoformat()
    wanted: list[tuple[str, str, Message, bool]] = []  # (kind, key, message, to superior)
    step = f"Langkah {task.step.number}: {task.step.uraian[:120]}"
    url = process_url(task.process)
    local_due = timezone.localtime(due)
    if now < due:
        passed = [
            m
            for m in policy.before_minutes
            if calendar.subtract(due, dt.timedelta(minutes=m)) <= now
        ]
        key = f"due_soon:{task.pk}:{due_key}:{min(passed)}" if passed else None
        if key and key not in sent:  # only the latest reminder due; earlier ones are moot
            wanted.append(
                (
                    Kind.DUE_SOON,
                    key,
                    Message(
                        Kind.DUE_SOON,
                        f"Segera jatuh tempo: {task.process.title}",
                        f"{step}\nJatuh tempo {format_waktu(due)} "
                        f"({calendar.as_duration_text(calendar.between(now, due))} kerja lagi).",
                        url,
                    ),
                    False,
                )
            )
    else:
        key = f"due:{task.pk}:{due_key}"
        if key not in sent:
            wanted.append(
                (
                    Kind.DUE,
                    key,
                    Message(
                        Kind.DUE,
                        f"Jatuh tempo: {task.process.title}",
                        f"{step}\nJatuh tempo {format_waktu(due)}.",
                        url,
                    ),
                    False,
                )
            )
        key = f"overdue:{task.pk}:{due_key}:{day.isoformat()}"
        if (
            policy.daily_overdue
            and key not in sent
            and day > local_due.date()
            and calendar.is_working_day(day)
        ):
            late = calendar.between(due, now)
            wanted.append(
                (
                    Kind.OVERDUE,
                    key,
                    Message(
                        Kind.OVERDUE,
                        f"Terlambat: {task.process.title}",
                        f"{step}\nTerlambat {calendar.as_duration_text(late)} sejak "
                        f"{format_waktu(due)}.",
                        url,
                    ),
                    False,
                )
            )
        key = f"escalation:{task.pk}:{due_key}"
        escalate_at = calendar.add(due, dt.timedelta(minutes=policy.escalate_after_minutes))
        if key not in sent and now >= escalate_at:
            late = calendar.between(due, now)
            wanted.append(
                (
                    Kind.ESCALATION,
                    key,
                    Message(
                        Kind.ESCALATION,
                        f"Eskalasi: {task.process.title}",
                        f"{step}\nTerlambat {calendar.as_duration_text(late)} dari batas waktu "
                        f"{format_waktu(due)}. Mohon arahan Bapak/Ibu.",
                        url,
                    ),
                    True,
                )
            )
    if not wanted:
        return
    pelaksana = task_recipients(task, day)
    superiors = None
    for kind, key, message, to_superior in wanted:
        if to_superior:
            superiors = (
                superiors if superiors is not None else task_escalation_recipients(task, day)
            )
            recipients = superiors
        else:
            recipients = pelaksana
        for r in recipients:
            made = notify(
                recipient=r.user,
                message=message,
                key=f"{key}:{r.user.pk}",
                now=now,
                process=task.process,
                task=task,
                on_behalf_of=r.on_behalf_of,
                calendar=cache.for_user(r.user, task.process.pd, day),
            )
            if made:
                result.add(kind)


def _position(process: Process) -> str:
    step = process.current_step
    return f"langkah {step.number}" if step else "selesai"


def _deadline_days(process: Process) -> list[int]:
    policy = (
        DeadlineReminderPolicy.objects.filter(kabupaten_id=process.pd.kabupaten_id).first()
        or DeadlineReminderPolicy.objects.filter(kabupaten__isnull=True).first()
    )
    return list(policy.days_before) if policy and policy.days_before else DEFAULT_DEADLINE_DAYS


def _delivered(process: Process) -> bool:
    actions = [
        b["action"]
        for s in process.revision.steps.all()
        for b in s.branches
        if b.get("news") == "disampaikan"
    ]
    return AuditEntry.objects.filter(
        process=process, kind="transition", action__in=actions
    ).exists()


def _deadline_reminders(now, day, cache, result) -> None:
    processes = Process.objects.filter(
        Q(finished_at__isnull=True),
        deadline__isnull=False,
        deadline__gt=now,
        deadline__lte=now + dt.timedelta(days=400),
    ).select_related("pd__kabupaten", "revision", "current_step")
    for process in processes:
        result.processes_examined += 1
        if _delivered(process):
            continue
        days_left = (timezone.localtime(process.deadline).date() - day).days
        due_offsets = [d for d in _deadline_days(process) if days_left <= d]
        recipients = None
        local_deadline = timezone.localtime(process.deadline)
        if due_offsets:
            nearest = min(due_offsets)
            message = Message(
                Kind.DEADLINE,
                f"Batas akhir {format_tanggal(local_deadline.date())}: {process.title}",
                f"Sisa {days_left} hari menuju batas penyampaian LKjIP "
                f"({format_waktu(process.deadline)}). Posisi: {_position(process)}.",
                process_url(process),
            )
            recipients = process_heads(process, day)
            for r in recipients:
                if notify(
                    recipient=r.user,
                    message=message,
                    key=f"deadline:{process.pk}:{process.deadline.isoformat()}:{nearest}:"
                    f"{r.user.pk}",
                    now=now,
                    process=process,
                    on_behalf_of=r.on_behalf_of,
                    calendar=cache.for_user(r.user, process.pd, day),
                ):
                    result.add(Kind.DEADLINE)
        schedule = process_schedule(process, now=now, calendar=cache.for_pd(process.pd))
        if schedule.at_risk:
            message = Message(
                Kind.AT_RISK,
                f"Berisiko terlambat: {process.title}",
                f"Perkiraan selesai {format_waktu(schedule.forecast_end)} "
                f"melewati batas akhir {format_tanggal(local_deadline.date())}.",
                process_url(process),
            )
            recipients = recipients if recipients is not None else process_heads(process, day)
            for r in recipients:
                if notify(
                    recipient=r.user,
                    message=message,
                    key=f"at_risk:{process.pk}:{process.deadline.isoformat()}:{r.user.pk}",
                    now=now,
                    process=process,
                    on_behalf_of=r.on_behalf_of,
                    calendar=cache.for_user(r.user, process.pd, day),
                ):
                    result.add(Kind.AT_RISK)
