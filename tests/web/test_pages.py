"""Every page renders for the role that uses it, and a user of another PD gets 404."""

from __future__ import annotations

import pytest

from tests.web import as_user, pdf, text
from workflow.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_reviu(lkjip):
    """Kragan's LKjIP 2025 waiting at the Inspektorat's reviu (step 4), auditor1 assigned."""
    lkjip.run_until(4)
    lkjip.assign_auditor()
    return lkjip.process


@pytest.fixture
def signed(lkjip):
    """Kragan's LKjIP 2025 signed by the Camat (waiting at step 8)."""
    return lkjip.run_until(8)


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("camat.kragan", "/"),
        ("progkeu.kragan", "/"),
        ("auditor1", "/"),
        ("camat.kragan", "/proses/"),
        ("camat.kragan", "/proses/{id}/"),
        ("sekcam.kragan", "/proses/{id}/"),
        ("auditor1", "/proses/{id}/"),
        ("irban1", "/proses/{id}/"),
        ("auditor1", "/reviu/"),
        ("irban1", "/reviu/"),
        ("camat.kragan", "/notifikasi/"),
        ("camat.kragan", "/proses/{id}/tandatangani/"),
    ],
)
def test_page_renders_for_its_role(client, users, at_reviu, username, url):
    response = as_user(client, users, username).get(url.format(id=at_reviu.pk))
    assert response.status_code == 200


def test_verification_page_renders_after_signing(client, users, signed):
    response = as_user(client, users, "camat.kragan").get(f"/proses/{signed.pk}/verifikasi/")
    assert response.status_code == 200


def test_disposisi_print_page_still_renders(client, users, at_reviu):
    disposisi = at_reviu.disposisi.get()
    url = f"/proses/{at_reviu.pk}/disposisi/{disposisi.pk}/cetak/"
    assert as_user(client, users, "camat.kragan").get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/proses/{id}/",
        "/proses/{id}/verifikasi/",
        "/proses/{id}/tandatangani/",
        "/proses/{id}/dokumen/{doc}/",
        "/proses/{id}/disposisi/{disposisi}/cetak/",
    ],
)
def test_pages_of_another_pds_process_are_404(client, users, signed, url):
    document = signed.documents.first()
    disposisi = signed.disposisi.get()
    url = url.format(id=signed.pk, doc=document.pk, disposisi=disposisi.pk)
    assert as_user(client, users, "camat.sluke").get(url).status_code == 404


@pytest.mark.parametrize(
    "path", ["aksi/sampaikan/", "dokumen/", "disposisi/", "tim/", "catatan/", "tandatangani/"]
)
def test_posts_to_another_pds_process_are_404_and_change_nothing(client, users, signed, path):
    before = Document.objects.count()
    response = as_user(client, users, "camat.sluke").post(
        f"/proses/{signed.pk}/{path}", {"note": "x", "kind": "bukti_esr", "file": pdf()}
    )
    assert response.status_code == 404
    assert Document.objects.count() == before


def test_unknown_process_is_404(client, users):
    assert as_user(client, users, "camat.kragan").get("/proses/999999/").status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_process_list_shows_only_my_pds_processes(client, users, at_reviu):
    assert at_reviu.title in text(as_user(client, users, "camat.kragan").get("/proses/"))
    assert at_reviu.title not in text(as_user(client, users, "camat.sluke").get("/proses/"))


def test_reviu_overview_counts_open_and_answered_notes(client, users, lkjip):
    lkjip.run_until(4)
    lkjip.prepare_4(notes=2)
    page = text(as_user(client, users, "auditor1").get("/reviu/"))
    assert lkjip.process.title in page
    assert '<td data-label="Catatan terbuka" class="num">2</td>' in page
    assert '<td data-label="Catatan dijawab" class="num">0</td>' in page


def test_reviu_overview_of_a_leader_lists_unassigned_processes_at_reviu(client, users, lkjip):
    lkjip.run_until(4)
    page = text(as_user(client, users, "inspektur").get("/reviu/"))
    assert lkjip.process.title in page
    assert "belum ditugaskan kepada saya" in page


def test_document_is_served_to_who_may_see_the_process(client, users, at_reviu):
    document = at_reviu.documents.get(kind="surat_edaran")
    response = as_user(client, users, "auditor1").get(
        f"/proses/{at_reviu.pk}/dokumen/{document.pk}/"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "surat_edaran.pdf" in response["Content-Disposition"]
