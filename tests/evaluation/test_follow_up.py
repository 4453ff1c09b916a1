"""The SAKIP evaluation and its follow-up on the workflow engine: recording an LHE, the
predikat, the follow-up cycle with a return, the carry-over, the reminders and Tabel 1.4
regenerated from Kragan's demo data against the seed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from evaluation import scoring
from evaluation.demo import load as evaluation_load
from evaluation.demo import seed
from evaluation.models import Lhe, Recommendation
from evaluation.services import (
    follow_up_evidence_add,
    follow_up_plan,
    lhe_record,
    lhe_total,
    status_of,
)
from reporting.tables import ReportData, report_table
from tests.support import WIB
from workflow import exceptions as e
from workflow.models import AuditEntry
from workflow.services import note_add, process_transition

pytestmark = pytest.mark.django_db

T = dt.datetime(2025, 3, 17, 9, 0, tzinfo=WIB)
SCORES = {"perencanaan": "20,5", "pengukuran": "18", "pelaporan": "10", "evaluasi_internal": "15"}


@pytest.fixture
def kragan(demo):
    return demo["kragan"]


def record(users, kragan, **kwargs):
    defaults = {
        "pd": kragan,
        "year": 2024,
        "tanggal": T.date(),
        "scores": SCORES,
        "recommendations": [
            ("perencanaan", "Perbaiki pohon kinerja."),
            ("pelaporan", "Lengkapi Bab III."),
        ],
        "evaluators": [users["auditor1"]],
        "user": users["irban1"],
        "now": T,
    }
    defaults.update(kwargs)
    return lhe_record(**defaults)


def plan(users, follow_up, **kwargs):
    values = {
        "follow_up_id": follow_up.pk,
        "user": users["sekcam.kragan"],
        "action": "Menyusun ulang pohon kinerja",
        "output_satuan": "dokumen",
        "output_uraian": "Pohon kinerja 2025",
        "pic_code": "kasubag-progkeu",
        "target_date": dt.date(2025, 6, 30),
        "now": T,
    }
    values.update(kwargs)
    return follow_up_plan(**values)


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("90.01", "AA"),
        ("90", "A"),
        ("80.5", "A"),
        ("70", "B"),
        ("60.01", "B"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
    ],
)
def test_predikat_boundaries(total, grade):
    assert scoring.predikat(Decimal(total)) == grade


def test_total_is_the_sum_of_the_component_scores(users, kragan):
    lhe = record(users, kragan)
    assert lhe_total(lhe) == Decimal("63.50")
    assert scoring.predikat(lhe_total(lhe)) == "B"


def test_a_score_above_its_weight_records_nothing(users, kragan):
    with pytest.raises(e.InvalidInput, match="melebihi bobotnya"):
        record(users, kragan, scores={**SCORES, "pelaporan": "16"})
    assert not Lhe.objects.exists()


def test_only_the_inspektorat_records_an_lhe(users, kragan):
    with pytest.raises(e.NotAllowed):
        record(users, kragan, user=users["camat.kragan"])
    assert not Lhe.objects.exists()


def test_each_recommendation_gets_a_follow_up_process_in_belum(users, kragan):
    lhe = record(users, kragan)
    states = [status_of(r.follow_up.process)[0] for r in lhe.recommendations.all()]
    assert states == ["belum", "belum"]


def test_plan_is_needed_before_the_follow_up_starts(users, kragan):
    follow_up = record(users, kragan).recommendations.first().follow_up
    with pytest.raises(e.Incomplete, match="rencana aksi"):
        process_transition(
            process_id=follow_up.process_id,
            action="tetapkan_rencana_aksi",
            actor_user=users["sekcam.kragan"],
            now=T,
        )


def test_tuntas_only_with_bukti_dukung(users, kragan):
    follow_up = record(users, kragan).recommendations.first().follow_up
    plan(users, follow_up)
    process_transition(
        process_id=follow_up.process_id,
        action="tetapkan_rencana_aksi",
        actor_user=users["sekcam.kragan"],
        now=T,
    )
    with pytest.raises(e.Incomplete, match="bukti dukung"):
        process_transition(
            process_id=follow_up.process_id,
            action="laporkan_tuntas",
            actor_user=users["progkeu.kragan"],
            now=T,
        )


def test_a_link_must_be_a_complete_address(users, kragan):
    follow_up = record(users, kragan).recommendations.first().follow_up
    with pytest.raises(e.InvalidInput, match="tidak valid"):
        follow_up_evidence_add(
            follow_up_id=follow_up.pk, user=users["sekcam.kragan"], url="drive/abc"
        )


def test_a_kasi_who_is_not_in_charge_cannot_update(users, kragan):
    follow_up = record(users, kragan).recommendations.first().follow_up
    with pytest.raises(e.NotAllowed):
        plan(users, follow_up, user=users["kasipm.kragan"])


def test_the_whole_cycle_with_a_return(users, kragan):
    follow_up = record(users, kragan).recommendations.first().follow_up
    sekcam, pic, auditor = users["sekcam.kragan"], users["progkeu.kragan"], users["auditor1"]
    plan(users, follow_up)
    run = lambda action, user: process_transition(  # noqa: E731
        process_id=follow_up.process_id, action=action, actor_user=user, now=T
    )
    run("tetapkan_rencana_aksi", sekcam)
    follow_up_evidence_add(follow_up_id=follow_up.pk, user=pic, url="https://drive.example.id/a")
    run("laporkan_tuntas", pic)
    note_add(
        process_id=follow_up.process_id,
        actor_user=auditor,
        kind="koreksi",
        target_type="umum",
        target_ref="",
        text="Bukti belum ditandatangani.",
        now=T,
    )
    assert status_of(run("kembalikan_tindak_lanjut", auditor))[0] == "dalam_proses"
    follow_up_evidence_add(follow_up_id=follow_up.pk, user=sekcam, url="https://drive.example.id/b")
    run("laporkan_tuntas", sekcam)  # the Sekretaris may act beside the penanggung jawab
    assert status_of(run("verifikasi_tuntas", auditor))[0] == "terverifikasi"
    kinds = list(
        AuditEntry.objects.filter(process=follow_up.process).values_list("kind", flat=True)
    )
    assert (kinds.count("transition"), "data" in kinds) == (5, True)


def test_only_the_inspektorat_verifies(users, kragan):
    follow_up = record(users, kragan).recommendations.first().follow_up
    plan(users, follow_up)
    process_transition(
        process_id=follow_up.process_id,
        action="tetapkan_rencana_aksi",
        actor_user=users["sekcam.kragan"],
        now=T,
    )
    follow_up_evidence_add(
        follow_up_id=follow_up.pk, user=users["progkeu.kragan"], url="https://drive.example.id/a"
    )
    process_transition(
        process_id=follow_up.process_id,
        action="laporkan_tuntas",
        actor_user=users["progkeu.kragan"],
        now=T,
    )
    with pytest.raises(e.NotAllowed):
        process_transition(
            process_id=follow_up.process_id,
            action="verifikasi_tuntas",
            actor_user=users["camat.kragan"],
            now=T,
        )


def test_the_task_of_the_person_in_charge_is_due_on_the_target_date(users, kragan):
    follow_up = record(users, kragan).recommendations.first().follow_up
    plan(users, follow_up)
    process_transition(
        process_id=follow_up.process_id,
        action="tetapkan_rencana_aksi",
        actor_user=users["sekcam.kragan"],
        now=T,
    )
    task = follow_up.process.tasks.get(status="open")
    assert task.position.code == "kasubag-progkeu"
    assert dt.datetime.date(task.due_at.astimezone(WIB)) == dt.date(2025, 6, 30)


def test_unfinished_recommendations_carry_over(users, kragan):
    first = record(users, kragan, year=2023)
    second = record(users, kragan, year=2024, recommendations=[("pengukuran", "Baru.")])
    carried = Recommendation.objects.filter(lhe=second, carried_from__isnull=False)
    assert {r.follow_up_id for r in carried} == {
        r.follow_up_id for r in first.recommendations.all()
    }


def test_tabel_1_4_from_the_demo_matches_the_seed(demo):
    evaluation_load()
    table = report_table(demo["kragan"], 2024, "1.4", ReportData(demo["kragan"], 2024))
    rows = [r.cells for r in table.rows if r.level == "item"]
    printed = [r for c in seed()["components"] for r in c["recommendations"]]
    assert [
        (r["rekomendasi"], r["rencana_aksi"], r["satuan"], r["uraian"], r["status"], r["bukti"])
        for r in rows
    ] == [
        (
            p["rekomendasi"],
            p["rencana_aksi"],
            p["output_satuan"],
            p["output_uraian"],
            p["status"].replace("_", " "),
            "\n".join(p["links"]),
        )
        for p in printed
    ]


def test_tabel_1_4_groups_rows_by_component_heading(demo):
    evaluation_load()
    table = report_table(demo["kragan"], 2024, "1.4", ReportData(demo["kragan"], 2024))
    headings = [r.cells["rekomendasi"] for r in table.rows if r.level == "group"]
    assert headings == [c["heading"] for c in seed()["components"]]


def test_a_person_cannot_start_a_follow_up_by_hand(users, kragan):
    from workflow.models import Process
    from workflow.services import process_start

    with pytest.raises(e.InvalidInput, match="dimulai oleh sistem"):
        process_start(
            sop_code="tindak-lanjut-lhe", pd=kragan, year=2024, actor_user=users["sekcam.kragan"]
        )
    assert not Process.objects.filter(sop_code="tindak-lanjut-lhe").exists()
