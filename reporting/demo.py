"""Kragan's LKjIP 2024 performance data, from the transcribed seed in reporting/data/, and
the quarterly SOPs adopted by the demo kecamatan (the beat opens their processes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from organisation.models import PerangkatDaerah
from sop.models import Sop, SopAdoption

from .quarterly import PENGUMPULAN
from .services import seed_load

DATA = Path(__file__).resolve().parent / "data"
ADOPTED_SINCE = dt.date(2024, 1, 1)


def load() -> dict:
    counts = seed_load(
        pd_slug="kragan",
        inputs_path=DATA / "kragan-2024-inputs.yaml",
        printed_path=DATA / "kragan-2024-printed.yaml",
    )
    adopt_quarterly()
    return counts


def adopt_quarterly() -> None:
    """Kragan and Sluke collect their performance data every quarter with the SOP."""
    sop = Sop.objects.filter(code=PENGUMPULAN).first()
    if sop is None:
        return
    for pd in PerangkatDaerah.objects.filter(slug__in=["kragan", "sluke"]):
        SopAdoption.objects.get_or_create(sop=sop, pd=pd, defaults={"since": ADOPTED_SINCE})


class QuarterScript:
    """Acts a quarter out as Kragan's people on the two quarterly SOPs, on the same engine
    and services as the LKjIP (workflow.demo.LkjipScript's clock and documents): the
    collection with its forms (optionally returning named forms), then the measurement."""

    def __init__(self, pd: PerangkatDaerah, year: int, triwulan: int, start: dt.datetime):
        from workflow.demo import LkjipScript

        self.run = LkjipScript(pd, year, start)
        self.pd, self.year, self.triwulan = pd, year, triwulan
        self.u = self.run.u

    @property
    def process(self):
        return self.run.process

    def user_of(self, position_code: str):
        from organisation.models import Assignment

        return (
            Assignment.objects.filter(position__pd=self.pd, position__code=position_code, end=None)
            .select_related("user")
            .first()
            .user
        )

    def start(self, sop_code: str = PENGUMPULAN):
        from workflow import services as s

        self.run.process = s.process_start(
            sop_code=sop_code,
            pd=self.pd,
            year=self.year,
            period=self.triwulan,
            actor_user=None,
            now=self.run.now,
        )
        return self.process

    def head_steps(self, first_action: str) -> None:
        """Steps 1-2 of either SOP: the Camat's disposisi, the Sekcam's meeting with the Tim
        SAKIP (formed for the year when it is not yet)."""
        from organisation.models import Team, TeamMember
        from workflow import services as s

        run, camat, sekcam = self.run, self.u["camat"], self.u["sekcam"]
        s.disposisi_record(
            process_id=self.process.pk,
            actor_user=camat,
            surat_dari="Inspektorat Kabupaten Rembang",
            nomor_surat=f"700/{self.triwulan}/{self.year}",
            tanggal_surat=run.now.date(),
            diterima_tanggal=run.now.date(),
            nomor_agenda=str(self.triwulan),
            sifat="biasa",
            perihal=f"Data kinerja triwulan {self.triwulan} tahun {self.year}",
            diteruskan_kepada=self.pd.positions.get(code="sekcam"),
            instruksi=["proses_lanjut"],
            catatan="Kumpulkan dan ukur data kinerja triwulan.",
            batas_waktu=run.calendar.add(run.now, "5 hari").date(),
            now=run.tick(5),
        )
        run.go(camat, first_action)
        if not Team.objects.filter(
            pd=self.pd, year=self.year, purpose=Team.Purpose.TIM_SAKIP
        ).exists():
            s.team_form(
                process_id=self.process.pk,
                actor_user=sekcam,
                sk_nomor=f"800/{self.year % 100}/SAKIP",
                sk_tanggal=run.now.date(),
                members=[
                    (sekcam, TeamMember.Role.KETUA),
                    (self.u["progkeu"], TeamMember.Role.SEKRETARIS),
                    (self.user_of("staf-progkeu"), TeamMember.Role.ANGGOTA),
                ],
                now=run.tick(5),
            )
        run.docs(sekcam, "notulen")
        run.go(sekcam, "arahkan_tim")

    def team_steps(self, *steps: tuple[str, str]) -> None:
        """Tim SAKIP steps: (document kind, action) each, as its Sekretaris (Kasubag ProgKeu)."""
        for kind, action in steps:
            self.run.docs(self.u["progkeu"], kind)
            self.run.go(self.u["progkeu"], action)

    def fill(self, position_code: str, value_of=None, *, user=None) -> None:
        from .quarterly import form_indicators, form_save

        position = self.pd.positions.get(code=position_code)
        value_of = value_of or (lambda indicator: "100")
        form_save(
            process_id=self.process.pk,
            position_code=position_code,
            entries={
                i.code: {"value": value_of(i), "bukti": f"Laporan TW {self.triwulan}"}
                for i in form_indicators(self.process, position)
            },
            user=user or self.user_of(position_code),
            now=self.run.tick(10),
        )

    def submit(self, position_code: str) -> None:
        from .quarterly import form_submit

        self.run.process = form_submit(
            process_id=self.process.pk, user=self.user_of(position_code), now=self.run.tick(10)
        )

    def forms(self, value_of=None, positions=None) -> None:
        from .quarterly import pengampu_of

        codes = positions or [p.code for p in pengampu_of(self.process)]
        for code in codes:
            self.fill(code, value_of)
            self.submit(code)

    def recap(self) -> None:
        self.team_steps(("rekapitulasi", "rekap_data"), ("draft_laporan", "laporkan_ke_sekcam"))

    def return_forms(self, *position_codes: str, direction: str = "Lengkapi bukti dukung.") -> None:
        from workflow import services as s

        for code in position_codes:
            s.note_add(
                process_id=self.process.pk,
                actor_user=self.u["sekcam"],
                kind="koreksi",
                target_type="formulir",
                target_ref=code,
                text=direction,
                now=self.run.tick(5),
            )
        self.run.go(self.u["sekcam"], "kembalikan_ke_kasi")

    def approve(self, action: str) -> None:
        self.run.docs(self.u["sekcam"], "laporan")
        self.run.go(self.u["sekcam"], action)

    def collection_until_forms(self) -> None:
        self.start(PENGUMPULAN)
        self.head_steps("perintahkan_pengumpulan")
        self.team_steps(
            ("program_kerja", "susun_rencana"),
            ("checklist_dokumen", "kumpulkan_dokumen"),
            ("formulir", "siapkan_formulir"),
            ("tanda_terima_formulir", "distribusikan_formulir"),
        )

    def collection(self, value_of=None) -> None:
        """The whole collection, approved at once; the measurement process opens."""
        self.collection_until_forms()
        self.forms(value_of)
        self.recap()
        self.approve("setujui_pengumpulan")
        self.run.go(self.u["sekcam"], "laporkan_ke_camat")
        self.run.go(self.user_of("staf-progkeu"), "simpan_data")

    def measurement(self) -> None:
        """The quarter's Pengukuran Kinerja (opened by the collection's approval)."""
        from workflow.models import Process

        from .quarterly import PENGUKURAN, kertas_kerja_attach

        self.run.process = Process.objects.get(
            sop_code=PENGUKURAN, pd=self.pd, year=self.year, period=self.triwulan
        )
        self.head_steps("perintahkan_pengukuran")
        self.team_steps(
            ("program_kerja", "susun_rencana"),
            ("draft_kertas_kerja", "siapkan_metodologi"),
        )
        kertas_kerja_attach(
            process_id=self.process.pk, user=self.u["progkeu"], now=self.run.tick(10)
        )
        self.run.go(self.u["progkeu"], "ukur_capaian")
        self.team_steps(
            ("rekapitulasi", "rekap_pengukuran"), ("draft_laporan", "laporkan_ke_sekcam")
        )
        self.approve("setujui_pengukuran")
