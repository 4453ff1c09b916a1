"""Writing notifications (the outbox) and delivering their e-mail."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from organisation.calendar import WorkingCalendar, calendar_for_pd, holiday_overrides
from organisation.models import PerangkatDaerah, User
from organisation.selectors import authorities_of

from .models import REMINDER_KINDS, EmailDelivery, EmailPreference, Notification

logger = logging.getLogger("notifications")

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Message:
    kind: str
    title: str
    body: str
    url: str = ""


class CalendarCache:
    """Working calendars by PD, read once per scan or event."""

    def __init__(self):
        self._by_pd: dict[int, WorkingCalendar] = {}
        self._pd_of_user: dict[int, PerangkatDaerah | None] = {}
        self._overrides: list | None = None

    def for_pd(self, pd: PerangkatDaerah) -> WorkingCalendar:
        if pd.pk not in self._by_pd:
            if self._overrides is None:
                self._overrides = holiday_overrides()  # one query for every PD
            self._by_pd[pd.pk] = calendar_for_pd(pd, self._overrides)
        return self._by_pd[pd.pk]

    def for_user(self, user: User, fallback: PerangkatDaerah, day: dt.date) -> WorkingCalendar:
        if user.pk not in self._pd_of_user:
            own = [a for a in authorities_of(user=user, day=day) if not a.is_delegated]
            self._pd_of_user[user.pk] = own[0].position.pd if own else None
        return self.for_pd(self._pd_of_user[user.pk] or fallback)


def notify(
    *,
    recipient: User,
    message: Message,
    key: str,
    now: dt.datetime,
    process=None,
    task=None,
    on_behalf_of: User | None = None,
    calendar: WorkingCalendar | None = None,
) -> Notification | None:
    """Write one notification and its e-mail delivery, unless `key` was written before.

    Reminders become visible (and are mailed) only inside the recipient's office hours:
    outside them they wait for the next opening."""
    visible_from = now
    if message.kind in REMINDER_KINDS and calendar is not None:
        visible_from = calendar.next_working_moment(now)
    notification = Notification(
        recipient=recipient,
        kind=message.kind,
        key=key[:200],
        process=process,
        task=task,
        on_behalf_of=on_behalf_of,
        title=message.title[:255],
        body=message.body,
        url=message.url,
        created_at=now,
        visible_from=visible_from,
    )
    try:
        with transaction.atomic():  # a savepoint: a duplicate key leaves the rest intact
            notification.save()
    except IntegrityError:
        return None
    if recipient.email and email_enabled(recipient, message.kind):
        EmailDelivery.objects.create(
            notification=notification, address=recipient.email, not_before=visible_from
        )
    return notification


def email_enabled(user: User, kind: str) -> bool:
    preference = EmailPreference.objects.filter(user=user, kind=kind).first()
    return preference.enabled if preference else True


def email_preference_set(*, user: User, kind: str, enabled: bool) -> EmailPreference:
    preference, _ = EmailPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"enabled": enabled}
    )
    return preference


def _claim(delivery_id: int, now: dt.datetime) -> bool:
    """Take a pending delivery for sending: exactly one worker wins the update."""
    return bool(
        EmailDelivery.objects.filter(
            pk=delivery_id, status=EmailDelivery.Status.PENDING, not_before__lte=now
        ).update(status=EmailDelivery.Status.SENDING, claimed_at=now)
    )


def deliver_email(delivery_id: int, now: dt.datetime | None = None) -> bool:
    """Send one e-mail if it is still pending and due. Returns True when sent now.

    The claim is committed before sending, so a second worker cannot send it too; a
    worker that dies mid-send leaves a stale claim that `release_stale_claims` returns
    to pending, and the message goes out after the restart."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return False
    delivery = EmailDelivery.objects.select_related("notification__recipient").get(pk=delivery_id)
    notification = delivery.notification
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "link": f"{settings.ALUR_BASE_URL.rstrip('/')}{notification.url}",
    }
    try:
        body = render_to_string("notifications/email/notification.txt", context)
        message = EmailMessage(
            subject=f"[Alur] {notification.title}",
            body=body,
            to=[delivery.address],
            headers={"Message-ID": f"<notifikasi-{notification.pk}@alur>"},
        )
        message.send(fail_silently=False)
    except Exception as error:
        attempts = delivery.attempts + 1
        failed = attempts >= MAX_ATTEMPTS
        EmailDelivery.objects.filter(pk=delivery.pk).update(
            status=EmailDelivery.Status.FAILED if failed else EmailDelivery.Status.PENDING,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            not_before=now + dt.timedelta(minutes=2**attempts),
            claimed_at=None,
        )
        logger.warning("e-mail %s failed (attempt %s): %s", delivery.pk, attempts, error)
        return False
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=EmailDelivery.Status.SENT, sent_at=now, attempts=delivery.attempts + 1
    )
    return True


def release_stale_claims(now: dt.datetime) -> int:
    stale = now - dt.timedelta(seconds=settings.ALUR_EMAIL_CLAIM_TIMEOUT)
    return EmailDelivery.objects.filter(
        status=EmailDelivery.Status.SENDING, claimed_at__lt=stale
    ).update(status=EmailDelivery.Status.PENDING, claimed_at=None)


def pending_deliveries(now: dt.datetime, limit: int = 500) -> list[int]:
    return list(
        EmailDelivery.objects.filter(status=EmailDelivery.Status.PENDING, not_before__lte=now)
        .order_by("not_before", "id")
        .values_list("id", flat=True)[:limit]
    )


def notification_mark_read(
    *, user: User, notification_id: int | None = None, now: dt.datetime | None = None
) -> int:
    now = now or timezone.now()
    query = Q(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        query &= Q(pk=notification_id)
    return Notification.objects.filter(query).update(read_at=now)
