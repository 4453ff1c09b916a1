"""The beat's scan: reminders, escalation, deadline reminders, idempotency, office hours."""

import datetime as dt

import pytest

from notifications.models import DeadlineReminderPolicy, Kind, Notification, ReminderPolicy
from notifications.scan import default_policy, scan
from tests.support import WIB
from workflow.models import Task

pytestmark = pytest.mark.django_db


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=WIB)


def reminders(kind=None):
    qs = Notification.objects.exclude(
        kind__in=[Kind.TASK_ASSIGNED, Kind.DISPOSISI, Kind.RETURNED]
    ).order_by("id")
    if kind:
        qs = qs.filter(kind=kind)
    return [(n.kind, n.recipient.username) for n in qs]


def test_default_policy_for_minute_and_day_long_steps():
    assert default_policy(20, 510).before_minutes == (10,)
    assert default_policy(120, 510).before_minutes == (60,)
    assert default_policy(510, 510).before_minutes == (255,)
    assert default_policy(2 * 510, 510).before_minutes == (510,)
    assert default_policy(20 * 510, 510).before_minutes == (1530, 510)


def test_minute_long_step_is_reminded_halfway(lkjip):
    lkjip.start()  # step 1 (20 menit) opened Monday 08:00, due 08:20
    scan(at(2025, 1, 6, 8, 5))
    assert reminders() == []
    scan(at(2025, 1, 6, 8, 10))
    assert reminders() == [(Kind.DUE_SOON, "camat.kragan")]


def test_due_then_daily_overdue_then_escalation(lkjip):
    lkjip.run_until(2)  # the Sekcam's 2-day step, due Wednesday 8 Jan around 08:40
    task = Task.objects.get(process=lkjip.process, status="open")
    due = task.due_at
    scan(due + dt.timedelta(minutes=1))
    assert reminders(Kind.DUE) == [(Kind.DUE, "sekcam.kragan")]
    scan(at(2025, 1, 9, 8, 0))  # Thursday: overdue
    scan(at(2025, 1, 9, 8, 5))  # a second tick the same day adds nothing
    assert reminders(Kind.OVERDUE) == [(Kind.OVERDUE, "sekcam.kragan")]
    assert reminders(Kind.ESCALATION) == []  # less than a working day late
    scan(at(2025, 1, 9, 10, 0))  # a working day late: to the Camat, the Sekcam's superior
    assert reminders(Kind.ESCALATION) == [(Kind.ESCALATION, "camat.kragan")]
    scan(at(2025, 1, 10, 8, 0))
    assert reminders(Kind.OVERDUE) == [(Kind.OVERDUE, "sekcam.kragan")] * 2


def test_scanning_twice_creates_nothing_new(lkjip):
    lkjip.run_until(2)
    moment = at(2025, 1, 9, 10, 0)
    first = scan(moment)
    count = Notification.objects.count()
    second = scan(moment)
    assert sum(first.created.values()) > 0
    assert second.created == {}
    assert Notification.objects.count() == count


def test_reminder_outside_office_hours_waits_for_the_next_opening(lkjip):
    lkjip.run_until(2)
    scan(at(2025, 1, 9, 20, 0))  # Thursday evening
    note = Notification.objects.get(kind=Kind.OVERDUE)
    assert note.visible_from == at(2025, 1, 10, 7, 30)
    assert note.email.not_before == at(2025, 1, 10, 7, 30)


def test_policy_row_for_a_step_overrides_the_default(lkjip):
    ReminderPolicy.objects.create(
        sop_code="lkjip", step_number=1, before_minutes=[15], escalate_after_minutes=30
    )
    lkjip.start()
    scan(at(2025, 1, 6, 8, 6))
    assert reminders() == [(Kind.DUE_SOON, "camat.kragan")]


def test_deadline_reminders_before_end_of_february(lkjip):
    lkjip.run_until(3)  # LKjIP 2025: deadline Friday 27 Feb 2026 (28th is a Saturday)
    scan(at(2026, 1, 20, 9, 0))  # 38 days left: nothing yet
    assert reminders(Kind.DEADLINE) == []
    scan(at(2026, 1, 28, 9, 0))  # 30 days left
    heads = {"camat.kragan", "sekcam.kragan", "progkeu.kragan", "umpeg.kragan", "kasip3.kragan"}
    assert {u for _, u in reminders(Kind.DEADLINE)} == heads
    scan(at(2026, 1, 29, 9, 0))
    assert len(reminders(Kind.DEADLINE)) == len(heads)


def test_late_scan_sends_only_the_nearest_deadline_reminder(lkjip):
    lkjip.run_until(3)
    scan(at(2026, 2, 24, 9, 0))  # 3 days left; 30, 14 and 7 have passed unseen
    keys = set(Notification.objects.filter(kind=Kind.DEADLINE).values_list("key", flat=True))
    assert all(":3:" in key for key in keys)


def test_deadline_offsets_are_configurable(lkjip, demo):
    DeadlineReminderPolicy.objects.create(kabupaten=demo["kragan"].kabupaten, days_before=[45])
    lkjip.run_until(3)
    scan(at(2026, 1, 14, 9, 0))  # 44 days left
    assert reminders(Kind.DEADLINE)


def test_at_risk_alert_when_the_forecast_passes_the_deadline(lkjip):
    lkjip.run_until(3)
    scan(at(2026, 2, 16, 9, 0))
    scan(at(2026, 2, 17, 9, 0))
    assert {u for _, u in reminders(Kind.AT_RISK)} >= {"camat.kragan", "sekcam.kragan"}
    assert len(reminders(Kind.AT_RISK)) == len(set(reminders(Kind.AT_RISK)))


def test_no_deadline_reminder_once_delivered(lkjip):
    lkjip.run_until(9)  # delivered (step 8 done), archiving pending
    scan(at(2026, 2, 26, 9, 0))
    assert reminders(Kind.DEADLINE) == []
