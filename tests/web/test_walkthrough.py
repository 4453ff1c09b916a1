"""The whole LKjIP SOP through the web pages, as the demo users: every one of the 9 steps,
with a reviu note and a koreksi loop, is doable with plain POST forms."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from tests.web import pdf, text
from workflow.models import Process, ReviewNote, Signature

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB)


class Web:
    """The test client as one demo user at a time; every answer must be a redirect (the
    form was accepted) unless said otherwise."""

    def __init__(self, client, users):
        self.client, self.users = client, users
        self.process_id: int | None = None

    def as_(self, username: str) -> Web:
        self.client.force_login(self.users[username])
        return self

    def post(self, path: str, data: dict, expect: int = 302):
        response = self.client.post(f"/proses/{self.process_id}/{path}", data)
        assert response.status_code == expect, text(response)
        return response

    def page(self) -> str:
        response = self.client.get(f"/proses/{self.process_id}/")
        assert response.status_code == 200
        return text(response)

    def state(self) -> str:
        return Process.objects.get(pk=self.process_id).state

    def files(self, *kinds: str) -> dict:
        return {
            f"dokumen_{kind}": pdf(f"{kind}.pdf", f"%PDF-1.4 {kind}".encode()) for kind in kinds
        }


def test_the_whole_sop_is_doable_in_the_web_pages(client, users, demo):
    web = Web(client, users)
    with time_machine.travel(T0, tick=True):
        # Start: the Camat starts the LKjIP 2025 of Kragan from the process list.
        web.as_("camat.kragan")
        response = client.post(
            "/proses/",
            {"sop_code": "lkjip", "pd": demo["kragan"].pk, "year": 2025, "period": 0},
        )
        assert response.status_code == 302, text(response)
        web.process_id = int(response["Location"].strip("/").split("/")[-1])
        assert web.state() == "langkah-1"

        # 1. Camat: lembar disposisi, Surat Edaran, disposisi to the Sekretaris.
        sekcam_position = demo["kragan"].positions.get(code="sekcam")
        web.post(
            "disposisi/",
            {
                "surat_dari": "Bupati Rembang",
                "nomor_surat": "700/125/2025",
                "tanggal_surat": "2025-01-03",
                "diterima_tanggal": "2025-01-06",
                "nomor_agenda": "32",
                "sifat": "segera",
                "perihal": "Penyusunan LKjIP Tahun 2025",
                "diteruskan_kepada": sekcam_position.pk,
                "instruksi": ["proses_lanjut"],
            },
        )
        web.post("aksi/disposisi/", {"note": "", **web.files("surat_edaran")})
        assert web.state() == "langkah-2"

        # 2. Sekretaris: the Tim Penyusun by SK, with the SK and the invitation.
        team = {"sk_nomor": "900/12/2025", "sk_tanggal": "2025-01-06"}
        for username, role in [
            ("camat.kragan", "penanggung_jawab"),
            ("sekcam.kragan", "ketua"),
            ("progkeu.kragan", "sekretaris"),
            ("umpeg.kragan", "anggota"),
        ]:
            team[f"peran_{users[username].pk}"] = role
        web.as_("sekcam.kragan").post("tim/", team)
        web.post("aksi/bentuk_tim/", web.files("sk_tim_penyusun", "surat_undangan"))
        assert web.state() == "langkah-3"

        # 3. Tim Penyusun: meeting papers, draft and cover letter; submit for reviu.
        web.as_("progkeu.kragan").post(
            "aksi/ajukan_reviu/",
            web.files(
                "notulen", "daftar_hadir", "pembagian_tugas", "draf_lkjip", "surat_pengantar_reviu"
            ),
        )
        assert web.state() == "langkah-4"

        # 4. Inspektorat: the Irban assigns auditor1, who notes and sends the LHR.
        web.as_("irban1").post("auditor/", {"auditors": [users["auditor1"].pk]})
        web.as_("auditor1").post(
            "catatan/",
            {"kind": "reviu", "target_type": "tabel", "target_ref": "Tabel 3.2", "text": "Cek."},
        )
        web.post("aksi/kirim_lhr/", web.files("lhr", "pernyataan_telah_direviu"))
        assert web.state() == "langkah-5"

        # 5. Tim Penyusun: answers the note, uploads the revised draft, forwards it.
        note = ReviewNote.objects.get(process_id=web.process_id)
        web.as_("progkeu.kragan").post(
            f"catatan/{note.pk}/tanggapan/", {"response": "Sudah diperbaiki."}
        )
        web.post("aksi/teruskan_ke_sekretaris/", web.files("draf_perbaikan"))
        assert web.state() == "langkah-6"

        # 6. Sekretaris: paraf.
        web.as_("sekcam.kragan").post("aksi/paraf/", {"note": "Paraf."})
        assert web.state() == "langkah-7"

        # 7. Camat: koreksi, back to the team (the koreksi loop).
        web.as_("camat.kragan").post(
            "catatan/",
            {"kind": "koreksi", "target_type": "bab", "target_ref": "Bab I", "text": "Ringkas."},
        )
        web.post("aksi/kembalikan_koreksi/", {"note": ""})
        assert web.state() == "langkah-5"

        # 5 again, 6 again.
        koreksi = ReviewNote.objects.get(process_id=web.process_id, kind="koreksi")
        web.as_("progkeu.kragan").post(
            f"catatan/{koreksi.pk}/tanggapan/", {"response": "Sudah diringkas."}
        )
        web.post("aksi/teruskan_ke_sekretaris/", web.files("draf_perbaikan"))
        web.as_("sekcam.kragan").post("aksi/paraf/", {"note": ""})
        assert web.state() == "langkah-7"

        # 7. Camat: signs the latest revised draft (the sign page's default) and confirms.
        web.as_("camat.kragan")
        sign_page = client.get(f"/proses/{web.process_id}/tandatangani/")
        assert sign_page.status_code == 200
        draft = sign_page.context["form"]["document"].value()
        web.post("tandatangani/", {"document": draft, "confirm": "on"})
        assert web.state() == "langkah-8"
        signature = Signature.objects.get(process_id=web.process_id)
        assert signature.document.original_name == "draf_perbaikan.pdf"
        assert signature.document.task.visit == 2
        assert signature.sha256 in web.page()

        # 8. Tim Penyusun: the four deliveries, confirmed.
        web.as_("progkeu.kragan").post(
            "aksi/sampaikan/",
            {
                "confirm": "on",
                **web.files(
                    "bukti_bupati", "bukti_bagian_organisasi", "bukti_esr", "bukti_sapa_kinerja"
                ),
            },
        )
        assert web.state() == "langkah-9"

        # 9. Tim Penyusun: archive, confirmed.
        web.post("aksi/arsipkan/", {"note": "Lemari arsip 2.", "confirm": "on"})
        assert web.state() == "selesai"
        assert "Selesai" in web.page()
