from pathlib import Path

import pytest
import yaml

from sop.definition import END, SopDefinitionError, load_all, load_file, parse

LKJIP = Path(__file__).resolve().parents[2] / "sop" / "definitions" / "lkjip.yaml"


def lkjip_raw():
    return yaml.safe_load(LKJIP.read_text())


def test_the_seed_sops_and_the_follow_up_sop_load():
    assert {d.code: len(d.steps) for d in load_all()} == {
        "lkjip": 9,
        "pengukuran-kinerja": 11,
        "pengumpulan-data-kinerja": 12,
        "tindak-lanjut-lhe": 3,
    }


def test_lkjip_steps_follow_the_sop_table():
    d = load_file(LKJIP)
    assert [(s.number, s.pelaksana, str(s.waktu)) for s in d.steps] == [
        (1, "kepala_pd", "20 menit"),
        (2, "sekretaris_pd", "2 hari"),
        (3, "tim_penyusun", "20 hari"),
        (4, "inspektorat", "10 hari"),
        (5, "tim_penyusun", "5 hari"),
        (6, "sekretaris_pd", "1 hari"),
        (7, "kepala_pd", "120 menit"),
        (8, "tim_penyusun", "1 hari"),
        (9, "tim_penyusun", "15 menit"),
    ]


def test_lkjip_step_7_decides_between_signing_and_koreksi():
    step = load_file(LKJIP).step(7)
    assert [(b.action, b.target) for b in step.branches] == [
        ("tandatangani", 8),
        ("kembalikan_koreksi", 5),
    ]
    assert load_file(LKJIP).step(9).branches[0].target == END


def test_identity_fields_are_kept():
    identity = load_file(LKJIP).identity
    assert identity["nomor"] == "800/15.2/2025"
    assert identity["tanggal_pengesahan"] == "2025-01-02"
    assert len(identity["dasar_hukum"]) == 5
    assert identity["peringatan"][0].startswith("Penyampaian Dokumen LKjPD kepada Bupati")


def refused(raw) -> SopDefinitionError:
    with pytest.raises(SopDefinitionError) as exc:
        parse(raw, source="uji.yaml")
    return exc.value


def test_unknown_pelaksana_is_refused_naming_file_and_field():
    raw = lkjip_raw()
    raw["pelaksana"][0]["kode"] = "bupati"
    error = refused(raw)
    assert str(error).startswith("uji.yaml, pelaksana[0].kode: pelaksana 'bupati' tidak dikenal")


def test_step_pelaksana_outside_the_columns_is_refused():
    raw = lkjip_raw()
    raw["langkah"][2]["pelaksana"] = "tim_sakip"
    assert str(refused(raw)).startswith("uji.yaml, langkah 3, pelaksana:")


def test_unreadable_waktu_is_refused_naming_the_step():
    raw = lkjip_raw()
    raw["langkah"][1]["waktu"] = "dua hari"
    assert str(refused(raw)) == (
        "uji.yaml, langkah 2, waktu: Waktu 'dua hari' tidak dapat dibaca: tulis seperti "
        "'20 menit', '2 jam' atau '2 hari'."
    )


def test_decision_to_a_missing_step_is_refused():
    raw = lkjip_raw()
    raw["langkah"][6]["keputusan"]["tidak"]["lanjut"] = 12
    assert str(refused(raw)) == "uji.yaml, langkah 7, keputusan: menuju langkah 12 yang tidak ada"


def test_unreachable_step_is_refused():
    raw = lkjip_raw()
    raw["langkah"][0]["lanjut"] = 3  # nothing leads to step 2 any more
    assert str(refused(raw)) == "uji.yaml, langkah 2: tidak dapat dicapai dari langkah pertama"


def test_step_with_no_way_to_the_end_is_refused():
    raw = lkjip_raw()
    # koreksi leads to 10, and 10 and 11 send each other back and forth forever
    raw["langkah"][6]["keputusan"]["tidak"]["lanjut"] = 10
    trap = {k: v for k, v in raw["langkah"][5].items() if k not in ("aksi", "lanjut")}
    raw["langkah"] += [
        {**trap, "nomor": 10, "aksi": {"aksi": "a10", "label": "A"}, "lanjut": 11},
        {**trap, "nomor": 11, "aksi": {"aksi": "a11", "label": "B"}, "lanjut": 10},
    ]
    error = refused(raw)
    assert error.detail == "tidak memiliki jalan menuju selesai"
    assert error.step == 10


def test_unknown_document_in_syarat_is_refused():
    raw = lkjip_raw()
    raw["langkah"][0]["syarat"]["dokumen"] = ["nota_dinas"]
    assert str(refused(raw)).startswith("uji.yaml, langkah 1, syarat.dokumen:")


def test_duplicate_action_code_is_refused():
    raw = lkjip_raw()
    raw["langkah"][1]["aksi"]["aksi"] = "disposisi"
    assert "kode aksi 'disposisi' sudah dipakai di langkah 1" in str(refused(raw))


def test_yaml_no_key_pitfall_gives_a_clear_error():
    raw = lkjip_raw()
    raw["langkah"][0] = {False: 1, **{k: v for k, v in raw["langkah"][0].items() if k != "nomor"}}
    assert "nomor langkah harus bilangan bulat positif" in str(refused(raw))
