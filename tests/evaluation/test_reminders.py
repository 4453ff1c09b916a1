"""A follow-up's task is reminded before its target date, to the penanggung jawab, and
escalated to their superior when late: the beat's scan, as for every SOP step."""

from __future__ import annotations

import datetime as dt

import pytest

from evaluation.services import follow_up_plan, lhe_record
from notifications.models import Kind, Notification
from notifications.scan import scan
from tests.support import WIB
from workflow.services import process_transition

pytestmark = pytest.mark.django_db

T = dt.datetime(2025, 3, 17, 9, 0, tzinfo=WIB)  # Monday
TARGET = dt.date(2025, 4, 30)  # Wednesday


@pytest.fixture
def follow_up(users, demo):
    lhe = lhe_record(
        pd=demo["kragan"],
        year=2024,
        tanggal=T.date(),
        nilai_tercatat="66,21",
        recommendations=[("perencanaan", "Perbaiki pohon kinerja.")],
        user=users["irban1"],
        now=T,
    )
    follow_up = lhe.recommendations.get().follow_up
    follow_up_plan(
        follow_up_id=follow_up.pk,
        user=users["sekcam.kragan"],
        action="Menyusun ulang pohon kinerja",
        output_satuan="dokumen",
        output_uraian="Pohon kinerja",
        pic_code="kasubag-progkeu",
        target_date=TARGET,
        now=T,
    )
    process_transition(
        process_id=follow_up.process_id,
        action="tetapkan_rencana_aksi",
        actor_user=users["sekcam.kragan"],
        now=T,
    )
    return follow_up


def sent(kind):
    return sorted(
        n.recipient.username
        for n in Notification.objects.filter(kind=kind, task__process__sop_code="tindak-lanjut-lhe")
    )


def test_reminded_before_the_target_date(follow_up):
    scan(dt.datetime(2025, 4, 24, 9, 0, tzinfo=WIB))  # four working days before
    assert sent(Kind.DUE_SOON) == ["progkeu.kragan"]


def test_not_reminded_weeks_before(follow_up):
    scan(dt.datetime(2025, 4, 1, 9, 0, tzinfo=WIB))
    assert sent(Kind.DUE_SOON) == []


def test_late_follow_up_is_escalated_to_the_superior(follow_up):
    scan(dt.datetime(2025, 5, 6, 9, 0, tzinfo=WIB))
    assert sent(Kind.OVERDUE) == ["progkeu.kragan"]
    assert sent(Kind.ESCALATION) == ["sekcam.kragan"]
