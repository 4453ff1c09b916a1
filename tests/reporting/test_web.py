"""The reporting pages through Django's test client as the Kragan demo users."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporting.demo import load as reporting_load
from reporting.models import Budget, DataChange, Realisasi, Target
from tests.support import Driver
from workflow.models import ReviewNote

pytestmark = pytest.mark.django_db

DATA = "/kinerja/kragan/2024/"


@pytest.fixture
def kragan(demo):
    reporting_load()
    return demo["kragan"]


def login(client, users, username):
    client.force_login(users[username])
    return client


def realisasi(code, year=2024, triwulan=0):
    row = Realisasi.objects.filter(indicator__code=code, year=year, triwulan=triwulan).first()
    return row.value if row else None


def test_pengampu_sees_an_input_only_for_own_indicators(client, users, kragan):
    page = login(client, users, "kasipm.kragan").get(DATA).content.decode()
    assert 'name="realisasi-P3-I1"' in page
    assert 'name="realisasi-P1-I1"' not in page


def test_pengampu_saves_a_realisasi(client, users, kragan):
    response = login(client, users, "kasipm.kragan").post(DATA, {"realisasi-P3-I1": "97,5"})
    assert response.status_code == 302
    row = Realisasi.objects.get(indicator__code="P3-I1", year=2024, triwulan=0)
    assert (row.value, row.entered_by.username) == (Decimal("97.5"), "kasipm.kragan")


def test_posting_another_pengampus_indicator_changes_nothing(client, users, kragan):
    before = realisasi("P1-I1")
    login(client, users, "kasipm.kragan").post(DATA, {"realisasi-P1-I1": "1"})
    assert realisasi("P1-I1") == before


def test_one_bad_value_saves_nothing(client, users, kragan):
    before = (realisasi("P3-I1"), realisasi("P3.K1-I1"))
    response = login(client, users, "kasipm.kragan").post(
        DATA, {"realisasi-P3-I1": "55", "realisasi-P3.K1-I1": "banyak"}
    )
    assert response.status_code == 400
    assert "Realisasi &#x27;banyak&#x27; bukan angka." in response.content.decode()
    assert (realisasi("P3-I1"), realisasi("P3.K1-I1")) == before


def test_user_of_another_kecamatan_gets_404(client, users, kragan):
    assert login(client, users, "camat.sluke").get(DATA).status_code == 404


def test_inspektorat_sees_the_kecamatans_data(client, users, kragan):
    assert login(client, users, "auditor1").get(DATA).status_code == 200


def test_sekretaris_sets_a_target(client, users, kragan):
    login(client, users, "sekcam.kragan").post(
        DATA + "indikator/P3-I2/",
        {"form": "target", "year": "2025", "source": "renstra", "value": "30"},
    )
    assert Target.objects.get(indicator__code="P3-I2", year=2025, source="renstra").value == "30"


def test_kasi_cannot_set_a_target(client, users, kragan):
    response = login(client, users, "kasipm.kragan").post(
        DATA + "indikator/P3-I2/",
        {"form": "target", "year": "2025", "source": "renstra", "value": "30"},
    )
    assert response.status_code == 400
    assert not Target.objects.filter(indicator__code="P3-I2", year=2025).exists()


def test_pengampu_adds_a_link_as_bukti_dukung(client, users, kragan):
    login(client, users, "kasipm.kragan").post(
        DATA + "indikator/P3-I1/",
        {"form": "bukti", "triwulan": "0", "url": "https://drive.example.id/bukti", "label": "SK"},
    )
    row = Realisasi.objects.get(indicator__code="P3-I1", year=2024, triwulan=0)
    assert list(row.evidence.values_list("url", flat=True)) == ["https://drive.example.id/bukti"]


def test_sekretaris_saves_the_budget_with_thousands_dots(client, users, kragan):
    login(client, users, "sekcam.kragan").post(
        DATA + "anggaran/",
        {"pagu_induk-P3": "30.000.000", "pagu_perubahan-P3": "30.200.000", "realisasi-P3": ""},
    )
    budget = Budget.objects.get(node__code="P3", year=2024)
    assert (budget.pagu_induk, budget.pagu_perubahan) == (30000000, 30200000)
    assert budget.realisasi is None


def test_bad_amount_saves_no_budget(client, users, kragan):
    before = list(Budget.objects.values_list("pagu_induk", flat=True).order_by("pk"))
    response = login(client, users, "sekcam.kragan").post(
        DATA + "anggaran/", {"pagu_induk-P3": "1", "pagu_induk-P4": "satu juta"}
    )
    assert response.status_code == 400
    assert list(Budget.objects.values_list("pagu_induk", flat=True).order_by("pk")) == before


def test_kasi_cannot_save_the_budget(client, users, kragan):
    login(client, users, "kasipm.kragan").post(DATA + "anggaran/", {"pagu_induk-P3": "1"})
    assert Budget.objects.get(node__code="P3", year=2024).pagu_induk != 1
    assert not DataChange.objects.exists()


def test_tables_page_shows_the_computed_capaian(client, users, kragan):
    page = login(client, users, "camat.kragan").get(DATA + "tabel/").content.decode()
    assert "Tabel 3.2 Capaian Kinerja Perjanjian Kinerja Tahun 2024" in page
    assert "95,93" in page


def test_check_page_lists_the_seeds_inconsistencies(client, users, kragan):
    page = login(client, users, "sekcam.kragan").get(DATA + "cek/").content.decode()
    assert "P1.K3.SK1-I1" in page
    assert "500,00" in page


def test_auditor_turns_a_finding_into_a_reviu_note(client, users, demo, kragan):
    driver = Driver(users, demo, year=2024)
    driver.run_until(4)
    driver.assign_auditor()
    login(client, users, "auditor1").post(
        DATA + "cek/", {"table": "3.2", "row": "P1.K3.SK1-I1", "column": "capaian"}
    )
    note = ReviewNote.objects.get(process=driver.process, target_ref__startswith="Tabel 3.2")
    assert (note.target_ref, note.author.username) == (
        "Tabel 3.2 · P1.K3.SK1-I1 · capaian",
        "auditor1",
    )


@pytest.fixture
def admin_client(client, django_user_model, kragan):
    admin = django_user_model.objects.create_superuser(
        username="admin", password="rahasia-admin-1", nip="196501011990031001"
    )
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model", ["renstra", "node", "indicator", "perjanjiankinerja", "measurement", "datachange"]
)
def test_admin_lists_the_structure(admin_client, model):
    assert admin_client.get(f"/admin/reporting/{model}/").status_code == 200


def test_a_pk_version_changed_in_the_admin_is_in_the_trail(admin_client, kragan):
    from reporting.models import PerjanjianKinerja

    pk = PerjanjianKinerja.objects.get(pd=kragan, year=2024, version="awal")
    admin_client.post(
        f"/admin/reporting/perjanjiankinerja/{pk.pk}/change/",
        {
            "pd": kragan.pk,
            "year": 2024,
            "version": "awal",
            "date": "2024-01-26",
            "tempat": "Kragan",
            "pihak_pertama": "Camat Kragan",
            "pihak_kedua": "Bupati Rembang (ttd)",
        },
    )
    change = DataChange.objects.get(via="admin")
    assert (change.what, change.after) == ("perjanjiankinerja", "pihak_kedua")
