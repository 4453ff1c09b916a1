"""Who may see and act on a process: the one place that decides, used by the services,
the API and the web pages alike.

Pelaksana resolve through the organisation at the moment of the action:
- a task on a position (Kepala PD, Sekretaris PD, a pengampu) belongs to whoever holds the
  position that day or acts for it as Plh/Plt;
- a task on a team (Tim Penyusun, Tim SAKIP) belongs to whoever holds or acts for a
  member's jabatan in the team's SK;
- a task of the Inspektorat belongs to the auditors the Inspektorat assigned to this
  process (a django-guardian object permission);
- a task for staf belongs to the PD's staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from organisation.models import PerangkatDaerah, Position, TeamMember, User
from organisation.selectors import Authority, authorities_of

from .extensions import co_actor_positions, co_actor_resolvers
from .models import Process, ProcessUserObjectPermission, Task

REVIEW_PERMISSION = "workflow.review_process"
INSPEKTORAT_LEADERS = (Position.Role.KEPALA, Position.Role.IRBAN, Position.Role.SEKRETARIS)


@dataclass(frozen=True)
class Actor:
    """A user acting on a task, as `position`; `on_behalf_of` is set when a Plh/Plt acts."""

    user: User
    position: Position | None
    on_behalf_of: User | None = None


@dataclass
class UserScope:
    """Everything the policy needs to know about a user on a day, read in a fixed number of
    queries, so that lists cost the same whatever their length."""

    user: User
    authorities: list[Authority]
    team_ids: set[int]
    review_process_ids: set[int]

    @property
    def position_ids(self) -> set[int]:
        return {a.position.pk for a in self.authorities}

    @property
    def pd_ids(self) -> set[int]:
        return {a.position.pd_id for a in self.authorities}

    @property
    def staf_pd_ids(self) -> set[int]:
        return {a.position.pd_id for a in self.authorities if a.position.role == "staf"}

    @property
    def inspektorat_kabupaten_ids(self) -> set[int]:
        return {
            a.position.pd.kabupaten_id
            for a in self.authorities
            if a.position.pd.kind == PerangkatDaerah.Kind.INSPEKTORAT
            and a.position.role in INSPEKTORAT_LEADERS
        }

    def authority_for(self, position_id: int) -> Authority | None:
        own = [a for a in self.authorities if a.position.pk == position_id]
        own.sort(key=lambda a: a.is_delegated)  # one's own position before a delegation
        return own[0] if own else None


def user_scope(user: User, day: dt.date | None = None) -> UserScope:
    day = day or timezone.localdate()
    authorities = authorities_of(user=user, day=day) if user.is_authenticated else []
    position_ids = {a.position.pk for a in authorities}
    team_ids = set(
        TeamMember.objects.filter(position_id__in=position_ids).values_list("team_id", flat=True)
    )
    review_ids = (
        set(
            ProcessUserObjectPermission.objects.filter(
                user=user, permission__codename="review_process"
            ).values_list("content_object_id", flat=True)
        )
        if user.is_authenticated
        else set()
    )
    return UserScope(user, authorities, team_ids, review_ids)


def visible_processes_q(scope: UserScope) -> Q:
    return (
        Q(pd_id__in=scope.pd_ids)
        | Q(pk__in=scope.review_process_ids)
        | Q(pd__kabupaten_id__in=scope.inspektorat_kabupaten_ids)
    )


def visible_processes(user: User, day: dt.date | None = None) -> QuerySet[Process]:
    return Process.objects.filter(visible_processes_q(user_scope(user, day)))


def may_view(scope: UserScope, process: Process) -> bool:
    return (
        process.pd_id in scope.pd_ids
        or process.pk in scope.review_process_ids
        or process.pd.kabupaten_id in scope.inspektorat_kabupaten_ids
    )


def task_q(scope: UserScope) -> Q:
    """Open tasks the user may act on, as a filter on Task."""
    return (
        Q(position_id__in=scope.position_ids)
        | Q(team_id__in=scope.team_ids)
        | Q(pelaksana="inspektorat", process_id__in=scope.review_process_ids)
        | Q(pelaksana="staf", position__isnull=True, process__pd_id__in=scope.staf_pd_ids)
    )


def actor_for_task(scope: UserScope, task: Task) -> Actor | None:
    """The authority with which the user may act on `task`, or None."""
    if task.position_id is not None:
        authority = scope.authority_for(task.position_id)
        if authority is None and co_actor_resolvers:
            # Another app may let a second position act (workflow.extensions).
            for position_id in sorted(co_actor_positions(task) & scope.position_ids):
                authority = scope.authority_for(position_id)
                break
        if authority is not None:
            return Actor(scope.user, authority.position, authority.on_behalf_of)
        return None
    if task.team_id is not None:
        if task.team_id not in scope.team_ids:
            return None
        member_positions = {
            m.position_id for m in task.team.members.all() if m.position_id is not None
        }
        for position_id in sorted(member_positions & scope.position_ids):
            authority = scope.authority_for(position_id)
            return Actor(scope.user, authority.position, authority.on_behalf_of)
        return None
    if task.pelaksana == "inspektorat":
        if task.process_id in scope.review_process_ids:
            return Actor(scope.user, _own_position(scope))
        return None
    if task.pelaksana == "staf" and task.process.pd_id in scope.staf_pd_ids:
        return Actor(scope.user, _own_position(scope))
    return None


def _own_position(scope: UserScope) -> Position | None:
    own = [a.position for a in scope.authorities if not a.is_delegated]
    return own[0] if own else None


def may_assign_auditors(scope: UserScope, process: Process) -> bool:
    return process.pd.kabupaten_id in scope.inspektorat_kabupaten_ids


def may_start(scope: UserScope, pd: PerangkatDaerah) -> Actor | None:
    for authority in scope.authorities:
        if authority.position.pd_id == pd.pk and authority.position.role in (
            Position.Role.KEPALA,
            Position.Role.SEKRETARIS,
        ):
            return Actor(scope.user, authority.position, authority.on_behalf_of)
    return None


def assigned_auditors(process: Process) -> QuerySet[User]:
    return User.objects.filter(
        processuserobjectpermission__content_object=process,
        processuserobjectpermission__permission__codename="review_process",
    ).distinct()


__all__ = [
    "REVIEW_PERMISSION",
    "Actor",
    "UserScope",
    "actor_for_task",
    "assigned_auditors",
    "may_assign_auditors",
    "may_start",
    "may_view",
    "task_q",
    "user_scope",
    "visible_processes",
]


@dataclass(frozen=True)
class Recipient:
    """A person to notify about a task or process; `on_behalf_of` when they act as Plh/Plt."""

    user: User
    on_behalf_of: User | None = None
    position: Position | None = None


def _recipients_of_positions(positions, day: dt.date) -> list[Recipient]:
    from organisation.selectors import position_actors

    seen, out = set(), []
    for position in positions:
        for authority in position_actors(position=position, day=day):
            if authority.user.pk not in seen:
                seen.add(authority.user.pk)
                out.append(Recipient(authority.user, authority.on_behalf_of, position))
    return out


def task_recipients(task: Task, day: dt.date | None = None) -> list[Recipient]:
    """Who may act on `task` on `day`: resolved through positions, teams, delegations and
    assignments at that moment (so a Plh gets the holder's reminders while acting)."""
    day = day or timezone.localdate()
    if task.position_id is not None:
        return _recipients_of_positions([task.position], day)
    if task.team_id is not None:
        positions = [
            m.position
            for m in task.team.members.select_related("position")
            if m.position_id is not None
        ]
        return _recipients_of_positions(positions, day)
    if task.pelaksana == "inspektorat":
        auditors = list(assigned_auditors(task.process))
        if auditors:
            return [Recipient(u) for u in auditors]
        return _recipients_of_positions(_inspektorat_leaders(task.process), day)
    if task.pelaksana == "staf":
        return _recipients_of_positions(
            Position.objects.filter(pd_id=task.process.pd_id, role=Position.Role.STAF), day
        )
    return []


def _inspektorat_leaders(process: Process):
    """The Inspektur and the Inspektur Pembantu of the process's kabupaten."""
    return Position.objects.filter(
        pd__kabupaten_id=process.pd.kabupaten_id,
        pd__kind=PerangkatDaerah.Kind.INSPEKTORAT,
        role__in=[Position.Role.KEPALA, Position.Role.IRBAN],
    ).order_by("order")


def task_escalation_recipients(task: Task, day: dt.date | None = None) -> list[Recipient]:
    """The superior of the task's pelaksana: of the position, or of the team's Ketua."""
    day = day or timezone.localdate()
    if task.pelaksana == "inspektorat":  # the auditors' late reviu goes to their leaders
        return _recipients_of_positions(_inspektorat_leaders(task.process), day)
    position = task.position
    if position is None and task.team_id is not None:
        ketua = (
            task.team.members.filter(role=TeamMember.Role.KETUA).select_related("position").first()
        )
        position = ketua.position if ketua else None
    if position is None or position.superior_id is None:
        return []
    return _recipients_of_positions([position.superior], day)


def process_heads(process: Process, day: dt.date | None = None) -> list[Recipient]:
    """The Kepala PD, the Sekretaris PD and the process's team (if any), for news about the
    report as a whole (signed, delivered, archived, deadline)."""
    day = day or timezone.localdate()
    positions = list(
        Position.objects.filter(
            pd_id=process.pd_id, role__in=[Position.Role.KEPALA, Position.Role.SEKRETARIS]
        ).order_by("order")
    )
    team_tasks = process.tasks.filter(team__isnull=False).select_related("team").first()
    if team_tasks is not None:
        positions += [
            m.position
            for m in team_tasks.team.members.select_related("position")
            if m.position_id is not None
        ]
    return _recipients_of_positions(positions, day)
