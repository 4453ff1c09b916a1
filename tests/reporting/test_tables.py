"""The LKjIP tables computed from Kragan's 2024 inputs, against figures computed by hand from
the seed (realisasi / target x 100 and the other formulas of domain.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporting.demo import load as reporting_load
from reporting.models import Target
from reporting.tables import BUILDERS, ReportData, chart_data, report_table, report_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(demo):
    reporting_load()
    return ReportData(demo["kragan"], 2024)


def row(table, key):
    return next(r for r in table.rows if r.key == key)


def shown(table, key, column):
    return table.display(row(table, key), table.column(column))


def test_every_table_is_built_in_report_order(data):
    tables = report_tables(data.pd, 2024, data)
    assert [t.number for t in tables] == list(BUILDERS)


def test_range_target_is_measured_against_its_upper_bound(data):
    table = report_table(data.pd, 2024, "3.2", data)
    assert (shown(table, "P1-I1", "target"), shown(table, "P1-I1", "capaian")) == (
        "60-70",
        "95,93",
    )


def test_capaian_uses_the_pk_perubahan_in_force(data):
    # PK awal 3,2, PK Perubahan 3,3: realisasi 3,9 / 3,3 x 100 = 118,18
    assert shown(report_table(data.pd, 2024, "3.2", data), "T1-I1", "capaian") == "118,18"


def test_capaian_is_not_capped_at_100(data):
    # target 1, realisasi 5: the seed printed 100, the formula gives 500
    assert shown(report_table(data.pd, 2024, "3.2", data), "P1.K3.SK1-I1", "capaian") == "500,00"


def test_zero_target_has_no_capaian_and_no_kategori(data):
    # The seed's Tabel 3.2 printed target 0 and capaian 100 for this row; with a stored 0:
    Target.objects.filter(indicator__code="P1.K2.SK3-I1", year=2024).update(value="0")
    table = report_table(data.pd, 2024, "3.2")
    assert (shown(table, "P1.K2.SK3-I1", "capaian"), shown(table, "P1.K2.SK3-I1", "kategori")) == (
        "-",
        "",
    )


def test_kategori_follows_the_capaian(data):
    table = report_table(data.pd, 2024, "3.2", data)
    assert shown(table, "P1.K2.SK1-I1", "capaian") == "88,89"  # 16 / 18
    assert shown(table, "P1.K2.SK1-I1", "kategori") == "Tinggi"


def test_history_lists_the_three_earlier_years(data):
    table = report_table(data.pd, 2024, "3.3", data)
    assert [shown(table, "T1-I1", f"realisasi_{y}") for y in (2021, 2022, 2023)] == [
        "3,18",
        "3,28",
        "3,34",
    ]


def test_tingkat_kemajuan_against_the_final_renstra_target(data):
    table = report_table(data.pd, 2024, "3.4", data)
    assert [shown(table, k, "kemajuan") for k in ("T1-I1", "S1-I1")] == ["111,43", "113,41"]


def test_comparison_with_sluke(data):
    table = report_table(data.pd, 2024, "3.5", data)
    assert [shown(table, k, "capaian") for k in ("T1-I1", "S1-I1")] == ["108,33", "107,21"]
    assert shown(table, "T1-I1", "pembanding") == "Kecamatan Sluke"


def test_efisiensi_takes_ck_as_a_fraction(data):
    table = report_table(data.pd, 2024, "3.7.1", data)
    assert [shown(table, k, "efisiensi") for k in ("T1-I1", "S1-I1")] == ["24,63", "23,29"]


def test_budget_rolls_up_from_sub_kegiatan_to_the_pd(data):
    table = report_table(data.pd, 2024, "3.9", data)
    total = row(table, "TOTAL").cells
    programs = [r for r in table.rows if r.level == "program"]
    assert total["anggaran"] == sum(r.cells["anggaran"] for r in programs) == 2451096500


def test_budget_change_is_perubahan_minus_induk(data):
    table = report_table(data.pd, 2024, "1.3", data)
    assert row(table, "P1").cells["selisih"] == 2284696500 - 2240347000


def test_budget_change_header_names_the_pergeseran(data):
    assert report_table(data.pd, 2024, "1.3", data).column("pagu_perubahan").header == (
        "Pagu Pergeseran 8"
    )


def test_menunjang_needs_a_capaian_above_tinggi_floor(data):
    table = report_table(data.pd, 2024, "3.8", data)
    assert shown(table, "P1.K2.SK1-I1", "menunjang") == "M"  # 88,89
    assert shown(table, "T1-I1", "menunjang") == ""  # a tujuan is what is supported


def test_kategori_scale_matches_the_kategori_function(data):
    table = report_table(data.pd, 2024, "3.1", data)
    assert [r.cells["kategori"] for r in table.rows] == [
        "Sangat Tinggi",
        "Tinggi",
        "Sedang",
        "Rendah",
        "Sangat Rendah",
    ]


def test_unknown_table_is_refused_in_indonesian(data):
    with pytest.raises(KeyError, match=r"Tabel 9\.9 tidak ada"):
        report_table(data.pd, 2024, "9.9", data)


def test_trend_of_an_indicator_spans_five_years(data):
    trend = next(t for t in chart_data(data.pd, 2024, data).trends if t.code == "S1-I1")
    assert trend.years == [2020, 2021, 2022, 2023, 2024]
    assert trend.realisasi[-1] == Decimal("97.53")


def test_report_tables_read_a_fixed_number_of_queries(data, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        report_tables(data.pd, 2024)
