"""reporting.services.seed_load on Kragan's LKjIP 2024 seed, and the target selectors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError

from reporting.demo import DATA
from reporting.demo import load as reporting_load
from reporting.models import (
    Budget,
    Indicator,
    Node,
    PerjanjianKinerja,
    PrintedFigure,
    Realisasi,
    Target,
)
from reporting.selectors import computed_capaian, target_in_force

pytestmark = pytest.mark.django_db

MODELS = (Node, Indicator, Target, PerjanjianKinerja, Realisasi, Budget, PrintedFigure)


@pytest.fixture
def kragan(demo):
    reporting_load()
    return demo["kragan"]


@pytest.fixture(scope="module")
def inputs():
    return yaml.safe_load((DATA / "kragan-2024-inputs.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def printed():
    return yaml.safe_load((DATA / "kragan-2024-printed.yaml").read_text(encoding="utf-8"))


def snapshot():
    return {m.__name__: sorted(m.objects.values_list()) for m in MODELS}


def test_loading_twice_changes_nothing(kragan):
    before = snapshot()
    reporting_load()
    assert snapshot() == before


def test_counts_match_the_yaml(kragan, inputs, printed):
    assert Node.objects.filter(pd=kragan).count() == len(inputs["nodes"])
    assert Indicator.objects.filter(pd=kragan).count() == len(inputs["indicators"])
    assert Realisasi.objects.filter(indicator__pd=kragan).count() == sum(
        len(i["realisasi"]) for i in inputs["indicators"]
    )
    assert Budget.objects.filter(node__pd=kragan).count() == len(inputs["budget"])
    assert PerjanjianKinerja.objects.filter(pd=kragan, year=2024).count() == 2
    assert PrintedFigure.objects.filter(pd=kragan, year=2024).count() == sum(
        len(t["rows"]) * len(t["columns"]) for t in printed["tables"]
    )


def test_node_tree_and_indicator_fields(kragan):
    sub = Node.objects.get(pd=kragan, code="P1.K2.SK1")
    assert (sub.level, sub.parent.code, sub.parent.parent.code) == ("sub_kegiatan", "P1.K2", "P1")
    pbb = Indicator.objects.get(pd=kragan, code="P2.K1-I2")
    assert (pbb.node.code, pbb.satuan, pbb.pengampu.code) == ("P2.K1", "%", "kasi-p3")
    ipp = Indicator.objects.get(pd=kragan, code="T1-I1")
    assert ipp.pengampu is None
    assert ipp.kumulatif is False
    assert ipp.definisi.startswith("IPP digunakan")


def test_inputs_only_targets_as_printed(kragan):
    sakip = Indicator.objects.get(pd=kragan, code="P1-I1")
    assert Target.objects.get(indicator=sakip, year=2024, source="pk_perubahan").value == "60-70"
    ikm = Indicator.objects.get(pd=kragan, code="S1-I1")
    renstra = Target.objects.filter(indicator=ikm, source="renstra").order_by("year")
    assert [(t.year, t.value) for t in renstra] == [
        (2022, "82"),
        (2023, "83"),
        (2024, "84"),
        (2025, "85"),
        (2026, "86"),
    ]
    assert Realisasi.objects.get(indicator=ikm, year=2024, triwulan=0).value == Decimal("97.53")


def test_budget_is_whole_rupiah(kragan):
    budget = Budget.objects.get(node__pd=kragan, node__code="P1.K2.SK1", year=2024)
    assert (budget.pagu_perubahan, budget.realisasi) == (1_919_232_000, 1_691_523_697)


def test_target_value_is_validated(kragan):
    target = Target(indicator=Indicator.objects.get(pd=kragan, code="T1-I1"), year=2030)
    target.source, target.value = "renstra", "tinggi"
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "tidak dapat dibaca" in str(error.value)


def test_target_in_force_is_pk_perubahan_after_its_date(kragan):
    ikm = Indicator.objects.get(pd=kragan, code="S1-I1")
    found = target_in_force(ikm, 2024, dt.date(2024, 11, 25))
    assert (found.source, found.value) == ("pk_perubahan", "84")


def test_target_in_force_is_pk_awal_before_the_perubahan(kragan):
    ikm = Indicator.objects.get(pd=kragan, code="S1-I1")
    found = target_in_force(ikm, 2024, dt.date(2024, 11, 24))
    assert (found.source, found.value) == ("pk", "88,31")


def test_target_in_force_is_renstra_before_any_pk(kragan):
    ipp = Indicator.objects.get(pd=kragan, code="T1-I1")
    found = target_in_force(ipp, 2024, dt.date(2024, 1, 2))
    assert (found.source, found.value) == ("renstra", "3,3")


def test_computed_capaian(kragan):
    sakip = Indicator.objects.get(pd=kragan, code="P1-I1")
    assert computed_capaian(sakip, 2024).value == Decimal("95.93")  # range: upper bound
    ikm = Indicator.objects.get(pd=kragan, code="S1-I1")
    assert computed_capaian(ikm, 2024).value == Decimal("116.11")
    kepegawaian = Indicator.objects.get(pd=kragan, code="P1.K3.SK1-I1")
    assert computed_capaian(kepegawaian, 2024).value == Decimal("500.00")


def test_demo_loader_is_registered():
    assert "reporting.demo.load" in settings.DEMO_LOADERS
