"""/api/v1/kinerja/: Kragan's 2024 performance data through the API, as the demo users.

The demo organisation and the seed are loaded once for the module, inside a transaction
rolled back at its end; every test runs in its own savepoint, so each starts from the seed.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook
from rest_framework.test import APIClient

from reporting import policy, services
from reporting.api import serializers as api_s
from reporting.api import views as api_v
from reporting.checks import consistency_findings
from reporting.dataset import ReportData
from reporting.models import Budget, DataChange, Evidence, Indicator, Realisasi, Target

pytestmark = pytest.mark.django_db

API = "/api/v1/kinerja"
KRAGAN = f"{API}/kragan/2024"
OWN = "P2-I1"  # pengampu: kasi-p3 (kasip3.kragan)
OTHERS = "P3-I1"  # pengampu: kasi-pm
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo users by username, with Kragan's 2024 data loaded (once per module)."""
    from organisation.demo import load as organisation_load
    from organisation.models import User
    from reporting.demo import load as reporting_load
    from sop.services import sop_load_all

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            sop_load_all()
            organisation_load()
            reporting_load()
            yield {u.username: u for u in User.objects.all()}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def kragan(seeded):
    from organisation.models import PerangkatDaerah

    return PerangkatDaerah.objects.get(slug="kragan")


@pytest.fixture
def client_as(seeded):
    def login(username):
        client = APIClient()
        client.force_authenticate(seeded[username])
        return client

    return login


def realisasi(code, triwulan=0, year=2024):
    row = Realisasi.objects.filter(indicator__code=code, year=year, triwulan=triwulan).first()
    return row.value if row else None


def put_realisasi(client, code, value, **extra):
    return client.put(
        f"{KRAGAN}/indicators/{code}/realisasi/", {"value": value, **extra}, format="json"
    )


def xlsx(sheet, header, *rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("data.xlsx", out.getvalue(), content_type=XLSX)


def indicator_row(response, code):
    return next(r for r in response.json() if r["code"] == code)


# --- who sees what ---------------------------------------------------------------------


def test_pd_list_shows_a_kasi_only_their_own_pd(client_as):
    assert client_as("kasip3.kragan").get(f"{API}/").json() == [
        {"slug": "kragan", "name": "Kecamatan Kragan", "kabupaten": "Kabupaten Rembang"}
    ]


def test_a_user_of_another_kecamatan_gets_404(client_as):
    response = client_as("camat.sluke").get(f"{KRAGAN}/indicators/")
    assert (response.status_code, response.json()) == (
        404,
        {"code": "not_found", "message": api_v.PD_NOT_FOUND, "details": []},
    )


def test_an_unknown_pd_gets_the_same_404(client_as):
    response = client_as("camat.kragan").get(f"{API}/atlantis/2024/indicators/")
    assert (response.status_code, response.json()["message"]) == (404, api_v.PD_NOT_FOUND)


def test_a_user_of_another_kecamatan_cannot_write_either(client_as):
    response = put_realisasi(client_as("kasip3.sluke"), OWN, "1")
    assert response.status_code == 404


def test_the_inspektorat_sees_kragan(client_as):
    assert client_as("auditor2").get(f"{KRAGAN}/indicators/").status_code == 200


def test_a_request_without_credentials_gets_401(seeded):
    assert APIClient().get(f"{KRAGAN}/indicators/").status_code == 401


# --- indicators ------------------------------------------------------------------------


def test_indicators_come_in_report_order(client_as, kragan):
    codes = [r["code"] for r in client_as("camat.kragan").get(f"{KRAGAN}/indicators/").json()]
    assert codes == [i.code for i in ReportData(kragan, 2024).ordered_indicators()]


def test_indicator_shows_its_range_target_and_capaian(client_as):
    row = indicator_row(client_as("camat.kragan").get(f"{KRAGAN}/indicators/"), "P1-I1")
    assert (row["target"], row["capaian"], row["capaian_display"], row["kategori"]) == (
        "60-70",
        95.93,
        "95,93",
        "Sangat Tinggi",
    )


def test_indicator_names_its_pengampu(client_as):
    row = indicator_row(client_as("camat.kragan").get(f"{KRAGAN}/indicators/"), OWN)
    assert row["pengampu"] == {
        "code": "kasi-p3",
        "title": "Kepala Seksi Pemerintahan dan Pelayanan Publik",
    }


def test_a_kasi_may_edit_exactly_their_own_indicators(client_as):
    rows = client_as("kasip3.kragan").get(f"{KRAGAN}/indicators/").json()
    own = set(Indicator.objects.filter(pengampu__code="kasi-p3").values_list("code", flat=True))
    assert {r["code"] for r in rows if r["editable"]} == own


# --- realisasi -------------------------------------------------------------------------


def test_a_kasi_enters_the_realisasi_of_their_own_indicator(client_as):
    response = put_realisasi(client_as("kasip3.kragan"), OWN, "87,5")
    assert (response.status_code, realisasi(OWN)) == (200, Decimal("87.5"))


def test_the_answer_is_the_stored_realisasi(client_as):
    body = put_realisasi(client_as("kasip3.kragan"), OWN, 87.5).json()
    assert (body["indicator"], body["triwulan"], body["value"], body["entered_by"]["username"]) == (
        OWN,
        0,
        "87.5",
        "kasip3.kragan",
    )


def test_the_entry_is_recorded_as_made_through_the_api(client_as):
    put_realisasi(client_as("kasip3.kragan"), OWN, "87,5")
    change = DataChange.objects.filter(what="realisasi").first()
    assert (change.ref, change.after, change.via, change.user.username) == (
        f"{OWN} 2024 TW0",
        "87.5",
        services.Via.API,
        "kasip3.kragan",
    )


def test_a_triwulan_realisasi_shows_in_the_indicator_list(client_as):
    client = client_as("kasip3.kragan")
    put_realisasi(client, OWN, "20", triwulan=2)
    assert indicator_row(client.get(f"{KRAGAN}/indicators/"), OWN)["realisasi_tw2"] == "20"


def test_null_clears_the_realisasi(client_as):
    response = put_realisasi(client_as("kasip3.kragan"), OWN, None)
    assert (response.json()["value"], realisasi(OWN)) == (None, None)


def test_a_kasi_is_refused_another_kasis_indicator(client_as):
    response = put_realisasi(client_as("kasip3.kragan"), OTHERS, "1")
    assert (response.status_code, response.json()["code"]) == (403, "not_allowed")


def test_a_refused_realisasi_stores_nothing(client_as):
    before = realisasi(OTHERS)
    put_realisasi(client_as("kasip3.kragan"), OTHERS, "1")
    assert (realisasi(OTHERS), DataChange.objects.count()) == (before, 0)


def test_a_value_that_is_no_number_gets_400_in_indonesian(client_as):
    response = put_realisasi(client_as("kasip3.kragan"), OWN, "banyak")
    assert (response.status_code, response.json()) == (
        400,
        {
            "code": "invalid",
            "message": services.NUMBER_INVALID.format(what="Realisasi", value="banyak"),
            "details": [],
        },
    )


def test_a_triwulan_out_of_range_is_a_field_error(client_as):
    response = put_realisasi(client_as("kasip3.kragan"), OWN, "1", triwulan=5)
    assert (response.status_code, response.json()) == (
        400,
        {"triwulan": [str(api_s.TRIWULAN_RANGE)]},
    )


def test_an_unknown_indicator_gets_404(client_as):
    response = put_realisasi(client_as("kasip3.kragan"), "X9-I9", "1")
    assert response.status_code == 404


# --- targets, analysis, evidence -------------------------------------------------------


def test_the_sekretaris_sets_a_target(client_as):
    response = client_as("sekcam.kragan").put(
        f"{KRAGAN}/indicators/{OWN}/targets/",
        {"source": "renstra", "value": "90", "year": 2026},
        format="json",
    )
    target = Target.objects.get(indicator__code=OWN, year=2026, source="renstra")
    assert (response.status_code, target.value) == (200, "90")


def test_a_kasi_cannot_set_a_target(client_as):
    response = client_as("kasip3.kragan").put(
        f"{KRAGAN}/indicators/{OWN}/targets/",
        {"source": "renstra", "value": "90", "year": 2026},
        format="json",
    )
    assert (response.status_code, response.json()["message"]) == (
        403,
        policy.NOT_MANAGER.format(pd="Kecamatan Kragan"),
    )


def test_a_refused_target_stores_nothing(client_as):
    client_as("kasip3.kragan").put(
        f"{KRAGAN}/indicators/{OWN}/targets/",
        {"source": "renstra", "value": "90", "year": 2026},
        format="json",
    )
    assert not Target.objects.filter(indicator__code=OWN, year=2026, source="renstra").exists()


def test_an_unreadable_target_gets_400(client_as):
    response = client_as("sekcam.kragan").put(
        f"{KRAGAN}/indicators/{OWN}/targets/",
        {"source": "pk", "value": "tinggi"},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


def test_the_pengampu_writes_the_analysis(client_as):
    response = client_as("kasip3.kragan").put(
        f"{KRAGAN}/indicators/{OWN}/analysis/",
        {"analisis": "Tercapai.", "solusi": "Pertahankan."},
        format="json",
    )
    assert response.json() == {
        "indicator": OWN,
        "year": 2024,
        "analisis": "Tercapai.",
        "solusi": "Pertahankan.",
    }


def test_the_pengampu_links_evidence_to_the_realisasi(client_as):
    response = client_as("kasip3.kragan").post(
        f"{KRAGAN}/indicators/{OWN}/evidence/",
        {"url": "https://kragan.example/laporan.pdf", "label": "Laporan"},
        format="multipart",
    )
    assert (response.status_code, Evidence.objects.get().url) == (
        201,
        "https://kragan.example/laporan.pdf",
    )


def test_evidence_without_a_realisasi_gets_400(client_as):
    response = client_as("kasip3.kragan").post(
        f"{KRAGAN}/indicators/{OWN}/evidence/",
        {"triwulan": 3, "url": "https://kragan.example/tw3.pdf"},
        format="multipart",
    )
    assert (response.status_code, response.json()["message"]) == (
        400,
        services.NO_REALISASI_YET,
    )


# --- budget ----------------------------------------------------------------------------


def test_the_budget_lists_programs_kegiatan_and_sub_kegiatan(client_as):
    rows = client_as("camat.kragan").get(f"{KRAGAN}/budget/").json()
    assert {r["node"]["level"] for r in rows} == {"program", "kegiatan", "sub_kegiatan"}


def test_the_sekretaris_sets_a_programs_budget(client_as):
    response = client_as("sekcam.kragan").put(
        f"{KRAGAN}/budget/P1/",
        {"pagu_induk": "1.000.000", "pagu_perubahan": None, "realisasi": 900000},
        format="json",
    )
    budget = Budget.objects.get(node__code="P1", year=2024)
    assert (response.status_code, budget.pagu_induk, budget.realisasi) == (200, 1000000, 900000)


def test_a_kasi_cannot_set_the_budget(client_as):
    response = client_as("kasip3.kragan").put(
        f"{KRAGAN}/budget/P1/",
        {"pagu_induk": 1, "pagu_perubahan": None, "realisasi": None},
        format="json",
    )
    assert response.status_code == 403


def test_a_bulk_budget_saves_every_row(client_as):
    client_as("sekcam.kragan").put(
        f"{KRAGAN}/budget/",
        [
            {"node": "P1", "pagu_induk": 5, "pagu_perubahan": None, "realisasi": None},
            {"node": "P2", "pagu_induk": 7, "pagu_perubahan": None, "realisasi": None},
        ],
        format="json",
    )
    saved = Budget.objects.filter(node__code__in=["P1", "P2"], year=2024)
    assert sorted(saved.values_list("node__code", "pagu_induk")) == [("P1", 5), ("P2", 7)]


def test_a_bulk_budget_with_a_bad_row_saves_nothing(client_as):
    before = list(Budget.objects.values_list("id", "pagu_induk", "pagu_perubahan", "realisasi"))
    response = client_as("sekcam.kragan").put(
        f"{KRAGAN}/budget/",
        [
            {"node": "P1", "pagu_induk": 5, "pagu_perubahan": None, "realisasi": None},
            {"node": "P2", "pagu_induk": "-3", "pagu_perubahan": None, "realisasi": None},
        ],
        format="json",
    )
    after = list(Budget.objects.values_list("id", "pagu_induk", "pagu_perubahan", "realisasi"))
    assert (response.status_code, response.json()["details"][0]["node"], after) == (
        400,
        "P2",
        before,
    )


# --- the report ------------------------------------------------------------------------


def test_the_tables_are_listed_in_report_order(client_as):
    numbers = [t["number"] for t in client_as("camat.kragan").get(f"{KRAGAN}/tables/").json()]
    assert numbers == [
        "1.3",
        "1.4",  # from the SAKIP evaluation (evaluation app)
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "3.5",
        "3.6",
        "3.7.1",
        "3.7.2",
        "3.8",
        "3.9",
    ]


def test_tabel_3_2_shows_the_capaian_of_p1_i1_as_printed(client_as):
    table = client_as("camat.kragan").get(f"{KRAGAN}/tables/3.2/").json()
    row = next(r for r in table["rows"] if r["key"] == "P1-I1")
    assert (row["cells"]["capaian"], row["values"]["capaian"]) == ("95,93", 95.93)


def test_an_unknown_table_gets_404(client_as):
    assert client_as("camat.kragan").get(f"{KRAGAN}/tables/9.9/").status_code == 404


def test_the_findings_are_those_of_the_consistency_check(client_as, kragan):
    findings = client_as("auditor2").get(f"{KRAGAN}/findings/").json()
    assert findings == [f.as_dict() for f in consistency_findings(kragan, 2024)]


def test_kragan_2024_has_findings(client_as):
    assert len(client_as("auditor2").get(f"{KRAGAN}/findings/").json()) > 50


def test_a_finding_note_needs_the_lkjip_process(client_as):
    response = client_as("auditor2").post(
        f"{KRAGAN}/findings/note/", {"table": "3.2", "row": "P1-I1", "column": "capaian"}
    )
    assert (response.status_code, response.json()["message"]) == (
        404,
        services.NO_LKJIP_PROCESS.format(pd="Kecamatan Kragan", year=2024),
    )


def test_a_draft_needs_the_lkjip_process(client_as):
    response = client_as("progkeu.kragan").post(f"{KRAGAN}/draft/attach/")
    assert (response.status_code, response.json()["message"]) == (
        404,
        services.NO_LKJIP_PROCESS.format(pd="Kecamatan Kragan", year=2024),
    )


def test_a_refused_download_answers_in_json_even_to_a_client_asking_for_a_pdf(client_as):
    response = client_as("camat.sluke").get(f"{KRAGAN}/export/pdf/", HTTP_ACCEPT="application/pdf")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_an_unknown_export_format_gets_404(client_as):
    assert client_as("camat.kragan").get(f"{KRAGAN}/export/odt/").status_code == 404


def test_the_docx_export_is_a_docx(client_as):
    response = client_as("camat.kragan").get(f"{KRAGAN}/export/docx/")
    assert (response.status_code, response["Content-Type"]) == (200, DOCX)


# --- XLSX, IKM and the trail -----------------------------------------------------------


def test_the_inputs_template_is_an_xlsx(client_as):
    response = client_as("kasip3.kragan").get(f"{KRAGAN}/inputs.xlsx", HTTP_ACCEPT=XLSX)
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)


def test_an_import_counts_what_it_changed(client_as):
    upload = xlsx("Realisasi", ["kode_indikator", "tahun", "triwulan", "nilai"], [OWN, 2024, 1, 5])
    response = client_as("kasip3.kragan").post(
        f"{KRAGAN}/inputs/", {"file": upload}, format="multipart"
    )
    assert (response.status_code, response.json()["realisasi"]["created"]) == (200, 1)


def test_an_import_with_a_bad_row_gets_400_with_the_row(client_as):
    upload = xlsx(
        "Realisasi",
        ["kode_indikator", "tahun", "triwulan", "nilai"],
        [OWN, 2024, 1, 5],
        [OWN, 2024, 2, "banyak"],
    )
    response = client_as("kasip3.kragan").post(
        f"{KRAGAN}/inputs/", {"file": upload}, format="multipart"
    )
    details = response.json()["details"]
    assert (response.status_code, [(d["sheet"], d["row"]) for d in details]) == (
        400,
        [("Realisasi", 3)],
    )


def test_an_import_with_a_bad_row_saves_nothing(client_as):
    upload = xlsx(
        "Realisasi",
        ["kode_indikator", "tahun", "triwulan", "nilai"],
        [OWN, 2024, 1, 5],
        [OWN, 2024, 2, "banyak"],
    )
    client_as("kasip3.kragan").post(f"{KRAGAN}/inputs/", {"file": upload}, format="multipart")
    assert (realisasi(OWN, 1), DataChange.objects.count()) == (None, 0)


def test_the_sekretaris_uploads_a_survey_and_gets_its_ikm(client_as):
    upload = xlsx("Responden", [f"U{n}" for n in range(1, 10)], [4] * 9, [3] * 9)
    response = client_as("sekcam.kragan").post(
        f"{KRAGAN}/ikm/", {"triwulan": 1, "file": upload}, format="multipart"
    )
    body = response.json()
    assert (response.status_code, body["respondents"], body["value"], body["mutu"]) == (
        201,
        2,
        87.5,
        "B",
    )


def test_a_survey_is_posted_as_the_realisasi_of_its_indicator(client_as):
    client = client_as("sekcam.kragan")
    upload = xlsx("Responden", [f"U{n}" for n in range(1, 10)], [4] * 9, [3] * 9)
    client.post(
        f"{KRAGAN}/ikm/",
        {"triwulan": 1, "file": upload, "indicator": OWN},
        format="multipart",
    )
    response = client.post(f"{KRAGAN}/ikm/1/post/")
    assert (response.status_code, realisasi(OWN, 1)) == (200, Decimal("87.5"))


def test_posting_a_missing_survey_gets_404(client_as):
    assert client_as("sekcam.kragan").post(f"{KRAGAN}/ikm/2/post/").status_code == 404


def test_the_trail_shows_the_latest_change_first(client_as):
    put_realisasi(client_as("kasip3.kragan"), OWN, "1")
    put_realisasi(client_as("kasip3.kragan"), OWN, "2")
    rows = client_as("camat.kragan").get(f"{KRAGAN}/changes/?limit=1").json()
    assert [(r["ref"], r["after"], r["via"]) for r in rows] == [(f"{OWN} 2024 TW0", "2", "api")]


# --- schema ----------------------------------------------------------------------------

ENDPOINTS = {
    "/api/v1/kinerja/": {"get"},
    "/api/v1/kinerja/{slug}/{year}/indicators/": {"get"},
    "/api/v1/kinerja/{slug}/{year}/indicators/{code}/realisasi/": {"put"},
    "/api/v1/kinerja/{slug}/{year}/indicators/{code}/targets/": {"put"},
    "/api/v1/kinerja/{slug}/{year}/indicators/{code}/analysis/": {"put"},
    "/api/v1/kinerja/{slug}/{year}/indicators/{code}/evidence/": {"post"},
    "/api/v1/kinerja/{slug}/{year}/budget/": {"get", "put"},
    "/api/v1/kinerja/{slug}/{year}/budget/{node_code}/": {"get", "put"},
    "/api/v1/kinerja/{slug}/{year}/tables/": {"get"},
    "/api/v1/kinerja/{slug}/{year}/tables/{number}/": {"get"},
    "/api/v1/kinerja/{slug}/{year}/findings/": {"get"},
    "/api/v1/kinerja/{slug}/{year}/findings/note/": {"post"},
    "/api/v1/kinerja/{slug}/{year}/export/{fmt}/": {"get"},
    "/api/v1/kinerja/{slug}/{year}/draft/attach/": {"post"},
    "/api/v1/kinerja/{slug}/{year}/inputs.xlsx": {"get"},
    "/api/v1/kinerja/{slug}/{year}/inputs/": {"post"},
    "/api/v1/kinerja/{slug}/{year}/ikm/": {"get", "post"},
    "/api/v1/kinerja/{slug}/{year}/ikm/{triwulan}/post/": {"post"},
    "/api/v1/kinerja/{slug}/{year}/changes/": {"get"},
    "/api/v1/kinerja/{slug}/{year}/measurements/": {"get"},
}


def test_the_schema_documents_every_kinerja_endpoint(client_as):
    paths = client_as("camat.kragan").get("/api/v1/schema/?format=json").json()["paths"]
    assert {p: set(ops) for p, ops in paths.items() if p.startswith(API)} == ENDPOINTS
