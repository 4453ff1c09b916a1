"""The workflow part of the Kragan demo, and the script that acts the LKjIP SOP out as
the demo users (the tests drive processes with the same script).

- Kecamatan Kragan, LKjIP 2024: completed in January and February 2025 with a plausible
  history (a reviu with two notes, one koreksi by the Camat, signed, delivered, archived).
- Kecamatan Kragan, a later year's LKjIP: in flight, waiting at the Inspektorat's reviu,
  with dates relative to today.
- Kecamatan Sluke: its own LKjIP in flight, the team drafting.
Idempotent: an existing process is left as it is."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from organisation.calendar import calendar_for_pd
from organisation.models import PerangkatDaerah, TeamMember, User

from . import services as s
from .models import Process, ReviewNote

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF with a title and some lines of text."""

    def esc(text: str) -> str:
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 16 Tf", "50 790 Td", f"({esc(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        ops += ["0 -18 Td", f"({esc(line)}) Tj"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class LkjipScript:
    """Acts SOP 800/15.2/2025 out as a PD's people. Each `prepare_N` makes what step N
    requires, as that step's pelaksana; `stepN` also runs its (first) transition. The clock
    moves by `tick` (minutes) or `wait` (working hours on the PD's calendar)."""

    def __init__(self, pd: PerangkatDaerah, year: int, start: dt.datetime, slug: str = ""):
        self.pd, self.year, self.now = pd, year, start
        slug = slug or pd.slug
        self.u = {
            k: User.objects.get(username=f"{k}.{slug}")
            for k in ("camat", "sekcam", "progkeu", "umpeg", "kasip3")
        }
        self.u.update({k: User.objects.get(username=k) for k in ("irban1", "auditor1")})
        self.calendar = calendar_for_pd(pd)
        self.process: Process | None = None

    # --- the clock -----------------------------------------------------------------
    def tick(self, minutes: int = 30) -> dt.datetime:
        self.now += dt.timedelta(minutes=minutes)
        return self.now

    def wait(self, hours: float) -> dt.datetime:
        self.now = self.calendar.add(self.now, dt.timedelta(hours=hours))
        return self.now

    # --- helpers -------------------------------------------------------------------
    def docs(self, user: User, *kinds: str) -> None:
        names = self.process.revision.documents
        for kind in kinds:
            content = demo_pdf(
                names.get(kind, kind),
                [
                    self.pd.name,
                    f"LKjIP tahun {self.year}",
                    f"Diunggah oleh {user.display_name}",
                    f"Waktu {timezone.localtime(self.now):%d-%m-%Y %H:%M}",
                    "Dokumen demo Alur",
                ],
            )
            s.document_upload(
                process_id=self.process.pk,
                kind=kind,
                upload=SimpleUploadedFile(f"{kind}.pdf", content, "application/pdf"),
                actor_user=user,
                now=self.tick(2),
            )

    def go(self, user: User, action: str, note: str = "") -> Process:
        self.process = s.process_transition(
            process_id=self.process.pk, action=action, actor_user=user, note=note, now=self.tick()
        )
        return self.process

    def start(self) -> Process:
        self.process = s.process_start(
            sop_code="lkjip", pd=self.pd, year=self.year, actor_user=self.u["camat"], now=self.now
        )
        return self.process

    # --- the steps -----------------------------------------------------------------
    def prepare_1(self) -> None:
        camat = self.u["camat"]
        self.docs(camat, "surat_edaran")
        s.disposisi_record(
            process_id=self.process.pk,
            actor_user=camat,
            surat_dari="Bupati Rembang",
            nomor_surat=f"700/{self.year % 100 + 100}/{self.year + 1}",
            tanggal_surat=self.now.date() - dt.timedelta(days=3),
            diterima_tanggal=self.now.date(),
            nomor_agenda=str(self.year % 100 + 7),
            sifat="segera",
            perihal=f"Penyusunan LKjIP Tahun {self.year}",
            diteruskan_kepada=self.pd.positions.get(code="sekcam"),
            instruksi=["proses_lanjut", "koordinasikan"],
            catatan="Bentuk Tim Penyusun dan siapkan rancangan LKjIP.",
            batas_waktu=self.calendar.add(self.now, "2 hari").date(),
            now=self.tick(5),
        )

    def step1(self) -> Process:
        self.prepare_1()
        return self.go(self.u["camat"], "disposisi")

    def team_members(self) -> list[tuple[User, str]]:
        return [
            (self.u["camat"], TeamMember.Role.PENANGGUNG_JAWAB),
            (self.u["sekcam"], TeamMember.Role.KETUA),
            (self.u["progkeu"], TeamMember.Role.SEKRETARIS),
            (self.u["umpeg"], TeamMember.Role.ANGGOTA),
            (self.u["kasip3"], TeamMember.Role.ANGGOTA),
        ]

    def prepare_2(self, sk_nomor: str = "", sk_tanggal: dt.date | None = None) -> None:
        sekcam = self.u["sekcam"]
        s.team_form(
            process_id=self.process.pk,
            actor_user=sekcam,
            sk_nomor=sk_nomor or f"900/{self.year % 100 + 10}/{self.year + 1}",
            sk_tanggal=sk_tanggal or self.now.date(),
            members=self.team_members(),
            now=self.tick(5),
        )
        self.docs(sekcam, "sk_tim_penyusun", "surat_undangan")

    def step2(self, **team) -> Process:
        self.prepare_2(**team)
        return self.go(self.u["sekcam"], "bentuk_tim")

    def prepare_3(self) -> None:
        self.docs(
            self.u["progkeu"],
            "notulen",
            "daftar_hadir",
            "pembagian_tugas",
            "draf_lkjip",
            "surat_pengantar_reviu",
        )

    def step3(self) -> Process:
        self.prepare_3()
        return self.go(self.u["progkeu"], "ajukan_reviu")

    def assign_auditor(self) -> None:
        s.auditors_assign(
            process_id=self.process.pk,
            actor_user=self.u["irban1"],
            auditors=[self.u["auditor1"]],
            now=self.tick(5),
        )

    REVIU_NOTES = [
        (
            "tabel",
            "Tabel 3.2",
            "Capaian indikator dengan target 1 dan realisasi 5 tertulis "
            "100; sesuaikan dengan rumus capaian.",
        ),
        ("bab", "Bab III", "Analisis efisiensi belum menjelaskan sumber data realisasi anggaran."),
    ]

    def prepare_4(self, notes: int = 1) -> None:
        self.assign_auditor()
        auditor = self.u["auditor1"]
        for target_type, target_ref, text in (self.REVIU_NOTES * 2)[:notes]:
            s.note_add(
                process_id=self.process.pk,
                actor_user=auditor,
                kind="reviu",
                target_type=target_type,
                target_ref=target_ref,
                text=text,
                now=self.tick(20),
            )
        self.docs(auditor, "lhr", "pernyataan_telah_direviu")

    def step4(self, notes: int = 1) -> Process:
        self.prepare_4(notes)
        return self.go(self.u["auditor1"], "kirim_lhr")

    def answer_notes(self, user: User | None = None) -> None:
        for note in ReviewNote.objects.filter(process=self.process, responded_at=None):
            s.note_respond(
                note_id=note.pk,
                actor_user=user or self.u["progkeu"],
                response="Sudah diperbaiki sesuai catatan.",
                now=self.tick(15),
            )

    def prepare_5(self) -> None:
        self.answer_notes()
        self.docs(self.u["progkeu"], "draf_perbaikan")

    def step5(self) -> Process:
        self.prepare_5()
        return self.go(self.u["progkeu"], "teruskan_ke_sekretaris")

    def prepare_6(self) -> None:
        """The Sekretaris's paraf needs nothing but the action."""

    def step6(self) -> Process:
        return self.go(self.u["sekcam"], "paraf", note="Sudah diperiksa, paraf.")

    def prepare_koreksi(self) -> None:
        s.note_add(
            process_id=self.process.pk,
            actor_user=self.u["camat"],
            kind="koreksi",
            target_type="bab",
            target_ref="Ikhtisar Eksekutif",
            text="Ringkas capaian IKU dalam satu tabel.",
            now=self.tick(10),
        )

    def koreksi(self) -> Process:
        self.prepare_koreksi()
        return self.go(self.u["camat"], "kembalikan_koreksi")

    def sign(self, user: User | None = None) -> Process:
        draft = self.process.documents.filter(kind="draf_perbaikan").latest("uploaded_at")
        s.report_sign(
            process_id=self.process.pk,
            actor_user=user or self.u["camat"],
            document_id=draft.pk,
            now=self.tick(10),
        )
        self.process.refresh_from_db()
        return self.process

    def prepare_8(self) -> None:
        self.docs(
            self.u["progkeu"],
            "bukti_bupati",
            "bukti_bagian_organisasi",
            "bukti_esr",
            "bukti_sapa_kinerja",
        )

    def step8(self) -> Process:
        self.prepare_8()
        return self.go(self.u["progkeu"], "sampaikan")

    def step9(self) -> Process:
        return self.go(self.u["progkeu"], "arsipkan", note="Lemari arsip 2, map LKjIP.")

    def run_until(self, stop: int) -> Process:
        """From the start until the process waits at step `stop` (10: archived)."""
        self.start()
        plan = [
            self.step1,
            self.step2,
            self.step3,
            self.step4,
            self.step5,
            self.step6,
            self.sign,
            self.step8,
            self.step9,
        ]
        for step in plan[: stop - 1]:
            step()
        return self.process


def _exists(pd: PerangkatDaerah, year: int) -> bool:
    return Process.objects.filter(sop_code="lkjip", pd=pd, year=year).exists()


def in_flight_year(today: dt.date) -> int:
    """The report year being prepared around `today`: last year's until the end of
    February, this year's afterwards (so the demo's deadline lies ahead)."""
    return today.year - 1 if today.month <= 2 else today.year


@transaction.atomic
def load() -> None:
    kragan = PerangkatDaerah.objects.get(slug="kragan")
    sluke = PerangkatDaerah.objects.get(slug="sluke")

    if not _exists(kragan, 2024):
        run = LkjipScript(kragan, 2024, dt.datetime(2025, 1, 6, 8, 15, tzinfo=WIB))
        run.start()
        run.step1()
        run.wait(3)
        run.step2(sk_nomor="900/35/2024", sk_tanggal=dt.date(2024, 3, 4))
        run.wait(8.5 * 14)
        run.step3()
        run.wait(8.5 * 6)
        run.step4(notes=2)
        run.wait(8.5 * 3)
        run.step5()
        run.wait(5)
        run.step6()
        run.wait(1)
        run.koreksi()
        run.wait(8.5)
        run.step5()
        run.wait(3)
        run.step6()
        run.wait(1)
        run.sign()
        run.wait(4)
        run.step8()
        run.wait(1)
        run.step9()

    today = timezone.localdate()
    year = in_flight_year(today)
    now = timezone.now()
    if not _exists(kragan, year):
        run = LkjipScript(kragan, year, _working_days_before(kragan, now, 24))
        run.start()
        run.step1()
        run.wait(4)
        run.step2()
        run.wait(8.5 * 18)
        run.step3()
        run.wait(4)
        run.assign_auditor()
        run.wait(8)
        s.note_add(
            process_id=run.process.pk,
            actor_user=run.u["auditor1"],
            kind="reviu",
            target_type="indikator",
            target_ref="Indeks Kepuasan Masyarakat",
            text="Lampirkan hasil survei IKM sebagai bukti dukung.",
            now=min(run.tick(30), now),
        )
    if not _exists(sluke, year):
        run = LkjipScript(sluke, year, _working_days_before(sluke, now, 9))
        run.start()
        run.step1()
        run.wait(6)
        run.step2()


def _working_days_before(pd: PerangkatDaerah, now: dt.datetime, days: int) -> dt.datetime:
    calendar = calendar_for_pd(pd)
    start = calendar.subtract(now, f"{days} hari")
    return start.replace(hour=8, minute=0, second=0, microsecond=0)
