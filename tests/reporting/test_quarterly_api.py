"""A quarter of Kragan's performance data through /api/v1/, as the demo users: the
Pengumpulan Data Kinerja of 2025 triwulan 1 with one form returned by the Sekcam, then
its Pengukuran Kinerja (reporting.demo.QuarterScript acts the same out through the
services; tests/reporting/test_quarterly.py checks them).

The demo organisation, the seed and the whole quarter are set up once for the module, on
a clock set to the Monday after the quarter, inside a transaction rolled back at the
module's end (the technique of tests/reporting/test_api.py). What the quarter saw on its
way (answers, recaps, refusals) is kept on the `Quarter` for the tests to check. The
refusals that need an open form are checked on the second quarter, opened to its forms
through the services; every test runs in its own savepoint."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from reporting import quarterly, services
from reporting.models import Evidence, FormEntry, Measurement, Realisasi
from tests.support import WIB, upload
from workflow import exceptions as e

pytestmark = pytest.mark.django_db

API = "/api/v1"
T0 = dt.datetime(2025, 4, 7, 8, 0, tzinfo=WIB)  # Monday after Q1 2025
PENGAMPU = {  # the forms' positions and who holds them
    "sekcam": "sekcam.kragan",
    "kasubag-progkeu": "progkeu.kragan",
    "kasubag-umpeg": "umpeg.kragan",
    "kasi-p3": "kasip3.kragan",
    "kasi-pm": "kasipm.kragan",
    "kasi-trantibum": "kasitrantib.kragan",
    "kasi-binwas": "kasibinwas.kragan",
}
RETURNED = "kasi-pm"
HELPER = "staf8.kragan"  # Staf Seksi PM: helps the Kasi PM fill the form
TIM = "progkeu.kragan"  # Sekretaris of the Tim SAKIP 2025 acts for the team
ARSIP = "staf1.kragan"  # staff archive the data (step 12 / 10)
EVIDENCE_URL = "https://kragan.example/tw1/p3.pdf"


class Api:
    """/api/v1/ as the demo users."""

    def __init__(self, users):
        self.users = users
        self.client = APIClient()

    def request(self, username, method, path, data=None, fmt="json"):
        self.client.force_authenticate(self.users[username])
        if method == "get":
            return self.client.get(f"{API}{path}")
        return getattr(self.client, method)(f"{API}{path}", data or {}, format=fmt)

    def call(self, username, method, path, data=None, fmt="json", expect=200):
        response = self.request(username, method, path, data, fmt)
        assert response.status_code == expect, response.content.decode()
        return response.json()

    def get(self, username, path):
        return self.call(username, "get", path)


class Quarter(Api):
    """Acts Kragan's 2025 triwulan 1 out through the API, keeping what it saw in `seen`
    and the values it sent in `sent` (indicator code -> the value finally handed in)."""

    def __init__(self, users):
        super().__init__(users)
        self.process_id: int | None = None
        self.collection_id: int | None = None
        self.measurement_id: int | None = None
        self.sent: dict[str, Decimal] = {}
        self.seen: dict[str, object] = {}

    @property
    def base(self):
        return f"/processes/{self.process_id}"

    def docs(self, username, *kinds):
        for kind in kinds:
            self.call(
                username,
                "post",
                f"{self.base}/documents/",
                {"kind": kind, "file": upload(f"{kind}.pdf")},
                fmt="multipart",
                expect=201,
            )

    def go(self, username, action):
        return self.call(username, "post", f"{self.base}/transitions/{action}/", {"note": ""})

    def team_steps(self, *steps):
        for kind, action in steps:
            self.docs(TIM, kind)
            self.go(TIM, action)

    def recap(self, username=TIM):
        return {f["position"]["code"]: f for f in self.get(username, f"{self.base}/forms/")}

    # --- the head's steps (both SOPs) ---------------------------------------------------
    def head_steps(self, first_action, *, form_team):
        self.call(
            "camat.kragan",
            "post",
            f"{self.base}/disposisi/",
            {
                "surat_dari": "Inspektorat Kabupaten Rembang",
                "nomor_surat": "700/1/2025",
                "tanggal_surat": "2025-04-03",
                "diterima_tanggal": "2025-04-07",
                "nomor_agenda": "41",
                "sifat": "biasa",
                "perihal": "Data kinerja triwulan I tahun 2025",
                "diteruskan_kepada": "sekcam",
                "instruksi": ["proses_lanjut"],
                "catatan": "Kumpulkan dan ukur data kinerja triwulan I.",
                "batas_waktu": "2025-04-18",
            },
            expect=201,
        )
        self.go("camat.kragan", first_action)
        if form_team:
            self.seen["team"] = self.call(
                "sekcam.kragan",
                "post",
                f"{self.base}/team/",
                {
                    "sk_nomor": "800/25/SAKIP",
                    "sk_tanggal": "2025-04-07",
                    "members": [
                        {"username": "sekcam.kragan", "role": "ketua"},
                        {"username": TIM, "role": "sekretaris"},
                        {"username": ARSIP, "role": "anggota"},
                    ],
                },
                expect=201,
            )
        self.docs("sekcam.kragan", "notulen")
        self.go("sekcam.kragan", "arahkan_tim")

    # --- the forms ----------------------------------------------------------------------
    def fill(self, username, code):
        """Every indicator of the form, alternately in Indonesian text and as a number."""
        form = self.get(username, f"{self.base}/forms/{code}/")
        entries = {}
        for row in form["indicators"]:
            n = len(self.sent)
            self.sent[row["code"]] = Decimal(f"{60 + n}.5")
            value = f"{60 + n},5" if n % 2 == 0 else 60 + n + 0.5
            entries[row["code"]] = {"value": value, "bukti": "Laporan bulanan TW I"}
        return self.call(username, "put", f"{self.base}/forms/{code}/", {"entries": entries})

    def submit(self, username, expect=200):
        return self.call(username, "post", f"{self.base}/forms/submit/", expect=expect)

    def forms(self):
        self.seen["recap_opened"] = self.recap()
        for code, username in PENGAMPU.items():
            if code == RETURNED:
                self.seen["helper_form"] = self.get(HELPER, f"{self.base}/forms/{code}/")
                self.seen["helper_saved"] = self.fill(HELPER, code)
                self.seen["helper_submit"] = self.request(
                    HELPER, "post", f"{self.base}/forms/submit/"
                )
            else:
                saved = self.fill(username, code)
            if code == "kasi-p3":
                self.seen["url_evidence"] = self.call(
                    username,
                    "post",
                    f"{self.base}/forms/{code}/evidence/",
                    {
                        "indicator": saved["indicators"][0]["code"],
                        "url": EVIDENCE_URL,
                        "label": "Laporan TW I",
                    },
                    fmt="multipart",
                    expect=201,
                )
            self.seen["last_submit"] = self.submit(username)

    def return_form(self):
        self.seen["koreksi"] = self.call(
            "sekcam.kragan",
            "post",
            f"{self.base}/notes/",
            {
                "kind": "koreksi",
                "target_type": "formulir",
                "target_ref": RETURNED,
                "text": "Lengkapi bukti dukung dan periksa kembali realisasi indikator pertama.",
            },
            expect=201,
        )
        self.seen["returned"] = self.go("sekcam.kragan", "kembalikan_ke_kasi")
        self.seen["recap_returned"] = self.recap()
        self.seen["closed_form"] = self.get("kasip3.kragan", f"{self.base}/forms/kasi-p3/")
        self.seen["closed_put"] = self.request(
            "kasip3.kragan",
            "put",
            f"{self.base}/forms/kasi-p3/",
            {"entries": {}},
        )

    def complete_returned_form(self):
        username = PENGAMPU[RETURNED]
        form = self.get(username, f"{self.base}/forms/{RETURNED}/")
        first = form["indicators"][0]["code"]
        self.sent[first] = Decimal("95")
        self.seen["corrected"] = self.call(
            username,
            "put",
            f"{self.base}/forms/{RETURNED}/",
            {"entries": {first: {"value": 95, "bukti": "Laporan bulanan TW I (diperbaiki)"}}},
        )
        self.seen["file_evidence"] = self.call(
            username,
            "post",
            f"{self.base}/forms/{RETURNED}/evidence/",
            {"indicator": first, "file": upload("laporan-pm.pdf"), "label": "Laporan PM"},
            fmt="multipart",
            expect=201,
        )
        self.seen["resubmitted"] = self.submit(username)

    # --- the two processes --------------------------------------------------------------
    def collection(self):
        self.seen["started"] = self.call(
            "camat.kragan",
            "post",
            "/processes/",
            {"sop_code": quarterly.PENGUMPULAN, "pd": "kragan", "year": 2025, "period": 1},
            expect=201,
        )
        self.process_id = self.collection_id = self.seen["started"]["process"]["id"]
        self.docs("camat.kragan", "surat_bupati_inspektorat")
        self.head_steps("perintahkan_pengumpulan", form_team=True)
        self.team_steps(
            ("program_kerja", "susun_rencana"),
            ("checklist_dokumen", "kumpulkan_dokumen"),
            ("formulir", "siapkan_formulir"),
            ("tanda_terima_formulir", "distribusikan_formulir"),
        )
        self.forms()
        self.team_steps(("rekapitulasi", "rekap_data"), ("draft_laporan", "laporkan_ke_sekcam"))
        self.return_form()
        self.complete_returned_form()
        self.team_steps(("rekapitulasi", "rekap_data"), ("draft_laporan", "laporkan_ke_sekcam"))
        self.docs("sekcam.kragan", "laporan")
        self.go("sekcam.kragan", "setujui_pengumpulan")
        self.seen["recap_final"] = self.recap()
        self.go("sekcam.kragan", "laporkan_ke_camat")
        self.seen["collected"] = self.go(ARSIP, "simpan_data")

    def measurement(self):
        processes = self.get("camat.kragan", "/processes/?year=2025")
        self.process_id = self.measurement_id = next(
            p["id"] for p in processes if p["sop_code"] == quarterly.PENGUKURAN and p["period"] == 1
        )
        self.head_steps("perintahkan_pengukuran", form_team=False)  # the team of 2025 exists
        self.team_steps(
            ("program_kerja", "susun_rencana"), ("draft_kertas_kerja", "siapkan_metodologi")
        )
        self.seen["kertas_kerja"] = self.call(TIM, "post", f"{self.base}/kertas-kerja/", expect=201)
        self.go(TIM, "ukur_capaian")
        self.team_steps(
            ("rekapitulasi", "rekap_pengukuran"), ("draft_laporan", "laporkan_ke_sekcam")
        )
        self.docs("sekcam.kragan", "laporan")
        self.go("sekcam.kragan", "setujui_pengukuran")
        self.go("sekcam.kragan", "laporkan_ke_camat")
        self.seen["measured"] = self.go(ARSIP, "simpan_data")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo users by username, with Kragan's data loaded (once per module), on a clock
    starting on the Monday after the quarter."""
    from organisation.demo import load as organisation_load
    from organisation.models import User
    from reporting.demo import load as reporting_load
    from sop.services import sop_load_all

    with django_db_blocker.unblock(), time_machine.travel(T0, tick=True):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            sop_load_all()
            organisation_load()
            reporting_load()
            yield {u.username: u for u in User.objects.all()}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def quarter(seeded):
    """Triwulan 1 acted out through the API, once for the module."""
    run = Quarter(seeded)
    run.collection()
    run.measurement()
    return run


@pytest.fixture(scope="module")
def second(quarter, seeded):
    """Triwulan 2 at its forms (opened through the services, after the first quarter):
    (the API as the demo users, the process)."""
    from organisation.models import PerangkatDaerah
    from reporting.demo import QuarterScript

    script = QuarterScript(PerangkatDaerah.objects.get(slug="kragan"), 2025, 2, timezone.now())
    script.collection_until_forms()
    return Api(seeded), script.process


@pytest.fixture
def api(seeded):
    return Api(seeded)


def stored_as(name):
    """An uploaded file's name without the folder and the suffix the storage adds when the
    name is taken (test media outlive the test database)."""
    return re.sub(r"_[A-Za-z0-9]{7}(\.\w+)$", r"\1", name.rsplit("/", 1)[-1])


def form_path(process, code=RETURNED, tail=""):
    return f"/processes/{process.pk}/forms/{code}/{tail}"


# --- the collection ----------------------------------------------------------------------


def test_the_camat_starts_the_quarters_collection(quarter):
    process = quarter.seen["started"]["process"]
    assert (process["sop_code"], process["year"], process["period"], process["state"]) == (
        quarterly.PENGUMPULAN,
        2025,
        1,
        "langkah-1",
    )


def test_the_sekcam_forms_the_tim_sakip_of_the_year(quarter):
    team = quarter.seen["team"]
    assert (team["purpose"], team["year"], [m["user"]["username"] for m in team["members"]]) == (
        "tim_sakip",
        2025,
        ["sekcam.kragan", TIM, ARSIP],
    )


def test_every_pengampu_gets_a_form_to_fill(quarter):
    recap = quarter.seen["recap_opened"]
    statuses = {code: (f["status"], f["filled"]) for code, f in recap.items()}
    assert statuses == dict.fromkeys(PENGAMPU, ("diisi", 0))
    assert all(f["total"] > 0 and f["due_at"] for f in recap.values())


def test_a_form_shows_its_indicators_to_the_staff_who_may_fill_it(quarter):
    form = quarter.seen["helper_form"]
    row = form["indicators"][0]
    assert (form["position"]["code"], form["open"], form["may_fill"], form["triwulan"]) == (
        RETURNED,
        True,
        True,
        1,
    )
    assert set(row) == {
        "code",
        "name",
        "satuan",
        "target",
        "previous",
        "value",
        "bukti",
        "evidence",
    }
    assert (row["value"], row["previous"], row["evidence"]) == (None, None, [])


def test_the_staff_fills_the_form_but_only_the_kasi_hands_it_in(quarter):
    saved = quarter.seen["helper_saved"]
    refused = quarter.seen["helper_submit"]
    assert saved["changed"] == len(saved["indicators"])
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed")
    assert FormEntry.objects.filter(
        process_id=quarter.collection_id, entered_by__username=HELPER
    ).exists()


def test_the_last_form_in_moves_the_collection_to_the_recap(quarter):
    assert quarter.seen["last_submit"]["process"]["current_step"]["number"] == 8


def test_a_form_link_is_a_bukti_dukung(quarter):
    evidence = quarter.seen["url_evidence"]
    assert (evidence["url"], evidence["file"], evidence["added_by"]["username"]) == (
        EVIDENCE_URL,
        "",
        "kasip3.kragan",
    )


# --- the returned form -------------------------------------------------------------------


def test_the_sekcams_koreksi_names_the_form(quarter):
    note = quarter.seen["koreksi"]
    assert (note["kind"], note["target_type"], note["target_ref"]) == (
        "koreksi",
        "formulir",
        RETURNED,
    )


def test_returning_the_form_reopens_it_alone(quarter):
    recap = quarter.seen["recap_returned"]
    assert quarter.seen["returned"]["process"]["current_step"]["number"] == 7
    assert {code: (f["status"], f["returned"]) for code, f in recap.items()} == {
        code: ("dikembalikan", True) if code == RETURNED else ("diserahkan", False)
        for code in PENGAMPU
    }


def test_a_handed_in_form_stays_closed(quarter):
    response = quarter.seen["closed_put"]
    assert quarter.seen["closed_form"]["open"] is False
    assert (response.status_code, response.json()["message"]) == (
        409,
        quarterly.FORM_CLOSED.format(position="Kepala Seksi Pemerintahan dan Pelayanan Publik"),
    )


def test_the_kasi_corrects_the_returned_form(quarter):
    corrected = quarter.seen["corrected"]
    first = corrected["indicators"][0]
    assert (corrected["changed"], first["value"], first["bukti"]) == (
        1,
        "95",
        "Laporan bulanan TW I (diperbaiki)",
    )


def test_the_kasi_adds_a_file_as_bukti_dukung(quarter):
    evidence = quarter.seen["file_evidence"]
    assert (evidence["url"], evidence["label"], stored_as(evidence["file"])) == (
        "",
        "Laporan PM",
        "laporan-pm.pdf",
    )


def test_after_the_resubmission_every_form_is_in(quarter):
    recap = quarter.seen["recap_final"]
    assert quarter.seen["resubmitted"]["process"]["current_step"]["number"] == 8
    assert {f["status"] for f in recap.values()} == {"diserahkan"}
    assert all(f["filled"] == f["total"] and f["completed_at"] for f in recap.values())
    assert [code for code, f in recap.items() if f["returned"]] == [RETURNED]


# --- approval: the official realisasi and the measurement --------------------------------


def test_approval_makes_the_forms_the_quarters_realisasi(quarter, api):
    rows = api.get("camat.kragan", "/kinerja/kragan/2025/indicators/")
    official = {r["code"]: Decimal(r["realisasi_tw1"]) for r in rows if r["realisasi_tw1"]}
    assert official == quarter.sent


def test_the_realisasi_keep_who_entered_them(quarter):
    helped = Realisasi.objects.filter(
        indicator__pengampu__code=RETURNED, year=2025, triwulan=1
    ).values_list("entered_by__username", flat=True)
    assert sorted(set(helped)) == [PENGAMPU[RETURNED], HELPER]


def test_the_bukti_dukung_follow_the_realisasi(quarter):
    linked = Evidence.objects.filter(realisasi__year=2025, realisasi__triwulan=1)
    assert sorted(ev.url or stored_as(ev.file.name) for ev in linked) == [
        EVIDENCE_URL,
        "laporan-pm.pdf",
    ]


def test_the_collection_is_archived(quarter, api):
    process = api.get("camat.kragan", f"/processes/{quarter.collection_id}/")["process"]
    assert process["state"] == "selesai"


def test_the_kertas_kerja_is_attached_as_a_document(quarter):
    document = quarter.seen["kertas_kerja"]
    assert (document["kind"], document["name"], document["uploaded_by"]["username"]) == (
        quarterly.KERTAS_KERJA,
        "kertas-kerja-kragan-2025-tw1.xlsx",
        TIM,
    )


def test_the_measurement_is_archived(quarter):
    assert quarter.seen["measured"]["process"]["state"] == "selesai"


def test_the_approved_measurement_is_listed(quarter, api):
    (measurement,) = api.get("camat.kragan", "/kinerja/kragan/2025/measurements/")
    stored = Measurement.objects.get(pd__slug="kragan", year=2025, triwulan=1)
    assert (
        measurement["triwulan"],
        measurement["process"],
        measurement["approved_by"]["username"],
        measurement["kertas_kerja"],
    ) == (
        1,
        quarter.measurement_id,
        "sekcam.kragan",
        {"id": quarter.seen["kertas_kerja"]["id"], "name": "kertas-kerja-kragan-2025-tw1.xlsx"},
    )
    assert [r["indicator"]["code"] for r in measurement["rows"]] == list(
        stored.rows.values_list("indicator__code", flat=True)
    )


def test_the_measurement_rows_hold_the_quarters_realisasi(quarter, api):
    (measurement,) = api.get("camat.kragan", "/kinerja/kragan/2025/measurements/")
    rows = {r["indicator"]["code"]: r for r in measurement["rows"]}
    assert {r["indicator"]["level"] for r in rows.values()} == set(quarterly.MEASURED_LEVELS)
    assert {code: Decimal(r["realisasi"]) for code, r in rows.items() if r["realisasi"]} == {
        code: value for code, value in quarter.sent.items() if code in rows
    }


def test_the_measurement_rows_are_the_stored_capaian(quarter, api):
    (measurement,) = api.get("camat.kragan", "/kinerja/kragan/2025/measurements/")
    stored = Measurement.objects.get(pd__slug="kragan", year=2025, triwulan=1)
    assert [
        (r["target"], r["capaian"], r["kategori"], r["keterangan"]) for r in measurement["rows"]
    ] == [
        (
            row.target,
            None if row.capaian is None else float(row.capaian),
            row.kategori,
            row.keterangan,
        )
        for row in stored.rows.all()
    ]


def test_a_year_without_a_measurement_lists_none(quarter, api):
    assert api.get("camat.kragan", "/kinerja/kragan/2024/measurements/") == []


def test_a_user_of_sluke_does_not_see_kragans_measurements(quarter, api):
    response = api.request("camat.sluke", "get", "/kinerja/kragan/2025/measurements/")
    assert response.status_code == 404


# --- refusals, on the second quarter's open forms ----------------------------------------


def test_a_value_that_is_no_number_gets_400_and_saves_nothing(second):
    api, process = second
    form = api.get(PENGAMPU[RETURNED], form_path(process))
    good, bad = (row["code"] for row in form["indicators"][:2])
    response = api.request(
        PENGAMPU[RETURNED],
        "put",
        form_path(process),
        {"entries": {good: {"value": "90"}, bad: {"value": "banyak"}}},
    )
    assert (response.status_code, response.json()["details"]) == (
        400,
        {bad: services.NUMBER_INVALID.format(what="Realisasi", value="banyak")},
    )
    assert not FormEntry.objects.filter(process=process).exists()


def test_a_value_of_the_wrong_type_is_a_field_error(second):
    api, process = second
    form = api.get(PENGAMPU[RETURNED], form_path(process))
    code = form["indicators"][0]["code"]
    response = api.request(
        PENGAMPU[RETURNED], "put", form_path(process), {"entries": {code: {"value": True}}}
    )
    assert (response.status_code, list(response.json()["entries"])) == (400, [code])


def test_an_indicator_of_another_form_gets_400(second):
    api, process = second
    response = api.request(
        PENGAMPU[RETURNED], "put", form_path(process), {"entries": {"P2-I1": {"value": "1"}}}
    )
    assert (response.status_code, list(response.json()["details"])) == (400, ["P2-I1"])


def test_another_kasi_gets_403_on_someones_form(second):
    api, process = second
    form = api.get("kasip3.kragan", form_path(process))
    code = form["indicators"][0]["code"]
    response = api.request(
        "kasip3.kragan", "put", form_path(process), {"entries": {code: {"value": "1"}}}
    )
    assert (form["may_fill"], response.status_code, response.json()["code"]) == (
        False,
        403,
        "not_allowed",
    )
    assert not FormEntry.objects.filter(process=process).exists()


def test_another_kasi_cannot_add_bukti_dukung_either(second):
    api, process = second
    response = api.request(
        "kasip3.kragan",
        "post",
        form_path(process, tail="evidence/"),
        {"indicator": "P3-I1", "url": EVIDENCE_URL},
        fmt="multipart",
    )
    assert response.status_code == 403


def test_a_form_with_an_empty_indicator_cannot_be_handed_in(second):
    api, process = second
    username = PENGAMPU[RETURNED]
    form = api.get(username, form_path(process))
    entries = {row["code"]: {"value": "70"} for row in form["indicators"][1:]}
    api.call(username, "put", form_path(process), {"entries": entries})
    response = api.request(username, "post", f"/processes/{process.pk}/forms/submit/")
    assert (response.status_code, response.json()["code"]) == (400, "incomplete")


def test_someone_without_a_form_cannot_hand_one_in(second):
    api, process = second
    response = api.request("camat.kragan", "post", f"/processes/{process.pk}/forms/submit/")
    assert response.status_code == 403


def test_the_form_shows_last_quarters_official_value(quarter, second):
    api, process = second
    form = api.get(PENGAMPU[RETURNED], form_path(process))
    assert {r["code"]: Decimal(r["previous"]) for r in form["indicators"]} == {
        code: value
        for code, value in quarter.sent.items()
        if code in {r["code"] for r in form["indicators"]}
    }


@pytest.mark.parametrize(
    ("method", "tail"),
    [
        ("get", "forms/"),
        ("get", f"forms/{RETURNED}/"),
        ("put", f"forms/{RETURNED}/"),
        ("post", f"forms/{RETURNED}/evidence/"),
        ("post", "forms/submit/"),
    ],
)
def test_a_user_of_sluke_gets_404_on_kragans_forms(second, method, tail):
    api, process = second
    body, fmt = {
        "put": ({"entries": {"P3-I1": {"value": "1"}}}, "json"),
        "post": ({"indicator": "P3-I1", "url": EVIDENCE_URL}, "multipart"),
    }.get(method, (None, "json"))
    response = api.request("sekcam.sluke", method, f"/processes/{process.pk}/{tail}", body, fmt)
    assert (response.status_code, response.json()["message"]) == (404, e.PROCESS_NOT_FOUND)


def test_the_inspektorat_does_not_see_the_draft_forms(second):
    api, process = second
    response = api.request("irban1", "get", f"/processes/{process.pk}/forms/")
    assert response.status_code == 404


def test_an_unknown_form_gets_404(second):
    api, process = second
    response = api.request("camat.kragan", "get", form_path(process, "kasi-xyz"))
    assert (response.status_code, response.json()["message"]) == (
        404,
        quarterly.FORM_NOT_FOUND.format(code="kasi-xyz"),
    )


def test_a_measurement_process_has_no_forms(quarter, api):
    response = api.request("camat.kragan", "get", f"/processes/{quarter.measurement_id}/forms/")
    assert (response.status_code, response.json()["message"]) == (404, quarterly.NOT_A_COLLECTION)


def test_a_collection_has_no_kertas_kerja(second):
    api, process = second
    response = api.request(TIM, "post", f"/processes/{process.pk}/kertas-kerja/")
    assert (response.status_code, response.json()["message"]) == (
        404,
        quarterly.NOT_A_MEASUREMENT,
    )
