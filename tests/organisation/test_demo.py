import io

import pytest
from django.core.management import call_command

from organisation.models import (
    Assignment,
    Delegation,
    PerangkatDaerah,
    Position,
    Team,
    TeamMember,
    User,
)
from organisation.validators import parse_nip

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (PerangkatDaerah, Position, User, Assignment, Team, TeamMember, Delegation)
    ]


def test_load_demo_twice_changes_nothing(db, sops):
    from workflow.models import AuditEntry, Process, Task

    def everything():
        return counts() + [m.objects.count() for m in (Process, Task, AuditEntry)]

    call_command("load_demo", stdout=io.StringIO())
    before = everything()
    call_command("load_demo", stdout=io.StringIO())
    assert everything() == before


def test_demo_has_the_four_pd_slugs(demo):
    assert set(PerangkatDaerah.objects.values_list("slug", flat=True)) == {
        "kragan",
        "sluke",
        "inspektorat",
        "bagian-organisasi",
    }


def test_kragan_staff_match_tabel_1_1(demo):
    people = User.objects.filter(
        assignments__position__pd__slug="kragan", assignments__end__isnull=True
    )
    by_role = {}
    for user in people.select_related():
        role = user.assignments.get(end__isnull=True).position.role
        sex = parse_nip(user.nip).sex
        by_role.setdefault(role, []).append(sex)
    assert people.count() == 18
    assert sorted(by_role["kepala"]) == ["L"]
    assert sorted(by_role["sekretaris"]) == ["L"]
    assert sorted(by_role["kasi"]) == ["L", "L", "P", "P"]
    assert sorted(by_role["kasubag"]) == ["L", "P"]
    assert sorted(by_role["staf"]) == ["L"] * 6 + ["P"] * 4


def test_tim_penyusun_2024_follows_sk_900_35_2024(demo):
    team = Team.objects.get(pd__slug="kragan", year=2024, purpose="tim_penyusun_lkjip")
    assert team.sk_nomor == "900/35/2024"
    assert [(m.position.code, m.role) for m in team.members.order_by("order")] == [
        ("camat", "penanggung_jawab"),
        ("sekcam", "ketua"),
        ("kasubag-progkeu", "sekretaris"),
        ("kasubag-umpeg", "anggota"),
        ("kasi-binwas", "anggota"),
        ("kasi-pm", "anggota"),
        ("kasi-p3", "anggota"),
        ("kasi-trantibum", "anggota"),
    ]


def test_every_demo_nip_is_valid_and_none_is_the_seeds_real_nip(demo):
    nips = list(User.objects.exclude(nip=None).values_list("nip", flat=True))
    for nip in nips:
        parse_nip(nip)
    assert "198510152004121001" not in nips


def test_inspektorat_has_two_auditors(demo):
    auditors = Assignment.objects.filter(
        position__pd__slug="inspektorat", position__role="auditor", end__isnull=True
    )
    assert auditors.count() == 2


def test_load_demo_prints_every_login(demo, capsys):
    call_command("load_demo", "--logins")
    out = capsys.readouterr().out
    for username in (
        "camat.kragan",
        "sekcam.kragan",
        "auditor1",
        "inspektur",
        "camat.sluke",
        "kabag.organisasi",
        "staf1.kragan",
    ):
        assert username in out
