"""manage.py lkjip_export: writes Kragan's LKjIP 2024 as xlsx, docx and pdf, and refuses a
bad PD, format, year or path with a message in Bahasa Indonesia.

The three files are written once for the module (Kragan's data loaded inside a transaction
rolled back at once); the refusals need no performance data."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def export(**options) -> str:
    out = io.StringIO()
    call_command("lkjip_export", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def written(django_db_setup, django_db_blocker, tmp_path_factory):
    """{format: (path, stdout)} of the three files written for Kragan 2024."""
    from django.db import transaction

    from organisation.demo import load as organisation_load
    from reporting.demo import load as reporting_load
    from sop.services import sop_load_all

    folder = tmp_path_factory.mktemp("lkjip")
    files = {}
    with django_db_blocker.unblock(), transaction.atomic():
        sop_load_all()
        organisation_load()
        reporting_load()
        for fmt in ("xlsx", "docx", "pdf"):
            path = folder / f"kragan.{fmt}"
            files[fmt] = (path, export(pd="kragan", year="2024", format=fmt, out=str(path)))
        transaction.set_rollback(True)
    return files


def test_pdf_is_written(written):
    path, stdout = written["pdf"]
    assert path.read_bytes().startswith(b"%PDF")
    assert stdout.strip() == f"{path} ditulis ({path.stat().st_size} bita)."


def test_docx_is_a_word_document(written):
    path, _ = written["docx"]
    with zipfile.ZipFile(path) as archive:
        assert "word/document.xml" in archive.namelist()
        assert "BAB III AKUNTABILITAS KINERJA" in archive.read("word/document.xml").decode()


def test_xlsx_is_a_workbook(written):
    path, _ = written["xlsx"]
    with zipfile.ZipFile(path) as archive:
        assert "xl/workbook.xml" in archive.namelist()


def test_unknown_pd_is_refused_in_indonesian():
    with pytest.raises(CommandError, match=r"Perangkat daerah 'tidak-ada' tidak ditemukan\."):
        export(pd="tidak-ada", year="2024", format="pdf", out="x.pdf")


def test_unknown_format_is_refused_in_indonesian():
    with pytest.raises(CommandError, match="Format 'odt' tidak dikenal: pilih xlsx, docx atau pdf"):
        export(pd="kragan", year="2024", format="odt")


def test_bad_year_is_refused_in_indonesian():
    with pytest.raises(CommandError, match="Tahun '24' tidak valid"):
        export(pd="kragan", year="24", format="pdf")


def test_missing_folder_is_refused_before_rendering(demo, tmp_path):
    target = tmp_path / "tidak-ada" / "lkjip.pdf"
    with pytest.raises(CommandError, match=r"Folder '.*tidak-ada' tidak ada"):
        export(pd="kragan", year="2024", format="pdf", out=str(target))


def test_a_folder_as_out_is_refused(demo, tmp_path):
    with pytest.raises(CommandError, match="tidak dapat ditulis: itu sebuah folder"):
        export(pd="kragan", year="2024", format="pdf", out=str(tmp_path))


def test_year_without_data_is_refused(demo, tmp_path):
    with pytest.raises(CommandError, match="Belum ada data kinerja Kecamatan Kragan tahun 2024"):
        export(pd="kragan", year="2024", format="docx", out=str(tmp_path / "x.docx"))


def test_the_error_exit_status_is_not_zero(demo, tmp_path):
    with pytest.raises(CommandError) as error:
        export(pd="tidak-ada", year="2024", format="pdf")
    assert error.value.returncode == 2
