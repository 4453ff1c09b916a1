"""The clock (time_machine) runs through a whole LKjIP schedule with the beat scanning
every 30 minutes; the test asserts the exact reminders each person receives.

Kragan's LKjIP 2024, from Monday 6 January 2025 (deadline Friday 28 February 2025):
the Camat is late with the disposisi by 1 h 40 min; the Sekcam forms the team on time; the
team drafts a day late (escalated to the Sekcam's superior, the Camat, via the team's
Ketua); the reviu takes nine days; one koreksi loop; delivered on 24 February."""

import datetime as dt

import pytest
from django.utils import timezone

from notifications.models import Kind, Notification
from notifications.scan import scan
from tests.support import WIB

pytestmark = pytest.mark.django_db

REMINDERS = [Kind.DUE_SOON, Kind.DUE, Kind.OVERDUE, Kind.ESCALATION, Kind.DEADLINE, Kind.AT_RISK]


def at(m, d, hh, mm=0):
    return dt.datetime(2025, m, d, hh, mm, tzinfo=WIB)


def run_schedule(lkjip, time_machine, actions):
    """Scan every 30 minutes from 07:00 to 17:00 and at 20:00 each day; run each action at
    its moment (the action's own clock then moves on a few minutes)."""
    clock = at(1, 6, 7, 0)
    end = max(moment for moment, _ in actions) + dt.timedelta(days=1)
    pending = sorted(actions, key=lambda a: a[0])
    while clock <= end:
        while pending and pending[0][0] <= clock:
            moment, action = pending.pop(0)
            time_machine.move_to(moment, tick=False)
            lkjip.now = moment
            action()
            clock = max(clock, lkjip.now)
        time_machine.move_to(clock, tick=False)
        scan()
        local = timezone.localtime(clock)
        if local.hour >= 17:
            clock = (local + dt.timedelta(days=1)).replace(hour=7, minute=0)
        elif local.hour == 16 and local.minute >= 30:
            clock = local.replace(hour=20, minute=0)
        else:
            clock = local + dt.timedelta(minutes=30)


def received():
    out: dict[str, list[tuple[str, str]]] = {}
    for n in Notification.objects.filter(kind__in=REMINDERS).order_by("visible_from", "id"):
        moment = timezone.localtime(n.visible_from).strftime("%d-%m %H:%M")
        out.setdefault(n.recipient.username, []).append((n.kind, moment))
    return out


def test_whole_lkjip_schedule_sends_exactly_these_reminders(users, demo, time_machine):
    from tests.support import Driver

    lkjip = Driver(users, demo, year=2024)
    lkjip.now = at(1, 6, 8, 0)
    actions = [
        (at(1, 6, 8, 0), lkjip.start),
        (at(1, 6, 10, 0), lkjip.step1),  # due 08:20: late
        (at(1, 8, 9, 0), lkjip.step2),  # due Wed 8 Jan ~10:39: on time
        (at(2, 11, 11, 0), lkjip.step3),  # due Mon 10 Feb ~09:39: a day late
        (at(2, 11, 11, 30), lkjip.assign_auditor),
        (at(2, 17, 14, 0), lambda: lkjip.step4(notes=2)),  # four days of reviu
        (at(2, 18, 10, 0), lkjip.step5),
        (at(2, 18, 13, 0), lkjip.step6),
        (at(2, 18, 14, 0), lkjip.koreksi),
        (at(2, 19, 9, 0), lkjip.step5),
        (at(2, 19, 11, 0), lkjip.step6),
        (at(2, 19, 13, 0), lkjip.sign),
        (at(2, 24, 9, 0), lkjip.step8),  # due Thu 20 Feb ~13:10: late, escalated
        (at(2, 24, 10, 0), lkjip.step9),
    ]
    run_schedule(lkjip, time_machine, actions)
    lkjip.process.refresh_from_db()
    assert lkjip.process.state == "selesai"
    assert received() == EXPECTED


# Team members get the team's step reminders; the Camat is also the team's Penanggung
# Jawab. The Sekcam was Plh Camat from 10 to 14 February (the demo's delegation), so he
# also received the escalation of his own team's delay on the Camat's behalf.
TEAM = [
    ("berisiko", "08-01 09:39"),  # joined the heads once the team was formed
    ("batas_akhir", "30-01 07:30"),  # 29 Jan (30 days) is Imlek: next opening
    ("segera_jatuh_tempo", "05-02 10:00"),  # step 3: three days before
    ("segera_jatuh_tempo", "07-02 10:00"),  # step 3: one day before
    ("jatuh_tempo", "10-02 10:00"),
    ("terlambat", "11-02 07:30"),  # scanned at 07:00, shown when the office opens
    ("batas_akhir", "14-02 07:30"),
    ("segera_jatuh_tempo", "20-02 09:00"),  # step 8 (1 hari): half a day before
    ("jatuh_tempo", "20-02 13:30"),
    ("terlambat", "21-02 07:30"),
    ("batas_akhir", "21-02 07:30"),
    ("terlambat", "24-02 07:30"),
]

EXPECTED = {
    "camat.kragan": [
        ("berisiko", "06-01 08:00"),  # 39 working days of SOP from 6 Jan miss 28 Feb
        ("jatuh_tempo", "06-01 08:30"),  # step 1 (20 menit) due 08:20
        ("batas_akhir", "30-01 07:30"),  # 29 Jan (30 days) is Imlek: next opening
        ("segera_jatuh_tempo", "05-02 10:00"),  # step 3: three days before
        ("segera_jatuh_tempo", "07-02 10:00"),  # step 3: one day before
        ("jatuh_tempo", "10-02 10:00"),
        ("terlambat", "11-02 07:30"),  # scanned at 07:00, shown when the office opens
        ("eskalasi", "11-02 10:00"),  # the team's Ketua (Sekcam) reports to the Camat
        ("batas_akhir", "14-02 07:30"),
        ("segera_jatuh_tempo", "19-02 12:30"),  # step 7 (120 menit): an hour before
        ("segera_jatuh_tempo", "20-02 09:00"),
        ("jatuh_tempo", "20-02 13:30"),
        ("terlambat", "21-02 07:30"),
        ("batas_akhir", "21-02 07:30"),
        ("eskalasi", "21-02 13:30"),  # step 8 a working day late
        ("terlambat", "24-02 07:30"),
    ],
    "sekcam.kragan": [
        ("berisiko", "06-01 08:00"),
        ("segera_jatuh_tempo", "07-01 11:00"),  # step 2 (2 hari): a day before
        ("batas_akhir", "30-01 07:30"),  # 29 Jan (30 days) is Imlek: next opening
        ("segera_jatuh_tempo", "05-02 10:00"),  # step 3: three days before
        ("segera_jatuh_tempo", "07-02 10:00"),  # step 3: one day before
        ("jatuh_tempo", "10-02 10:00"),
        ("terlambat", "11-02 07:30"),  # scanned at 07:00, shown when the office opens
        ("eskalasi", "11-02 10:00"),  # as Plh Camat
        ("batas_akhir", "14-02 07:30"),
        ("segera_jatuh_tempo", "20-02 09:00"),
        ("jatuh_tempo", "20-02 13:30"),
        ("terlambat", "21-02 07:30"),
        ("batas_akhir", "21-02 07:30"),
        ("terlambat", "24-02 07:30"),
    ],
    "progkeu.kragan": TEAM,
    "umpeg.kragan": TEAM,
    "kasip3.kragan": TEAM,
}
