"""The Kragan demo organisation: Kabupaten Rembang with Kecamatan Kragan (the seed's
Tabel 1.1, the SK Tim Penyusun 900/35/2024 and the PK's pengampu), Kecamatan Sluke (the
seed's comparison, so that isolation between PDs shows), the Inspektorat with two
auditors and the Bagian Organisasi.

Every person is fictional: names are invented and every NIP is made up (valid in form,
not a real civil servant's). Loading is idempotent: rows are found by natural keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from .models import (
    Assignment,
    Delegation,
    Kabupaten,
    PerangkatDaerah,
    Position,
    Team,
    TeamMember,
    Unit,
    User,
)
from .services import team_set

DEMO_PASSWORD = "alur-demo"  # noqa: S105 (demo accounts only; printed by make run)
START = dt.date(2021, 1, 4)

R = Position.Role
U = Unit.Kind


@dataclass(frozen=True)
class P:
    """A demo person in a position."""

    username: str
    prefix: str
    name: str
    suffix: str
    sex: str  # "1" laki-laki, "2" perempuan
    born: str  # YYYYMMDD
    appointed: str  # YYYYMM
    pangkat: str
    golongan: str


def nip(person: P, serial: int) -> str:
    return f"{person.born}{person.appointed}{person.sex}{serial:03d}"


# (code, name, kind, parent code)
KECAMATAN_UNITS = [
    ("pimpinan", "Pimpinan", U.PIMPINAN, None),
    ("sekretariat", "Sekretariat", U.SEKRETARIAT, "pimpinan"),
    ("progkeu", "Sub Bagian Program dan Keuangan", U.SUBBAGIAN, "sekretariat"),
    ("umpeg", "Sub Bagian Umum dan Kepegawaian", U.SUBBAGIAN, "sekretariat"),
    ("p3", "Seksi Pemerintahan dan Pelayanan Publik", U.SEKSI, "pimpinan"),
    ("pm", "Seksi Pemberdayaan Masyarakat", U.SEKSI, "pimpinan"),
    ("binwas", "Seksi Pembinaan dan Pengawasan Pemerintahan Desa", U.SEKSI, "pimpinan"),
    ("trantibum", "Seksi Ketenteraman dan Ketertiban Umum", U.SEKSI, "pimpinan"),
]

# (code, title, short title, role, unit, superior code, single holder)
KECAMATAN_POSITIONS = [
    ("camat", "Camat {name}", "Camat", R.KEPALA, "pimpinan", None, True),
    ("sekcam", "Sekretaris Kecamatan", "Sekcam", R.SEKRETARIS, "sekretariat", "camat", True),
    (
        "kasubag-progkeu",
        "Kepala Sub Bagian Program dan Keuangan",
        "Kasubag ProgKeu",
        R.KASUBAG,
        "progkeu",
        "sekcam",
        True,
    ),
    (
        "kasubag-umpeg",
        "Kepala Sub Bagian Umum dan Kepegawaian",
        "Kasubag Umpeg",
        R.KASUBAG,
        "umpeg",
        "sekcam",
        True,
    ),
    (
        "kasi-p3",
        "Kepala Seksi Pemerintahan dan Pelayanan Publik",
        "Kasi P3",
        R.KASI,
        "p3",
        "camat",
        True,
    ),
    ("kasi-pm", "Kepala Seksi Pemberdayaan Masyarakat", "Kasi PM", R.KASI, "pm", "camat", True),
    (
        "kasi-binwas",
        "Kepala Seksi Pembinaan dan Pengawasan Pemerintahan Desa",
        "Kasi Binwas",
        R.KASI,
        "binwas",
        "camat",
        True,
    ),
    (
        "kasi-trantibum",
        "Kepala Seksi Ketenteraman dan Ketertiban Umum",
        "Kasi Trantibum",
        R.KASI,
        "trantibum",
        "camat",
        True,
    ),
    (
        "staf-progkeu",
        "Pelaksana Sub Bagian Program dan Keuangan",
        "Staf ProgKeu",
        R.STAF,
        "progkeu",
        "kasubag-progkeu",
        False,
    ),
    (
        "staf-umpeg",
        "Pelaksana Sub Bagian Umum dan Kepegawaian",
        "Staf Umpeg",
        R.STAF,
        "umpeg",
        "kasubag-umpeg",
        False,
    ),
    (
        "staf-p3",
        "Pelaksana Seksi Pemerintahan dan Pelayanan Publik",
        "Staf P3",
        R.STAF,
        "p3",
        "kasi-p3",
        False,
    ),
    (
        "staf-pm",
        "Pelaksana Seksi Pemberdayaan Masyarakat",
        "Staf PM",
        R.STAF,
        "pm",
        "kasi-pm",
        False,
    ),
    (
        "staf-binwas",
        "Pelaksana Seksi Pembinaan dan Pengawasan Pemerintahan Desa",
        "Staf Binwas",
        R.STAF,
        "binwas",
        "kasi-binwas",
        False,
    ),
    (
        "staf-trantibum",
        "Pelaksana Seksi Ketenteraman dan Ketertiban Umum",
        "Staf Trantibum",
        R.STAF,
        "trantibum",
        "kasi-trantibum",
        False,
    ),
]

# Kragan: 18 people as in Tabel 1.1 (Camat 1 L; Sekcam 1 L; Kasi 4: 2 L 2 P;
# Kasubag 2: 1 L 1 P; Pelaksana 10: 6 L 4 P).
KRAGAN_PEOPLE = [
    (
        "camat",
        P(
            "camat.kragan",
            "",
            "Hendra Wicaksono",
            "S.STP., M.Si.",
            "1",
            "19800312",
            "200212",
            "Pembina",
            "IV/a",
        ),
    ),
    (
        "sekcam",
        P(
            "sekcam.kragan",
            "",
            "Bambang Riyadi",
            "S.Sos., M.M.",
            "1",
            "19790705",
            "200501",
            "Penata Tingkat I",
            "III/d",
        ),
    ),
    (
        "kasubag-progkeu",
        P(
            "progkeu.kragan",
            "",
            "Sri Wahyuningsih",
            "S.E.",
            "2",
            "19840221",
            "200903",
            "Penata Tingkat I",
            "III/d",
        ),
    ),
    (
        "kasubag-umpeg",
        P(
            "umpeg.kragan",
            "",
            "Agus Santoso",
            "S.AP.",
            "1",
            "19820917",
            "200804",
            "Penata",
            "III/c",
        ),
    ),
    (
        "kasi-p3",
        P(
            "kasip3.kragan",
            "",
            "Dwi Kurniawan",
            "S.H.",
            "1",
            "19851130",
            "201003",
            "Penata",
            "III/c",
        ),
    ),
    (
        "kasi-pm",
        P(
            "kasipm.kragan",
            "",
            "Retno Lestari",
            "S.Sos.",
            "2",
            "19870405",
            "201101",
            "Penata",
            "III/c",
        ),
    ),
    (
        "kasi-binwas",
        P(
            "kasibinwas.kragan",
            "",
            "Siti Rahayu",
            "S.IP.",
            "2",
            "19860614",
            "201012",
            "Penata",
            "III/c",
        ),
    ),
    (
        "kasi-trantibum",
        P(
            "kasitrantib.kragan",
            "",
            "Joko Prasetyo",
            "S.H.",
            "1",
            "19830828",
            "200905",
            "Penata Tingkat I",
            "III/d",
        ),
    ),
    (
        "staf-progkeu",
        P(
            "staf1.kragan",
            "",
            "Eko Saputro",
            "A.Md.",
            "1",
            "19900103",
            "201503",
            "Pengatur Tingkat I",
            "II/d",
        ),
    ),
    (
        "staf-progkeu",
        P(
            "staf2.kragan",
            "",
            "Nur Aini",
            "S.Ak.",
            "2",
            "19920519",
            "201903",
            "Penata Muda",
            "III/a",
        ),
    ),
    (
        "staf-umpeg",
        P("staf3.kragan", "", "Sugeng Widodo", "", "1", "19780210", "200601", "Pengatur", "II/c"),
    ),
    (
        "staf-umpeg",
        P("staf4.kragan", "", "Wahyu Hidayat", "", "1", "19810722", "200901", "Pengatur", "II/c"),
    ),
    (
        "staf-umpeg",
        P(
            "staf5.kragan",
            "",
            "Fitri Handayani",
            "",
            "2",
            "19890908",
            "201401",
            "Pengatur Muda Tingkat I",
            "II/b",
        ),
    ),
    (
        "staf-p3",
        P(
            "staf6.kragan",
            "",
            "Rudi Hartono",
            "S.Kom.",
            "1",
            "19910315",
            "202003",
            "Penata Muda",
            "III/a",
        ),
    ),
    (
        "staf-p3",
        P("staf7.kragan", "", "Lilis Suryani", "", "2", "19880127", "201301", "Pengatur", "II/c"),
    ),
    (
        "staf-pm",
        P(
            "staf8.kragan",
            "",
            "Teguh Priyanto",
            "",
            "1",
            "19770604",
            "200701",
            "Pengatur Tingkat I",
            "II/d",
        ),
    ),
    (
        "staf-binwas",
        P(
            "staf9.kragan",
            "",
            "Yuli Astuti",
            "S.Sos.",
            "2",
            "19930811",
            "202103",
            "Penata Muda",
            "III/a",
        ),
    ),
    (
        "staf-trantibum",
        P(
            "staf10.kragan",
            "",
            "Slamet Riyanto",
            "",
            "1",
            "19760918",
            "200501",
            "Pengatur Tingkat I",
            "II/d",
        ),
    ),
]

SLUKE_PEOPLE = [
    (
        "camat",
        P(
            "camat.sluke",
            "",
            "Ahmad Fauzi",
            "S.STP., M.M.",
            "1",
            "19810425",
            "200312",
            "Pembina",
            "IV/a",
        ),
    ),
    (
        "sekcam",
        P(
            "sekcam.sluke",
            "",
            "Endang Purwanti",
            "S.Sos.",
            "2",
            "19800117",
            "200601",
            "Penata Tingkat I",
            "III/d",
        ),
    ),
    (
        "kasubag-progkeu",
        P(
            "progkeu.sluke",
            "",
            "Yusuf Hamdani",
            "S.E.",
            "1",
            "19860303",
            "201003",
            "Penata",
            "III/c",
        ),
    ),
    (
        "kasubag-umpeg",
        P("umpeg.sluke", "", "Ratna Dewi", "S.AP.", "2", "19850712", "200912", "Penata", "III/c"),
    ),
    (
        "kasi-p3",
        P("kasip3.sluke", "", "Heru Susanto", "S.H.", "1", "19840109", "200903", "Penata", "III/c"),
    ),
    (
        "kasi-pm",
        P("kasipm.sluke", "", "Maya Sari", "S.Sos.", "2", "19880820", "201201", "Penata", "III/c"),
    ),
    (
        "kasi-binwas",
        P(
            "kasibinwas.sluke",
            "",
            "Imam Syafii",
            "S.IP.",
            "1",
            "19830527",
            "200805",
            "Penata Tingkat I",
            "III/d",
        ),
    ),
    (
        "kasi-trantibum",
        P(
            "kasitrantib.sluke",
            "",
            "Budi Raharjo",
            "",
            "1",
            "19790214",
            "200403",
            "Penata Tingkat I",
            "III/d",
        ),
    ),
    (
        "staf-progkeu",
        P(
            "staf1.sluke",
            "",
            "Dian Permatasari",
            "A.Md.",
            "2",
            "19940102",
            "202003",
            "Pengatur",
            "II/c",
        ),
    ),
]

INSPEKTORAT_UNITS = [
    ("pimpinan", "Pimpinan", U.PIMPINAN, None),
    ("sekretariat", "Sekretariat", U.SEKRETARIAT, "pimpinan"),
    ("irban-1", "Inspektur Pembantu Wilayah I", U.INSPEKTUR_PEMBANTU, "pimpinan"),
]
INSPEKTORAT_POSITIONS = [
    ("inspektur", "Inspektur Daerah", "Inspektur", R.KEPALA, "pimpinan", None, True),
    (
        "sekretaris",
        "Sekretaris Inspektorat",
        "Sekretaris",
        R.SEKRETARIS,
        "sekretariat",
        "inspektur",
        True,
    ),
    ("irban-1", "Inspektur Pembantu Wilayah I", "Irban I", R.IRBAN, "irban-1", "inspektur", True),
    ("auditor", "Auditor Ahli Muda", "Auditor", R.AUDITOR, "irban-1", "irban-1", False),
]
INSPEKTORAT_PEOPLE = [
    (
        "inspektur",
        P(
            "inspektur",
            "Drs.",
            "Subagyo",
            "M.M.",
            "1",
            "19700808",
            "199503",
            "Pembina Utama Muda",
            "IV/c",
        ),
    ),
    (
        "sekretaris",
        P(
            "sekretaris.inspektorat",
            "",
            "Tri Hartati",
            "S.E., M.Si.",
            "2",
            "19750315",
            "200003",
            "Pembina",
            "IV/a",
        ),
    ),
    (
        "irban-1",
        P("irban1", "", "Purnomo Adi", "S.E., M.Ak.", "1", "19760630", "200112", "Pembina", "IV/a"),
    ),
    (
        "auditor",
        P(
            "auditor1",
            "",
            "Anisa Rahmawati",
            "S.E., Ak.",
            "2",
            "19880411",
            "201203",
            "Penata Tingkat I",
            "III/d",
        ),
    ),
    (
        "auditor",
        P("auditor2", "", "Fajar Nugroho", "S.Ak.", "1", "19900926", "201503", "Penata", "III/c"),
    ),
]

BAGOR_UNITS = [("pimpinan", "Bagian Organisasi", U.PIMPINAN, None)]
BAGOR_POSITIONS = [
    ("kabag", "Kepala Bagian Organisasi", "Kabag Organisasi", R.KEPALA, "pimpinan", None, True),
    ("analis", "Analis Kelembagaan", "Analis", R.ANALIS, "pimpinan", "kabag", False),
]
BAGOR_PEOPLE = [
    (
        "kabag",
        P(
            "kabag.organisasi",
            "",
            "Wulan Sari",
            "S.Sos., M.Si.",
            "2",
            "19780522",
            "200212",
            "Pembina",
            "IV/a",
        ),
    ),
    (
        "analis",
        P(
            "analis.organisasi",
            "",
            "Arif Setiawan",
            "S.AP.",
            "1",
            "19910704",
            "201903",
            "Penata Muda Tingkat I",
            "III/b",
        ),
    ),
]

# SK 900/35/2024 (the seed): jabatan dalam dinas -> jabatan dalam tim.
TIM_PENYUSUN_2024 = [
    ("camat", TeamMember.Role.PENANGGUNG_JAWAB),
    ("sekcam", TeamMember.Role.KETUA),
    ("kasubag-progkeu", TeamMember.Role.SEKRETARIS),
    ("kasubag-umpeg", TeamMember.Role.ANGGOTA),
    ("kasi-binwas", TeamMember.Role.ANGGOTA),
    ("kasi-pm", TeamMember.Role.ANGGOTA),
    ("kasi-p3", TeamMember.Role.ANGGOTA),
    ("kasi-trantibum", TeamMember.Role.ANGGOTA),
]
# Tim SAKIP: the seed has no SK; a fictional one with the same members' core.
TIM_SAKIP_2024 = [
    ("sekcam", TeamMember.Role.KETUA),
    ("kasubag-progkeu", TeamMember.Role.SEKRETARIS),
    ("staf-progkeu", TeamMember.Role.ANGGOTA),
]


def _pd(kabupaten, slug, name, kind, address="", email="") -> PerangkatDaerah:
    pd, _ = PerangkatDaerah.objects.update_or_create(
        slug=slug,
        defaults={
            "kabupaten": kabupaten,
            "name": name,
            "kind": kind,
            "address": address,
            "email": email,
        },
    )
    return pd


def _structure(pd, units, positions, place_name="") -> dict[str, Position]:
    unit_rows: dict[str, Unit] = {}
    for code, name, kind, parent in units:
        unit_rows[code], _ = Unit.objects.update_or_create(
            pd=pd,
            code=code,
            defaults={"name": name, "kind": kind, "parent": unit_rows.get(parent)},
        )
    rows: dict[str, Position] = {}
    for order, (code, title, short, role, unit, superior, single) in enumerate(positions):
        rows[code], _ = Position.objects.update_or_create(
            pd=pd,
            code=code,
            defaults={
                "title": title.format(name=place_name),
                "short_title": short,
                "role": role,
                "unit": unit_rows[unit],
                "superior": rows.get(superior),
                "single_holder": single,
                "order": order,
            },
        )
    return rows


def _people(positions: dict[str, Position], people, serial_base: int) -> dict[str, User]:
    users: dict[str, User] = {}
    for i, (code, person) in enumerate(people):
        user, created = User.objects.update_or_create(
            username=person.username,
            defaults={
                "full_name": person.name,
                "title_prefix": person.prefix,
                "title_suffix": person.suffix,
                "nip": nip(person, serial_base + i),
                "pangkat": person.pangkat,
                "golongan": person.golongan,
                "email": f"{person.username}@demo.alur.local",
            },
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Assignment.objects.get_or_create(
            user=user,
            position=positions[code],
            start=START,
            defaults={"sk_nomor": "821.2/DEMO/2021", "sk_tanggal": START},
        )
        users.setdefault(code, user)
        users[person.username] = user
    return users


@transaction.atomic
def load() -> dict[str, PerangkatDaerah]:
    rembang, _ = Kabupaten.objects.update_or_create(
        slug="rembang", defaults={"name": "Kabupaten Rembang", "lkjip_deadline_month": 2}
    )
    kragan = _pd(
        rembang,
        "kragan",
        "Kecamatan Kragan",
        PerangkatDaerah.Kind.KECAMATAN,
        "Jl. Raya Km. 02 Kragan Rembang 59273",
        "keckragan@demo.alur.local",
    )
    sluke = _pd(rembang, "sluke", "Kecamatan Sluke", PerangkatDaerah.Kind.KECAMATAN)
    inspektorat = _pd(
        rembang,
        "inspektorat",
        "Inspektorat Daerah Kabupaten Rembang",
        PerangkatDaerah.Kind.INSPEKTORAT,
    )
    bagor = _pd(
        rembang,
        "bagian-organisasi",
        "Bagian Organisasi Setda Kabupaten Rembang",
        PerangkatDaerah.Kind.BAGIAN,
    )

    kragan_pos = _structure(kragan, KECAMATAN_UNITS, KECAMATAN_POSITIONS, "Kragan")
    sluke_pos = _structure(sluke, KECAMATAN_UNITS, KECAMATAN_POSITIONS, "Sluke")
    insp_pos = _structure(inspektorat, INSPEKTORAT_UNITS, INSPEKTORAT_POSITIONS)
    bagor_pos = _structure(bagor, BAGOR_UNITS, BAGOR_POSITIONS)

    kragan_users = _people(kragan_pos, KRAGAN_PEOPLE, 1)
    _people(sluke_pos, SLUKE_PEOPLE, 101)
    _people(insp_pos, INSPEKTORAT_PEOPLE, 201)
    _people(bagor_pos, BAGOR_PEOPLE, 301)

    if not Team.objects.filter(
        pd=kragan, year=2024, purpose=Team.Purpose.TIM_PENYUSUN_LKJIP
    ).exists():
        team_set(
            pd=kragan,
            year=2024,
            purpose=Team.Purpose.TIM_PENYUSUN_LKJIP,
            sk_nomor="900/35/2024",
            sk_tanggal=dt.date(2024, 3, 4),
            members=[(kragan_users[code], role) for code, role in TIM_PENYUSUN_2024],
        )
    if not Team.objects.filter(pd=kragan, year=2024, purpose=Team.Purpose.TIM_SAKIP).exists():
        team_set(
            pd=kragan,
            year=2024,
            purpose=Team.Purpose.TIM_SAKIP,
            sk_nomor="800/12/2024 (fiktif)",
            sk_tanggal=dt.date(2024, 1, 8),
            members=[(kragan_users[code], role) for code, role in TIM_SAKIP_2024],
        )
    # A past Plh: the Sekcam acted for the Camat during a week of leave.
    Delegation.objects.get_or_create(
        position=kragan_pos["camat"],
        start=dt.date(2025, 2, 10),
        defaults={
            "delegate": kragan_users["sekcam"],
            "kind": Delegation.Kind.PLH,
            "end": dt.date(2025, 2, 14),
            "sk_nomor": "800.1.11.1/DEMO/2025",
            "sk_tanggal": dt.date(2025, 2, 7),
            "note": "Camat cuti tahunan",
        },
    )
    return {
        "kragan": kragan,
        "sluke": sluke,
        "inspektorat": inspektorat,
        "bagian-organisasi": bagor,
    }


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, name, position) of every demo account, for `make run` to print."""
    rows = []
    for a in Assignment.objects.filter(end__isnull=True).select_related("user", "position__pd"):
        rows.append(
            (
                a.user.username,
                a.user.display_name,
                f"{a.position.short_title}, {a.position.pd.name}",
            )
        )
    return sorted(rows, key=lambda r: (r[2].split(", ")[-1], r[0]))
