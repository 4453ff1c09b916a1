"""The read-only SOP pages (catalogue and PermenPAN-RB 35/2012 detail)."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

from sop.definition import IDENTITY_LISTS, load_all
from sop.models import SopRevision
from sop.views import format_tanggal

DEFINITIONS = load_all()


@pytest.fixture
def catalogue(db):
    from sop.services import sop_load_all

    return sop_load_all()


@pytest.fixture
def user_client(client, db):
    user = get_user_model().objects.create_user(username="pembaca", password="rahasia-uji-1")
    client.force_login(user)
    return client


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_there_are_four_sop_definitions():
    # the seed's three and Alur's follow-up of LHE recommendations
    assert len(DEFINITIONS) == 4, [d.code for d in DEFINITIONS]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sop/", "/sop/lkjip/", "/sop/lkjip/revisi/1/"])
def test_anonymous_is_redirected_to_login(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_list_shows_every_sop(user_client, catalogue):
    content = page(user_client, reverse("sop:list"))
    for definition in DEFINITIONS:
        assert escape(definition.identity["nama"]) in content
        assert reverse("sop:detail", args=[definition.code]) in content
        if definition.identity["nomor"]:
            assert escape(definition.identity["nomor"]) in content
        assert re.search(rf">\s*{len(definition.steps)}\s*<", content), definition.code


@pytest.mark.django_db
@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda d: d.code)
def test_detail_shows_every_step_column_and_identity_item(user_client, catalogue, definition):
    content = page(user_client, reverse("sop:detail", args=[definition.code]))
    for step in definition.steps:
        assert escape(step.uraian) in content, step.number
        if step.waktu:
            assert escape(str(step.waktu)) in content, step.number
        assert escape(step.output) in content, step.number
        assert escape(step.kelengkapan) in content, step.number
        assert escape(step.keterangan) in content, step.number
    for _, label in definition.columns:
        assert escape(label) in content
    for key in IDENTITY_LISTS:
        for item in definition.identity[key]:
            assert escape(item) in content, (key, item)
    assert escape(definition.identity["nama"]) in content


@pytest.mark.django_db
def test_detail_shows_the_identity_dates_and_signatory(user_client, catalogue):
    content = page(user_client, reverse("sop:detail", args=["lkjip"]))
    assert "800/15.2/2025" in content
    assert content.count("2 Januari 2025") == 2  # pembuatan, pengesahan; no revision date
    assert "Camat Kragan" in content
    assert escape("NURWANTO, S.STP., M.Si") in content
    for heading in ("Dasar Hukum", "Kualifikasi Pelaksana", "Pencatatan dan Pendataan"):
        assert heading in content


@pytest.mark.django_db
def test_unknown_code_gives_404(user_client, catalogue):
    assert user_client.get(reverse("sop:detail", args=["tidak-ada"])).status_code == 404
    assert user_client.get(reverse("sop:revision", args=["lkjip", 99])).status_code == 404


@pytest.mark.django_db
def test_a_decision_step_renders_a_diamond(user_client, catalogue):
    content = page(user_client, reverse("sop:detail", args=["lkjip"]))
    assert content.count("fc-symbol--decision") >= 1 + 1  # step 7, and the legend
    assert "fc-symbol--terminator" in content
    # Step 7's "tidak" goes back to step 5: a connector on both rows.
    row7 = content[content.index('id="langkah-7"') : content.index('id="langkah-8"')]
    assert "fc-symbol--decision" in row7
    assert "Tidak" in row7
    assert 'title="ke langkah 5"' in row7
    row5 = content[content.index('id="langkah-5"') : content.index('id="langkah-6"')]
    assert 'title="dari langkah 7"' in row5


@pytest.mark.django_db
def test_fan_out_and_inserted_steps_are_marked(user_client, catalogue):
    codes = {d.code for d in DEFINITIONS}
    fan_out = [d for d in DEFINITIONS if any(s.fan_out for s in d.steps)]
    inserted = [d for d in DEFINITIONS if any(s.inserted for s in d.steps)]
    if not (fan_out and inserted):
        pytest.skip(f"no fan-out or inserted step among {sorted(codes)}")
    assert "per pengampu (paralel)" in page(
        user_client, reverse("sop:detail", args=[fan_out[0].code])
    )
    assert "(langkah sisipan)" in page(user_client, reverse("sop:detail", args=[inserted[0].code]))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sop/", "/sop/lkjip/"])
def test_pages_have_no_inline_script_or_style(user_client, catalogue, url):
    content = page(user_client, url).lower()
    assert '<html lang="id">' in content
    assert not re.search(r"<script\b(?![^>]*\bsrc=)", content)  # only local script files
    assert "style=" not in content
    assert "<style" not in content


@pytest.mark.django_db
def test_a_given_revision_url_renders_that_revision(user_client, catalogue):
    latest = SopRevision.objects.get(sop__code="lkjip")
    identity = {**latest.identity, "nama": "Penyusunan LKjPD (uji revisi kedua)"}
    SopRevision.objects.create(
        sop=latest.sop,
        number=2,
        content_hash="0" * 64,
        source_file="lkjip.yaml",
        nomor=latest.nomor,
        name=identity["nama"],
        identity=identity,
        columns=latest.columns,
        documents=latest.documents,
    )

    old = page(user_client, reverse("sop:revision", args=["lkjip", 1]))
    assert "Revisi ke-1" in old
    assert "Penyusunan Laporan Kinerja Perangkat Daerah" in old
    assert "(uji revisi kedua)" not in old
    assert "bukan revisi terbaru" in old
    assert reverse("sop:detail", args=["lkjip"]) in old  # link to the latest revision
    assert escape(latest.steps.get(number=1).uraian) in old

    new = page(user_client, reverse("sop:detail", args=["lkjip"]))
    assert "Revisi ke-2" in new
    assert "(uji revisi kedua)" in new
    assert reverse("sop:revision", args=["lkjip", 1]) in new


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-02", "2 Januari 2025"),
        ("2024-12-31", "31 Desember 2024"),
        (dt.date(2025, 8, 17), "17 Agustus 2025"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_format_tanggal(value, expected):
    assert format_tanggal(value) == expected
