"""The quarterly SOPs on the one engine: Kragan's forms fan out per pengampu, a returned
form reopens alone, approval publishes the realisasi and opens the measurement, whose
approval stores it with its kertas kerja; the beat opens the quarter idempotently."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reporting.calculations import capaian
from reporting.demo import QuarterScript
from reporting.demo import load as reporting_load
from reporting.models import DataChange, FormEntry, Measurement, Realisasi
from reporting.quarterly import (
    PENGUKURAN,
    form_indicators,
    form_save,
    form_submit,
    forms_overview,
    pengampu_of,
)
from sop.models import SopAdoption
from tests.support import WIB
from workflow import exceptions as e
from workflow.models import Document, Process, Task
from workflow.scheduled import last_ended_quarter, open_scheduled_processes

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 4, 7, 8, 0, tzinfo=WIB)  # Monday after Q1 2025


@pytest.fixture
def quarter(demo):
    reporting_load()
    return QuarterScript(demo["kragan"], 2025, 1, T0)


def open_forms(process):
    return {
        t.position.code
        for t in Task.objects.filter(process=process, status=Task.Status.OPEN).select_related(
            "position"
        )
    }


def test_one_form_per_pengampu_position_of_the_indicators(quarter):
    quarter.collection_until_forms()
    assert (
        open_forms(quarter.process)
        == {p.code for p in pengampu_of(quarter.process)}
        == {
            "sekcam",
            "kasubag-progkeu",
            "kasubag-umpeg",
            "kasi-p3",
            "kasi-pm",
            "kasi-trantibum",
            "kasi-binwas",
        }
    )


def test_the_recap_waits_until_every_form_is_in(quarter):
    quarter.collection_until_forms()
    quarter.forms(positions=["kasi-pm", "kasi-p3"])
    assert quarter.process.current_step.number == 7


def test_a_form_cannot_be_handed_in_with_an_empty_indicator(quarter):
    quarter.collection_until_forms()
    first = form_indicators(quarter.process, quarter.pd.positions.get(code="kasi-pm"))[0]
    quarter.fill("kasi-pm", lambda i: "" if i == first else "90")
    with pytest.raises(e.Incomplete, match="belum diisi"):
        quarter.submit("kasi-pm")


def test_staff_helps_but_only_the_pengampu_hands_in(quarter):
    quarter.collection_until_forms()
    staf = quarter.user_of("staf-pm")
    quarter.fill("kasi-pm", user=staf)
    with pytest.raises(e.NotAllowed):
        form_submit(process_id=quarter.process.pk, user=staf)
    assert FormEntry.objects.filter(process=quarter.process, entered_by=staf).exists()


def test_another_kasi_cannot_fill_a_form(quarter):
    quarter.collection_until_forms()
    with pytest.raises(e.NotAllowed):
        quarter.fill("kasi-pm", user=quarter.user_of("kasi-p3"))
    assert not FormEntry.objects.exists()


def test_one_bad_value_saves_no_entry(quarter):
    quarter.collection_until_forms()
    indicators = form_indicators(quarter.process, quarter.pd.positions.get(code="kasi-pm"))
    with pytest.raises(e.InvalidInput) as refusal:
        form_save(
            process_id=quarter.process.pk,
            position_code="kasi-pm",
            entries={indicators[0].code: {"value": "90"}, indicators[1].code: {"value": "x"}},
            user=quarter.user_of("kasi-pm"),
        )
    assert refusal.value.details == {indicators[1].code: "Realisasi 'x' bukan angka."}
    assert not FormEntry.objects.exists()


def test_the_draft_is_not_official_realisasi_before_approval(quarter):
    quarter.collection_until_forms()
    quarter.forms()
    assert not Realisasi.objects.filter(year=2025, triwulan=1).exists()


def test_returning_named_forms_reopens_only_those(quarter):
    quarter.collection_until_forms()
    quarter.forms()
    quarter.recap()
    quarter.return_forms("kasi-pm")
    assert quarter.process.current_step.number == 7
    assert open_forms(quarter.process) == {"kasi-pm"}


def test_recap_view_marks_the_returned_form(quarter):
    quarter.collection_until_forms()
    quarter.forms()
    quarter.recap()
    quarter.return_forms("kasi-pm")
    status = {f.position.code: f.status for f in forms_overview(quarter.process, T0)}
    assert status["kasi-pm"] == "dikembalikan"
    assert status["kasi-p3"] == "diserahkan"


def test_approval_publishes_the_forms_as_the_quarters_realisasi(quarter):
    quarter.collection(lambda i: "87,5")
    values = set(
        Realisasi.objects.filter(indicator__pd=quarter.pd, year=2025, triwulan=1).values_list(
            "value", flat=True
        )
    )
    assert values == {Decimal("87.5")}
    assert DataChange.objects.filter(what="realisasi", via="proses").exists()


def test_approval_opens_the_quarters_measurement(quarter):
    quarter.collection()
    assert Process.objects.filter(sop_code=PENGUKURAN, pd=quarter.pd, year=2025, period=1).exists()


def test_approved_measurement_is_stored_with_its_kertas_kerja(quarter):
    quarter.collection(lambda i: "50")
    quarter.measurement()
    measurement = Measurement.objects.get(pd=quarter.pd, year=2025, triwulan=1)
    assert measurement.kertas_kerja.kind == "kertas_kerja"
    assert measurement.kertas_kerja.original_name.endswith(".xlsx")
    levels = set(measurement.rows.values_list("indicator__node__level", flat=True))
    assert levels == {"tujuan", "sasaran", "program", "kegiatan"}


def test_measurement_capaian_uses_the_reporting_calculation(demo):
    reporting_load()  # 2024 has targets for every level; Q4 2024 is measured in January
    quarter = QuarterScript(demo["kragan"], 2024, 4, dt.datetime(2025, 1, 6, 8, tzinfo=WIB))
    quarter.collection(lambda i: "42")
    quarter.measurement()
    rows = Measurement.objects.get(pd=quarter.pd).rows.exclude(target="").exclude(realisasi=None)
    assert rows.exists()
    assert all(
        r.capaian == capaian(r.target, r.realisasi, negative=r.indicator.negative).value
        for r in rows
    )


def test_handed_in_form_is_a_generated_xlsx_document(quarter):
    quarter.collection_until_forms()
    quarter.fill("kasi-pm")
    quarter.submit("kasi-pm")
    document = Document.objects.get(process=quarter.process, kind="formulir_terisi")
    assert document.original_name == "formulir-kasi-pm-2025-tw1.xlsx"


def test_last_ended_quarter():
    assert last_ended_quarter(dt.date(2026, 11, 29)) == (2026, 3)
    assert last_ended_quarter(dt.date(2026, 1, 2)) == (2025, 4)


def test_beat_opens_the_quarter_once_per_adopting_pd(demo):
    reporting_load()  # adopts the collection SOP for Kragan and Sluke
    now = dt.datetime(2025, 7, 1, 6, 0, tzinfo=WIB)
    first = open_scheduled_processes(now)
    again = open_scheduled_processes(now)
    assert sorted((p.pd.slug, p.year, p.period) for p in first) == [
        ("kragan", 2025, 2),
        ("sluke", 2025, 2),
    ]
    assert again == []


def test_beat_skips_a_quarter_before_the_adoption(demo):
    reporting_load()
    SopAdoption.objects.update(since=dt.date(2025, 7, 1))
    assert open_scheduled_processes(dt.datetime(2025, 7, 1, 6, 0, tzinfo=WIB)) == []
