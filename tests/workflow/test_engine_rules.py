"""Rules of the engine beyond the transition matrix: requirements, audit, delegation,
mutasi, signatures and the schedule."""

import datetime as dt

import pytest
from django.core.exceptions import FieldError

from organisation.models import Delegation
from organisation.services import person_transfer
from tests.support import WIB, upload
from workflow import checks
from workflow import exceptions as e
from workflow import services as s
from workflow.engine import transitions
from workflow.models import AuditEntry, Process, Task
from workflow.schedule import process_schedule

pytestmark = pytest.mark.django_db


def test_every_known_check_is_implemented():
    from sop.definition import KNOWN_CHECKS

    assert set(checks.CHECKS) == set(KNOWN_CHECKS)


def test_machine_follows_the_sop_definition(sops):
    revision = Process._meta.get_field("revision").related_model.objects.get(sop__code="lkjip")
    assert [(t.source, t.action, t.target) for t in transitions(revision)] == [
        ("langkah-1", "disposisi", "langkah-2"),
        ("langkah-2", "bentuk_tim", "langkah-3"),
        ("langkah-3", "ajukan_reviu", "langkah-4"),
        ("langkah-4", "kirim_lhr", "langkah-5"),
        ("langkah-5", "teruskan_ke_sekretaris", "langkah-6"),
        ("langkah-6", "paraf", "langkah-7"),
        ("langkah-7", "tandatangani", "langkah-8"),
        ("langkah-7", "kembalikan_koreksi", "langkah-5"),
        ("langkah-8", "sampaikan", "langkah-9"),
        ("langkah-9", "arsipkan", "selesai"),
    ]


def test_step_1_is_refused_without_surat_edaran_and_disposisi(lkjip, users):
    lkjip.start()
    with pytest.raises(e.Incomplete) as exc:
        lkjip.go(users["camat.kragan"], "disposisi")
    assert exc.value.details == [
        "dokumen belum diunggah: Surat Edaran Bupati hal Penyusunan LKjPD",
        checks.MISSING_DISPOSISI,
    ]


def test_revision_cannot_go_on_while_a_note_is_unanswered(lkjip, users):
    lkjip.run_until(5)
    lkjip.docs(users["progkeu.kragan"], "draf_perbaikan")
    with pytest.raises(e.Incomplete) as exc:
        lkjip.go(users["progkeu.kragan"], "teruskan_ke_sekretaris")
    assert exc.value.details == [checks.UNANSWERED_NOTES.format(count=1)]


def test_koreksi_needs_a_note(lkjip, users):
    lkjip.run_until(7)
    with pytest.raises(e.Incomplete) as exc:
        lkjip.go(users["camat.kragan"], "kembalikan_koreksi")
    assert exc.value.details == [checks.MISSING_KOREKSI]


def test_approving_without_signing_is_refused(lkjip, users):
    lkjip.run_until(7)
    with pytest.raises(e.Incomplete) as exc:
        lkjip.go(users["camat.kragan"], "tandatangani")
    assert exc.value.details == [checks.MISSING_SIGNATURE]


def test_documents_of_an_earlier_visit_do_not_count_again(lkjip, users):
    lkjip.run_until(7)
    lkjip.koreksi()
    lkjip.answer_notes()
    with pytest.raises(e.Incomplete) as exc:  # the revised draft must be uploaded anew
        lkjip.go(users["progkeu.kragan"], "teruskan_ke_sekretaris")
    assert "Draf/rancangan akhir LKjPD hasil perbaikan" in exc.value.details[0]


def test_wrong_state_is_refused_with_409_error(lkjip, users):
    lkjip.run_until(2)
    with pytest.raises(e.WrongState) as exc:
        lkjip.go(users["camat.kragan"], "paraf")
    assert exc.value.status == 409


def test_task_due_time_follows_the_sop_waktu_on_the_calendar(lkjip):
    lkjip.run_until(2)
    task = Task.objects.get(process=lkjip.process, status="open")
    # Step 2 (2 hari) entered Monday 6 Jan 2025 around 08:40 -> due Wednesday same time.
    assert task.due_at.astimezone(WIB).date() == dt.date(2025, 1, 8)
    assert task.due_at.astimezone(WIB).time() == task.started_at.astimezone(WIB).time()


def test_audit_entry_records_actor_step_and_documents(lkjip):
    lkjip.run_until(2)
    entry = AuditEntry.objects.filter(process=lkjip.process, kind="transition").get()
    assert (entry.action, entry.from_state, entry.to_state) == (
        "disposisi",
        "langkah-1",
        "langkah-2",
    )
    assert entry.actor.username == "camat.kragan"
    assert entry.as_position.code == "camat"
    assert [d["kind"] for d in entry.documents] == ["surat_edaran"]


def test_audit_trail_cannot_be_edited_or_deleted(lkjip):
    lkjip.run_until(2)
    entry = AuditEntry.objects.first()
    entry.note = "diubah"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises((TypeError, FieldError)):
        AuditEntry.objects.update(note="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()


def test_plh_acts_with_the_holders_authority_and_both_names_are_recorded(lkjip, users, demo):
    lkjip.run_until(7)
    camat_position = demo["kragan"].positions.get(code="camat")
    Delegation.objects.create(
        delegate=users["kasip3.kragan"],
        position=camat_position,
        kind="plh",
        start=lkjip.now.date(),
        end=lkjip.now.date() + dt.timedelta(days=3),
        sk_nomor="800/PLH/1",
        sk_tanggal=lkjip.now.date(),
    )
    lkjip.sign(users["kasip3.kragan"])
    entry = AuditEntry.objects.filter(process=lkjip.process, action="tandatangani").get()
    assert entry.actor.username == "kasip3.kragan"
    assert entry.on_behalf_of.username == "camat.kragan"
    assert entry.as_position.code == "camat"
    task = Task.objects.get(process=lkjip.process, outcome="tandatangani")
    assert task.completed_on_behalf_of.username == "camat.kragan"


def test_open_task_follows_the_position_after_a_mutasi(lkjip, users, demo):
    lkjip.run_until(2)  # the Sekcam's task
    kragan = demo["kragan"]
    sekcam = users["sekcam.kragan"]
    person_transfer(
        user=sekcam, to_position=kragan.positions.get(code="staf-p3"), effective=lkjip.now.date()
    )
    successor = users["umpeg.kragan"]
    person_transfer(
        user=successor, to_position=kragan.positions.get(code="sekcam"), effective=lkjip.now.date()
    )
    lkjip.prepare_2 = lambda: None  # nothing needed to check the authority
    with pytest.raises(e.NotAllowed):
        lkjip.go(sekcam, "bentuk_tim")
    with pytest.raises(e.Incomplete):  # the successor is now the pelaksana
        lkjip.go(successor, "bentuk_tim")
    assert AuditEntry.objects.filter(process=lkjip.process, kind="reassign").exists()


def test_signature_keeps_the_files_fingerprint_and_verifies_copies(lkjip, users):
    lkjip.run_until(7)
    lkjip.sign()
    draft = lkjip.process.documents.filter(kind="draf_perbaikan").latest("uploaded_at")
    assert draft.signature.sha256 == draft.sha256
    with draft.file.open("rb") as handle:
        same = upload("salinan.pdf", handle.read())
    ok = s.signature_verify(process_id=lkjip.process.pk, user=users["staf1.kragan"], upload=same)
    bad = s.signature_verify(
        process_id=lkjip.process.pk, user=users["staf1.kragan"], upload=upload("palsu.pdf", b"lain")
    )
    assert ok["match"] is True
    assert bad["match"] is False


def test_signed_document_cannot_be_changed(lkjip):
    lkjip.run_until(7)
    lkjip.sign()
    draft = lkjip.process.documents.filter(kind="draf_perbaikan").latest("uploaded_at")
    draft.original_name = "lain.pdf"
    with pytest.raises(TypeError, match="sudah ditandatangani"):
        draft.save()


def test_signed_document_cannot_be_signed_twice(lkjip, users):
    lkjip.run_until(7)
    lkjip.sign()
    draft = lkjip.process.documents.filter(kind="draf_perbaikan").latest("uploaded_at")
    with pytest.raises(e.WorkflowError):
        s.report_sign(
            process_id=lkjip.process.pk, actor_user=users["camat.kragan"], document_id=draft.pk
        )


def test_only_one_lkjip_per_pd_and_year(lkjip, users, demo):
    lkjip.start()
    with pytest.raises(e.WrongState):
        s.process_start(
            sop_code="lkjip", pd=demo["kragan"], year=lkjip.year, actor_user=users["camat.kragan"]
        )


def test_staff_cannot_start_a_process(users, demo):
    with pytest.raises(e.NotAllowed):
        s.process_start(
            sop_code="lkjip", pd=demo["kragan"], year=2025, actor_user=users["staf1.kragan"]
        )
    assert not Process.objects.exists()


def test_upload_of_an_unaccepted_type_is_refused_and_changes_nothing(lkjip, users):
    lkjip.start()
    with pytest.raises(e.InvalidInput) as exc:
        s.document_upload(
            process_id=lkjip.process.pk,
            kind="surat_edaran",
            upload=upload("virus.exe", b"MZ"),
            actor_user=users["camat.kragan"],
        )
    assert exc.value.message.startswith("Jenis berkas .exe tidak diterima")
    assert not lkjip.process.documents.exists()


def test_auditor_of_another_kabupaten_office_cannot_be_assigned(lkjip, users):
    lkjip.run_until(4)
    with pytest.raises(e.InvalidInput):
        s.auditors_assign(
            process_id=lkjip.process.pk,
            actor_user=users["irban1"],
            auditors=[users["kasip3.kragan"]],
        )


def test_kepala_of_kecamatan_cannot_assign_auditors(lkjip, users):
    lkjip.run_until(4)
    with pytest.raises(e.NotAllowed):
        s.auditors_assign(
            process_id=lkjip.process.pk,
            actor_user=users["camat.kragan"],
            auditors=[users["auditor1"]],
        )


# --- schedule --------------------------------------------------------------------------
def test_schedule_forecasts_the_end_from_the_remaining_mutu_baku(lkjip):
    process = lkjip.run_until(4)
    schedule = process_schedule(process, now=lkjip.now)
    # Remaining on the 'ya' path: 4 (10 hari, current), 5 (5), 6 (1), 7 (120 menit),
    # 8 (1), 9 (15 menit).
    assert [f.step.number for f in schedule.steps] == [4, 5, 6, 7, 8, 9]
    assert schedule.deadline.astimezone(WIB).date() == dt.date(2026, 2, 27)
    assert not schedule.at_risk


def test_schedule_is_at_risk_when_the_forecast_passes_the_deadline(lkjip):
    process = lkjip.run_until(3)
    # Drafting overdue on 16 Feb 2026: the 17 working days of steps 4-9 end in March.
    late = dt.datetime(2026, 2, 16, 8, 0, tzinfo=WIB)
    schedule = process_schedule(process, now=late)
    assert schedule.at_risk
    assert schedule.steps[1].late_start  # the reviu should have begun already


def test_latest_starts_meet_the_deadline_exactly(lkjip):
    from organisation.calendar import calendar_for_pd

    process = lkjip.run_until(2)
    schedule = process_schedule(process, now=lkjip.now)
    calendar = calendar_for_pd(process.pd)
    last = schedule.steps[-1]
    assert last.latest_end == schedule.deadline
    for earlier, later in zip(schedule.steps, schedule.steps[1:], strict=False):
        assert earlier.latest_end == later.latest_start
        if earlier.step.duration:
            assert calendar.add(earlier.latest_start, earlier.step.duration) == earlier.latest_end
