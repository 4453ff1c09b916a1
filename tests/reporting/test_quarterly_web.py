"""The pengampu forms of the quarterly Pengumpulan Data Kinerja and the Pengukuran Kinerja
through Django's test client, as Kragan's demo users: Triwulan 1 of 2025 driven to the
forms step (or further) by reporting.demo.QuarterScript, the clock frozen at the script's
time so that the forms are open and not yet late."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest

from reporting.demo import QuarterScript
from reporting.demo import load as reporting_load
from reporting.models import FormEntry, Indicator, Measurement, Realisasi, Target
from reporting.quarterly import PENGUKURAN, form_indicators
from tests.support import WIB
from workflow.models import Document, Process, Task

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 4, 7, 8, 0, tzinfo=WIB)  # Monday after Q1 2025
KASI_PM = "Kepala Seksi Pemberdayaan Masyarakat"


@pytest.fixture
def quarter(demo, time_machine):
    """Kragan's collection of 2025 Triwulan 1 waiting at step 7 for the forms."""
    reporting_load()
    quarter = QuarterScript(demo["kragan"], 2025, 1, T0)
    quarter.collection_until_forms()
    time_machine.move_to(quarter.run.now, tick=False)
    return quarter


def as_(client, quarter, position_code):
    client.force_login(quarter.user_of(position_code))
    return client


def form_url(quarter, position_code="kasi-pm"):
    return f"/kinerja/proses/{quarter.process.pk}/formulir/{position_code}/"


def codes(quarter, position_code="kasi-pm"):
    return [
        i.code
        for i in form_indicators(quarter.process, quarter.pd.positions.get(code=position_code))
    ]


def values(quarter, value="87,5", position_code="kasi-pm"):
    """Every field of the form filled with `value`."""
    return {f"nilai-{code}": value for code in codes(quarter, position_code)}


def text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()


def form_row(page, code):
    """The cells of the form's row of indicator `code` (HTML)."""
    row = re.search(rf"<tr[^>]*>\s*<td>{re.escape(code)}</td>(.*?)</tr>", page, re.S)
    assert row, f"no row for {code}"
    return [code, *re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def form_codes(page):
    return re.findall(r'name="nilai-([^"]+)"', page)


def recap_status(page):
    """{position title: status label} of the recap page."""
    return {
        html.unescape(title): html.unescape(label)
        for title, label in re.findall(
            r'<td data-label="Pengampu">(.*?)</td>\s*'
            r'<td data-label="Status"><span[^>]*>(.*?)</span>',
            page,
            re.S,
        )
    }


def extension_links(page):
    """(label, url) of the links a quarterly process adds to its page."""
    links = re.search(r'<ul class="links">(.*?)</ul>', page, re.S)
    if links is None:
        return []
    return [
        (html.unescape(label), url)
        for url, label in re.findall(
            r'<a class="button" href="([^"]+)">([^<]+)</a>', links.group(1)
        )
    ]


def entries(quarter):
    return dict(
        FormEntry.objects.filter(process=quarter.process).values_list("indicator__code", "value")
    )


# --------------------------------------------------------------------- the form


def test_kasi_sees_a_field_for_each_of_own_indicators_only(client, quarter):
    page = as_(client, quarter, "kasi-pm").get(form_url(quarter)).content.decode()
    assert form_codes(page) == codes(quarter, "kasi-pm")


def test_target_of_the_year_is_shown_beside_the_field(client, quarter):
    Target.objects.create(
        indicator=Indicator.objects.get(pd=quarter.pd, code="P3-I1"),
        year=2025,
        source=Target.Source.RENSTRA,
        value="85,5",
    )
    page = as_(client, quarter, "kasi-pm").get(form_url(quarter)).content.decode()
    _code, _name, _satuan, target, _previous, field, _bukti = form_row(page, "P3-I1")
    assert (text(target), 'name="nilai-P3-I1"' in field) == (["85,5"], True)


def test_last_quarters_value_is_shown_beside_the_field(client, quarter):
    Realisasi.objects.create(
        indicator=Indicator.objects.get(pd=quarter.pd, code="P3-I1"),
        year=2024,
        triwulan=4,
        value=Decimal("12.5"),
    )
    page = as_(client, quarter, "kasi-pm").get(form_url(quarter)).content.decode()
    _code, _name, _satuan, _target, previous, field, _bukti = form_row(page, "P3-I1")
    assert (text(previous), 'name="nilai-P3-I1"' in field) == (["12,5"], True)


def test_saving_stores_the_values_as_form_entries(client, quarter):
    as_(client, quarter, "kasi-pm").post(
        form_url(quarter), {"aksi": "simpan", "nilai-P3-I1": "87,5", "bukti-P3-I1": "SPJ TW 1"}
    )
    entry = FormEntry.objects.get(process=quarter.process, indicator__code="P3-I1")
    assert (entry.value, entry.bukti, entry.entered_by) == (
        Decimal("87.5"),
        "SPJ TW 1",
        quarter.user_of("kasi-pm"),
    )


def test_a_bad_value_answers_400_with_the_message_beside_its_field(client, quarter):
    response = as_(client, quarter, "kasi-pm").post(
        form_url(quarter), {"aksi": "simpan", "nilai-P3-I1": "90", "nilai-P3-I2": "banyak"}
    )
    field = form_row(response.content.decode(), "P3-I2")[5]
    assert (response.status_code, " ".join(text(field))) == (
        400,
        "Realisasi P3-I2 Realisasi 'banyak' bukan angka.",
    )


def test_a_bad_value_saves_no_entry(client, quarter):
    as_(client, quarter, "kasi-pm").post(
        form_url(quarter), {"aksi": "simpan", "nilai-P3-I1": "90", "nilai-P3-I2": "banyak"}
    )
    assert entries(quarter) == {}


def test_staff_under_the_kasi_saves_the_form(client, quarter):
    as_(client, quarter, "staf-pm").post(form_url(quarter), {"nilai-P3-I1": "40"})
    entry = FormEntry.objects.get(process=quarter.process, indicator__code="P3-I1")
    assert (entry.value, entry.entered_by) == (Decimal("40"), quarter.user_of("staf-pm"))


def test_staff_sees_no_serahkan_button(client, quarter):
    page = as_(client, quarter, "staf-pm").get(form_url(quarter)).content.decode()
    assert ('value="simpan"' in page, 'value="serahkan"' in page) == (True, False)


def test_staff_cannot_hand_the_form_in(client, quarter):
    response = as_(client, quarter, "staf-pm").post(
        form_url(quarter), {"aksi": "serahkan", **values(quarter)}
    )
    task = Task.objects.get(process=quarter.process, position__code="kasi-pm")
    assert (response.status_code, task.status) == (400, Task.Status.OPEN)


def test_kasi_sees_the_serahkan_button(client, quarter):
    page = as_(client, quarter, "kasi-pm").get(form_url(quarter)).content.decode()
    assert 'value="serahkan"' in page


def test_handing_in_redirects_to_the_process_page(client, quarter):
    response = as_(client, quarter, "kasi-pm").post(
        form_url(quarter), {"aksi": "serahkan", **values(quarter)}
    )
    assert (response.status_code, response["Location"]) == (302, f"/proses/{quarter.process.pk}/")


def test_handing_in_completes_the_kasis_task(client, quarter):
    as_(client, quarter, "kasi-pm").post(form_url(quarter), {"aksi": "serahkan", **values(quarter)})
    task = Task.objects.get(process=quarter.process, position__code="kasi-pm")
    assert task.status == Task.Status.DONE


def test_handing_in_attaches_the_filled_form(client, quarter):
    as_(client, quarter, "kasi-pm").post(form_url(quarter), {"aksi": "serahkan", **values(quarter)})
    names = Document.objects.filter(process=quarter.process, kind="formulir_terisi")
    assert list(names.values_list("original_name", flat=True)) == ["formulir-kasi-pm-2025-tw1.xlsx"]


def test_another_kasi_cannot_save_the_form(client, quarter):
    response = as_(client, quarter, "kasi-p3").post(form_url(quarter), {"nilai-P3-I1": "1"})
    refusal = f"Formulir {KASI_PM} diisi oleh pengampunya atau staf di bawahnya."
    page = html.unescape(response.content.decode())
    assert (response.status_code, refusal in page, entries(quarter)) == (400, True, {})


def test_another_kasi_cannot_hand_in_from_the_form(client, quarter):
    """Not even their own form, filled and waiting, through this form's address."""
    quarter.fill("kasi-p3")
    as_(client, quarter, "kasi-p3").post(form_url(quarter), {"aksi": "serahkan"})
    assert (
        Task.objects.get(process=quarter.process, position__code="kasi-p3").status
        == Task.Status.OPEN
    )


def test_another_kasi_sees_the_form_without_fields(client, quarter):
    page = as_(client, quarter, "kasi-p3").get(form_url(quarter)).content.decode()
    assert form_codes(page) == []


@pytest.mark.parametrize("path", ["formulir/kasi-pm/", "rekap/"])
def test_user_of_another_kecamatan_gets_404(client, users, quarter, path):
    client.force_login(users["camat.sluke"])
    assert client.get(f"/kinerja/proses/{quarter.process.pk}/{path}").status_code == 404


# -------------------------------------------------------------------- the recap


def recap(client, quarter):
    url = f"/kinerja/proses/{quarter.process.pk}/rekap/"
    return recap_status(as_(client, quarter, "kasubag-progkeu").get(url).content.decode())


def test_recap_lists_every_pengampus_form(client, quarter):
    titles = {
        "Sekretaris Kecamatan",
        "Kepala Sub Bagian Program dan Keuangan",
        "Kepala Sub Bagian Umum dan Kepegawaian",
        "Kepala Seksi Pemerintahan dan Pelayanan Publik",
        KASI_PM,
        "Kepala Seksi Pembinaan dan Pengawasan Pemerintahan Desa",
        "Kepala Seksi Ketenteraman dan Ketertiban Umum",
    }
    assert set(recap(client, quarter)) == titles


def test_recap_shows_the_handed_in_form_in_and_the_others_open(client, quarter):
    quarter.forms(positions=["kasi-pm"])
    status = recap(client, quarter)
    assert (status.pop(KASI_PM), set(status.values())) == ("Sudah diserahkan", {"Sedang diisi"})


def test_recap_shows_an_open_form_past_its_due_time_late(client, quarter, time_machine):
    quarter.forms(positions=["kasi-pm"])
    due = Task.objects.get(process=quarter.process, position__code="kasi-p3").due_at
    time_machine.move_to(due + dt.timedelta(minutes=1), tick=False)
    status = recap(client, quarter)
    assert (status[KASI_PM], status["Kepala Seksi Pemerintahan dan Pelayanan Publik"]) == (
        "Sudah diserahkan",
        "Terlambat",
    )


def test_recap_shows_a_task_due_in_the_past_late(client, quarter):
    Task.objects.filter(process=quarter.process, position__code="kasi-p3").update(
        due_at=quarter.run.now - dt.timedelta(hours=1)
    )
    status = recap(client, quarter)
    assert (status["Kepala Seksi Pemerintahan dan Pelayanan Publik"], status[KASI_PM]) == (
        "Terlambat",
        "Sedang diisi",
    )


def test_recap_shows_the_returned_form(client, quarter, time_machine):
    quarter.forms()
    quarter.recap()
    quarter.return_forms("kasi-pm")
    time_machine.move_to(quarter.run.now, tick=False)
    status = recap(client, quarter)
    assert (status.pop(KASI_PM), set(status.values())) == (
        "Dikembalikan, sedang dilengkapi",
        {"Sudah diserahkan"},
    )


# ------------------------------------------------------------ the process page


@pytest.mark.parametrize(
    ("position_code", "forms"),
    [
        ("kasi-pm", [("Formulir Kasi PM", "kasi-pm")]),
        ("staf-pm", [("Formulir Kasi PM", "kasi-pm")]),
        ("sekcam", [("Formulir Sekcam", "sekcam")]),
        ("camat", []),
    ],
)
def test_process_page_links_each_person_to_the_forms_they_fill_and_the_recap(
    client, quarter, position_code, forms
):
    pid = quarter.process.pk
    expected = [(label, f"/kinerja/proses/{pid}/formulir/{code}/") for label, code in forms]
    expected.append(("Rekap formulir", f"/kinerja/proses/{pid}/rekap/"))
    page = as_(client, quarter, position_code).get(f"/proses/{pid}/").content.decode()
    assert extension_links(page) == expected


# ---------------------------------------------------------- the measurement


def at_the_measuring_step(quarter, time_machine):
    """The collection approved; the measurement at the step that needs the kertas kerja."""
    quarter.forms()
    quarter.recap()
    quarter.approve("setujui_pengumpulan")
    quarter.run.go(quarter.u["sekcam"], "laporkan_ke_camat")
    quarter.run.go(quarter.user_of("staf-progkeu"), "simpan_data")
    quarter.run.process = Process.objects.get(
        sop_code=PENGUKURAN, pd=quarter.pd, year=2025, period=1
    )
    quarter.head_steps("perintahkan_pengukuran")
    quarter.team_steps(
        ("program_kerja", "susun_rencana"), ("draft_kertas_kerja", "siapkan_metodologi")
    )
    time_machine.move_to(quarter.run.now, tick=False)
    return quarter.process


def kertas_kerja_forms(page, pid):
    return re.findall(
        rf'<form method="post" action="/kinerja/proses/{pid}/kertas-kerja/"[^>]*>.*?'
        r"<button[^>]*>([^<]+)</button>",
        page,
        re.S,
    )


def test_tim_sakip_sees_the_kertas_kerja_button(client, quarter, time_machine):
    process = at_the_measuring_step(quarter, time_machine)
    page = as_(client, quarter, "kasubag-progkeu").get(f"/proses/{process.pk}/").content.decode()
    assert kertas_kerja_forms(page, process.pk) == ["Hitung capaian dan lampirkan kertas kerja"]


def test_a_kasi_sees_no_kertas_kerja_button(client, quarter, time_machine):
    process = at_the_measuring_step(quarter, time_machine)
    page = as_(client, quarter, "kasi-pm").get(f"/proses/{process.pk}/").content.decode()
    assert kertas_kerja_forms(page, process.pk) == []


def test_the_kertas_kerja_button_attaches_the_kertas_kerja(client, quarter, time_machine):
    process = at_the_measuring_step(quarter, time_machine)
    as_(client, quarter, "kasubag-progkeu").post(f"/kinerja/proses/{process.pk}/kertas-kerja/")
    names = Document.objects.filter(process=process, kind="kertas_kerja")
    assert list(names.values_list("original_name", flat=True)) == [
        "kertas-kerja-kragan-2025-tw1.xlsx"
    ]


def test_a_kasi_cannot_attach_the_kertas_kerja(client, quarter, time_machine):
    process = at_the_measuring_step(quarter, time_machine)
    as_(client, quarter, "kasi-pm").post(f"/kinerja/proses/{process.pk}/kertas-kerja/")
    assert not Document.objects.filter(process=process, kind="kertas_kerja").exists()


def test_measurements_page_lists_the_approved_measurement(client, demo, time_machine):
    reporting_load()
    quarter = QuarterScript(demo["kragan"], 2025, 1, T0)
    quarter.collection(lambda i: "50")
    quarter.measurement()
    time_machine.move_to(quarter.run.now, tick=False)
    measurement = Measurement.objects.get(pd=quarter.pd, year=2025, triwulan=1)
    page = as_(client, quarter, "camat").get("/kinerja/kragan/2025/pengukuran/").content.decode()
    section = re.search(
        r'<section class="panel" aria-labelledby="tw-1">(.*?)</section>', page, re.S
    )
    listed = re.findall(r'<tr class="level--[^"]*"><td>([^<]+)</td>', section.group(1))
    assert listed == [r.indicator.code for r in measurement.rows.all()]
