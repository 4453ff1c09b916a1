"""Celery tasks: the beat's scan and the e-mail delivery sweep. Both are idempotent."""

from celery import shared_task
from django.utils import timezone

from . import scan as scanning
from .services import deliver_email, pending_deliveries, release_stale_claims


@shared_task(name="notifications.deliver_pending", acks_late=True)
def deliver_pending() -> int:
    """Send every due pending e-mail; each is claimed first, so two workers never send the
    same one."""
    now = timezone.now()
    release_stale_claims(now)
    return sum(1 for delivery_id in pending_deliveries(now) if deliver_email(delivery_id, now))


@shared_task(name="notifications.scan_reminders", acks_late=True)
def scan_reminders() -> dict:
    result = scanning.scan()
    deliver_pending.apply_async()
    return {"created": result.created, "tasks": result.tasks_examined}
