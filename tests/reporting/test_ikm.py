"""The Survei Kepuasan Masyarakat (reporting.ikm) on the Kragan demo: importing the
responses, the IKM of PermenPANRB 14/2017, and posting it as a realisasi."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from reporting import ikm, policy
from reporting.demo import load as reporting_load
from reporting.models import DataChange, IkmResponse, IkmSurvey, Indicator, Realisasi
from workflow.exceptions import InvalidInput, NotAllowed

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["No", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]
# Four respondents, worked by hand below.
FOUR = [
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 3, 3, 3, 3, 3, 3, 3, 3],
    [3, 4, 2, 4, 3, 3, 4, 3, 2],
    [2, 3, 3, 4, 4, 3, 3, 2, 3],
]
NOW = dt.datetime(2025, 12, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def kragan(demo):
    reporting_load()
    return demo["kragan"]


@pytest.fixture
def sekcam(users):
    return users["sekcam.kragan"]


@pytest.fixture
def ikm_indicator(kragan):
    return Indicator.objects.get(pd=kragan, code="S1-I1")


def survey_file(respondents, header=HEADER, name="skm.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.title = "Responden"
    ws.append(header)
    for number, scores in enumerate(respondents, start=1):
        ws.append([number, *scores])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX_TYPE)


@pytest.fixture
def survey(kragan, sekcam, ikm_indicator):
    return ikm.survey_responses_import(
        pd=kragan,
        year=2025,
        triwulan=0,
        upload=survey_file(FOUR),
        user=sekcam,
        indicator=ikm_indicator,
        now=NOW,
    )


def test_import_stores_one_response_per_respondent(survey):
    assert sorted(survey.responses.values_list("scores", flat=True)) == sorted(
        "".join(map(str, r)) for r in FOUR
    )


def test_hand_computed_ikm_of_four_respondents(survey):
    # NRR per unsur: (4+3+3+2)/4 = 3, 14/4 = 3.5, 12/4 = 3, 15/4 = 3.75, 14/4 = 3.5,
    # 13/4 = 3.25, 14/4 = 3.5, 12/4 = 3, 12/4 = 3; their sum is 29.5.
    # IKM = 29.5 x 1/9 x 25 = 81.9444... -> 81,94, mutu B (76,61-88,30), Baik.
    result = ikm.survey_result(survey)
    assert (result.value, result.mutu, result.kinerja, result.respondents) == (
        Decimal("81.94"),
        "B",
        "Baik",
        4,
    )


def test_hand_computed_nrr_per_unsur(survey):
    assert ikm.survey_result(survey).nrr == tuple(
        Decimal(v) for v in ("3.00", "3.50", "3.00", "3.75", "3.50", "3.25", "3.50", "3.00", "3.00")
    )


def test_posting_writes_the_ikm_as_the_realisasi(survey, sekcam, ikm_indicator):
    ikm.survey_post_realisasi(survey=survey, user=sekcam, now=NOW)
    realisasi = Realisasi.objects.get(indicator=ikm_indicator, year=2025, triwulan=0)
    assert (realisasi.value, realisasi.entered_by) == (Decimal("81.94"), sekcam)


def test_posting_is_logged_via_survei(survey, sekcam, kragan):
    ikm.survey_post_realisasi(survey=survey, user=sekcam, now=NOW)
    change = DataChange.objects.get(pd=kragan, what="realisasi")
    assert (change.ref, change.after, change.via) == ("S1-I1 2025 TW0", "81.94", "survei")


def test_import_is_logged_via_impor(survey, kragan):
    change = DataChange.objects.get(pd=kragan, what="survei")
    assert (change.ref, change.after, change.via) == (
        "SKM 2025 TW0",
        "4 responden, IKM 81,94 (B)",
        "impor",
    )


def test_score_5_is_a_row_error(kragan, sekcam):
    upload = survey_file([FOUR[0], FOUR[1], [3, 4, 5, 4, 3, 3, 4, 3, 2]])
    with pytest.raises(InvalidInput) as caught:
        ikm.survey_responses_import(pd=kragan, year=2025, triwulan=0, upload=upload, user=sekcam)
    assert (caught.value.message, caught.value.details) == (
        "Berkas tidak diimpor: 1 baris bermasalah.",
        [
            {
                "sheet": "Responden",
                "row": 4,
                "column": "U3",
                "message": ikm.SCORE_INVALID.format(column="U3", value=5),
            }
        ],
    )


def test_a_bad_row_saves_nothing(kragan, sekcam):
    upload = survey_file([FOUR[0], [3, 4, 5, 4, 3, 3, 4, 3, 2]])
    with pytest.raises(InvalidInput):
        ikm.survey_responses_import(pd=kragan, year=2025, triwulan=0, upload=upload, user=sekcam)
    assert (IkmSurvey.objects.count(), IkmResponse.objects.count()) == (0, 0)


def test_missing_score_is_a_row_error(kragan, sekcam):
    upload = survey_file([[4, 4, 4, 4, None, 4, 4, 4, 4]])
    with pytest.raises(InvalidInput) as caught:
        ikm.survey_responses_import(pd=kragan, year=2025, triwulan=0, upload=upload, user=sekcam)
    assert [(d["row"], d["column"]) for d in caught.value.details] == [(2, "U5")]


def test_kasi_may_not_import_a_survey(kragan, users):
    with pytest.raises(NotAllowed) as caught:
        ikm.survey_responses_import(
            pd=kragan, year=2025, triwulan=0, upload=survey_file(FOUR), user=users["kasip3.kragan"]
        )
    assert caught.value.message == policy.NOT_MANAGER.format(pd=kragan.name)


def test_kasi_may_not_post_the_survey(survey, users):
    with pytest.raises(NotAllowed):
        ikm.survey_post_realisasi(survey=survey, user=users["kasip3.kragan"])


def test_reimport_replaces_the_responses(survey, kragan, sekcam):
    again = ikm.survey_responses_import(
        pd=kragan, year=2025, triwulan=0, upload=survey_file(FOUR[:2]), user=sekcam
    )
    assert (again.pk, again.responses.count(), again.indicator.code) == (survey.pk, 2, "S1-I1")


def test_posting_without_indicator_is_refused(kragan, sekcam):
    survey = ikm.survey_responses_import(
        pd=kragan, year=2025, triwulan=2, upload=survey_file(FOUR), user=sekcam
    )
    with pytest.raises(InvalidInput) as caught:
        ikm.survey_post_realisasi(survey=survey, user=sekcam)
    assert caught.value.message == ikm.SURVEY_NO_INDICATOR


def test_posting_without_responses_is_refused(kragan, sekcam, ikm_indicator):
    survey = IkmSurvey.objects.create(
        pd=kragan, year=2025, indicator=ikm_indicator, created_by=sekcam, created_at=NOW
    )
    with pytest.raises(InvalidInput) as caught:
        ikm.survey_post_realisasi(survey=survey, user=sekcam)
    assert caught.value.message == ikm.SURVEY_NO_RESPONSES


def test_file_without_u_columns_is_refused(kragan, sekcam):
    upload = survey_file(FOUR, header=["No", "A", "B", "C", "D", "E", "F", "G", "H", "I"])
    with pytest.raises(InvalidInput, match="U1 sampai U9"):
        ikm.survey_responses_import(pd=kragan, year=2025, triwulan=0, upload=upload, user=sekcam)


def test_non_xlsx_survey_upload_is_refused(kragan, sekcam):
    upload = SimpleUploadedFile("skm.xlsx", b"No;U1;U2\n1;4;4\n")
    with pytest.raises(InvalidInput, match="tidak dapat dibaca sebagai XLSX"):
        ikm.survey_responses_import(pd=kragan, year=2025, triwulan=0, upload=upload, user=sekcam)


def test_template_names_the_nine_unsur_under_u1_to_u9():
    ws = load_workbook(io.BytesIO(ikm.survey_responses_template()))["Responden"]
    assert ([c.value for c in ws[1]][1:], [c.value for c in ws[2]][1:]) == (
        list(ikm.COLUMNS),
        list(ikm.UNSUR),
    )


def test_filled_template_imports(kragan, sekcam):
    wb = load_workbook(io.BytesIO(ikm.survey_responses_template()))
    for number, scores in enumerate(FOUR, start=1):
        wb["Responden"].append([number, *scores])
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("skm.xlsx", out.getvalue(), content_type=XLSX_TYPE)
    survey = ikm.survey_responses_import(
        pd=kragan, year=2025, triwulan=0, upload=upload, user=sekcam
    )
    assert ikm.survey_result(survey).value == Decimal("81.94")
