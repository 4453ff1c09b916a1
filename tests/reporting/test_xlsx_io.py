"""The XLSX template of a PD's inputs (reporting.xlsx_io) on the Kragan demo: export,
all-or-nothing import, permissions per row, and the audit trail."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from reporting import policy, xlsx_io
from reporting.demo import load as reporting_load
from reporting.models import Budget, DataChange, Indicator, Node, Realisasi, Target
from workflow.exceptions import InvalidInput, NotAllowed
from workflow.services.records import FILE_TOO_LARGE

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REALISASI_HEADER = ["kode_indikator", "indikator", "tahun", "triwulan", "nilai", "bukti"]
TARGET_HEADER = ["kode_indikator", "indikator", "tahun", "sumber", "nilai"]
ANGGARAN_HEADER = [
    "kode",
    "program/kegiatan",
    "tahun",
    "pagu_induk",
    "pagu_perubahan",
    "nama_perubahan",
    "realisasi",
]


@pytest.fixture
def kragan(demo):
    reporting_load()
    return demo["kragan"]


@pytest.fixture
def sekcam(users):
    return users["sekcam.kragan"]


@pytest.fixture
def kasi_p3(users):
    """Pengampu of P2-I1, P2.K1-I1, P2.K1-I2 and P2.K1.SK1-I1."""
    return users["kasip3.kragan"]


def xlsx(sheets: dict[str, list[list]], name: str = "data.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX_TYPE)


def as_upload(content: bytes, name: str = "data-kinerja.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_TYPE)


def snapshot(pd):
    return {
        "target": sorted(Target.objects.filter(indicator__pd=pd).values_list()),
        "realisasi": sorted(Realisasi.objects.filter(indicator__pd=pd).values_list()),
        "budget": sorted(Budget.objects.filter(node__pd=pd).values_list()),
        "changes": DataChange.objects.filter(pd=pd).count(),
    }


def realisasi_of(pd, code, year=2024, triwulan=0):
    return Realisasi.objects.filter(
        indicator__pd=pd, indicator__code=code, year=year, triwulan=triwulan
    ).first()


def refused(**kwargs) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        xlsx_io.inputs_import(**kwargs)
    return caught.value


# ---------------------------------------------------------------- export


def test_export_then_import_of_the_year_changes_nothing(kragan, sekcam):
    before = snapshot(kragan)
    content = xlsx_io.inputs_export(pd=kragan, year=2024)
    result = xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=sekcam)
    assert (result.changes, snapshot(kragan)) == (0, before)


def test_export_then_import_of_every_year_changes_nothing(kragan, sekcam):
    before = snapshot(kragan)
    content = xlsx_io.inputs_export(pd=kragan)
    result = xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=sekcam)
    assert (result.changes, snapshot(kragan)) == (0, before)


def test_round_trip_counts_every_stored_row_as_unchanged(kragan, sekcam):
    content = xlsx_io.inputs_export(pd=kragan)
    result = xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=sekcam)
    assert (result.target.unchanged, result.realisasi.unchanged, result.anggaran.unchanged) == (
        Target.objects.filter(indicator__pd=kragan).count(),
        Realisasi.objects.filter(indicator__pd=kragan).count(),
        Budget.objects.filter(node__pd=kragan).count(),
    )


def test_export_of_an_empty_year_has_a_row_for_every_indicator_and_node(kragan):
    wb = load_workbook(io.BytesIO(xlsx_io.inputs_export(pd=kragan, year=2030)))
    indicators = Indicator.objects.filter(pd=kragan).count()
    nodes = Node.objects.filter(pd=kragan).count()
    assert (
        wb["Target"].max_row - 1,
        wb["Realisasi"].max_row - 1,
        wb["Anggaran"].max_row - 1,
    ) == (indicators * 5, indicators * 5, nodes)


def test_export_has_the_documented_sheets_and_headers(kragan):
    wb = load_workbook(io.BytesIO(xlsx_io.inputs_export(pd=kragan, year=2024)))
    headers = {name: [c.value for c in wb[name][1]] for name in ("Target", "Realisasi", "Anggaran")}
    assert (wb.sheetnames, headers) == (
        ["Petunjuk", "Target", "Realisasi", "Anggaran", "Daftar"],
        {"Target": TARGET_HEADER, "Realisasi": REALISASI_HEADER, "Anggaran": ANGGARAN_HEADER},
    )


def test_export_of_a_year_includes_the_stored_renstra_targets_of_the_period(kragan):
    wb = load_workbook(io.BytesIO(xlsx_io.inputs_export(pd=kragan, year=2024)))
    rows = {(r[0], r[2], r[3]): r[4] for r in wb["Target"].iter_rows(min_row=2, values_only=True)}
    assert (rows[("S1-I1", 2026, "renstra")], rows[("S1-I1", 2024, "pk")]) == ("86", "88,31")


# ---------------------------------------------------------------- a good import


def test_good_import_changes_the_realisasi(kragan, kasi_p3):
    upload = xlsx({"Realisasi": [REALISASI_HEADER, ["P2.K1-I2", "", 2024, 0, "97,53", ""]]})
    xlsx_io.inputs_import(pd=kragan, upload=upload, user=kasi_p3)
    assert realisasi_of(kragan, "P2.K1-I2").value == Decimal("97.53")


def test_good_import_logs_each_change_via_impor(kragan, kasi_p3):
    upload = xlsx(
        {
            "Realisasi": [
                REALISASI_HEADER,
                ["P2.K1-I2", "", 2024, 0, "97,53", ""],
                ["P2.K1-I1", "", 2024, 1, 25, "Laporan TW1"],
            ]
        }
    )
    xlsx_io.inputs_import(pd=kragan, upload=upload, user=kasi_p3)
    logged = DataChange.objects.filter(pd=kragan).order_by("ref")
    assert [(c.ref, c.after, c.via, c.user) for c in logged] == [
        ("P2.K1-I1 2024 TW1", "25", "impor", kasi_p3),
        ("P2.K1-I2 2024 TW0", "97.53", "impor", kasi_p3),
    ]


def test_good_import_returns_counts_per_sheet(kragan, kasi_p3):
    upload = xlsx(
        {
            "Realisasi": [
                REALISASI_HEADER,
                ["P2.K1-I2", "", 2024, 0, "97,53", ""],  # changed
                ["P2.K1-I1", "", 2024, 1, 25, ""],  # created
                ["P2.K1-I1", "", 2024, 0, "", ""],  # deleted
                ["P2-I1", "", 2024, 2, "", ""],  # nothing stored, nothing given
            ]
        }
    )
    result = xlsx_io.inputs_import(pd=kragan, upload=upload, user=kasi_p3)
    assert (result.sheets, result.realisasi) == (
        ("Realisasi",),
        xlsx_io.SheetCounts(created=1, changed=1, deleted=1, unchanged=1),
    )


def test_blank_value_deletes_the_target(kragan, sekcam):
    upload = xlsx({"Target": [TARGET_HEADER, ["P1-I1", "", 2024, "renja", None]]})
    xlsx_io.inputs_import(pd=kragan, upload=upload, user=sekcam)
    assert not Target.objects.filter(indicator__code="P1-I1", year=2024, source="renja").exists()


def test_indonesian_formatted_amounts_are_read(kragan, sekcam):
    upload = xlsx(
        {"Anggaran": [ANGGARAN_HEADER, ["P2", "", 2025, "2.451.096.500", None, "", "1.000,00"]]}
    )
    xlsx_io.inputs_import(pd=kragan, upload=upload, user=sekcam)
    budget = Budget.objects.get(node__pd=kragan, node__code="P2", year=2025)
    assert (budget.pagu_induk, budget.pagu_perubahan, budget.realisasi) == (2451096500, None, 1000)


def test_numeric_target_cell_is_stored_in_indonesian_notation(kragan, sekcam):
    upload = xlsx({"Target": [TARGET_HEADER, ["P1-I1", "", 2025, "pk", 72.5]]})
    xlsx_io.inputs_import(pd=kragan, upload=upload, user=sekcam)
    assert Target.objects.get(indicator__code="P1-I1", year=2025, source="pk").value == "72,5"


def test_kasi_may_send_back_the_complete_template_unchanged(kragan, kasi_p3):
    content = xlsx_io.inputs_export(pd=kragan, year=2024)
    result = xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=kasi_p3)
    assert result.changes == 0


# ---------------------------------------------------------------- refused files and rows


def test_bad_row_among_good_ones_is_reported_with_its_place(kragan, kasi_p3):
    upload = xlsx(
        {
            "Realisasi": [
                REALISASI_HEADER,
                ["P2.K1-I2", "", 2024, 0, "97,53", ""],
                ["P2.K1-I1", "", 2024, 0, "abc", ""],
                ["P2-I1", "", 2024, 0, 99, ""],
            ]
        }
    )
    error = refused(pd=kragan, upload=upload, user=kasi_p3)
    assert (error.message, error.details) == (
        "Berkas tidak diimpor: 1 baris bermasalah.",
        [
            {
                "sheet": "Realisasi",
                "row": 3,
                "column": "nilai",
                "message": "Realisasi 'abc' bukan angka.",
            }
        ],
    )


def test_bad_row_among_good_ones_saves_nothing(kragan, kasi_p3):
    before = snapshot(kragan)
    upload = xlsx(
        {
            "Realisasi": [
                REALISASI_HEADER,
                ["P2.K1-I2", "", 2024, 0, "97,53", ""],
                ["P2.K1-I1", "", 2024, 0, "abc", ""],
                ["P2-I1", "", 2024, 0, 99, ""],
            ]
        }
    )
    refused(pd=kragan, upload=upload, user=kasi_p3)
    assert snapshot(kragan) == before


def test_bad_row_in_one_sheet_saves_nothing_of_the_others(kragan, sekcam):
    before = snapshot(kragan)
    upload = xlsx(
        {
            "Target": [TARGET_HEADER, ["P1-I1", "", 2025, "pk", "70"]],
            "Anggaran": [ANGGARAN_HEADER, ["P2", "", 2025, "-5", None, "", None]],
        }
    )
    refused(pd=kragan, upload=upload, user=sekcam)
    assert snapshot(kragan) == before


def test_kasi_realisasi_of_another_kasis_indicator_is_refused_per_row(kragan, kasi_p3):
    upload = xlsx(
        {
            "Realisasi": [
                REALISASI_HEADER,
                ["P2.K1-I2", "", 2024, 0, "97,53", ""],
                ["P3-I1", "", 2024, 0, 50, ""],  # Kasi PM's
            ]
        }
    )
    error = refused(pd=kragan, upload=upload, user=kasi_p3)
    pengampu = Indicator.objects.get(pd=kragan, code="P3-I1").pengampu.title
    assert error.details == [
        {
            "sheet": "Realisasi",
            "row": 3,
            "column": "kode_indikator",
            "message": policy.NOT_PENGAMPU.format(code="P3-I1", pengampu=pengampu),
        }
    ]


def test_kasi_importing_target_rows_is_refused(kragan, kasi_p3):
    upload = xlsx({"Target": [TARGET_HEADER, ["P2.K1-I2", "", 2025, "pk", "100"]]})
    error = refused(pd=kragan, upload=upload, user=kasi_p3)
    assert error.details == [
        {
            "sheet": "Target",
            "row": 2,
            "column": "kode_indikator",
            "message": policy.NOT_MANAGER.format(pd=kragan.name),
        }
    ]


def test_duplicate_rows_are_reported(kragan, sekcam):
    upload = xlsx(
        {
            "Target": [
                TARGET_HEADER,
                ["P1-I1", "", 2024, "renja", "65"],
                ["P1-I1", "", 2024, "Renja", "70"],
            ]
        }
    )
    error = refused(pd=kragan, upload=upload, user=sekcam)
    assert error.details == [
        {
            "sheet": "Target",
            "row": 3,
            "column": "kode_indikator",
            "message": xlsx_io.DUPLICATE.format(row=2, key="P1-I1 2024 renja", what="target"),
        }
    ]


def test_every_problem_of_a_row_is_reported(kragan, sekcam):
    upload = xlsx({"Target": [TARGET_HEADER, ["X9-I9", "", 1800, "dpa", "banyak"]]})
    error = refused(pd=kragan, upload=upload, user=sekcam)
    assert [d["column"] for d in error.details] == ["kode_indikator", "tahun", "sumber", "nilai"]


def test_unknown_indicator_code_is_reported(kragan, kasi_p3):
    upload = xlsx({"Realisasi": [REALISASI_HEADER, ["P9-I9", "", 2024, 0, 1, ""]]})
    error = refused(pd=kragan, upload=upload, user=kasi_p3)
    assert error.details[0]["message"] == xlsx_io.INDICATOR_UNKNOWN.format(
        code="P9-I9", pd=kragan.name
    )


def test_unknown_column_is_reported_on_row_1(kragan, kasi_p3):
    upload = xlsx({"Realisasi": [[*REALISASI_HEADER, "catatan"], ["P2-I1", "", 2024, 0, 1]]})
    error = refused(pd=kragan, upload=upload, user=kasi_p3)
    assert [(d["row"], d["column"]) for d in error.details] == [(1, "catatan")]


def test_missing_column_is_reported(kragan, kasi_p3):
    upload = xlsx({"Realisasi": [["kode_indikator", "tahun", "nilai"], ["P2-I1", 2024, 1]]})
    error = refused(pd=kragan, upload=upload, user=kasi_p3)
    assert error.details == [
        {
            "sheet": "Realisasi",
            "row": 1,
            "column": "triwulan",
            "message": xlsx_io.COLUMN_MISSING.format(column="triwulan", sheet="Realisasi"),
        }
    ]


def test_blank_rows_and_placeholders_are_skipped(kragan, kasi_p3):
    upload = xlsx(
        {
            "Realisasi": [
                REALISASI_HEADER,
                [None, None, None, None, None, None],
                ["P3-I1", "Persentase Kontribusi Dana Desa", None, None, None, None],
            ]
        }
    )
    result = xlsx_io.inputs_import(pd=kragan, upload=upload, user=kasi_p3)
    assert result.realisasi == xlsx_io.SheetCounts()


def test_non_xlsx_content_is_refused_clearly(kragan, sekcam):
    upload = SimpleUploadedFile("data.xlsx", b"kode_indikator;tahun\nP1-I1;2024\n")
    with pytest.raises(InvalidInput, match="tidak dapat dibaca sebagai XLSX"):
        xlsx_io.inputs_import(pd=kragan, upload=upload, user=sekcam)


def test_other_file_type_is_refused_by_its_extension(kragan, sekcam):
    upload = SimpleUploadedFile("data.csv", b"kode_indikator;tahun\nP1-I1;2024\n")
    with pytest.raises(InvalidInput) as caught:
        xlsx_io.inputs_import(pd=kragan, upload=upload, user=sekcam)
    assert caught.value.message == xlsx_io.NOT_XLSX_EXTENSION.format(ext="csv")


def test_too_big_upload_is_refused(kragan, sekcam, settings):
    settings.ALUR_MAX_UPLOAD_MB = 0.001
    content = xlsx_io.inputs_export(pd=kragan, year=2024)
    with pytest.raises(InvalidInput) as caught:
        xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=sekcam)
    assert caught.value.message == FILE_TOO_LARGE.format(
        size=round(len(content) / 1048576, 1), limit=0.001
    )


def test_workbook_without_known_sheets_is_refused(kragan, sekcam):
    upload = xlsx({"Lembar1": [["a", "b"], [1, 2]]})
    with pytest.raises(InvalidInput) as caught:
        xlsx_io.inputs_import(pd=kragan, upload=upload, user=sekcam)
    assert caught.value.message == xlsx_io.NO_SHEETS


def test_template_of_another_pd_is_refused(kragan, demo, sekcam):
    content = xlsx_io.inputs_export(pd=demo["sluke"], year=2024)
    with pytest.raises(InvalidInput) as caught:
        xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=sekcam)
    assert caught.value.message == xlsx_io.OTHER_PD.format(other=demo["sluke"].name, pd=kragan.name)


def test_user_of_another_pd_may_not_import(kragan, users):
    content = xlsx_io.inputs_export(pd=kragan, year=2024)
    with pytest.raises(NotAllowed):
        xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=users["sekcam.sluke"])


def test_bukti_that_looks_like_a_formula_round_trips_as_text(kragan, sekcam):
    Realisasi.objects.filter(indicator__code="P1-I1", year=2024, triwulan=0).update(
        bukti='=HYPERLINK("https://contoh.go.id")'
    )
    before = snapshot(kragan)
    content = xlsx_io.inputs_export(pd=kragan, year=2024)
    xlsx_io.inputs_import(pd=kragan, upload=as_upload(content), user=sekcam)
    assert snapshot(kragan) == before
