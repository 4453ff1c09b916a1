"""Checks of the transcribed seed data of Kecamatan Kragan's LKjIP 2024 (reporting/data/).

No database: the two YAML files are loaded with PyYAML and checked for structure, for internal
consistency, and against a few figures read in the seed report
lkjip-kecamatan-kragan-2024.txt (kept outside this repository)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "reporting" / "data"
LEVELS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
RANGE = re.compile(r"^\d+(?:\.\d+)?-\d+(?:\.\d+)?$")


@pytest.fixture(scope="module")
def inputs():
    return yaml.safe_load((DATA / "kragan-2024-inputs.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def printed():
    return yaml.safe_load((DATA / "kragan-2024-printed.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nodes(inputs):
    return {n["code"]: n for n in inputs["nodes"]}


@pytest.fixture(scope="module")
def indicators(inputs):
    return {i["code"]: i for i in inputs["indicators"]}


def is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_target(value):
    return is_number(value) or (isinstance(value, str) and bool(RANGE.match(value)))


def rupiah(text):
    """Printed Indonesian amount ('2.451.096.500', '-') -> int."""
    return 0 if text.strip() == "-" else int(text.split(",")[0].replace(".", ""))


def decimal(text):
    """Printed number with a decimal comma ('97,53', '100%') -> float."""
    return float(text.strip().rstrip("%").replace(",", "."))


# ------------------------------------------------------------------------------- structure


def test_both_files_load(inputs, printed):
    assert inputs["pd"] == "kragan"
    assert printed["pd"] == "kragan"
    assert inputs["report_year"] == printed["report_year"] == 2024


def test_codes_are_unique(inputs):
    codes = [n["code"] for n in inputs["nodes"]]
    assert len(codes) == len(set(codes))
    codes = [i["code"] for i in inputs["indicators"]]
    assert len(codes) == len(set(codes))


def test_node_tree(nodes):
    for node in nodes.values():
        assert node["level"] in LEVELS
        if node["level"] == "tujuan":
            assert node["parent"] is None
            continue
        parent = nodes[node["parent"]]
        assert LEVELS.index(parent["level"]) == LEVELS.index(node["level"]) - 1, node["code"]


def test_indicator_references_exist(inputs, nodes, indicators):
    positions = inputs["positions"]
    for ind in indicators.values():
        assert ind["node"] in nodes, ind["code"]
        assert ind["level"] == nodes[ind["node"]]["level"], ind["code"]
        assert ind["code"].startswith(ind["node"] + "-I"), ind["code"]
        assert ind["polaritas"] in ("positif", "negatif")
        assert ind["kumulatif"] in (True, False, None)
        assert ind["pengampu"] is None or ind["pengampu"] in positions, ind["code"]
        if "pengampu_inherited_from" in ind:
            assert ind["pengampu_inherited_from"] in indicators
        assert ind["name"], ind["code"]
    for sasaran in inputs["renstra"]["sasaran"]:
        assert sasaran["node"] in nodes
        assert sasaran["tujuan"] in nodes
        assert all(code in indicators for code in sasaran["indicators"])
    assert all(code in indicators for code in inputs["renstra"]["iku_sk"]["iku"])
    pk = inputs["perjanjian_kinerja"]
    for version in pk["versions"]:
        assert all(row["indicator"] in indicators for row in version["sasaran"])
        assert all(row["node"] in nodes for row in version["program_anggaran"])
    for row in pk["program_kegiatan"]["rows"]:
        assert row["indicator"] in indicators
        assert row["pengampu"] in positions
    for pd in inputs["other_pd"]:
        assert all(row["comparable_to"] in indicators for row in pd["realisasi"])
    assert all(b["node"] in nodes for b in inputs["budget"])


def test_every_target_is_a_number_or_a_range(inputs, indicators):
    for ind in indicators.values():
        assert ind["targets"], ind["code"]
        for year, value in ind["targets"].items():
            assert isinstance(year, int)
            assert 2021 <= year <= 2026
            assert is_target(value), (ind["code"], year, value)
        for table, value in ind["target_2024_printed"].items():
            assert is_target(value), (ind["code"], table, value)
        for year, value in ind["realisasi"].items():
            assert isinstance(year, int)
            assert 2021 <= year <= 2024
            assert is_number(value), (ind["code"], year, value)
    for version in inputs["perjanjian_kinerja"]["versions"]:
        assert all(is_target(row["target"]) for row in version["sasaran"])
    assert all(
        is_target(r["target"]) for r in inputs["perjanjian_kinerja"]["program_kegiatan"]["rows"]
    )


def test_percentages_are_stored_as_numbers(indicators):
    for ind in indicators.values():
        if ind["satuan"] == "%":
            assert all(is_number(v) for v in ind["targets"].values()), ind["code"]


def test_budget_values_are_integers(inputs):
    seen = set()
    for row in inputs["budget"]:
        key = (row["node"], row["year"])
        assert key not in seen, key
        seen.add(key)
        assert row["year"] in (2023, 2024)
        amounts = {
            k: v for k, v in row.items() if k in ("pagu_induk", "pagu_perubahan", "realisasi")
        }
        assert amounts, key
        for name, value in amounts.items():
            assert type(value) is int, (key, name, value)
            assert value >= 0, (key, name, value)
    for version in inputs["perjanjian_kinerja"]["versions"]:
        assert all(type(row["anggaran"]) is int for row in version["program_anggaran"])


def test_budget_aggregates_equal_their_children(inputs, nodes):
    """Program and kegiatan rows are printed aggregates: they must equal the sum of the rows of
    their nearest descendants that have a row in the same year."""
    for year in (2023, 2024):
        rows = {b["node"]: b for b in inputs["budget"] if b["year"] == year}

        def owner(code, rows=rows):
            parent = nodes[code]["parent"]
            while parent is not None and parent not in rows:
                parent = nodes[parent]["parent"]
            return parent

        children = {}
        for code in rows:
            children.setdefault(owner(code), []).append(rows[code])
        for code, row in rows.items():
            kids = children.get(code)
            if not kids:
                continue
            for key in ("pagu_induk", "pagu_perubahan", "realisasi"):
                if key in row and all(key in k for k in kids):
                    assert row[key] == sum(k[key] for k in kids), (year, code, key)


def test_pk_budgets_match_the_budget_table(inputs):
    budget = {(b["node"], b["year"]): b for b in inputs["budget"]}
    awal, perubahan = inputs["perjanjian_kinerja"]["versions"]
    assert (awal["version"], awal["tanggal"]) == ("awal", "2024-01-26")
    assert (perubahan["version"], perubahan["tanggal"]) == ("perubahan", "2024-11-25")
    for row in awal["program_anggaran"]:
        assert row["anggaran"] == budget[(row["node"], 2024)]["pagu_induk"]
    for row in perubahan["program_anggaran"]:
        assert row["anggaran"] == budget[(row["node"], 2024)]["pagu_perubahan"]
    assert sum(r["anggaran"] for r in awal["program_anggaran"]) == awal["jumlah_printed"]
    assert sum(r["anggaran"] for r in perubahan["program_anggaran"]) == perubahan["jumlah_printed"]


def test_no_derived_numbers_in_the_inputs(inputs):
    text = yaml.safe_dump(inputs)
    for word in ("capaian:", "kategori:", "serapan:", "efisiensi:", "tingkat_kemajuan:"):
        assert word not in text


# ------------------------------------------------------------------------- printed tables


def test_printed_tables_are_complete(printed, indicators, nodes):
    tables = {t["table"]: t for t in printed["tables"]}
    assert set(tables) == {"1.3", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7.1", "3.7.2", "3.8", "3.9"}
    for number, table in tables.items():
        keys = [c["key"] for c in table["columns"]]
        assert set(table["derived_columns"]) <= set(keys), number
        for row in table["rows"]:
            assert all(isinstance(row[k], str) for k in keys), (number, row)
            if "indicator" in row:
                assert row["indicator"] in indicators, (number, row)
            for ref in ("node", "node_2023", "node_2024"):
                if row.get(ref) not in (None, "TOTAL"):
                    assert row[ref] in nodes, (number, row)
    sizes = {"3.2": 48, "3.3": 48, "3.6": 48, "3.7.2": 46, "3.8": 47, "3.9": 47, "1.3": 25}
    assert {n: len(tables[n]["rows"]) for n in sizes} == sizes


def test_printed_realisasi_and_budget_agree_with_the_inputs(printed, inputs, indicators):
    tables = {t["table"]: t for t in printed["tables"]}
    for row in tables["3.2"]["rows"]:
        assert decimal(row["realisasi"]) == indicators[row["indicator"]]["realisasi"][2024]
    for row in tables["3.3"]["rows"]:
        realisasi = indicators[row["indicator"]]["realisasi"]
        for year in (2021, 2022, 2023):
            cell = row[f"realisasi_{year}"]
            if cell != "Na":
                assert decimal(cell) == realisasi[year], (row["indicator"], year)
    budget = {b["node"]: b for b in inputs["budget"] if b["year"] == 2024}
    for row in tables["3.9"]["rows"]:
        if row["node"] in (None, "TOTAL"):
            continue
        assert rupiah(row["anggaran"]) == budget[row["node"]]["pagu_perubahan"], row["node"]
        assert rupiah(row["realisasi"]) == budget[row["node"]]["realisasi"], row["node"]


# -------------------------------------------------------------- spot checks against the seed


def test_spot_checks_indicators(indicators):
    sakip = indicators["P1-I1"]
    assert sakip["name"] == "Nilai SAKIP OPD"
    assert sakip["targets"][2024] == "60-70"
    assert sakip["realisasi"] == {2021: 63, 2022: 65, 2023: 66.21, 2024: 67.15}
    assert sakip["pengampu"] == "sekcam"
    ikm = indicators["S1-I1"]
    assert ikm["targets"] == {2022: 82, 2023: 83, 2024: 84, 2025: 85, 2026: 86}
    assert ikm["realisasi"][2024] == 97.53
    assert ikm["target_2024_printed"]["pk_awal"] == 88.31
    assert ikm["kumulatif"] is False
    ipp = indicators["T1-I1"]
    assert ipp["targets"][2024] == 3.3
    assert ipp["target_akhir_renstra"] == 3.5
    assert ipp["realisasi"][2021] == 3.18
    pbb = indicators["P2.K1-I2"]
    assert (pbb["targets"][2024], pbb["realisasi"][2024], pbb["satuan"]) == (100, 90.63, "%")
    assert pbb["pengampu"] == "kasi-p3"
    assert indicators["P5.K1-I1"]["pengampu"] == "kasi-binwas"
    assert indicators["P1.K3-I1"]["pengampu"] == "kasubag-umpeg"
    assert indicators["P4.K1-I1"]["pengampu"] == "kasi-trantibum"
    assert indicators["P3-I2"]["target_2024_printed"]["dpa_tabel_2_6"] == 15
    assert indicators["P1.K1-I1"]["kumulatif"] is True


def test_spot_checks_budget(inputs):
    budget = {(b["node"], b["year"]): b for b in inputs["budget"]}
    programs_2024 = [b for (node, year), b in budget.items() if year == 2024 and "." not in node]
    assert sum(b["pagu_induk"] for b in programs_2024) == 2_333_747_000
    assert sum(b["pagu_perubahan"] for b in programs_2024) == 2_451_096_500
    # P6 has no 2024 row in Tabel 3.9, so no realisasi key
    assert sum(b.get("realisasi", 0) for b in programs_2024) == 2_183_189_835
    assert budget[("P1.K2.SK1", 2024)]["pagu_perubahan"] == 1_919_232_000
    assert budget[("P1.K2.SK1", 2024)]["realisasi"] == 1_691_523_697
    assert budget[("P1.K7", 2024)]["pagu_induk"] == 244_604_000
    programs_2023 = [b for (node, year), b in budget.items() if year == 2023 and "." not in node]
    assert sum(b["pagu_induk"] for b in programs_2023) == 2_532_121_700


def test_spot_checks_sluke_and_ikm(inputs):
    (sluke,) = inputs["other_pd"]
    assert sluke["pd"] == "sluke"
    assert {r["comparable_to"]: r["value"] for r in sluke["realisasi"]} == {
        "T1-I1": 3.6,
        "S1-I1": 90.97,
    }
    assert inputs["ikm_survey"]["years"][2024]["ikm"] == 97.53


def test_spot_checks_printed(printed):
    tables = {t["table"]: t for t in printed["tables"]}
    ikm = next(r for r in tables["3.2"]["rows"] if r["indicator"] == "S1-I1")
    assert (ikm["target"], ikm["realisasi"], ikm["capaian"], ikm["kategori"]) == (
        "84",
        "97,53",
        "116",
        "Sangat Tinggi",
    )
    total = tables["3.9"]["rows"][-1]
    assert (total["node"], total["anggaran"], total["realisasi"], total["capaian"]) == (
        "TOTAL",
        "2.451.096.500",
        "2.183.189.835",
        "89,07",
    )
    sasaran = tables["3.7.1"]["rows"][1]
    assert sasaran["efisiensi"] == "99,23"
