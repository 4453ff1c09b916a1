import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sop.models import SopRevision, SopStep
from sop.services import sop_load_all

DEFINITIONS = Path(__file__).resolve().parents[2] / "sop" / "definitions"

pytestmark = pytest.mark.django_db


@pytest.fixture
def workdir(tmp_path):
    for path in DEFINITIONS.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_first_load_creates_revision_1_of_each_sop(workdir):
    results = sop_load_all(directory=workdir)
    assert {(r.code, r.revision, r.created) for r in results} == {
        ("lkjip", 1, True),
        ("pengukuran-kinerja", 1, True),
        ("pengumpulan-data-kinerja", 1, True),
        ("tindak-lanjut-lhe", 1, True),
    }
    assert SopStep.objects.filter(revision__sop__code="lkjip").count() == 9


def test_reloading_unchanged_files_writes_nothing(workdir):
    sop_load_all(directory=workdir)
    before = list(SopRevision.objects.values_list("id", "loaded_at"))
    results = sop_load_all(directory=workdir)
    assert not any(r.created for r in results)
    assert list(SopRevision.objects.values_list("id", "loaded_at")) == before


def test_changed_file_makes_a_new_revision_and_keeps_the_old(workdir):
    sop_load_all(directory=workdir)
    path = workdir / "lkjip.yaml"
    path.write_text(path.read_text().replace("waktu: 2 hari", "waktu: 3 hari"))
    sop_load_all(directory=workdir)
    old = SopRevision.objects.get(sop__code="lkjip", number=1)
    new = SopRevision.objects.get(sop__code="lkjip", number=2)
    assert old.steps.get(number=2).waktu == "2 hari"
    assert new.steps.get(number=2).waktu == "3 hari"


def test_a_bad_file_loads_nothing_and_names_the_file(workdir):
    path = workdir / "pengukuran-kinerja.yaml"
    path.write_text(path.read_text().replace("waktu: 60 menit", "waktu: sejam", 1))
    with pytest.raises(CommandError, match=r"pengukuran-kinerja\.yaml, langkah 2, waktu"):
        call_command("load_sops", "--dir", str(workdir))
    assert not SopRevision.objects.exists()
