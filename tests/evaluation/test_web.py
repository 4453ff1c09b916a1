"""The evaluation pages through Django's test client as the demo users: the Inspektorat
records an LHE, the Kragan people plan and document the follow-up, the summaries and
Tabel 1.4 from Kragan's demo LHE 2023 (evaluation.demo)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from openpyxl import load_workbook

from evaluation import services
from evaluation.demo import load as evaluation_load
from evaluation.demo import seed
from evaluation.models import Component, FollowUp, FollowUpEvidence, Lhe, Recommendation
from evaluation.scoring import SCORE_ABOVE_WEIGHT
from tests.support import WIB

pytestmark = pytest.mark.django_db

T = dt.datetime(2025, 3, 17, 9, 0, tzinfo=WIB)
RECORD = "/evaluasi/kragan/catat/"
FORM = {
    "year": "2024",
    "tanggal": "2025-03-17",
    "nomor": "700/12/2025",
    "nilai-perencanaan": "20,5",
    "nilai-pengukuran": "18",
    "nilai-pelaporan": "10",
    "nilai-evaluasi_internal": "15",
    "rekomendasi-perencanaan": "Perbaiki pohon kinerja.\n\nSelaraskan IKU dengan Renstra.",
    "rekomendasi-pelaporan": "Lengkapi Bab III.",
}


@pytest.fixture
def kragan(demo):
    return demo["kragan"]


@pytest.fixture
def lhe_2023(kragan):
    """Kragan's demo LHE 2023: 19 recommendations, 18 reported tuntas, 1 in progress."""
    return evaluation_load()


@pytest.fixture
def follow_up(users, kragan):
    """The follow-up of a fresh LHE 2024's only recommendation (step 1, no plan yet)."""
    lhe = services.lhe_record(
        pd=kragan,
        year=2024,
        tanggal=T.date(),
        scores={
            "perencanaan": "20",
            "pengukuran": "20",
            "pelaporan": "10",
            "evaluasi_internal": "15",
        },
        recommendations=[("perencanaan", "Perbaiki pohon kinerja.")],
        user=users["irban1"],
        now=T,
    )
    return lhe.recommendations.get().follow_up


@pytest.fixture
def planned(users, follow_up):
    """The same follow-up with its plan: the Kasubag ProgKeu in charge."""
    services.follow_up_plan(
        follow_up_id=follow_up.pk,
        user=users["sekcam.kragan"],
        action="Menyusun ulang pohon kinerja",
        output_satuan="dokumen",
        output_uraian="Pohon kinerja 2025",
        pic_code="kasubag-progkeu",
        target_date=dt.date(2025, 6, 30),
        now=T,
    )
    return follow_up


def login(client, users, username):
    client.force_login(users[username])
    return client


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def follow_up_url(follow_up) -> str:
    return f"/evaluasi/tindak-lanjut/{follow_up.pk}/"


def in_progress(lhe) -> FollowUp:
    return next(
        r.follow_up
        for r in lhe.recommendations.select_related("follow_up__process")
        if services.status_of(r.follow_up.process)[0] == "dalam_proses"
    )


# --- recording an LHE ------------------------------------------------------------------


def test_inspektorat_records_an_lhe_through_the_form(client, users, kragan):
    login(client, users, "irban1").post(RECORD, {**FORM, "evaluators": [users["auditor1"].pk]})
    recorded = Recommendation.objects.filter(lhe__pd=kragan, lhe__year=2024)
    assert [(r.component.code, r.number, r.text) for r in recorded] == [
        ("perencanaan", 1, "Perbaiki pohon kinerja."),
        ("perencanaan", 2, "Selaraskan IKU dengan Renstra."),
        ("pelaporan", 1, "Lengkapi Bab III."),
    ]


def test_recording_leads_to_the_lhe_page(client, users, kragan):
    response = login(client, users, "irban1").post(RECORD, FORM)
    assert response.headers["Location"] == "/evaluasi/kragan/2024/"


def test_the_total_is_the_sum_of_the_scores(client, users, kragan):
    login(client, users, "irban1").post(RECORD, FORM)
    assert "63,5" in page_text(client.get("/evaluasi/kragan/"))


def test_the_lhe_page_shows_the_predikat(client, users, kragan):
    login(client, users, "irban1").post(RECORD, FORM)
    assert "<strong>B</strong> (Baik)" in page_text(client.get("/evaluasi/kragan/2024/"))


def test_a_score_above_its_weight_is_refused_with_the_message(client, users, kragan):
    response = login(client, users, "irban1").post(RECORD, {**FORM, "nilai-pelaporan": "16"})
    pelaporan = Component.objects.get(code="pelaporan")
    message = SCORE_ABOVE_WEIGHT.format(component=pelaporan.name, value="16", weight="15")
    assert (response.status_code, message in page_text(response)) == (400, True)


def test_a_score_above_its_weight_saves_nothing(client, users, kragan):
    login(client, users, "irban1").post(RECORD, {**FORM, "nilai-pelaporan": "16"})
    assert not Lhe.objects.exists()


def test_a_camat_cannot_open_the_record_form(client, users, kragan):
    assert login(client, users, "camat.kragan").get(RECORD).status_code == 403


def test_the_form_shows_each_components_weight(client, users, kragan):
    page = page_text(login(client, users, "irban1").get(RECORD))
    assert "Pelaporan Kinerja (bobot 15)" in page


# --- the follow-up ---------------------------------------------------------------------


def test_a_kasi_sees_the_recommendations(client, users, lhe_2023):
    page = page_text(login(client, users, "kasipm.kragan").get("/evaluasi/kragan/2023/"))
    first = seed()["components"][0]["recommendations"][0]["rekomendasi"]
    assert first.splitlines()[0] in page


def test_a_kasi_gets_no_plan_form(client, users, lhe_2023):
    page = login(client, users, "kasipm.kragan").get(follow_up_url(in_progress(lhe_2023)))
    assert 'name="action"' not in page.content.decode()


def test_a_refused_plan_changes_nothing(client, users, lhe_2023):
    follow_up = in_progress(lhe_2023)
    before = follow_up.action
    login(client, users, "kasipm.kragan").post(
        follow_up_url(follow_up), {"form": "rencana", "action": "Diubah Kasi"}
    )
    follow_up.refresh_from_db()
    assert follow_up.action == before


def test_a_refused_plan_is_forbidden(client, users, lhe_2023):
    response = login(client, users, "kasipm.kragan").post(
        follow_up_url(in_progress(lhe_2023)), {"form": "rencana", "action": "Diubah Kasi"}
    )
    assert response.status_code == 403


def test_the_sekretaris_saves_a_plan(client, users, follow_up):
    login(client, users, "sekcam.kragan").post(
        follow_up_url(follow_up),
        {
            "form": "rencana",
            "action": "Menyusun ulang pohon kinerja",
            "output_satuan": "dokumen",
            "output_uraian": "Pohon kinerja 2025",
            "pic": "kasubag-progkeu",
            "target_date": "2025-06-30",
        },
    )
    follow_up.refresh_from_db()
    assert (follow_up.action, follow_up.pic.code, follow_up.target_date) == (
        "Menyusun ulang pohon kinerja",
        "kasubag-progkeu",
        dt.date(2025, 6, 30),
    )


def test_the_penanggung_jawab_adds_a_link(client, users, planned):
    login(client, users, "progkeu.kragan").post(
        follow_up_url(planned),
        {"form": "bukti", "url": "https://drive.example.id/pohon-kinerja", "label": "Pohon"},
    )
    assert list(FollowUpEvidence.objects.values_list("url", flat=True)) == [
        "https://drive.example.id/pohon-kinerja"
    ]


def test_a_malformed_link_is_refused_with_the_message(client, users, planned):
    response = login(client, users, "sekcam.kragan").post(
        follow_up_url(planned), {"form": "bukti", "url": "drive/abc"}
    )
    message = services.EVIDENCE_URL_INVALID.format(url="drive/abc")
    assert (response.status_code, message in page_text(response)) == (400, True)


def test_the_follow_up_links_to_its_process_page(client, users, follow_up):
    page = login(client, users, "sekcam.kragan").get(follow_up_url(follow_up)).content.decode()
    assert f'href="/proses/{follow_up.process_id}/"' in page


def test_a_carried_over_recommendation_is_marked(client, users, lhe_2023, kragan):
    services.lhe_record(
        pd=kragan,
        year=2024,
        tanggal=T.date(),
        nilai_tercatat="67,15",
        recommendations=[("pelaporan", "Lengkapi Bab III.")],
        user=users["irban1"],
        now=T,
    )
    page = page_text(login(client, users, "sekcam.kragan").get("/evaluasi/kragan/2024/"))
    assert page.count("lanjutan dari LHE 2023") == 19


# --- summaries and Tabel 1.4 -----------------------------------------------------------


def summary_cells(page: str, slug: str) -> dict[str, str]:
    row = re.search(rf'<tr id="ringkasan-{slug}">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r'data-status="(\w+)"[^>]*>(.*?)</td>', row, re.S)
    return {status: re.sub(r"<[^>]+>", "", value).strip() for status, value in cells}


def test_the_kabupaten_summary_shows_kragans_counts(client, users, lhe_2023):
    page = login(client, users, "irban1").get("/evaluasi/").content.decode()
    cells = summary_cells(page, "kragan")
    assert {k: cells[k] for k in ("belum", "dalam_proses", "tuntas", "jumlah")} == {
        "belum": "0",
        "dalam_proses": "1",
        "tuntas": "18",
        "jumlah": "19",
    }


def test_the_camat_sees_the_pds_summary(client, users, lhe_2023):
    page = login(client, users, "camat.kragan").get("/evaluasi/").content.decode()
    assert summary_cells(page, "kragan")["tuntas"] == "18"


def test_tabel_1_4_shows_the_seeds_first_recommendation(client, users, lhe_2023):
    page = page_text(login(client, users, "camat.kragan").get("/evaluasi/kragan/tabel-1-4/2024/"))
    assert seed()["components"][0]["recommendations"][0]["rekomendasi"] in page


def test_tabel_1_4_downloads_as_xlsx(client, users, lhe_2023):
    response = login(client, users, "camat.kragan").get("/evaluasi/kragan/tabel-1-4/2024/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert any("Tabel 1.4" in str(c.value) for row in sheet.iter_rows() for c in row if c.value)


@pytest.mark.parametrize(
    "path",
    [
        "/evaluasi/kragan/",
        "/evaluasi/kragan/catat/",
        "/evaluasi/kragan/tabel-1-4/2024/",
        "/evaluasi/kragan/tabel-1-4/2024/xlsx/",
    ],
)
def test_slukes_camat_gets_404_on_kragans_pages(client, users, kragan, path):
    assert login(client, users, "camat.sluke").get(path).status_code == 404


def test_slukes_camat_gets_404_on_kragans_lhe(client, users, lhe_2023):
    assert login(client, users, "camat.sluke").get("/evaluasi/kragan/2023/").status_code == 404


def test_slukes_camat_gets_404_on_kragans_follow_up(client, users, lhe_2023):
    response = login(client, users, "camat.sluke").get(follow_up_url(in_progress(lhe_2023)))
    assert response.status_code == 404


def test_slukes_camat_sees_no_kragan_in_the_summary(client, users, lhe_2023):
    page = login(client, users, "camat.sluke").get("/evaluasi/").content.decode()
    assert "ringkasan-kragan" not in page


# --- admin -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/admin/evaluation/component/",
        "/admin/evaluation/lhe/",
        "/admin/evaluation/recommendation/",
        "/admin/evaluation/followup/",
    ],
)
def test_admin_lists_render(admin_client, lhe_2023, path):
    assert admin_client.get(path).status_code == 200


def test_admin_lhe_page_renders(admin_client, lhe_2023):
    assert admin_client.get(f"/admin/evaluation/lhe/{lhe_2023.pk}/change/").status_code == 200


def test_admin_follow_up_page_renders(admin_client, lhe_2023):
    follow_up = in_progress(lhe_2023)
    response = admin_client.get(f"/admin/evaluation/followup/{follow_up.pk}/change/")
    assert response.status_code == 200
