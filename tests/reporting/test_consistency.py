"""The consistency check of Kragan's LKjIP 2024 draft and the lkjip_check command."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from reporting.checks import consistency_findings
from reporting.demo import load as reporting_load
from reporting.management.commands.lkjip_check import KEYS
from reporting.models import PerjanjianKinerja, PrintedFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def kragan(demo):
    reporting_load()
    return demo["kragan"]


@pytest.fixture
def findings(kragan):
    return consistency_findings(kragan, 2024)


def find(findings, table, row, kind, column=None):
    return [
        f
        for f in findings
        if (f.table, f.row, f.kind) == (table, row, kind) and column in (None, f.column)
    ]


def test_capaian_of_target_1_realisasi_5_is_500_not_100(findings):
    (finding,) = find(findings, "3.2", "P1.K3.SK1-I1", "capaian_salah")
    assert (finding.column, finding.printed, finding.computed) == ("capaian", "100", "500,00")
    assert "Pendataan" in finding.message or "Kepegawaian" in finding.message


def test_capaian_on_a_zero_target_is_found(findings):
    rows = {f.row for f in findings if f.table == "3.2" and f.kind == "capaian_tanpa_target"}
    assert rows == {"P1.K2.SK3-I1", "P1.K4.SK1-I1"}
    (finding,) = find(findings, "3.2", "P1.K4.SK1-I1", "capaian_tanpa_target")
    assert (finding.printed, finding.computed) == ("100", "-")
    assert "Target nol" in finding.message


def test_efisiensi_with_ck_as_a_fraction(findings):
    tujuan = find(findings, "3.7.1", "T1-I1", "efisiensi_salah")
    assert [(f.printed, f.computed) for f in tujuan] == [("99,25", "24,63")]
    sasaran = find(findings, "3.7.1", "S1-I1", "efisiensi_salah")
    assert [(f.printed, f.computed) for f in sasaran] == [("99,23", "23,29")]
    penunjang = find(findings, "3.7.2", "P1-I1", "efisiensi_salah")
    assert [(f.printed, f.computed) for f in penunjang] == [("99,07", "7,02")]
    trantib = find(findings, "3.7.2", "P4-I1", "efisiensi_salah")
    assert [(f.printed, f.computed) for f in trantib] == [("99,29", "28,79")]


def test_efisiensi_printed_without_budget(findings):
    (finding,) = find(findings, "3.7.2", "P1.K3-I1", "efisiensi_salah")
    assert (finding.printed, finding.computed) == ("100,00", "-")


def test_capaian_capped_at_100_in_tabel_3_7_2(findings):
    (finding,) = find(findings, "3.7.2", "P1.K2.SK1-I1", "capaian_salah")
    assert (finding.printed, finding.computed) == ("100", "88,89")


def test_printed_target_differs_from_the_pk_in_force(findings):
    (finding,) = find(findings, "3.2", "P3-I2", "target_berbeda")
    assert (finding.column, finding.printed, finding.computed) == ("target", "15", "27")
    (finding,) = find(findings, "3.2", "P1.K1-I1", "target_berbeda")
    assert (finding.printed, finding.computed) == ("87,5", "100")


def test_pk_target_differing_from_renstra_is_found(kragan):
    PerjanjianKinerja.objects.filter(pd=kragan, version="perubahan").delete()
    findings = consistency_findings(kragan, 2024)
    (finding,) = find(findings, "PK", "T1-I1", "target_berbeda")
    assert (finding.printed, finding.computed) == ("3,2", "3,3")


def test_realisasi_printed_differently(findings):
    (finding,) = find(findings, "3.8", "P1.K3.SK1-I1", "realisasi_berbeda")
    assert (finding.printed, finding.computed) == ("1", "5")


def test_bertambah_berkurang_printed_with_the_wrong_sign(findings):
    changes_2024 = [
        f for f in findings if f.table == "1.3" and f.column == "bertambah_berkurang_2024"
    ]
    assert [(f.row, f.printed, f.computed) for f in changes_2024] == [
        ("P3.K1.SK1/P3.K1.SK1", "13.580.000", "-13.580.000")
    ]
    assert "Tandanya terbalik" in changes_2024[0].message


def test_consistent_tables_give_no_findings(findings):
    tables = Counter(f.table for f in findings)
    assert tables["3.4"] == tables["3.5"] == tables["3.9"] == 0
    kinds = Counter(f.kind for f in findings)
    assert kinds["serapan_salah"] == kinds["jumlah_salah"] == kinds["kategori_salah"] == 0
    assert kinds["anggaran_berbeda"] == 0


def test_a_total_that_is_not_the_sum_of_its_parts(kragan):
    PrintedFigure.objects.filter(
        pd=kragan, year=2024, table="3.9", row_key="P1", column="anggaran"
    ).update(printed="2.284.696.501")
    findings = consistency_findings(kragan, 2024)
    (total,) = find(findings, "3.9", "P1", "jumlah_salah", "anggaran")
    assert (total.printed, total.computed) == ("2.284.696.501", "2.284.696.500")
    (total,) = find(findings, "3.9", "TOTAL", "jumlah_salah", "anggaran")
    assert (total.printed, total.computed) == ("2.451.096.500", "2.451.096.501")


def test_command_prints_json_lines_and_exits_1(kragan, findings):
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("lkjip_check", "--pd", "kragan", "--year", "2024", stdout=out)
    assert exit_.value.code == 1
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == len(findings)
    assert all(tuple(line) == KEYS for line in lines)
    assert set(KEYS) == {"table", "row", "column", "printed", "computed", "kind", "message"}
    assert {
        "table": "3.2",
        "row": "P1.K3.SK1-I1",
        "column": "capaian",
        "printed": "100",
        "computed": "500,00",
        "kind": "capaian_salah",
    }.items() <= next(
        line for line in lines if line["table"] == "3.2" and line["row"] == "P1.K3.SK1-I1"
    ).items()


def test_command_exits_0_without_findings(kragan):
    out = io.StringIO()
    call_command("lkjip_check", "--pd", "sluke", "--year", "2024", stdout=out)
    assert out.getvalue() == ""


def test_command_refuses_an_unknown_pd(kragan):
    with pytest.raises(CommandError) as error:
        call_command("lkjip_check", "--pd", "atlantis", "--year", "2024")
    assert str(error.value) == "Perangkat daerah 'atlantis' tidak ditemukan."
    assert error.value.returncode == 2
