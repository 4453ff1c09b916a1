"""The Kasi PM of Kragan fills the quarterly form of the Pengumpulan Data Kinerja in
Chromium: from the process page's link to the form, realisasi typed with an Indonesian
decimal comma, saved and shown again as typed, then handed in to the Tim SAKIP, back on
the process page. Every page along the way is photographed."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest

from reporting.demo import QuarterScript
from reporting.demo import load as reporting_load
from reporting.models import FormEntry
from reporting.quarterly import form_indicators
from tests.support import WIB
from workflow.models import Document, Task

from .conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

T0 = dt.datetime(2025, 4, 7, 8, 0, tzinfo=WIB)  # Monday after Q1 2025


def typed(n: int) -> str:
    """What the Kasi types for the n-th indicator: 10,5; 20,25; 1.030,75 ..."""
    return ["10,5", "20,25", "1.030,75", "40", "0,5", "66,6"][n % 6]


def shown(n: int) -> str:
    """The same number as the form shows it back (decimal comma, no thousands dots)."""
    return ["10,5", "20,25", "1030,75", "40", "0,5", "66,6"][n % 6]


def stored(n: int) -> Decimal:
    return Decimal(["10.5", "20.25", "1030.75", "40", "0.5", "66.6"][n % 6])


def test_kasi_fills_saves_and_hands_in_the_quarterly_form(page, demo):
    reporting_load()
    quarter = QuarterScript(demo["kragan"], 2025, 1, T0)
    quarter.collection_until_forms()
    pid = quarter.process.pk
    kasi_pm = quarter.pd.positions.get(code="kasi-pm")
    codes = [i.code for i in form_indicators(quarter.process, kasi_pm)]
    form_url = f"/kinerja/proses/{pid}/formulir/kasi-pm/"

    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and urlparse(r.url).path != "/favicon.ico"
            and problems.append(f"{r.status} {r.request.method} {urlparse(r.url).path}")
        ),
    )

    # The Kasi opens the process page, then their form from its link.
    login(page, "kasipm.kragan")
    page.goto(f"/proses/{pid}/")
    assert page.locator("#langkah-judul").inner_text().strip() == "Langkah saat ini: 7"
    shot(page, "triwulan-01-proses-kasi-pm")
    links = page.locator("#langkah ul.links")
    assert links.get_by_role("link", name=re.compile(r"^Formulir ")).count() == 1
    with page.expect_navigation():
        links.get_by_role("link", name="Formulir Kasi PM", exact=True).click()
    assert urlparse(page.url).path == form_url
    heading = "Formulir pengumpulan data capaian kinerja: Kepala Seksi Pemberdayaan Masyarakat"
    assert page.get_by_role("heading", name=heading, level=1).is_visible()
    assert page.get_by_role("button", name="Serahkan kepada Tim SAKIP").is_visible()
    shot(page, "triwulan-02-formulir-kosong")

    # Realisasi with a decimal comma (one with thousands dots), a bukti dukung; saved.
    for n, code in enumerate(codes):
        page.get_by_label(f"Realisasi {code}", exact=True).fill(typed(n))
    page.get_by_label(f"Keterangan bukti {codes[0]}", exact=True).fill("Laporan kegiatan TW 1")
    shot(page, "triwulan-03-formulir-diisi")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan", exact=True).click()
    assert urlparse(page.url).path == form_url
    assert page.locator(".message--success").filter(has_text="Formulir disimpan.").is_visible()
    assert page.locator(".field__error, .form-errors").count() == 0

    # The values are kept: shown again in the fields and stored as the form's entries.
    for n, code in enumerate(codes):
        assert page.get_by_label(f"Realisasi {code}", exact=True).input_value() == shown(n)
    bukti = page.get_by_label(f"Keterangan bukti {codes[0]}", exact=True)
    assert bukti.input_value() == "Laporan kegiatan TW 1"
    entries = dict(FormEntry.objects.filter(process_id=pid).values_list("indicator__code", "value"))
    assert entries == {code: stored(n) for n, code in enumerate(codes)}
    shot(page, "triwulan-04-formulir-tersimpan")

    # Handed in: back on the process page; the task is done, the filled form attached.
    with page.expect_navigation():
        page.get_by_role("button", name="Serahkan kepada Tim SAKIP").click()
    assert urlparse(page.url).path == f"/proses/{pid}/"
    success = page.locator(".message--success")
    assert success.filter(has_text="Formulir diserahkan kepada Tim SAKIP.").is_visible()
    shot(page, "triwulan-05-proses-setelah-diserahkan")
    task = Task.objects.get(process_id=pid, position=kasi_pm)
    assert task.status == Task.Status.DONE
    document = Document.objects.get(process_id=pid, kind="formulir_terisi")
    assert document.original_name == "formulir-kasi-pm-2025-tw1.xlsx"

    # The form is closed now: shown read-only, without the buttons.
    page.goto(form_url)
    assert page.get_by_text("Formulir ini tidak sedang dibuka").is_visible()
    assert page.get_by_role("button", name="Simpan", exact=True).count() == 0
    shot(page, "triwulan-06-formulir-diserahkan")

    assert problems == [], problems
