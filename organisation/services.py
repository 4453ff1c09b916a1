"""Writes to the organisation: appointments, mutasi, Plh/Plt and teams. Each service
validates with full_clean() and writes in one transaction."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Assignment, Delegation, PerangkatDaerah, Position, Team, TeamMember, User
from .selectors import position_holders

logger = logging.getLogger(__name__)

POSITION_OCCUPIED = "Jabatan {position} masih dijabat {holder}; akhiri dulu penempatannya."
ALREADY_IN_POSITION = "{user} sudah menduduki jabatan {position}."
TRANSFER_DATE_BEFORE_START = "Tanggal mutasi tidak boleh sebelum tanggal mulai jabatan lama."
DELEGATE_IS_HOLDER = "Pemegang jabatan tidak dapat menjadi Plh/Plt jabatannya sendiri."
DELEGATION_OVERLAP = "Sudah ada Plh/Plt untuk {position} yang tumpang tindih dengan periode ini."
TEAM_NEEDS_MEMBERS = "Tim harus memiliki anggota."
TEAM_NEEDS_KETUA = "Tim harus memiliki tepat satu Ketua."
TEAM_MEMBER_TWICE = "{user} tercantum lebih dari sekali."
TEAM_MEMBER_OTHER_PD = "{user} bukan pegawai {pd}."

# Called after a mutasi with (user, old position, new position, effective date); the
# workflow engine registers the move of open tasks here, so that this app does not import it.
on_transfer: list[Callable[..., None]] = []


def user_create(
    *,
    username: str,
    full_name: str,
    password: str | None = None,
    email: str = "",
    nip: str | None = None,
    title_prefix: str = "",
    title_suffix: str = "",
    pangkat: str = "",
    golongan: str = "",
) -> User:
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        nip=nip or None,
        title_prefix=title_prefix,
        title_suffix=title_suffix,
        pangkat=pangkat,
        golongan=golongan,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def assignment_start(
    *,
    user: User,
    position: Position,
    start: dt.date,
    sk_nomor: str = "",
    sk_tanggal: dt.date | None = None,
) -> Assignment:
    """Appoint `user` to `position` from `start` (the user must hold no other position)."""
    Position.objects.select_for_update().get(pk=position.pk)
    if position.single_holder:
        holder = position_holders(position=position, day=start).exclude(pk=user.pk).first()
        if holder is not None:
            raise ValidationError(POSITION_OCCUPIED.format(position=position, holder=holder))
    if Assignment.objects.filter(user=user, end__isnull=True, position=position).exists():
        raise ValidationError(ALREADY_IN_POSITION.format(user=user, position=position))
    assignment = Assignment(
        user=user, position=position, start=start, sk_nomor=sk_nomor, sk_tanggal=sk_tanggal
    )
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def person_transfer(
    *,
    user: User,
    to_position: Position,
    effective: dt.date,
    sk_nomor: str = "",
    sk_tanggal: dt.date | None = None,
) -> Assignment:
    """Mutasi: end the user's current assignment the day before `effective` and start the
    new one. The old assignment stays as history. Open work of the old position follows
    the position (registered hooks move it to the new holder, if any)."""
    current = (
        Assignment.objects.select_for_update()
        .filter(user=user, end__isnull=True)
        .select_related("position")
        .first()
    )
    old_position = current.position if current else None
    if current is not None:
        if effective <= current.start:
            raise ValidationError(TRANSFER_DATE_BEFORE_START)
        current.end = effective - dt.timedelta(days=1)
        current.full_clean()
        current.save(update_fields=["end"])
    new = assignment_start(
        user=user, position=to_position, start=effective, sk_nomor=sk_nomor, sk_tanggal=sk_tanggal
    )
    logger.info("mutasi %s: %s -> %s from %s", user.username, old_position, to_position, effective)
    for hook in on_transfer:
        hook(user=user, old_position=old_position, new_position=to_position, effective=effective)
    return new


@transaction.atomic
def delegation_create(
    *,
    delegate: User,
    position: Position,
    kind: str,
    start: dt.date,
    end: dt.date,
    sk_nomor: str,
    sk_tanggal: dt.date,
    note: str = "",
) -> Delegation:
    Position.objects.select_for_update().get(pk=position.pk)
    if position_holders(position=position, day=start).filter(pk=delegate.pk).exists():
        raise ValidationError(DELEGATE_IS_HOLDER)
    if Delegation.objects.filter(position=position, start__lte=end, end__gte=start).exists():
        raise ValidationError(DELEGATION_OVERLAP.format(position=position))
    delegation = Delegation(
        delegate=delegate,
        position=position,
        kind=kind,
        start=start,
        end=end,
        sk_nomor=sk_nomor,
        sk_tanggal=sk_tanggal,
        note=note,
    )
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def team_set(
    *,
    pd: PerangkatDaerah,
    year: int,
    purpose: str,
    sk_nomor: str,
    sk_tanggal: dt.date,
    members: Iterable[tuple[User, str]],
) -> Team:
    """Create or replace the team of `pd` for `year` and `purpose` as the SK states it.

    `members` are (user, team role) pairs; each member's position on the SK date is kept."""
    from .selectors import current_position

    members = list(members)
    if not members:
        raise ValidationError(TEAM_NEEDS_MEMBERS)
    if sum(1 for _, role in members if role == TeamMember.Role.KETUA) != 1:
        raise ValidationError(TEAM_NEEDS_KETUA)
    seen: set[int] = set()
    resolved = []
    for user, role in members:
        if user.pk in seen:
            raise ValidationError(TEAM_MEMBER_TWICE.format(user=user))
        seen.add(user.pk)
        position = current_position(user=user, day=sk_tanggal)
        if position is None or position.pd_id != pd.pk:
            raise ValidationError(TEAM_MEMBER_OTHER_PD.format(user=user, pd=pd))
        resolved.append((user, role, position))

    team, _ = Team.objects.select_for_update().get_or_create(
        pd=pd, year=year, purpose=purpose, defaults={"sk_nomor": sk_nomor, "sk_tanggal": sk_tanggal}
    )
    team.sk_nomor, team.sk_tanggal = sk_nomor, sk_tanggal
    team.full_clean()
    team.save()
    team.members.all().delete()
    rows = [
        TeamMember(team=team, user=user, role=role, position=position, order=i)
        for i, (user, role, position) in enumerate(resolved)
    ]
    for row in rows:
        row.full_clean(exclude=["team"])
    TeamMember.objects.bulk_create(rows)
    return team
