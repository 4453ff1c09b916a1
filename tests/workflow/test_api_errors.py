"""How the API refuses: the status and body of each refusal of the workflow, field errors
for a malformed request, and that a refused action changes nothing. The process is set up
through the services (the `lkjip` Driver); only the refused call goes through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from workflow import exceptions as e
from workflow.api.serializers import POSITION_UNKNOWN
from workflow.checks import MISSING_DISPOSISI, MISSING_DOCUMENT, UNANSWERED_NOTES
from workflow.models import AuditEntry, Task
from workflow.services.records import ALLOWED_EXTENSIONS, FILE_TYPE_REFUSED

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def client_as(users):
    def login(username):
        client = APIClient()
        client.force_authenticate(users[username])
        return client

    return login


@pytest.fixture
def started(lkjip):
    return lkjip.start()


def transition(client, process, action, note=""):
    return client.post(
        f"{API}/processes/{process.pk}/transitions/{action}/", {"note": note}, format="json"
    )


def body_of(response):
    return response.status_code, response.json()


def test_other_pd_gets_404_on_detail(client_as, started):
    response = client_as("camat.sluke").get(f"{API}/processes/{started.pk}/")
    assert body_of(response) == (
        404,
        {"code": "not_found", "message": e.PROCESS_NOT_FOUND, "details": []},
    )


def test_other_pd_gets_404_on_transition(client_as, started):
    response = transition(client_as("camat.sluke"), started, "disposisi")
    assert body_of(response) == (
        404,
        {"code": "not_found", "message": e.PROCESS_NOT_FOUND, "details": []},
    )


def test_other_pd_gets_404_on_disposisi_post(client_as, started):
    response = client_as("camat.sluke").post(
        f"{API}/processes/{started.pk}/disposisi/", {}, format="json"
    )
    assert response.status_code == 404


def test_missing_process_gets_the_same_404(client_as, started):
    response = client_as("camat.kragan").get(f"{API}/processes/{started.pk + 1000}/")
    assert body_of(response) == (
        404,
        {"code": "not_found", "message": e.PROCESS_NOT_FOUND, "details": []},
    )


def test_wrong_role_gets_403_with_the_pelaksana(client_as, started):
    response = transition(client_as("sekcam.kragan"), started, "disposisi")
    assert body_of(response) == (
        403,
        {
            "code": "not_allowed",
            "message": e.NOT_YOUR_TASK.format(pelaksana="Kepala PD"),
            "details": [],
        },
    )


def test_action_of_another_step_gets_409(client_as, started):
    response = transition(client_as("camat.kragan"), started, "paraf")
    assert body_of(response) == (
        409,
        {
            "code": "wrong_state",
            "message": e.WRONG_STATE.format(action="paraf", state="langkah-1"),
            "details": [],
        },
    )


def test_missing_documents_give_400_listing_them(client_as, started):
    response = transition(client_as("camat.kragan"), started, "disposisi")
    missing = [
        MISSING_DOCUMENT.format(name="Surat Edaran Bupati hal Penyusunan LKjPD"),
        MISSING_DISPOSISI,
    ]
    assert body_of(response) == (
        400,
        {
            "code": "incomplete",
            "message": e.INCOMPLETE.format(missing="; ".join(missing)),
            "details": missing,
        },
    )


def test_unanswered_notes_give_400(client_as, users, lkjip):
    process = lkjip.run_until(5)
    lkjip.docs(users["progkeu.kragan"], "draf_perbaikan")
    response = transition(client_as("progkeu.kragan"), process, "teruskan_ke_sekretaris")
    assert (response.status_code, response.json()["details"]) == (
        400,
        [UNANSWERED_NOTES.format(count=1)],
    )


def test_unknown_action_gives_400(client_as, started):
    response = transition(client_as("camat.kragan"), started, "terbang")
    assert body_of(response) == (
        400,
        {
            "code": "invalid",
            "message": e.UNKNOWN_ACTION.format(action="terbang"),
            "details": [],
        },
    )


def test_upload_of_an_exe_gives_400(client_as, started):
    response = client_as("camat.kragan").post(
        f"{API}/processes/{started.pk}/documents/",
        {"kind": "surat_edaran", "file": SimpleUploadedFile("surat.exe", b"MZ\x90\x00")},
        format="multipart",
    )
    assert body_of(response) == (
        400,
        {
            "code": "invalid",
            "message": FILE_TYPE_REFUSED.format(ext="exe", allowed=", ".join(ALLOWED_EXTENSIONS)),
            "details": [],
        },
    )


def test_refused_transition_writes_no_audit_entry(client_as, started):
    before = AuditEntry.objects.filter(process=started).count()
    transition(client_as("camat.kragan"), started, "disposisi")
    assert AuditEntry.objects.filter(process=started).count() == before


def test_refused_transition_changes_no_task(client_as, started):
    fields = ("id", "status", "completed_at", "completed_by", "outcome")
    before = list(Task.objects.filter(process=started).values_list(*fields))
    transition(client_as("camat.kragan"), started, "disposisi")
    assert list(Task.objects.filter(process=started).values_list(*fields)) == before


def test_refused_transition_keeps_the_state(client_as, started):
    transition(client_as("sekcam.kragan"), started, "disposisi")
    started.refresh_from_db()
    assert started.state == "langkah-1"


def test_start_by_another_pd_gets_403(client_as, demo):
    response = client_as("camat.sluke").post(
        f"{API}/processes/", {"sop_code": "lkjip", "pd": "kragan", "year": 2025}, format="json"
    )
    assert body_of(response) == (
        403,
        {"code": "not_allowed", "message": e.NOT_ALLOWED_TO_START, "details": []},
    )


def test_second_start_of_the_same_report_gets_409(client_as, started):
    response = client_as("camat.kragan").post(
        f"{API}/processes/", {"sop_code": "lkjip", "pd": "kragan", "year": 2025}, format="json"
    )
    assert body_of(response) == (
        409,
        {
            "code": "wrong_state",
            "message": e.PROCESS_EXISTS.format(title=started.title),
            "details": [],
        },
    )


def test_malformed_start_lists_field_errors(client_as, demo):
    response = client_as("camat.kragan").post(
        f"{API}/processes/",
        {"sop_code": "lkjip", "pd": "kragan", "year": "dua ribu"},
        format="json",
    )
    assert (response.status_code, list(response.json())) == (400, ["year"])


def test_start_for_an_unknown_pd_is_a_field_error(client_as, demo):
    response = client_as("camat.kragan").post(
        f"{API}/processes/",
        {"sop_code": "lkjip", "pd": "atlantis", "year": 2025},
        format="json",
    )
    assert body_of(response) == (
        400,
        {"pd": ["Perangkat daerah 'atlantis' tidak dikenal."]},
    )


def test_disposisi_to_a_position_outside_the_pd_is_a_field_error(client_as, started):
    response = client_as("camat.kragan").post(
        f"{API}/processes/{started.pk}/disposisi/",
        {
            "surat_dari": "Bupati",
            "nomor_surat": "1",
            "tanggal_surat": "2025-01-03",
            "diterima_tanggal": "2025-01-06",
            "nomor_agenda": "1",
            "sifat": "biasa",
            "perihal": "LKjIP",
            "diteruskan_kepada": "irban1",
            "instruksi": ["arsipkan"],
        },
        format="json",
    )
    assert body_of(response) == (
        400,
        {
            "diteruskan_kepada": [
                str(POSITION_UNKNOWN).format(code="irban1", pd=started.pd),
            ]
        },
    )


def test_process_list_rejects_a_non_numeric_year(client_as, demo):
    response = client_as("camat.kragan").get(f"{API}/processes/?year=kemarin")
    assert (response.status_code, list(response.json())) == (400, ["year"])


def test_note_response_of_another_pd_gets_404(client_as, lkjip):
    process = lkjip.run_until(5)
    note = process.notes.get()
    response = client_as("progkeu.sluke").post(
        f"{API}/notes/{note.pk}/response/", {"response": "Sudah"}, format="json"
    )
    assert response.status_code == 404


def test_request_without_credentials_gets_401(demo):
    assert APIClient().get(f"{API}/inbox/").status_code == 401
