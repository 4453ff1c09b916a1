"""The LKjIP SOP acted out through /api/v1/ by the demo users, as tests/workflow/conftest.py's
Driver does through the services."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from workflow.checks import MISSING_DISPOSISI, MISSING_DOCUMENT
from workflow.exceptions import NOT_YOUR_TASK

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB)  # Monday
API = "/api/v1"

TRANSITIONS_WITH_ONE_KOREKSI = [
    "disposisi",
    "bentuk_tim",
    "ajukan_reviu",
    "kirim_lhr",
    "teruskan_ke_sekretaris",
    "paraf",
    "kembalikan_koreksi",
    "teruskan_ke_sekretaris",
    "paraf",
    "tandatangani",
    "sampaikan",
    "arsipkan",
]


class ApiDriver:
    """Acts the LKjIP SOP out as the demo users, each call through the API."""

    def __init__(self, users):
        self.users = users
        self.client = APIClient()
        self.process_id: int | None = None
        self.uploads: dict[int, bytes] = {}  # document id -> the bytes sent

    def call(self, username, method, path, data=None, fmt="json", expect=200):
        self.client.force_authenticate(self.users[username])
        response = getattr(self.client, method)(f"{API}{path}", data, format=fmt)
        assert response.status_code == expect, response.content.decode()
        return response.json()

    def post(self, username, path, data=None, fmt="json", expect=200):
        return self.call(username, "post", path, data or {}, fmt, expect)

    def get(self, username, path):
        return self.call(username, "get", path)

    @property
    def base(self):
        return f"/processes/{self.process_id}"

    def docs(self, username, *kinds):
        ids = []
        for kind in kinds:
            content = f"{kind} #{len(self.uploads)}".encode()
            body = self.post(
                username,
                f"{self.base}/documents/",
                {"kind": kind, "file": SimpleUploadedFile(f"{kind}.pdf", content)},
                fmt="multipart",
                expect=201,
            )
            self.uploads[body["id"]] = content
            ids.append(body["id"])
        return ids

    def go(self, username, action, note=""):
        return self.post(username, f"{self.base}/transitions/{action}/", {"note": note})

    def start(self):
        body = self.post(
            "camat.kragan",
            "/processes/",
            {"sop_code": "lkjip", "pd": "kragan", "year": 2025},
            expect=201,
        )
        self.process_id = body["process"]["id"]
        return body

    def step1(self):
        self.docs("camat.kragan", "surat_edaran")
        self.post(
            "camat.kragan",
            f"{self.base}/disposisi/",
            {
                "surat_dari": "Bupati Rembang",
                "nomor_surat": "700/123/2025",
                "tanggal_surat": "2025-01-03",
                "diterima_tanggal": "2025-01-06",
                "nomor_agenda": "12",
                "sifat": "segera",
                "perihal": "Penyusunan LKjIP 2024",
                "diteruskan_kepada": "sekcam",
                "instruksi": ["proses_lanjut", "koordinasikan"],
                "catatan": "Segera bentuk tim",
                "batas_waktu": "2025-01-10",
            },
            expect=201,
        )
        return self.go("camat.kragan", "disposisi")

    def step2(self):
        members = [
            ("camat.kragan", "penanggung_jawab"),
            ("sekcam.kragan", "ketua"),
            ("progkeu.kragan", "sekretaris"),
            ("umpeg.kragan", "anggota"),
            ("kasip3.kragan", "anggota"),
        ]
        self.post(
            "sekcam.kragan",
            f"{self.base}/team/",
            {
                "sk_nomor": "900/1/2025",
                "sk_tanggal": "2025-01-06",
                "members": [{"username": u, "role": r} for u, r in members],
            },
            expect=201,
        )
        self.docs("sekcam.kragan", "sk_tim_penyusun", "surat_undangan")
        return self.go("sekcam.kragan", "bentuk_tim")

    def step3(self):
        self.docs(
            "progkeu.kragan",
            "notulen",
            "daftar_hadir",
            "pembagian_tugas",
            "draf_lkjip",
            "surat_pengantar_reviu",
        )
        return self.go("progkeu.kragan", "ajukan_reviu")

    def step4(self):
        self.post("irban1", f"{self.base}/auditors/", {"usernames": ["auditor1"]})
        self.post(
            "auditor1",
            f"{self.base}/notes/",
            {
                "kind": "reviu",
                "target_type": "tabel",
                "target_ref": "Tabel 3.2",
                "text": "Capaian baris 1 tidak sesuai rumus",
            },
            expect=201,
        )
        self.docs("auditor1", "lhr", "pernyataan_telah_direviu")
        return self.go("auditor1", "kirim_lhr")

    def step5(self):
        for note in self.get("progkeu.kragan", f"{self.base}/notes/"):
            if not note["answered"]:
                self.post(
                    "progkeu.kragan",
                    f"/notes/{note['id']}/response/",
                    {
                        "response": "Sudah diperbaiki",
                        "file": SimpleUploadedFile("perbaikan.pdf", b"%PDF perbaikan"),
                    },
                    fmt="multipart",
                )
        self.draft_id = self.docs("progkeu.kragan", "draf_perbaikan")[0]
        return self.go("progkeu.kragan", "teruskan_ke_sekretaris")

    def step6(self):
        return self.go("sekcam.kragan", "paraf")

    def koreksi(self):
        self.post(
            "camat.kragan",
            f"{self.base}/notes/",
            {
                "kind": "koreksi",
                "target_type": "bab",
                "target_ref": "Bab I",
                "text": "Perbaiki ikhtisar",
            },
            expect=201,
        )
        return self.go("camat.kragan", "kembalikan_koreksi")

    def sign(self):
        return self.post(
            "camat.kragan", f"{self.base}/sign/", {"document": self.draft_id}, expect=201
        )

    def step8(self):
        self.docs(
            "progkeu.kragan",
            "bukti_bupati",
            "bukti_bagian_organisasi",
            "bukti_esr",
            "bukti_sapa_kinerja",
        )
        return self.go("progkeu.kragan", "sampaikan")

    def step9(self):
        return self.go("progkeu.kragan", "arsipkan", note="Lemari arsip 2, map LKjIP")

    def run_with_one_koreksi(self):
        self.start()
        for step in (
            self.step1,
            self.step2,
            self.step3,
            self.step4,
            self.step5,
            self.step6,
            self.koreksi,
            self.step5,
            self.step6,
        ):
            step()
        self.sign()
        self.step8()
        return self.step9()

    def verify(self, content: bytes):
        return self.post(
            "camat.kragan",
            f"{self.base}/verify/",
            {"file": SimpleUploadedFile("salinan.pdf", content)},
            fmt="multipart",
        )


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(T0, tick=False):
        yield


@pytest.fixture
def api(users):
    return ApiDriver(users)


def test_whole_sop_through_the_api_ends_selesai(api):
    assert api.run_with_one_koreksi()["process"]["state"] == "selesai"


def test_history_shows_each_transition_once(api):
    body = api.run_with_one_koreksi()
    actions = [h["action"] for h in body["history"] if h["kind"] == "transition"]
    assert actions == TRANSITIONS_WITH_ONE_KOREKSI


def test_finished_process_has_no_open_task(api):
    body = api.run_with_one_koreksi()
    assert {t["status"] for t in body["tasks"]} == {"done"}


def test_finished_process_offers_no_transition(api):
    assert api.run_with_one_koreksi()["available_transitions"] == []


def test_signed_draft_is_marked_signed(api):
    body = api.run_with_one_koreksi()
    signed = [d["id"] for d in body["documents"] if d["signed"]]
    assert signed == [api.draft_id]


def test_verify_matches_the_signed_file(api):
    api.run_with_one_koreksi()
    result = api.verify(api.uploads[api.draft_id])
    assert (result["match"], result["signer"]["username"]) == (True, "camat.kragan")


def test_verify_tells_a_changed_file(api):
    api.run_with_one_koreksi()
    assert api.verify(b"%PDF diubah")["match"] is False


def test_start_answers_with_the_first_step(api):
    body = api.start()
    assert (body["process"]["state"], body["process"]["current_step"]["number"]) == (
        "langkah-1",
        1,
    )


def test_available_transitions_list_what_the_pelaksana_still_misses(api):
    api.start()
    body = api.get("camat.kragan", api.base + "/")
    assert body["available_transitions"] == [
        {
            "action": "disposisi",
            "label": "Disposisikan kepada Sekretaris",
            "target": "langkah-2",
            "allowed": False,
            "reasons": [
                MISSING_DOCUMENT.format(name="Surat Edaran Bupati hal Penyusunan LKjPD"),
                MISSING_DISPOSISI,
            ],
        }
    ]


def test_available_transitions_allow_once_requirements_are_met(api):
    api.start()
    api.docs("camat.kragan", "surat_edaran")
    api.post(
        "camat.kragan",
        f"{api.base}/disposisi/",
        {
            "surat_dari": "Bupati Rembang",
            "nomor_surat": "1",
            "tanggal_surat": "2025-01-03",
            "diterima_tanggal": "2025-01-06",
            "nomor_agenda": "1",
            "sifat": "biasa",
            "perihal": "LKjIP",
            "diteruskan_kepada": "sekcam",
            "instruksi": ["arsipkan"],
        },
        expect=201,
    )
    option = api.get("camat.kragan", api.base + "/")["available_transitions"][0]
    assert (option["allowed"], option["reasons"]) == (True, [])


def test_available_transitions_tell_another_user_whose_step_it_is(api):
    api.start()
    option = api.get("sekcam.kragan", api.base + "/")["available_transitions"][0]
    assert (option["allowed"], option["reasons"]) == (
        False,
        [NOT_YOUR_TASK.format(pelaksana="Kepala PD")],
    )


def test_detail_shows_the_schedule_against_the_deadline(api):
    api.start()
    schedule = api.get("camat.kragan", api.base + "/")["schedule"]
    assert ([s["step"] for s in schedule["steps"]], schedule["at_risk"]) == (
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
        False,
    )


def test_disposisi_list_shows_the_recorded_sheet(api):
    api.start()
    api.step1()
    sheets = api.get("sekcam.kragan", api.base + "/disposisi/")
    assert [(d["nomor_agenda"], d["diteruskan_kepada"]["code"]) for d in sheets] == [
        ("12", "sekcam"),
    ]


def test_detail_queries_do_not_grow_with_history(api):
    api.start()
    for step in (api.step1, api.step2, api.step3, api.step4):
        step()
    with CaptureQueriesContext(connection) as first_visit:
        api.get("progkeu.kragan", api.base + "/")
    for step in (api.step5, api.step6, api.koreksi):
        step()
    with CaptureQueriesContext(connection) as second_visit:
        api.get("progkeu.kragan", api.base + "/")
    assert len(second_visit) == len(first_visit)
