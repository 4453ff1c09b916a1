from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from organisation.models import User

from .models import EmailPreference, Kind, Notification


def my_notifications(
    *, user: User, now: dt.datetime, unread_only: bool = False
) -> QuerySet[Notification]:
    """Visible notifications of `user` (reminders queued outside office hours are not yet),
    unread first, newest first."""
    rows = Notification.objects.filter(recipient=user, visible_from__lte=now).select_related(
        "on_behalf_of"
    )
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("read_at", "-visible_from", "-id")


def unread_count(*, user: User, now: dt.datetime) -> int:
    return Notification.objects.filter(
        recipient=user, visible_from__lte=now, read_at__isnull=True
    ).count()


def email_choices(*, user: User) -> list[dict]:
    """Every kind with whether e-mail is on for `user` (on unless turned off)."""
    off = set(
        EmailPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    return [
        {"kind": value, "label": label, "email": value not in off} for value, label in Kind.choices
    ]
