"""The whole LKjIP SOP (800/15.2/2025) acted out in Chromium as the demo users of each role:
start, disposisi, Tim Penyusun, the reviu loop with the Inspektorat, the koreksi loop with
the Camat, the signature with its SHA-256 and its verification, the four deliveries and
the archive. Every step is checked in the database and in what the page shows; every page
along the way is photographed. Then the Camat of Sluke must not see any of it; and the
beranda and the process page must fit a phone."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

import pytest

from workflow.models import Process, ReviewNote, Signature

from .conftest import SCREENSHOTS, login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Penyusunan Laporan Kinerja Perangkat Daerah — Kecamatan Kragan 2025"
CONFIRM_FINAL = "Saya memastikan aksi ini benar"
CONFIRM_SIGN = "Saya menyetujui dan menandatangani dokumen ini"


def pdf_bytes(name: str) -> bytes:
    return f"%PDF-1.4\n% Alur uji peramban: {name}\n%%EOF\n".encode()


def status_of(response) -> int | None:
    return response.status if response is not None else None


def pdf(name: str) -> dict:
    return {"name": f"{name}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(name)}


class Walk:
    """One browser page acted on by one demo user at a time, on one process."""

    def __init__(self, page, users):
        self.page, self.users = page, users
        self.pid: int | None = None
        self.n = 0
        self.problems: list[str] = []
        self.expected_404: set[str] = set()
        page.set_default_timeout(20000)
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))
        page.on("console", self.on_console)
        page.on("response", self.on_response)

    def on_console(self, message) -> None:
        # A failed load is reported by on_response, with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console {message.type}: {message.text}")

    def on_response(self, response) -> None:
        path = urlparse(response.url).path
        if response.status >= 400 and path != "/favicon.ico" and path not in self.expected_404:
            self.problems.append(f"{response.status} {response.request.method} {path}")

    # --- navigation ----------------------------------------------------------------------
    def shot(self, name: str) -> None:
        self.n += 1
        shot(self.page, f"{self.n:02d}-{name}")

    def as_(self, username: str) -> Walk:
        """Log out (the "Keluar" button) and log in as `username`; lands on the beranda."""
        page = self.page
        logout = page.locator("form.site-nav__form").get_by_role("button", name="Keluar")
        if logout.count():
            with page.expect_navigation():
                logout.click()
            assert "/akun/login/" in page.url
        login(page, username)
        assert urlparse(page.url).path == "/"
        name = self.users[username].display_name
        assert page.locator(".site-nav__name").inner_text().strip() == name
        assert page.get_by_role("heading", name="Beranda", level=1).is_visible()
        self.shot(f"beranda-{username}")
        return self

    def goto(self, path: str):
        assert status_of(self.page.goto(path)) == 200, path

    def process_page(self, name: str | None = None) -> None:
        self.goto(f"/proses/{self.pid}/")
        if name:
            self.shot(name)

    def form(self, path: str):
        """The form posting to /proses/<id>/<path> (exactly)."""
        return self.page.locator(f"form[action='/proses/{self.pid}/{path}']")

    def submit(self, form, button: str | None = None, message: str | None = None) -> None:
        """Submit `form` with its button, wait for the next page and check no form on it
        complains; `message` is the success message expected."""
        if button:
            target = form.get_by_role("button", name=button, exact=True)
        else:
            target = form.locator("button")
        with self.page.expect_navigation():
            target.click()
        self.page.wait_for_load_state()
        errors = self.page.locator(".form-errors, .field__error, .message--error")
        if errors.count():
            raise AssertionError(
                f"refused at {self.page.url}: "
                + " | ".join(errors.nth(i).inner_text() for i in range(errors.count()))
            )
        if message:
            assert self.page.locator(".message--success").filter(has_text=message).is_visible()

    def act(self, action: str, *kinds: str, note: str = "", confirm: bool = False, **names):
        """Run `action` of the current step from its panel, uploading one PDF per kind."""
        form = self.form(f"aksi/{action}/")
        assert form.count() == 1, f"no form for the action {action} at {self.page.url}"
        for kind in kinds:
            file = pdf(names.get(kind, kind))
            form.locator(f"input[type=file][name='dokumen_{kind}']").set_input_files(files=[file])
        if note:
            form.get_by_label("Catatan").fill(note)
        if confirm:
            box = form.get_by_label(CONFIRM_FINAL)
            assert box.get_attribute("required") is not None
            box.check()
        self.submit(form, message="Aksi dijalankan")

    # --- what is true --------------------------------------------------------------------
    def state(self) -> str:
        return Process.objects.get(pk=self.pid).state

    def status(self) -> str:
        facts = self.page.locator("dl.facts > div").filter(
            has=self.page.locator("dt", has_text=re.compile(r"^Status$"))
        )
        return facts.locator("dd").inner_text().strip()

    def at_step(self, number: int, pelaksana: str) -> None:
        """The database and the page both say: waiting at step `number`."""
        assert self.state() == f"langkah-{number}"
        assert self.page.url.split("#")[0].endswith(f"/proses/{self.pid}/")
        assert self.status() == f"Langkah {number} — {pelaksana}"
        heading = self.page.locator("#langkah-judul")
        assert heading.inner_text().strip() == f"Langkah saat ini: {number}"
        current = self.page.locator(".timeline__step--current .timeline__num")
        assert current.inner_text().strip() == str(number)

    def open_from_beranda(self) -> None:
        """Open the process from the task card of the beranda (the user's inbox)."""
        card = self.page.locator("#inbox a.card__title", has_text=TITLE)
        assert card.count() >= 1, "the task is not in the beranda's inbox"
        with self.page.expect_navigation():
            card.first.click()
        assert self.page.url.endswith(f"/proses/{self.pid}/")

    def answer(self, note: ReviewNote, text: str) -> None:
        """Answer a note in its own form: htmx swaps the answered note in place."""
        page = self.page
        item = page.locator(f"#catatan-{note.pk}")
        assert item.locator(".flag--risk").inner_text().strip() == "belum dijawab"
        page.evaluate("window.__alurSamePage = true")
        item.get_by_label("Tanggapan").fill(text)
        item.get_by_role("button", name="Kirim tanggapan").click()
        answered = page.locator(f"#catatan-{note.pk} .flag--ok")
        answered.wait_for()
        assert answered.inner_text().strip() == "dijawab"
        # The answer came by htmx (no page load); the page's own script ran under the CSP.
        assert page.evaluate("window.__alurSamePage === true")
        note.refresh_from_db()
        assert note.response == text
        assert note.responded_at is not None


def test_the_whole_lkjip_sop_in_the_browser(page, users, demo):
    walk = Walk(page, users)

    # --- Start: the Camat starts the LKjIP 2025 of Kragan from /proses/ ----------------------
    walk.as_("camat.kragan")
    walk.goto("/proses/")
    assert page.get_by_text("Tidak ada proses yang dapat Anda lihat.").is_visible()
    start = page.locator("form[action='/proses/']").filter(has=page.get_by_label("Tahun laporan"))
    assert page.get_by_role("heading", name="Mulai proses baru").is_visible()
    start.get_by_label("SOP").select_option("lkjip")
    start.get_by_label("Perangkat daerah").select_option(label="Kecamatan Kragan")
    start.get_by_label("Tahun laporan").fill("2025")
    start.get_by_label("Periode").select_option(label="Tahunan")
    walk.shot("proses-mulai-camat")
    with page.expect_navigation():
        start.get_by_role("button", name="Mulai").click()
    match = re.search(r"/proses/(\d+)/$", page.url)
    assert match, page.url
    walk.pid = int(match.group(1))
    assert page.locator(".message--success").filter(has_text="Proses dimulai").is_visible()
    assert page.get_by_role("heading", name=TITLE, level=1).is_visible()
    walk.at_step(1, "Kepala PD")
    walk.shot("langkah1-camat")

    # --- 1. Camat: lembar disposisi, Surat Edaran, "disposisi" -------------------------------
    disposisi = walk.form("disposisi/")
    disposisi.get_by_label("Surat dari").fill("Bupati Rembang")
    disposisi.get_by_label("Nomor surat").fill("700/125/2025")
    disposisi.get_by_label("Tanggal surat").fill("2025-01-03")
    disposisi.get_by_label("Diterima tanggal").fill("2025-01-06")
    disposisi.get_by_label("Nomor agenda").fill("32")
    disposisi.get_by_label("Segera", exact=True).check()
    disposisi.get_by_label("Perihal").fill("Penyusunan LKjIP Tahun 2025")
    receiver = disposisi.get_by_label("Diteruskan kepada")
    assert receiver.locator("option:checked").inner_text().strip() == "Sekretaris Kecamatan"
    disposisi.get_by_label("Proses lebih lanjut").check()
    disposisi.get_by_label("Koordinasikan / konfirmasikan").check()
    disposisi.get_by_label("Catatan").fill("Bentuk Tim Penyusun dan siapkan rancangan LKjIP.")
    disposisi.get_by_label("Batas waktu").fill("2025-01-08")
    disposisi.scroll_into_view_if_needed()
    walk.shot("langkah1-disposisi-form")
    walk.submit(disposisi, "Simpan disposisi", message="Lembar disposisi tersimpan.")
    assert page.get_by_text("Disposisi nomor agenda 32 kepada Sekretaris Kecamatan").is_visible()
    # The printable lembar disposisi opens from the process page.
    with page.expect_navigation():
        page.get_by_role("link", name="Cetak lembar disposisi").click()
    assert page.get_by_text("700/125/2025").first.is_visible()
    walk.shot("langkah1-disposisi-cetak")
    walk.process_page()
    assert page.locator("#aksi-disposisi .reasons--todo").is_visible()
    walk.act("disposisi", "surat_edaran", note="Segera ditindaklanjuti.")
    walk.at_step(2, "Sekretaris PD")
    walk.shot("langkah2-camat-selesai")

    # --- 2. Sekretaris: the Tim Penyusun by SK, the SK and the invitation --------------------
    walk.as_("sekcam.kragan")
    walk.open_from_beranda()
    walk.at_step(2, "Sekretaris PD")
    team = walk.form("tim/")
    team.get_by_label("Nomor SK").fill("900/12/2025")
    team.get_by_label("Tanggal SK").fill("2025-01-07")
    for username, role in [
        ("camat.kragan", "Penanggung Jawab"),
        ("sekcam.kragan", "Ketua"),
        ("progkeu.kragan", "Sekretaris"),
        ("umpeg.kragan", "Anggota"),
        ("kasip3.kragan", "Anggota"),
    ]:
        team.get_by_label(users[username].display_name, exact=True).select_option(label=role)
    team.scroll_into_view_if_needed()
    walk.shot("langkah2-tim-form")
    walk.submit(team, "Tetapkan tim", message="Tim ditetapkan.")
    walk.act("bentuk_tim", "sk_tim_penyusun", "surat_undangan")
    walk.at_step(3, "Tim Penyusun LKjPD")
    walk.shot("langkah3-sekcam-selesai")

    # --- 3. Tim Penyusun: meeting papers, draft, cover letter; to the Inspektorat ------------
    walk.as_("progkeu.kragan")
    walk.open_from_beranda()
    walk.shot("langkah3-tim")
    walk.act(
        "ajukan_reviu",
        "notulen",
        "daftar_hadir",
        "pembagian_tugas",
        "draf_lkjip",
        "surat_pengantar_reviu",
    )
    walk.at_step(4, "Inspektorat Daerah")

    # --- 4. Inspektorat: the Irban assigns auditor1 -----------------------------------------
    walk.as_("irban1")
    walk.goto("/reviu/")
    row = page.locator("table tr", has_text=TITLE)
    assert row.get_by_text("belum ditugaskan kepada saya").is_visible()
    walk.shot("reviu-irban1")
    with page.expect_navigation():
        row.get_by_role("link", name=TITLE).click()
    walk.at_step(4, "Inspektorat Daerah")
    auditors = walk.form("auditor/")
    auditors.get_by_label(users["auditor1"].display_name, exact=True).check()
    walk.shot("langkah4-penugasan-auditor")
    walk.submit(auditors, "Tugaskan", message="Auditor ditugaskan.")

    # ... auditor1 notes "Tabel 3.2", uploads the LHR and the Pernyataan, sends the LHR.
    walk.as_("auditor1")
    walk.goto("/reviu/")
    row = page.locator("table tr", has_text=TITLE)
    assert row.get_by_text("ditugaskan kepada saya", exact=True).is_visible()
    walk.shot("reviu-auditor1")
    with page.expect_navigation():
        row.get_by_role("link", name=TITLE).click()
    reviu = walk.form("catatan/")
    reviu.get_by_label("Menunjuk").select_option(label="Tabel")
    reviu.get_by_label("Rujukan").fill("Tabel 3.2")
    reviu.get_by_label("Isi catatan").fill("Realisasi IKU pada Tabel 3.2 tidak sama dengan Bab II.")
    walk.shot("langkah4-reviu-form")
    walk.submit(reviu, "Tambah catatan", message="Catatan ditambahkan.")
    note = ReviewNote.objects.get(process_id=walk.pid, kind="reviu")
    assert note.target_ref == "Tabel 3.2"
    item = page.locator(f"#catatan-{note.pk}")
    assert item.get_by_text("Tabel: Tabel 3.2").is_visible()
    assert item.get_by_text("belum dijawab").is_visible()
    walk.act("kirim_lhr", "lhr", "pernyataan_telah_direviu")
    walk.at_step(5, "Tim Penyusun LKjPD")
    walk.shot("langkah5-auditor-selesai")

    # --- 5. Tim Penyusun answers the reviu note, uploads the revised draft, forwards ---------
    walk.as_("progkeu.kragan")
    walk.open_from_beranda()
    walk.at_step(5, "Tim Penyusun LKjPD")
    assert page.locator("#aksi-teruskan_ke_sekretaris .reasons--todo").is_visible()
    walk.shot("langkah5-tim-catatan-reviu")
    walk.answer(note, "Tabel 3.2 sudah disamakan dengan Bab II.")
    walk.shot("langkah5-tim-catatan-dijawab")
    walk.process_page()
    walk.act("teruskan_ke_sekretaris", "draf_perbaikan", draf_perbaikan="draf_perbaikan-1")
    walk.at_step(6, "Sekretaris PD")

    # --- 6. Sekretaris: paraf --------------------------------------------------------------
    walk.as_("sekcam.kragan")
    walk.open_from_beranda()
    walk.shot("langkah6-sekcam")
    walk.act("paraf", note="Sudah diperiksa, paraf.")
    walk.at_step(7, "Kepala PD")

    # --- 7. Camat: koreksi and back to the team (the koreksi loop) ---------------------------
    walk.as_("camat.kragan")
    walk.open_from_beranda()
    walk.shot("langkah7-camat")
    page.get_by_text("Beri koreksi (kembalikan kepada Tim)").click()
    koreksi = walk.form("catatan/")
    koreksi.get_by_label("Menunjuk").select_option(label="Bab")
    koreksi.get_by_label("Rujukan").fill("Bab I")
    koreksi.get_by_label("Isi catatan").fill("Ringkas Bab I menjadi dua halaman.")
    walk.shot("langkah7-koreksi-form")
    walk.submit(koreksi, "Tambah koreksi", message="Catatan ditambahkan.")
    koreksi_note = ReviewNote.objects.get(process_id=walk.pid, kind="koreksi")
    walk.act("kembalikan_koreksi", note="Perbaiki sesuai koreksi.")
    walk.at_step(5, "Tim Penyusun LKjPD")

    # --- 5 and 6 again: the team answers the koreksi, new draft; the Sekretaris paraf -------
    walk.as_("progkeu.kragan")
    walk.open_from_beranda()
    assert page.locator(".timeline__step--current .badge", has_text="putaran ke-2").count()
    walk.answer(koreksi_note, "Bab I sudah diringkas.")
    walk.process_page("langkah5-putaran2-tim")
    walk.act("teruskan_ke_sekretaris", "draf_perbaikan", draf_perbaikan="draf_perbaikan-2")
    walk.at_step(6, "Sekretaris PD")
    walk.as_("sekcam.kragan")
    walk.open_from_beranda()
    walk.shot("langkah6-putaran2-sekcam")
    walk.act("paraf")
    walk.at_step(7, "Kepala PD")

    # --- 7. Camat signs the latest revised draft on the sign page ----------------------------
    walk.as_("camat.kragan")
    walk.open_from_beranda()
    assert page.locator(f"#catatan-{koreksi_note.pk} .flag--ok").inner_text() == "dijawab"
    walk.shot("langkah7-putaran2-camat")
    with page.expect_navigation():
        page.get_by_role("link", name="Periksa dan tandatangani").click()
    assert page.url.endswith(f"/proses/{walk.pid}/tandatangani/")
    document = page.get_by_label("Dokumen yang ditandatangani")
    assert "draf_perbaikan-2.pdf" in document.locator("option:checked").inner_text()
    confirm = page.get_by_label(CONFIRM_SIGN)
    assert confirm.get_attribute("required") is not None
    confirm.check()
    walk.shot("langkah7-tandatangan")
    walk.submit(page.locator(f"form[action='/proses/{walk.pid}/tandatangani/']"), "Tandatangani")
    signature = Signature.objects.get(process_id=walk.pid)
    sha = hashlib.sha256(pdf_bytes("draf_perbaikan-2")).hexdigest()
    assert signature.sha256 == sha
    assert signature.document.original_name == "draf_perbaikan-2.pdf"
    assert page.locator(".message--success").filter(has_text=f"SHA-256: {sha}").is_visible()
    assert page.locator("#tanda-tangan code").inner_text().strip() == sha
    walk.at_step(8, "Tim Penyusun LKjPD")
    walk.shot("langkah8-ditandatangani")

    # The verification page: the signed bytes match, other bytes do not.
    with page.expect_navigation():
        page.get_by_role("link", name="Periksa salinan berkas").click()
    verify = page.locator(f"form[action='/proses/{walk.pid}/verifikasi/']")
    verify.get_by_label("Berkas yang diperiksa").set_input_files(files=[pdf("draf_perbaikan-2")])
    walk.submit(verify, "Periksa")
    assert page.locator(".result--match").get_by_text("Cocok.").is_visible()
    walk.shot("verifikasi-cocok")
    verify.get_by_label("Berkas yang diperiksa").set_input_files(files=[pdf("draf_perbaikan-1")])
    walk.submit(verify, "Periksa")
    assert page.locator(".result--nomatch").get_by_text("Tidak cocok.").is_visible()
    walk.shot("verifikasi-tidak-cocok")

    # --- 8 and 9. Tim Penyusun: the four deliveries, then the archive (both confirmed) -------
    walk.as_("progkeu.kragan")
    walk.open_from_beranda()
    walk.shot("langkah8-tim")
    walk.act(
        "sampaikan",
        "bukti_bupati",
        "bukti_bagian_organisasi",
        "bukti_esr",
        "bukti_sapa_kinerja",
        confirm=True,
    )
    walk.at_step(9, "Tim Penyusun LKjPD")
    walk.shot("langkah9-tim")
    walk.act("arsipkan", note="Lemari arsip 2, map LKjIP.", confirm=True)
    assert walk.state() == "selesai"
    assert walk.status() == "Selesai"
    assert page.locator("dl.facts .flag--ok", has_text="selesai").is_visible()
    assert page.locator("#langkah").count() == 0
    walk.shot("selesai-tim")
    walk.goto("/notifikasi/")
    assert page.get_by_role("heading", name="Notifikasi", level=1).is_visible()
    walk.shot("notifikasi-progkeu")

    # The Camat's beranda: the finished process among the PD's processes.
    walk.as_("camat.kragan")
    row = page.locator("table tr", has_text=TITLE)
    assert row.get_by_role("cell", name="Selesai", exact=True).is_visible()
    walk.goto("/notifikasi/")
    walk.shot("notifikasi-camat")

    # --- The Camat of Sluke sees nothing of Kragan's process ---------------------------------
    walk.as_("camat.sluke")
    main = page.locator("main#isi")
    assert TITLE not in main.inner_text()
    assert main.locator(f"a[href='/proses/{walk.pid}/']").count() == 0
    walk.goto("/proses/")
    assert TITLE not in main.inner_text()
    assert main.locator(f"a[href='/proses/{walk.pid}/']").count() == 0
    walk.shot("proses-camat-sluke")
    walk.expected_404.add(f"/proses/{walk.pid}/")
    assert status_of(page.goto(f"/proses/{walk.pid}/")) == 404
    assert TITLE not in page.content()
    walk.shot("proses-404-camat-sluke")

    assert walk.problems == [], walk.problems


PHONE = {"width": 390, "height": 844}
WIDTHS = """() => ({
    document: document.documentElement.scrollWidth,
    main: document.querySelector('main').scrollWidth,
    inner: window.innerWidth,
})"""


def phone_pages(page, lkjip):
    """As the Camat on a phone: (path, widths) of the beranda, the process list, the
    process page and the sign page of a process waiting for the Camat at step 7."""
    process = lkjip.run_until(7)  # notes, documents, a disposisi, the koreksi and sign panels
    page.set_viewport_size(PHONE)
    login(page, "camat.kragan")
    for path, name in [
        ("/", "ponsel-beranda"),
        ("/proses/", "ponsel-proses"),
        (f"/proses/{process.pk}/", "ponsel-proses-detail"),
        (f"/proses/{process.pk}/tandatangani/", "ponsel-tandatangan"),
    ]:
        assert status_of(page.goto(path)) == 200, path
        assert page.locator("main h1").first.is_visible()
        shot(page, name)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-layar-pertama.png"))
        yield path, page.evaluate(WIDTHS)


def test_beranda_and_process_page_fit_a_phone(page, lkjip):
    """390x844: the main content never scrolls sideways."""
    for path, widths in phone_pages(page, lkjip):
        assert widths["main"] <= widths["inner"] + 1, (path, widths)


def test_the_whole_page_fits_a_phone(page, lkjip):
    """390x844: nothing on the page (header, footer included) scrolls sideways."""
    for path, widths in phone_pages(page, lkjip):
        assert widths["document"] <= widths["inner"] + 1, (path, widths)
