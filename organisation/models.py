"""The organisation: kabupaten, perangkat daerah (PD), their units and positions, the
people holding them, Plh/Plt delegations and teams set up by SK.

Who may act on a SOP step is decided from these records at the moment of the action
(`organisation.selectors.authorities_of`), never from a copy."""

import calendar
import datetime as dt
import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .validators import format_nip, normalise_nip, validate_nip

WEEKDAYS_INVALID = (
    "Hari kerja ditulis sebagai angka 1 (Senin) sampai 7 (Minggu), tanpa pengulangan."
)
OFFICE_HOURS_INVALID = "Jam pulang harus setelah jam masuk."
DEADLINE_DAY_INVALID = "Tanggal batas waktu tidak ada pada bulan tersebut."
PERIOD_INVALID = "Tanggal selesai tidak boleh sebelum tanggal mulai."


class Kabupaten(models.Model):
    name = models.CharField(_("nama"), max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    lkjip_deadline_month = models.PositiveSmallIntegerField(
        _("bulan batas penyampaian LKjIP"),
        default=2,
        help_text=_("Bulan pada tahun setelah tahun laporan."),
    )
    lkjip_deadline_day = models.PositiveSmallIntegerField(
        _("tanggal batas penyampaian LKjIP"),
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk hari terakhir bulan tersebut (akhir Februari)."),
    )

    class Meta:
        verbose_name = _("kabupaten")
        verbose_name_plural = _("kabupaten")
        constraints = [
            models.CheckConstraint(
                condition=Q(lkjip_deadline_month__gte=1, lkjip_deadline_month__lte=12),
                name="kabupaten_deadline_month_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.lkjip_deadline_day is not None:
            last = calendar.monthrange(2024, self.lkjip_deadline_month)[1]  # leap year: widest
            if not 1 <= self.lkjip_deadline_day <= last:
                raise ValidationError({"lkjip_deadline_day": DEADLINE_DAY_INVALID})

    def lkjip_deadline_date(self, report_year: int) -> dt.date:
        """The date by which the LKjIP of `report_year` must be delivered (Peringatan 1)."""
        year, month = report_year + 1, self.lkjip_deadline_month
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(self.lkjip_deadline_day or last, last))


class PerangkatDaerah(models.Model):
    class Kind(models.TextChoices):
        KECAMATAN = "kecamatan", _("Kecamatan")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        BAGIAN = "bagian", _("Bagian Sekretariat Daerah")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        KELURAHAN = "kelurahan", _("Kelurahan")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", "WIB"
        WITA = "Asia/Makassar", "WITA"
        WIT = "Asia/Jayapura", "WIT"

    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="pds")
    slug = models.SlugField(unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    office_opens = models.TimeField(_("jam masuk"), default=dt.time(7, 30))
    office_closes = models.TimeField(_("jam pulang"), default=dt.time(16, 0))
    working_weekdays = models.CharField(
        _("hari kerja"),
        max_length=7,
        default="12345",
        help_text=_("Angka hari ISO: 1 = Senin ... 7 = Minggu. Bawaan: Senin-Jumat."),
    )
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=TimeZone.choices, default=TimeZone.WIB
    )

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(office_closes__gt=models.F("office_opens")),
                name="pd_office_hours_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        days = self.working_weekdays or ""
        if not days or any(c not in "1234567" for c in days) or len(set(days)) != len(days):
            raise ValidationError({"working_weekdays": WEEKDAYS_INVALID})
        if self.office_opens and self.office_closes and self.office_closes <= self.office_opens:
            raise ValidationError({"office_closes": OFFICE_HOURS_INVALID})

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class Unit(models.Model):
    class Kind(models.TextChoices):
        PIMPINAN = "pimpinan", _("Pimpinan")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        SUBBAGIAN = "subbagian", _("Sub Bagian")
        SEKSI = "seksi", _("Seksi")
        BIDANG = "bidang", _("Bidang")
        INSPEKTUR_PEMBANTU = "irban", _("Inspektur Pembantu")
        JABATAN_FUNGSIONAL = "jf", _("Kelompok Jabatan Fungsional")

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="units")
    code = models.SlugField(_("kode"))
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        constraints = [models.UniqueConstraint(fields=["pd", "code"], name="unit_code_per_pd")]

    def __str__(self) -> str:
        return f"{self.name} ({self.pd.name})"


class Position(models.Model):
    """A jabatan. `role` is what SOP pelaksana resolve against (Kepala PD, Sekretaris PD...)."""

    class Role(models.TextChoices):
        KEPALA = "kepala", _("Kepala PD")
        SEKRETARIS = "sekretaris", _("Sekretaris PD")
        KASUBAG = "kasubag", _("Kepala Sub Bagian")
        KASI = "kasi", _("Kepala Seksi")
        KABID = "kabid", _("Kepala Bidang")
        STAF = "staf", _("Staf / Pelaksana")
        IRBAN = "irban", _("Inspektur Pembantu")
        AUDITOR = "auditor", _("Auditor")
        KABAG = "kabag", _("Kepala Bagian")
        ANALIS = "analis", _("Analis / Fungsional")

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="positions"
    )
    code = models.SlugField(_("kode"))
    title = models.CharField(_("nama jabatan"), max_length=200)
    short_title = models.CharField(_("sebutan singkat"), max_length=60)
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    superior = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subordinates",
        verbose_name=_("atasan langsung"),
    )
    single_holder = models.BooleanField(
        _("dijabat satu orang"),
        default=True,
        help_text=_("Jabatan struktural dijabat satu orang; jabatan pelaksana boleh banyak."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["pd", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "code"], name="position_code_per_pd"),
            models.UniqueConstraint(
                fields=["pd"], condition=Q(role="kepala"), name="one_kepala_per_pd"
            ),
            models.UniqueConstraint(
                fields=["pd"], condition=Q(role="sekretaris"), name="one_sekretaris_per_pd"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class User(AbstractUser):
    """A person with a login. Civil servants carry their NIP, pangkat and golongan."""

    class Golongan(models.TextChoices):
        I_A, I_B, I_C, I_D = "I/a", "I/b", "I/c", "I/d"
        II_A, II_B, II_C, II_D = "II/a", "II/b", "II/c", "II/d"
        III_A, III_B, III_C, III_D = "III/a", "III/b", "III/c", "III/d"
        IV_A, IV_B, IV_C, IV_D, IV_E = "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"

    full_name = models.CharField(_("nama lengkap (tanpa gelar)"), max_length=150, blank=True)
    title_prefix = models.CharField(_("gelar depan"), max_length=40, blank=True)
    title_suffix = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    nip = models.CharField(
        _("NIP"), max_length=18, unique=True, null=True, blank=True, validators=[validate_nip]
    )
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True)
    golongan = models.CharField(
        _("golongan ruang"), max_length=6, choices=Golongan.choices, blank=True
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        if self.nip:
            self.nip = normalise_nip(self.nip)

    @property
    def display_name(self) -> str:
        """Name with titles, as on a letter: "Drs. Sutrisno, M.Si."."""
        name = self.full_name or self.get_full_name() or self.username
        if self.title_prefix:
            name = f"{self.title_prefix} {name}"
        if self.title_suffix:
            name = f"{name}, {self.title_suffix}"
        return name

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip) if self.nip else ""


class Assignment(models.Model):
    """A person holding a position (penempatan definitif) from `start` until `end`.

    A mutasi ends one assignment and starts another; nothing is overwritten, so the
    history of who held what stays."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="assignments")
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"), null=True, blank=True)
    sk_nomor = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_tanggal = models.DateField(_("tanggal SK"), null=True, blank=True)

    class Meta:
        verbose_name = _("penempatan jabatan")
        verbose_name_plural = _("penempatan jabatan")
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(end__isnull=True), name="one_open_assignment_per_user"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="assignment_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["position", "end"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.position}"

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": PERIOD_INVALID})


class Delegation(models.Model):
    """A Plh or Plt: `delegate` acts with the authority of `position` from `start` to `end`
    (inclusive). Every action taken this way records both the delegate and the holder."""

    class Kind(models.TextChoices):
        PLH = "plh", _("Pelaksana Harian (Plh)")
        PLT = "plt", _("Pelaksana Tugas (Plt)")

    delegate = models.ForeignKey(User, on_delete=models.PROTECT, related_name="delegations")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="delegations")
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("sampai"))
    sk_nomor = models.CharField(_("nomor surat perintah / SK"), max_length=100)
    sk_tanggal = models.DateField(_("tanggal surat perintah / SK"))
    note = models.CharField(_("keterangan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Plh / Plt")
        verbose_name_plural = _("Plh / Plt")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="delegation_period_ordered"
            )
        ]
        indexes = [models.Index(fields=["position", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position} — {self.delegate}"

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": PERIOD_INVALID})


class Team(models.Model):
    """A team set up by SK for a year and a purpose, e.g. SK 900/35/2024 Tim Penyusun."""

    class Purpose(models.TextChoices):
        TIM_PENYUSUN_LKJIP = "tim_penyusun_lkjip", _("Tim Penyusun LKjIP")
        TIM_SAKIP = "tim_sakip", _("Tim SAKIP")

    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="teams")
    year = models.PositiveSmallIntegerField(_("tahun"))
    purpose = models.CharField(_("tujuan"), max_length=30, choices=Purpose.choices)
    sk_nomor = models.CharField(_("nomor SK"), max_length=100)
    sk_tanggal = models.DateField(_("tanggal SK"))

    class Meta:
        verbose_name = _("tim")
        verbose_name_plural = _("tim")
        ordering = ["-year", "purpose"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "year", "purpose"], name="one_team_per_purpose")
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.pd.name} {self.year}"


class TeamMember(models.Model):
    class Role(models.TextChoices):
        PENANGGUNG_JAWAB = "penanggung_jawab", _("Penanggung Jawab")
        KETUA = "ketua", _("Ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        ANGGOTA = "anggota", _("Anggota")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="team_memberships")
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("jabatan dalam dinas"),
    )
    role = models.CharField(_("jabatan dalam tim"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("anggota tim")
        verbose_name_plural = _("anggota tim")
        ordering = ["team", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_member_once"),
            models.UniqueConstraint(
                fields=["team"], condition=Q(role="ketua"), name="one_ketua_per_team"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class HolidayOverride(models.Model):
    """A local change to the national calendar: a late cuti bersama decree (LIBUR), or a
    day the `holidays` package marks as a holiday that the office works (MASUK)."""

    class Kind(models.TextChoices):
        LIBUR = "libur", _("Tambahan hari libur")
        MASUK = "masuk", _("Hari kerja (bukan libur)")

    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    description = models.CharField(_("keterangan"), max_length=200)
    kabupaten = models.ForeignKey(
        Kabupaten,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Kosongkan bila berlaku nasional."),
    )

    class Meta:
        verbose_name = _("perubahan hari libur")
        verbose_name_plural = _("perubahan hari libur")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "kabupaten"], name="one_override_per_day_per_kabupaten"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(kabupaten__isnull=True),
                name="one_national_override_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}: {self.description}"


class LoginThrottle(models.Model):
    """Recent failed logins for one username (organisation/lockout.py).

    A row per username, kept in the database so that every web process sees the same
    count; `username` is case-folded, so "Camat.Kragan" and "camat.kragan" count together.
    A successful login deletes the row; so does "Buka kunci" in the admin."""

    username = models.CharField(_("nama pengguna"), max_length=150, unique=True)
    failures = models.PositiveSmallIntegerField(_("jumlah gagal"), default=0)
    first_failure_at = models.DateTimeField(_("gagal pertama"))
    last_failure_at = models.DateTimeField(_("gagal terakhir"))
    last_ip = models.GenericIPAddressField(_("alamat IP terakhir"), null=True, blank=True)
    locked_until = models.DateTimeField(_("terkunci sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("percobaan masuk gagal")
        verbose_name_plural = _("percobaan masuk gagal")
        ordering = ["-last_failure_at"]

    def __str__(self) -> str:
        return self.username
