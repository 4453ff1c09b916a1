"""Reads of the organisation. Who holds or acts for a position on a given day is answered
here and nowhere else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Assignment, Delegation, PerangkatDaerah, Position, Team, TeamMember, User


@dataclass(frozen=True)
class Authority:
    """`user` may act as `position`; `delegation` is set when it is as Plh/Plt, and then
    `on_behalf_of` is the position's holder (None when the position is vacant)."""

    user: User
    position: Position
    delegation: Delegation | None = None
    on_behalf_of: User | None = None

    @property
    def is_delegated(self) -> bool:
        return self.delegation is not None


def _today(day: dt.date | None) -> dt.date:
    return day or timezone.localdate()


def _open_on(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def position_holders(*, position: Position, day: dt.date | None = None) -> QuerySet[User]:
    day = _today(day)
    return User.objects.filter(
        is_active=True,
        assignments__in=Assignment.objects.filter(_open_on(day), position=position),
    )


def position_of_role(*, pd: PerangkatDaerah, role: str) -> Position | None:
    return Position.objects.filter(pd=pd, role=role).first()


def position_actors(*, position: Position, day: dt.date | None = None) -> list[Authority]:
    """Everyone who may act as `position` on `day`: its holders and its Plh/Plt."""
    day = _today(day)
    holders = list(position_holders(position=position, day=day))
    actors = [Authority(user=u, position=position) for u in holders]
    holder = holders[0] if len(holders) == 1 else None
    for delegation in Delegation.objects.filter(
        position=position, start__lte=day, end__gte=day, delegate__is_active=True
    ).select_related("delegate"):
        actors.append(
            Authority(
                user=delegation.delegate,
                position=position,
                delegation=delegation,
                on_behalf_of=holder,
            )
        )
    return actors


def authorities_of(*, user: User, day: dt.date | None = None) -> list[Authority]:
    """Every position `user` may act as on `day`: their own and those delegated to them."""
    day = _today(day)
    own = [
        Authority(user=user, position=a.position)
        for a in Assignment.objects.filter(_open_on(day), user=user).select_related("position__pd")
    ]
    delegated = []
    for delegation in Delegation.objects.filter(
        delegate=user, start__lte=day, end__gte=day
    ).select_related("position__pd"):
        holders = list(position_holders(position=delegation.position, day=day))
        delegated.append(
            Authority(
                user=user,
                position=delegation.position,
                delegation=delegation,
                on_behalf_of=holders[0] if len(holders) == 1 else None,
            )
        )
    return own + delegated


def current_position(*, user: User, day: dt.date | None = None) -> Position | None:
    assignment = (
        Assignment.objects.filter(_open_on(_today(day)), user=user)
        .select_related("position__pd")
        .first()
    )
    return assignment.position if assignment else None


def user_pds(*, user: User, day: dt.date | None = None) -> set[int]:
    """Ids of the PDs a user belongs to (own or delegated positions) on `day`."""
    return {a.position.pd_id for a in authorities_of(user=user, day=day)}


def team_for(*, pd: PerangkatDaerah, year: int, purpose: str) -> Team | None:
    return (
        Team.objects.filter(pd=pd, year=year, purpose=purpose)
        .prefetch_related("members__user", "members__position")
        .first()
    )


def team_members(*, team: Team) -> QuerySet[TeamMember]:
    return team.members.select_related("user", "position").order_by("order", "id")


def superior_actors(*, position: Position, day: dt.date | None = None) -> list[Authority]:
    """Who escalations go to: the holders (or Plh) of the position's superior."""
    if position.superior_id is None:
        return []
    return position_actors(position=position.superior, day=day)
