"""Starting a process and running its transitions."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from organisation.calendar import calendar_for_pd
from organisation.models import PerangkatDaerah, Position, Team, User
from sop.models import SopRevision, SopStep

from .. import exceptions as e
from .. import extensions
from ..checks import TEAM_PURPOSE, missing_requirements
from ..engine import step_transitions
from ..models import DONE, AuditEntry, Process, ReviewNote, Task, step_state
from ..policy import Actor, may_start, user_scope
from .common import access_process_by_id, acting_task, audit, emit, refused, resolve_now

ROLE_OF_PELAKSANA = {
    "kepala_pd": Position.Role.KEPALA,
    "sekretaris_pd": Position.Role.SEKRETARIS,
}
PELAKSANA_UNRESOLVED = "Pelaksana '{pelaksana}' tidak ditemukan di {pd}."
SYSTEM_STARTED = "Proses {name} dimulai oleh sistem (misalnya saat LHE dicatat), bukan manual."
NO_SOP = "SOP '{code}' belum dimuat (jalankan manage.py load_sops)."
TRIWULAN = {1: "Triwulan I", 2: "Triwulan II", 3: "Triwulan III", 4: "Triwulan IV"}


def pengampu_positions(process: Process) -> list[Position]:
    """The pengampu of a PD's indicators (one form each): as the app owning the indicators
    says (workflow.extensions), else the Sekretariat and each Kasi."""
    for resolver in extensions.pengampu_resolvers:
        positions = resolver(process)
        if positions:
            return positions
    return list(
        Position.objects.filter(
            pd=process.pd, role__in=[Position.Role.SEKRETARIS, Position.Role.KASI]
        ).order_by("order")
    )


def reopened_positions(process: Process, positions: list[Position]) -> list[Position]:
    """On a return to a fan-out step, only the forms the decision named in its koreksi notes
    (target "formulir", the position's code) reopen; none named: all of them."""
    last = (
        Task.objects.filter(process=process, status=Task.Status.DONE)
        .order_by("-completed_at", "-pk")
        .first()
    )
    if last is None:
        return positions
    named = set(
        ReviewNote.objects.filter(
            task=last, kind=ReviewNote.Kind.KOREKSI, target_type=ReviewNote.Target.FORMULIR
        ).values_list("target_ref", flat=True)
    )
    chosen = [p for p in positions if p.code in named]
    return chosen or positions


def _tasks_for(process: Process, step: SopStep, *, visit: int, now: dt.datetime) -> list[Task]:
    calendar = calendar_for_pd(process.pd)
    due = calendar.add(now, step.duration) if step.duration else None
    due = extensions.due_for(process, step, due, calendar)
    base = {
        "process": process,
        "step": step,
        "visit": visit,
        "pelaksana": step.pelaksana,
        "started_at": now,
        "due_at": due,
    }
    if step.fan_out == "pengampu" or step.pelaksana == "pengampu":
        positions = reopened_positions(process, pengampu_positions(process))
        return [Task(**base, position=p) for p in positions]
    if step.pelaksana in ROLE_OF_PELAKSANA:
        position = Position.objects.filter(
            pd=process.pd, role=ROLE_OF_PELAKSANA[step.pelaksana]
        ).first()
        if position is None:
            raise e.InvalidInput(
                PELAKSANA_UNRESOLVED.format(pelaksana=step.pelaksana, pd=process.pd)
            )
        return [Task(**base, position=position)]
    resolved = extensions.position_for(process, step)
    if resolved is not None:
        return [Task(**base, position=resolved)]
    if step.pelaksana in TEAM_PURPOSE:
        team = Team.objects.filter(
            pd=process.pd, year=process.year, purpose=TEAM_PURPOSE[step.pelaksana]
        ).first()
        if team is None:
            raise e.Incomplete(
                e.INCOMPLETE.format(missing=f"{TEAM_PURPOSE[step.pelaksana].label} belum ada")
            )
        return [Task(**base, team=team)]
    return [Task(**base)]  # inspektorat (assigned auditors), staf (the PD's staff)


def enter_step(process: Process, step: SopStep, *, now: dt.datetime) -> list[Task]:
    visit = Task.objects.filter(process=process, step=step).values("visit").distinct().count() + 1
    tasks = Task.objects.bulk_create(_tasks_for(process, step, visit=visit, now=now))
    emit("tasks_opened", process, task_ids=[t.pk for t in tasks], now=now)
    return tasks


def _deadline(revision: SopRevision, pd: PerangkatDaerah, year: int) -> dt.datetime | None:
    if revision.identity.get("tenggat") == "lkjip":
        return calendar_for_pd(pd).deadline_moment(pd.kabupaten.lkjip_deadline_date(year))
    return None


def process_start(
    *,
    sop_code: str,
    pd: PerangkatDaerah,
    year: int,
    actor_user: User | None,
    period: int = 0,
    subject: str = "",
    now: dt.datetime | None = None,
) -> Process:
    """Start a process on the latest revision of the SOP. `actor_user` None is the system
    (the quarterly beat); a person must be the PD's Kepala or Sekretaris (or their Plh)."""
    now = resolve_now(now)
    actor: Actor | None = None
    if actor_user is not None:
        actor = may_start(user_scope(actor_user, timezone.localdate(now)), pd)
        if actor is None:
            raise refused(
                e.NotAllowed(e.NOT_ALLOWED_TO_START),
                user=actor_user,
                process_id=None,
                what=f"start {sop_code}",
            )
    revision = SopRevision.objects.filter(sop__code=sop_code).order_by("-number").first()
    if revision is None:
        raise e.InvalidInput(NO_SOP.format(code=sop_code))
    if actor_user is not None and revision.identity.get("dimulai_oleh") == "sistem":
        raise refused(
            e.InvalidInput(SYSTEM_STARTED.format(name=revision.name)),
            user=actor_user,
            process_id=None,
            what=f"start {sop_code}",
        )
    first = revision.steps.order_by("position").first()
    suffix = f" {TRIWULAN[period]}" if period else ""
    title = f"{revision.name} — {pd.name} {year}{suffix}"
    try:
        with transaction.atomic():
            process = Process.objects.create(
                revision=revision,
                sop_code=sop_code,
                pd=pd,
                year=year,
                period=period,
                subject=subject,
                title=title,
                state=step_state(first.number),
                current_step=first,
                started_at=now,
                started_by=actor_user,
                deadline=_deadline(revision, pd, year),
            )
            audit(
                process=process,
                kind=AuditEntry.Kind.START,
                actor=actor,
                now=now,
                to_state=process.state,
            )
            enter_step(process, first, now=now)
    except IntegrityError:
        raise e.WrongState(e.PROCESS_EXISTS.format(title=title)) from None
    return process


def process_transition(
    *,
    process_id: int,
    action: str,
    actor_user: User,
    note: str = "",
    now: dt.datetime | None = None,
) -> Process:
    """Run `action` on the process as `actor_user`: the one audited path of every state
    change. Refused (wrong role, wrong state, missing documents or data, a concurrent
    change): nothing is written but a log line."""
    now = resolve_now(now)
    try:
        with transaction.atomic():
            return _transition(process_id, action, actor_user, note, now)
    except e.WorkflowError as error:
        raise refused(error, user=actor_user, process_id=process_id, what=action) from None


def _transition(process_id: int, action: str, user: User, note: str, now: dt.datetime):
    process, scope = access_process_by_id(
        user, process_id, for_update=True, day=timezone.localdate(now)
    )
    all_actions = {b["action"] for s in process.revision.steps.all() for b in s.branches}
    if action not in all_actions:
        raise e.InvalidInput(e.UNKNOWN_ACTION.format(action=action))
    if process.is_finished:
        raise e.WrongState(e.PROCESS_FINISHED)
    step = process.current_step
    transition = next((t for t in step_transitions(step) if t.action == action), None)
    if transition is None:
        raise e.WrongState(e.WRONG_STATE.format(action=action, state=process.state))
    task, actor = acting_task(process, scope)
    missing = missing_requirements(process, task, transition.documents, transition.checks)
    if missing:
        raise e.Incomplete(e.INCOMPLETE.format(missing="; ".join(missing)), details=missing)

    task.status = Task.Status.DONE
    task.completed_at, task.completed_by = now, user
    task.completed_on_behalf_of, task.outcome = actor.on_behalf_of, action
    task.save(
        update_fields=[
            "status",
            "completed_at",
            "completed_by",
            "completed_on_behalf_of",
            "outcome",
        ]
    )
    documents = list(task.documents.all())
    from_state = process.state

    siblings_open = Task.objects.filter(
        process=process, step=step, visit=task.visit, status=Task.Status.OPEN
    ).exists()
    if siblings_open:  # a fan-out step: the join waits for every pengampu
        audit(
            process=process,
            kind=AuditEntry.Kind.TRANSITION,
            actor=actor,
            now=now,
            task=task,
            action=action,
            from_state=from_state,
            to_state=from_state,
            note=note,
            documents=documents,
        )
        emit("task_completed", process, task_id=task.pk, action=action, now=now)
        return process

    next_step = None
    if transition.target != DONE:
        number = int(transition.target.removeprefix("langkah-"))
        next_step = next(s for s in process.revision.steps.all() if s.number == number)
    process.move_to(transition.target)
    extensions.run_effects(process, transition, actor, now)
    process.current_step = next_step
    process.finished_at = now if next_step is None else None
    try:
        process.save(update_fields=["state", "current_step", "finished_at"])
    except ConcurrentTransition:
        raise e.ConcurrentChange(e.CONCURRENT_CHANGE) from None
    audit(
        process=process,
        kind=AuditEntry.Kind.TRANSITION,
        actor=actor,
        now=now,
        task=task,
        action=action,
        from_state=from_state,
        to_state=process.state,
        note=note,
        documents=documents,
    )
    if next_step is not None:
        enter_step(process, next_step, now=now)
    emit(
        "transition",
        process,
        action=action,
        from_state=from_state,
        to_state=process.state,
        actor_id=user.pk,
        news=transition.news,
        now=now,
    )
    return process
