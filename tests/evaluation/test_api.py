"""/api/v1/evaluasi/: Kragan's LHE SAKIP and the follow-up of its recommendations through
the API, as the demo users: the Inspektorat records, the Sekcam plans, the Kasubag
Program dan Keuangan carries it out, the Inspektorat returns and verifies (the transitions
and the koreksi note through the existing /api/v1/processes/ endpoints).

The demo organisation, the SOPs and Kragan's LHE 2023 (evaluation.demo) are loaded once
for the module, inside a transaction rolled back at its end; every test runs in its own
savepoint, so each starts from the demo."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import load_workbook
from rest_framework.test import APIClient

from evaluation import selectors
from evaluation import services as ev
from evaluation.api import views as api_v
from evaluation.demo import seed
from evaluation.models import FollowUpEvidence, Lhe
from workflow.models import AuditEntry

pytestmark = pytest.mark.django_db

API = "/api/v1/evaluasi"
KRAGAN = f"{API}/kragan"
PROCESSES = "/api/v1/processes"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCORES = {"perencanaan": "20,5", "pengukuran": "18", "pelaporan": "10", "evaluasi_internal": 15}
LHE_2024 = {
    "year": 2024,
    "tanggal": "2025-03-17",
    "nomor": "700/12/2025",
    "scores": SCORES,
    "recommendations": [
        {"component": "perencanaan", "text": "Perbaiki pohon kinerja."},
        {"component": "pelaporan", "text": "Lengkapi Bab III."},
    ],
    "evaluators": ["auditor1"],
}
PLAN = {
    "action": "Menyusun ulang pohon kinerja",
    "output_satuan": "dokumen",
    "output_uraian": "Pohon kinerja 2025",
    "pic": "kasubag-progkeu",
    "target_date": "2025-06-30",
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo users by username, with Kragan's LHE 2023 loaded (once per module)."""
    from evaluation.demo import load as evaluation_load
    from organisation.demo import load as organisation_load
    from organisation.models import User
    from sop.services import sop_load_all

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            sop_load_all()
            organisation_load()
            evaluation_load()
            yield {u.username: u for u in User.objects.all()}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def client_as(seeded):
    def login(username):
        client = APIClient()
        client.force_authenticate(seeded[username])
        return client

    return login


def ok(response, status=200):
    assert response.status_code == status, response.json()
    return response.json()


@pytest.fixture
def lhe(client_as):
    """Kragan's LHE 2024 recorded by irban1 through the API (its answer)."""
    return ok(client_as("irban1").post(f"{KRAGAN}/lhe/", LHE_2024, format="json"), 201)


@pytest.fixture
def follow_up(lhe):
    """The follow-up of the LHE 2024's first new recommendation (Perencanaan 1)."""
    return next(r for r in lhe["recommendations"] if r["carried_from"] is None)["follow_up"]


def plan(client, follow_up, **changes):
    return client.put(
        f"{API}/follow-ups/{follow_up['id']}/plan/", {**PLAN, **changes}, format="json"
    )


def evidence(client, follow_up, url, label=""):
    return client.post(
        f"{API}/follow-ups/{follow_up['id']}/evidence/", {"url": url, "label": label}, format="json"
    )


def run(client, follow_up, action):
    return client.post(f"{PROCESSES}/{follow_up['process']}/transitions/{action}/", format="json")


def koreksi(client, follow_up, text):
    return client.post(
        f"{PROCESSES}/{follow_up['process']}/notes/",
        {"kind": "koreksi", "target_type": "umum", "text": text},
        format="json",
    )


@pytest.fixture
def planned(client_as, follow_up):
    """The Sekcam has set the rencana aksi (Kasubag Program dan Keuangan in charge)."""
    sekcam = client_as("sekcam.kragan")
    ok(plan(sekcam, follow_up))
    ok(run(sekcam, follow_up, "tetapkan_rencana_aksi"))
    return follow_up


@pytest.fixture
def reported(client_as, planned):
    """The penanggung jawab has added a bukti dukung and reported the follow-up done."""
    progkeu = client_as("progkeu.kragan")
    ok(evidence(progkeu, planned, "https://drive.example.id/pohon-kinerja"), 201)
    ok(run(progkeu, planned, "laporkan_tuntas"))
    return planned


@pytest.fixture
def cycle(client_as, reported):
    """The whole cycle with a return: the auditor notes a koreksi and returns it, the
    penanggung jawab adds another bukti and reports again, the auditor verifies."""
    auditor, progkeu = client_as("auditor1"), client_as("progkeu.kragan")
    ok(koreksi(auditor, reported, "Bukti belum ditandatangani."), 201)
    ok(run(auditor, reported, "kembalikan_tindak_lanjut"))
    ok(evidence(progkeu, reported, "https://drive.example.id/pohon-kinerja-ttd"), 201)
    ok(run(progkeu, reported, "laporkan_tuntas"))
    ok(run(auditor, reported, "verifikasi_tuntas"))
    return reported


def row_of(client, follow_up):
    body = ok(client.get(f"{KRAGAN}/lhe/2024/"))
    return next(r for r in body["recommendations"] if r["follow_up"]["id"] == follow_up["id"])


# --- recording the LHE -----------------------------------------------------------------


def test_the_inspektorat_records_an_lhe_with_its_total_and_predikat(lhe):
    assert (lhe["total"], lhe["predikat"], lhe["predikat_label"]) == ("63.5", "B", "Baik")


def test_the_scores_are_listed_per_component_with_its_weight(lhe):
    assert [(s["component"]["code"], s["weight"], s["value"]) for s in lhe["scores"]] == [
        ("perencanaan", "30", "20.5"),
        ("pengukuran", "30", "18"),
        ("pelaporan", "15", "10"),
        ("evaluasi_internal", "25", "15"),
    ]


def test_each_new_recommendation_gets_a_follow_up_in_belum(lhe):
    new = [r for r in lhe["recommendations"] if r["carried_from"] is None]
    assert [(r["component"]["code"], r["number"], r["follow_up"]["status"]) for r in new] == [
        ("perencanaan", 1, "belum"),
        ("pelaporan", 1, "belum"),
    ]


def test_the_unverified_recommendations_of_2023_are_carried_over(lhe):
    carried = [r["carried_from"] for r in lhe["recommendations"] if r["carried_from"]]
    printed = [r["number"] for c in seed()["components"] for r in c["recommendations"]]
    assert sorted((c["year"], c["number"]) for c in carried) == sorted((2023, n) for n in printed)


def test_the_lhe_list_counts_the_recommendations_newest_first(client_as, lhe):
    body = ok(client_as("camat.kragan").get(f"{KRAGAN}/lhe/"))
    assert [(b["year"], b["counts"]["total"], b["counts"]["carried"]) for b in body] == [
        (2024, 21, 19),
        (2023, 19, 0),
    ]


def test_an_lhe_with_only_its_recorded_total_has_the_predikat_of_that_total(client_as):
    body = ok(client_as("camat.kragan").get(f"{KRAGAN}/lhe/2023/"))
    assert (body["scores"], body["total"], body["predikat"]) == ([], "66.21", "B")


def test_a_non_inspektorat_cannot_record_an_lhe(client_as):
    response = client_as("camat.kragan").post(f"{KRAGAN}/lhe/", LHE_2024, format="json")
    assert (response.status_code, Lhe.objects.filter(year=2024).exists()) == (403, False)


def test_the_bagian_organisasi_cannot_record_an_lhe_either(client_as):
    response = client_as("kabag.organisasi").post(f"{KRAGAN}/lhe/", LHE_2024, format="json")
    assert response.status_code == 403


def test_every_problem_of_an_lhe_is_in_the_details(client_as):
    data = {
        **LHE_2024,
        "scores": {**SCORES, "pelaporan": "16"},
        "recommendations": [{"component": "perencanaan", "text": " "}],
    }
    response = client_as("irban1").post(f"{KRAGAN}/lhe/", data, format="json")
    assert (response.status_code, response.json()["details"]) == (
        400,
        [
            "Nilai Pelaporan Kinerja 16 melebihi bobotnya (15).",
            ev.RECOMMENDATION_EMPTY.format(component="Perencanaan Kinerja", number=1),
        ],
    )


def test_an_unknown_evaluator_is_refused(client_as):
    data = {**LHE_2024, "evaluators": ["auditor9"]}
    response = client_as("irban1").post(f"{KRAGAN}/lhe/", data, format="json")
    assert (response.status_code, response.json()) == (
        400,
        {"evaluators": ["Pengguna tidak dikenal: auditor9."]},
    )


def test_the_lhe_document_sent_in_a_multipart_form_is_downloadable(client_as):
    form = {
        **{k: v for k, v in LHE_2024.items() if k not in ("scores", "recommendations")},
        "scores": json.dumps(SCORES),
        "recommendations": json.dumps(LHE_2024["recommendations"]),
        "document": SimpleUploadedFile("lhe.pdf", b"%PDF-1.4 LHE", "application/pdf"),
    }
    irban = client_as("irban1")
    body = ok(irban.post(f"{KRAGAN}/lhe/", form, format="multipart"), 201)
    assert b"".join(irban.get(body["document"]).streaming_content) == b"%PDF-1.4 LHE"


# --- the cycle through the API ---------------------------------------------------------


def test_the_whole_cycle_ends_verified(client_as, cycle):
    row = row_of(client_as("camat.kragan"), cycle)
    assert (row["follow_up"]["status"], row["follow_up"]["status_label"]) == (
        "terverifikasi",
        "tuntas (terverifikasi)",
    )


def test_the_process_audit_shows_every_step_of_the_cycle(client_as, cycle):
    process = ok(client_as("camat.kragan").get(f"{PROCESSES}/{cycle['process']}/"))
    steps = [
        (h["kind"], h["action"], h["actor"]["username"] if h["actor"] else None)
        for h in process["history"]
    ]
    assert steps == [
        ("start", "", None),
        ("data", "rencana_aksi", "sekcam.kragan"),
        ("transition", "tetapkan_rencana_aksi", "sekcam.kragan"),
        ("data", "bukti_dukung", "progkeu.kragan"),
        ("transition", "laporkan_tuntas", "progkeu.kragan"),
        ("note", "", "auditor1"),  # the koreksi
        ("transition", "kembalikan_tindak_lanjut", "auditor1"),
        ("data", "bukti_dukung", "progkeu.kragan"),
        ("transition", "laporkan_tuntas", "progkeu.kragan"),
        ("transition", "verifikasi_tuntas", "auditor1"),
    ]


def test_the_follow_up_lists_its_plan_and_both_bukti(client_as, cycle):
    follow_up = row_of(client_as("kasipm.kragan"), cycle)["follow_up"]
    assert (
        follow_up["action"],
        follow_up["pic"]["code"],
        follow_up["target_date"],
        [e["url"] for e in follow_up["evidence"]],
    ) == (
        PLAN["action"],
        "kasubag-progkeu",
        "2025-06-30",
        [
            "https://drive.example.id/pohon-kinerja",
            "https://drive.example.id/pohon-kinerja-ttd",
        ],
    )


def test_the_task_of_the_person_in_charge_is_due_on_the_target_date(client_as, planned):
    follow_up = row_of(client_as("progkeu.kragan"), planned)["follow_up"]
    assert follow_up["due_at"].startswith("2025-06-30")


def test_a_verified_follow_up_cannot_be_changed(client_as, cycle):
    assert plan(client_as("sekcam.kragan"), cycle).status_code == 409


def test_a_bukti_file_is_downloadable_at_its_file_url(client_as, planned):
    progkeu = client_as("progkeu.kragan")
    upload = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti", "application/pdf")
    body = ok(
        progkeu.post(
            f"{API}/follow-ups/{planned['id']}/evidence/",
            {"file": upload, "label": "Pohon kinerja"},
            format="multipart",
        ),
        201,
    )
    assert b"".join(progkeu.get(body["file_url"]).streaming_content) == b"%PDF-1.4 bukti"


# --- who may do what -------------------------------------------------------------------


def test_a_kasi_sees_the_recommendations_of_the_pd(client_as, lhe):
    assert client_as("kasipm.kragan").get(f"{KRAGAN}/lhe/2024/").status_code == 200


def test_a_kasi_cannot_update_a_follow_up(client_as, follow_up):
    response = plan(client_as("kasipm.kragan"), follow_up)
    assert (response.status_code, response.json()["message"]) == (
        403,
        "Tindak lanjut ini diperbarui oleh penanggung jawabnya atau Sekretaris PD.",
    )


def test_a_kasi_cannot_add_a_bukti(client_as, planned):
    response = evidence(client_as("kasipm.kragan"), planned, "https://drive.example.id/x")
    assert response.status_code == 403


def test_the_camat_cannot_update_a_follow_up(client_as, follow_up):
    assert plan(client_as("camat.kragan"), follow_up).status_code == 403


def test_the_sekretaris_sets_the_plan(client_as, follow_up):
    body = ok(plan(client_as("sekcam.kragan"), follow_up))
    assert (body["action"], body["pic"]["code"], body["status"]) == (
        PLAN["action"],
        "kasubag-progkeu",
        "belum",
    )


def test_the_person_in_charge_updates_the_plan(client_as, planned):
    response = plan(client_as("progkeu.kragan"), planned, output_uraian="Pohon kinerja 2025 rev")
    assert (response.status_code, response.json()["output_uraian"]) == (
        200,
        "Pohon kinerja 2025 rev",
    )


def test_a_kasi_cannot_verify(client_as, reported):
    assert run(client_as("kasipm.kragan"), reported, "verifikasi_tuntas").status_code == 403


def test_the_camat_cannot_verify(client_as, reported):
    assert run(client_as("camat.kragan"), reported, "verifikasi_tuntas").status_code == 403


def test_a_sluke_user_gets_404_on_kragan(client_as, lhe):
    response = client_as("camat.sluke").get(f"{KRAGAN}/lhe/2024/")
    assert (response.status_code, response.json()) == (
        404,
        {"code": "not_found", "message": api_v.PD_NOT_FOUND, "details": []},
    )


def test_a_sluke_user_gets_404_on_a_kragan_follow_up(client_as, follow_up):
    response = evidence(client_as("sekcam.sluke"), follow_up, "drive/abc")
    assert (response.status_code, response.json()["message"]) == (
        404,
        api_v.FOLLOW_UP_NOT_FOUND,
    )


def test_a_request_without_credentials_gets_401(seeded):
    assert APIClient().get(f"{KRAGAN}/lhe/").status_code == 401


# --- the bukti dukung link -------------------------------------------------------------


def test_a_bad_link_gets_400_with_the_indonesian_message(client_as, planned):
    response = evidence(client_as("progkeu.kragan"), planned, "drive/abc")
    assert (response.status_code, response.json()) == (
        400,
        {
            "code": "invalid",
            "message": "Tautan 'drive/abc' tidak valid: tulis alamat lengkap yang diawali "
            "https:// atau http://.",
            "details": [],
        },
    )


def test_a_bad_link_stores_nothing(client_as, planned):
    evidence(client_as("progkeu.kragan"), planned, "drive/abc")
    assert (
        FollowUpEvidence.objects.filter(follow_up_id=planned["id"]).exists(),
        AuditEntry.objects.filter(process_id=planned["process"], action="bukti_dukung").exists(),
    ) == (False, False)


# --- summaries -------------------------------------------------------------------------


def test_the_camat_sees_the_summary_of_the_pd(client_as, lhe):
    from organisation.models import PerangkatDaerah

    body = ok(client_as("camat.kragan").get(f"{KRAGAN}/summary/"))
    assert body == selectors.pd_summary(PerangkatDaerah.objects.get(slug="kragan")).as_dict()


def test_the_summary_counts_the_demo_follow_ups_by_status(client_as):
    body = ok(client_as("camat.kragan").get(f"{KRAGAN}/summary/"))
    printed = [r["status"] for c in seed()["components"] for r in c["recommendations"]]
    assert body["per_status"] == {
        "belum": 0,
        "dalam_proses": printed.count("dalam_proses"),
        "tuntas": printed.count("tuntas"),
        "terverifikasi": 0,
    }


def test_the_inspektorat_sees_each_pd_of_the_kabupaten(client_as, cycle):
    body = ok(client_as("auditor2").get(f"{API}/kabupaten/summary/"))
    assert [(b["slug"], b["summary"]["total"], b["summary"]["terverifikasi"]) for b in body] == [
        ("kragan", 21, 1)
    ]


def test_the_bagian_organisasi_sees_the_kabupaten_summary(client_as):
    assert client_as("analis.organisasi").get(f"{API}/kabupaten/summary/").status_code == 200


def test_a_camat_gets_403_on_the_kabupaten_summary(client_as):
    response = client_as("camat.kragan").get(f"{API}/kabupaten/summary/")
    assert (response.status_code, response.json()["message"]) == (403, api_v.NOT_OVERSIGHT)


# --- Tabel 1.4 -------------------------------------------------------------------------


def printed_rows():
    return [
        {
            "no": str(p["number"]),
            "rekomendasi": p["rekomendasi"],
            "rencana_aksi": p["rencana_aksi"],
            "satuan": p["output_satuan"],
            "uraian": p["output_uraian"],
            "status": p["status"].replace("_", " "),
            "bukti": "\n".join(p["links"]),
        }
        for c in seed()["components"]
        for p in c["recommendations"]
    ]


def test_tabel_1_4_from_the_demo_matches_the_seed(client_as):
    table = ok(client_as("camat.kragan").get(f"{KRAGAN}/tabel-1-4/2024/"))
    assert [r["cells"] for r in table["rows"] if r["level"] == "item"] == printed_rows()


def test_tabel_1_4_groups_the_rows_under_the_seed_headings(client_as):
    table = ok(client_as("camat.kragan").get(f"{KRAGAN}/tabel-1-4/2024/"))
    headings = [r["cells"]["rekomendasi"] for r in table["rows"] if r["level"] == "group"]
    assert headings == [c["heading"] for c in seed()["components"]]


def test_tabel_1_4_xlsx_holds_the_seed_rows(client_as):
    response = client_as("camat.kragan").get(f"{KRAGAN}/tabel-1-4/2024.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["Tabel 1.4"]
    texts = {cell for row in sheet.iter_rows(values_only=True) for cell in row if cell}
    assert {r["rekomendasi"] for r in printed_rows()} <= texts


def test_tabel_1_4_xlsx_is_an_xlsx_download(client_as):
    response = client_as("camat.kragan").get(f"{KRAGAN}/tabel-1-4/2024.xlsx", HTTP_ACCEPT=XLSX)
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)


def test_tabel_1_4_of_a_year_without_the_previous_lhe_has_no_rows(client_as):
    table = ok(client_as("camat.kragan").get(f"{KRAGAN}/tabel-1-4/2023/"))
    assert table["rows"] == []


# --- schema ----------------------------------------------------------------------------

ENDPOINTS = {
    "/api/v1/evaluasi/{slug}/lhe/": {"get", "post"},
    "/api/v1/evaluasi/{slug}/lhe/{year}/": {"get"},
    "/api/v1/evaluasi/{slug}/lhe/{year}/document/": {"get"},
    "/api/v1/evaluasi/{slug}/summary/": {"get"},
    "/api/v1/evaluasi/{slug}/tabel-1-4/{year}/": {"get"},
    "/api/v1/evaluasi/{slug}/tabel-1-4/{year}.xlsx": {"get"},
    "/api/v1/evaluasi/follow-ups/{follow_up_id}/plan/": {"put"},
    "/api/v1/evaluasi/follow-ups/{follow_up_id}/evidence/": {"post"},
    "/api/v1/evaluasi/follow-ups/{follow_up_id}/evidence/{evidence_id}/file/": {"get"},
    "/api/v1/evaluasi/kabupaten/summary/": {"get"},
}


def test_the_schema_documents_every_evaluasi_endpoint(client_as):
    paths = client_as("camat.kragan").get("/api/v1/schema/?format=json").json()["paths"]
    assert {p: set(ops) for p, ops in paths.items() if p.startswith(API)} == ENDPOINTS
