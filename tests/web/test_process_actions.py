"""The forms of the process page, posted as the pelaksana: each either moves the process
or shows the service's refusal in Bahasa Indonesia and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web import as_user, pdf, text
from workflow.checks import MISSING_DISPOSISI, MISSING_DOCUMENT
from workflow.exceptions import INCOMPLETE, NOT_YOUR_TASK
from workflow.forms import CONFIRM_REQUIRED
from workflow.models import AuditEntry, Document, Process, ReviewNote, Signature

pytestmark = pytest.mark.django_db

SURAT_EDARAN = "Surat Edaran Bupati hal Penyusunan LKjPD"


def disposisi_data(users, sekcam_position_id: int) -> dict:
    return {
        "surat_dari": "Bupati Rembang",
        "nomor_surat": "700/125/2026",
        "tanggal_surat": "2025-01-03",
        "diterima_tanggal": "2025-01-06",
        "nomor_agenda": "32",
        "sifat": "segera",
        "perihal": "Penyusunan LKjIP Tahun 2025",
        "diteruskan_kepada": sekcam_position_id,
        "instruksi": ["proses_lanjut", "koordinasikan"],
        "catatan": "Bentuk Tim Penyusun.",
        "batas_waktu": "2025-01-08",
    }


def snapshot(process: Process) -> tuple:
    process.refresh_from_db()
    return (
        process.state,
        AuditEntry.objects.filter(process=process).count(),
        Document.objects.filter(process=process).count(),
        process.tasks.filter(status="open").count(),
    )


def test_pelaksana_sees_the_transition_form_with_the_missing_file_input(client, users, lkjip):
    process = lkjip.start()
    page = text(as_user(client, users, "camat.kragan").get(f"/proses/{process.pk}/"))
    assert f'action="/proses/{process.pk}/aksi/disposisi/"' in page
    assert 'name="dokumen_surat_edaran"' in page
    assert f'action="/proses/{process.pk}/disposisi/"' in page


def test_others_see_the_reason_instead_of_the_form(client, users, lkjip):
    process = lkjip.start()
    page = text(as_user(client, users, "sekcam.kragan").get(f"/proses/{process.pk}/"))
    assert f'action="/proses/{process.pk}/aksi/disposisi/"' not in page
    assert NOT_YOUR_TASK.format(pelaksana="Kepala PD") in page


def test_disposisi_upload_and_transition_through_the_web_reach_step_2(client, users, lkjip):
    process = lkjip.start()
    web = as_user(client, users, "camat.kragan")
    sekcam = process.pd.positions.get(code="sekcam")
    response = web.post(f"/proses/{process.pk}/disposisi/", disposisi_data(users, sekcam.pk))
    assert response.status_code == 302, text(response)
    response = web.post(
        f"/proses/{process.pk}/aksi/disposisi/",
        {"note": "Segera.", "dokumen_surat_edaran": pdf("surat-edaran.pdf")},
    )
    assert response.status_code == 302, text(response)
    process.refresh_from_db()
    assert process.state == "langkah-2"
    assert process.documents.get().kind == "surat_edaran"
    assert process.disposisi.get().diteruskan_kepada == sekcam


def test_printable_disposisi_is_linked_once_filled(client, users, lkjip):
    process = lkjip.start()
    lkjip.prepare_1()
    page = text(as_user(client, users, "camat.kragan").get(f"/proses/{process.pk}/"))
    disposisi = process.disposisi.get()
    assert f"/proses/{process.pk}/disposisi/{disposisi.pk}/cetak/" in page


def test_refused_transition_shows_the_indonesian_message_and_changes_nothing(client, users, lkjip):
    process = lkjip.start()
    before = snapshot(process)
    response = as_user(client, users, "camat.kragan").post(
        f"/proses/{process.pk}/aksi/disposisi/", {"note": ""}
    )
    assert response.status_code == 400
    missing = "; ".join([MISSING_DOCUMENT.format(name=SURAT_EDARAN), MISSING_DISPOSISI])
    assert INCOMPLETE.format(missing=missing) in text(response)
    assert snapshot(process) == before


def test_refused_transition_keeps_the_uploaded_document(client, users, lkjip):
    process = lkjip.start()
    response = as_user(client, users, "camat.kragan").post(
        f"/proses/{process.pk}/aksi/disposisi/", {"dokumen_surat_edaran": pdf()}
    )
    assert response.status_code == 400
    assert MISSING_DISPOSISI in text(response)
    process.refresh_from_db()
    assert process.state == "langkah-1"
    assert process.documents.get().kind == "surat_edaran"


def test_refused_upload_shows_the_services_message_beside_the_file(client, users, lkjip):
    process = lkjip.start()
    response = as_user(client, users, "camat.kragan").post(
        f"/proses/{process.pk}/aksi/disposisi/",
        {"dokumen_surat_edaran": pdf("surat.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert "Jenis berkas .exe tidak diterima" in text(response)
    assert not process.documents.exists()


def test_transition_by_someone_else_is_refused_with_403(client, users, lkjip):
    process = lkjip.start()
    lkjip.prepare_1()
    response = as_user(client, users, "sekcam.kragan").post(
        f"/proses/{process.pk}/aksi/disposisi/", {"note": ""}
    )
    assert response.status_code == 403
    assert NOT_YOUR_TASK.format(pelaksana="Kepala PD") in text(response)
    process.refresh_from_db()
    assert process.state == "langkah-1"


def test_team_form_sets_the_team_from_the_role_selects(client, users, lkjip):
    lkjip.start()
    lkjip.step1()
    process = lkjip.process
    data = {"sk_nomor": "900/12/2025", "sk_tanggal": "2025-01-06"}
    data[f"peran_{users['sekcam.kragan'].pk}"] = "ketua"
    data[f"peran_{users['progkeu.kragan'].pk}"] = "sekretaris"
    data[f"peran_{users['kasip3.kragan'].pk}"] = "anggota"
    response = as_user(client, users, "sekcam.kragan").post(f"/proses/{process.pk}/tim/", data)
    assert response.status_code == 302, text(response)
    team = process.pd.teams.get(year=2025)
    assert {(m.user.username, m.role) for m in team.members.all()} == {
        ("sekcam.kragan", "ketua"),
        ("progkeu.kragan", "sekretaris"),
        ("kasip3.kragan", "anggota"),
    }


def test_team_without_ketua_shows_the_services_message(client, users, lkjip):
    lkjip.start()
    lkjip.step1()
    process = lkjip.process
    data = {"sk_nomor": "900/12/2025", "sk_tanggal": "2025-01-06"}
    data[f"peran_{users['progkeu.kragan'].pk}"] = "anggota"
    response = as_user(client, users, "sekcam.kragan").post(f"/proses/{process.pk}/tim/", data)
    assert response.status_code == 400
    assert "Ketua" in text(response)
    assert not process.pd.teams.filter(year=2025).exists()


def test_inspektorat_leader_assigns_auditors_on_the_page(client, users, lkjip):
    process = lkjip.run_until(4)
    response = as_user(client, users, "irban1").post(
        f"/proses/{process.pk}/auditor/", {"auditors": [users["auditor2"].pk]}
    )
    assert response.status_code == 302, text(response)
    page = text(as_user(client, users, "auditor2").get(f"/proses/{process.pk}/"))
    assert f'action="/proses/{process.pk}/catatan/"' in page


def test_note_is_answered_with_htmx_in_place(client, users, lkjip):
    process = lkjip.run_until(4)
    lkjip.step4(notes=1)
    note = ReviewNote.objects.get(process=process)
    response = as_user(client, users, "progkeu.kragan").post(
        f"/proses/{process.pk}/catatan/{note.pk}/tanggapan/",
        {"response": "Sudah diperbaiki."},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert text(response).startswith('<li class="note note--answered"')
    note.refresh_from_db()
    assert note.response == "Sudah diperbaiki."


def test_note_answer_without_htmx_redirects_back(client, users, lkjip):
    process = lkjip.run_until(4)
    lkjip.step4(notes=1)
    note = ReviewNote.objects.get(process=process)
    response = as_user(client, users, "progkeu.kragan").post(
        f"/proses/{process.pk}/catatan/{note.pk}/tanggapan/",
        {"response": "Sudah.", "file": pdf("perbaikan.pdf")},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.response_document.original_name == "perbaikan.pdf"


def test_sign_form_requires_the_confirmation(client, users, lkjip):
    process = lkjip.run_until(7)
    draft = process.documents.filter(kind="draf_perbaikan").latest("uploaded_at")
    response = as_user(client, users, "camat.kragan").post(
        f"/proses/{process.pk}/tandatangani/", {"document": draft.pk}
    )
    assert response.status_code == 400
    assert str(CONFIRM_REQUIRED) in text(response)
    assert not Signature.objects.exists()
    process.refresh_from_db()
    assert process.state == "langkah-7"


def test_sign_page_defaults_to_the_latest_revised_draft(client, users, lkjip):
    process = lkjip.run_until(7)
    draft = process.documents.filter(kind="draf_perbaikan").latest("uploaded_at")
    page = text(as_user(client, users, "camat.kragan").get(f"/proses/{process.pk}/tandatangani/"))
    assert f'<option value="{draft.pk}" selected>' in page


def test_confirmed_signature_moves_on_and_shows_the_sha256(client, users, lkjip):
    process = lkjip.run_until(7)
    draft = process.documents.filter(kind="draf_perbaikan").latest("uploaded_at")
    web = as_user(client, users, "camat.kragan")
    response = web.post(
        f"/proses/{process.pk}/tandatangani/", {"document": draft.pk, "confirm": "on"}
    )
    assert response.status_code == 302, text(response)
    process.refresh_from_db()
    assert process.state == "langkah-8"
    assert draft.sha256 in text(web.get(f"/proses/{process.pk}/"))


def test_sign_page_tells_others_why_they_cannot_sign(client, users, lkjip):
    process = lkjip.run_until(7)
    page = text(as_user(client, users, "sekcam.kragan").get(f"/proses/{process.pk}/tandatangani/"))
    assert NOT_YOUR_TASK.format(pelaksana="Kepala PD") in page


def test_verification_says_the_signed_file_matches(client, users, lkjip):
    process = lkjip.run_until(8)
    signed = Signature.objects.get(process=process).document
    content = signed.file.open("rb").read()
    response = as_user(client, users, "camat.kragan").post(
        f"/proses/{process.pk}/verifikasi/", {"file": pdf("salinan.pdf", content)}
    )
    assert response.status_code == 200
    assert "Cocok." in text(response)


def test_verification_says_another_file_does_not_match(client, users, lkjip):
    process = lkjip.run_until(8)
    response = as_user(client, users, "auditor1").post(
        f"/proses/{process.pk}/verifikasi/", {"file": pdf("palsu.pdf", b"%PDF-1.4 lain")}
    )
    assert response.status_code == 200
    assert "Tidak cocok." in text(response)


def test_verification_before_any_signature_says_so(client, users, lkjip):
    process = lkjip.run_until(3)
    response = as_user(client, users, "camat.kragan").post(
        f"/proses/{process.pk}/verifikasi/", {"file": pdf()}
    )
    assert response.status_code == 409
    assert "Proses ini belum memiliki dokumen yang ditandatangani." in text(response)


@pytest.mark.parametrize("action", ["sampaikan", "arsipkan"])
def test_final_actions_require_the_confirmation(client, users, lkjip, action):
    process = lkjip.run_until(8 if action == "sampaikan" else 9)
    if action == "sampaikan":
        lkjip.prepare_8()
    before = snapshot(process)
    response = as_user(client, users, "progkeu.kragan").post(
        f"/proses/{process.pk}/aksi/{action}/", {"note": ""}
    )
    assert response.status_code == 400
    assert str(CONFIRM_REQUIRED) in text(response)
    assert snapshot(process) == before


def test_archiving_with_the_confirmation_finishes_the_process(client, users, lkjip):
    process = lkjip.run_until(9)
    response = as_user(client, users, "progkeu.kragan").post(
        f"/proses/{process.pk}/aksi/arsipkan/", {"note": "Lemari 2", "confirm": "on"}
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.state == "selesai"


def test_timeline_names_the_holder_when_a_plh_acted(client, users, lkjip, demo):
    from organisation.models import Delegation

    process = lkjip.start()
    lkjip.prepare_1()
    Delegation.objects.create(
        delegate=users["sekcam.kragan"],
        position=process.pd.positions.get(code="camat"),
        kind="plh",
        start=dt.date(2025, 1, 1),
        end=dt.date(2030, 12, 31),
        sk_nomor="800/1/2025",
        sk_tanggal=dt.date(2025, 1, 1),
    )
    lkjip.go(users["sekcam.kragan"], "disposisi")
    page = text(as_user(client, users, "camat.kragan").get(f"/proses/{process.pk}/"))
    assert f"a.n. {users['camat.kragan'].display_name}" in page


def test_timeline_and_history_name_each_rounds_action(client, users, lkjip):
    process = lkjip.run_until(7)
    lkjip.koreksi()
    page = text(as_user(client, users, "camat.kragan").get(f"/proses/{process.pk}/"))
    assert "— Kembalikan dengan koreksi" in page
    assert "Transisi: Kembalikan dengan koreksi" in page
    assert "putaran ke-2" in page
