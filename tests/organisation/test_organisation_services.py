import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from organisation import services
from organisation.models import Assignment, Delegation, Team, TeamMember
from organisation.selectors import (
    authorities_of,
    current_position,
    position_actors,
    superior_actors,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kragan(demo):
    return demo["kragan"]


def pos(pd, code):
    return pd.positions.get(code=code)


def test_mutasi_keeps_the_old_assignment_as_history(kragan, users):
    kasi = users["kasip3.kragan"]
    services.person_transfer(
        user=kasi, to_position=pos(kragan, "staf-p3"), effective=dt.date(2025, 7, 1)
    )
    history = list(Assignment.objects.filter(user=kasi).order_by("start"))
    assert [(a.position.code, a.end) for a in history] == [
        ("kasi-p3", dt.date(2025, 6, 30)),
        ("staf-p3", None),
    ]
    assert current_position(user=kasi, day=dt.date(2025, 6, 30)).code == "kasi-p3"
    assert current_position(user=kasi, day=dt.date(2025, 7, 1)).code == "staf-p3"


def test_mutasi_calls_the_registered_hooks(kragan, users, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "on_transfer", [lambda **kw: calls.append(kw)])
    services.person_transfer(
        user=users["kasip3.kragan"],
        to_position=pos(kragan, "staf-p3"),
        effective=dt.date(2025, 7, 1),
    )
    assert calls[0]["old_position"].code == "kasi-p3"
    assert calls[0]["new_position"].code == "staf-p3"


def test_mutasi_into_an_occupied_position_is_refused_and_changes_nothing(kragan, users):
    before = list(Assignment.objects.values_list("id", "end"))
    with pytest.raises(ValidationError) as exc:
        services.person_transfer(
            user=users["kasip3.kragan"],
            to_position=pos(kragan, "kasi-pm"),
            effective=dt.date(2025, 7, 1),
        )
    assert "masih dijabat" in exc.value.messages[0]
    assert list(Assignment.objects.values_list("id", "end")) == before


def test_mutasi_before_the_current_start_is_refused(kragan, users):
    with pytest.raises(ValidationError) as exc:
        services.person_transfer(
            user=users["kasip3.kragan"],
            to_position=pos(kragan, "staf-p3"),
            effective=dt.date(2020, 1, 1),
        )
    assert exc.value.messages == [services.TRANSFER_DATE_BEFORE_START]


def test_plh_acts_for_the_position_only_inside_the_period(kragan, users):
    sekcam = users["sekcam.kragan"]
    inside = [a.position.code for a in authorities_of(user=sekcam, day=dt.date(2025, 2, 12))]
    outside = [a.position.code for a in authorities_of(user=sekcam, day=dt.date(2025, 2, 17))]
    assert inside == ["sekcam", "camat"]
    assert outside == ["sekcam"]


def test_plh_authority_names_the_holder_it_acts_for(kragan, users):
    camat_actors = position_actors(position=pos(kragan, "camat"), day=dt.date(2025, 2, 12))
    plh = [a for a in camat_actors if a.is_delegated]
    assert len(plh) == 1
    assert plh[0].user == users["sekcam.kragan"]
    assert plh[0].on_behalf_of == users["camat.kragan"]


def test_delegation_overlapping_another_is_refused(kragan, users):
    with pytest.raises(ValidationError) as exc:
        services.delegation_create(
            delegate=users["kasip3.kragan"],
            position=pos(kragan, "camat"),
            kind=Delegation.Kind.PLH,
            start=dt.date(2025, 2, 14),
            end=dt.date(2025, 2, 20),
            sk_nomor="x",
            sk_tanggal=dt.date(2025, 2, 13),
        )
    assert "tumpang tindih" in exc.value.messages[0]


def test_holder_cannot_be_plh_of_own_position(kragan, users):
    with pytest.raises(ValidationError) as exc:
        services.delegation_create(
            delegate=users["camat.kragan"],
            position=pos(kragan, "camat"),
            kind=Delegation.Kind.PLH,
            start=dt.date(2025, 3, 1),
            end=dt.date(2025, 3, 2),
            sk_nomor="x",
            sk_tanggal=dt.date(2025, 2, 27),
        )
    assert exc.value.messages == [services.DELEGATE_IS_HOLDER]


def test_escalation_goes_to_the_superior_position(kragan, users):
    actors = superior_actors(position=pos(kragan, "kasubag-progkeu"), day=dt.date(2025, 3, 3))
    assert [a.user for a in actors] == [users["sekcam.kragan"]]


def test_team_needs_exactly_one_ketua(kragan, users):
    with pytest.raises(ValidationError) as exc:
        services.team_set(
            pd=kragan,
            year=2025,
            purpose=Team.Purpose.TIM_PENYUSUN_LKJIP,
            sk_nomor="900/1/2025",
            sk_tanggal=dt.date(2025, 1, 6),
            members=[(users["progkeu.kragan"], TeamMember.Role.ANGGOTA)],
        )
    assert exc.value.messages == [services.TEAM_NEEDS_KETUA]
    assert not Team.objects.filter(year=2025).exists()


def test_team_member_from_another_pd_is_refused(kragan, users):
    with pytest.raises(ValidationError) as exc:
        services.team_set(
            pd=kragan,
            year=2025,
            purpose=Team.Purpose.TIM_PENYUSUN_LKJIP,
            sk_nomor="900/1/2025",
            sk_tanggal=dt.date(2025, 1, 6),
            members=[
                (users["sekcam.kragan"], TeamMember.Role.KETUA),
                (users["kasip3.sluke"], TeamMember.Role.ANGGOTA),
            ],
        )
    assert "bukan pegawai Kecamatan Kragan" in exc.value.messages[0]


def test_team_records_each_members_position_at_the_sk_date(kragan, users):
    team = services.team_set(
        pd=kragan,
        year=2025,
        purpose=Team.Purpose.TIM_PENYUSUN_LKJIP,
        sk_nomor="900/1/2025",
        sk_tanggal=dt.date(2025, 1, 6),
        members=[
            (users["sekcam.kragan"], TeamMember.Role.KETUA),
            (users["progkeu.kragan"], TeamMember.Role.SEKRETARIS),
        ],
    )
    assert [(m.position.code, m.role) for m in team.members.order_by("order")] == [
        ("sekcam", "ketua"),
        ("kasubag-progkeu", "sekretaris"),
    ]
