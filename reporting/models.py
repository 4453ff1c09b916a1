"""Performance data of a perangkat daerah: the Renstra/PK tree, its indicators, their targets
and realisasi, the budget, and the printed figures of a draft LKjIP.

Only inputs are stored. Capaian, kategori, serapan, efisiensi and tingkat kemajuan are always
computed (reporting.calculations); PrintedFigure keeps what a draft printed so that a check can
say where the draft disagrees with the computation. Writes go through reporting.services."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import calculations


def validate_target(value: str) -> None:
    try:
        calculations.Target.parse(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None


class Node(models.Model):
    """One element of the performance tree: tujuan > sasaran > program > kegiatan > sub."""

    class Level(models.TextChoices):
        TUJUAN = "tujuan", _("Tujuan")
        SASARAN = "sasaran", _("Sasaran")
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUB_KEGIATAN = "sub_kegiatan", _("Sub kegiatan")

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="nodes"
    )
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=500)
    level = models.CharField(_("tingkat"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("simpul kinerja")
        verbose_name_plural = _("simpul kinerja")
        ordering = ["pd", "order"]
        constraints = [models.UniqueConstraint(fields=["pd", "code"], name="node_code_per_pd")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    class Polaritas(models.TextChoices):
        POSITIVE = "positif", _("Positif (makin tinggi makin baik)")
        NEGATIVE = "negatif", _("Negatif (makin rendah makin baik)")

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("kode"), max_length=40)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(_("nama"), max_length=500)
    satuan = models.CharField(_("satuan"), max_length=40, blank=True)
    polaritas = models.CharField(
        _("polaritas"), max_length=8, choices=Polaritas.choices, default=Polaritas.POSITIVE
    )
    kumulatif = models.BooleanField(_("kumulatif"), null=True, blank=True)
    periode = models.CharField(_("periode pengukuran"), max_length=40, blank=True)
    sumber_data = models.CharField(_("sumber data"), max_length=200, blank=True)
    definisi = models.TextField(_("definisi"), blank=True)
    rumus = models.TextField(_("rumus"), blank=True)
    pengampu = models.ForeignKey(
        "organisation.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["pd", "node__order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "code"], name="indicator_code_per_pd"),
            models.CheckConstraint(
                condition=models.Q(polaritas__in=["positif", "negatif"]),
                name="indicator_polaritas_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def negative(self) -> bool:
        return self.polaritas == self.Polaritas.NEGATIVE


class Renstra(models.Model):
    """The Rencana Strategis of a PD: its period; its yearly targets are Target rows with
    source RENSTRA, and its final target is the one of `end_year`."""

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="renstra"
    )
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    dasar = models.CharField(_("dasar hukum"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["pd", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "start_year"], name="renstra_per_pd_period"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="renstra_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.start_year}-{self.end_year}"


class Target(models.Model):
    class Source(models.TextChoices):
        RENSTRA = "renstra", _("Renstra")
        PK = "pk", _("Perjanjian Kinerja awal")
        PK_PERUBAHAN = "pk_perubahan", _("Perjanjian Kinerja perubahan")
        RENJA = "renja", _("Renja")
        LAINNYA = "lainnya", _("Lainnya (DPA dan lain-lain)")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    source = models.CharField(_("sumber"), max_length=16, choices=Source.choices)
    # As printed: one number ("85,5") or a range ("60-70"); parsed by calculations.Target.
    value = models.CharField(_("nilai"), max_length=40, validators=[validate_target])

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["indicator", "year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "source"], name="target_per_indicator_year_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.source}: {self.value}"

    @property
    def parsed(self) -> calculations.Target | None:
        return calculations.Target.parse(self.value)


class PerjanjianKinerja(models.Model):
    """A signed PK; the one in force on a date is the latest version dated on or before it."""

    class Version(models.TextChoices):
        AWAL = "awal", _("Awal")
        PERUBAHAN = "perubahan", _("Perubahan")

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah",
        on_delete=models.CASCADE,
        related_name="perjanjian_kinerja",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    version = models.CharField(_("versi"), max_length=10, choices=Version.choices)
    date = models.DateField(_("tanggal"))
    tempat = models.CharField(_("tempat"), max_length=100, blank=True)
    pihak_pertama = models.CharField(_("pihak pertama"), max_length=200, blank=True)
    pihak_kedua = models.CharField(_("pihak kedua"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["pd", "year", "date"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "year", "version"], name="pk_version_per_year"),
        ]

    def __str__(self) -> str:
        return f"PK {self.year} {self.version} ({self.date})"


class Realisasi(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisasi")
    year = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), default=0)  # 0 = tahunan
    value = models.DecimalField(_("nilai"), max_digits=18, decimal_places=4)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bukti = models.TextField(_("bukti dukung"), blank=True)
    entered_at = models.DateTimeField(_("diisi pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "year", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "triwulan"], name="realisasi_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(triwulan__lte=4), name="realisasi_triwulan_0_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}/{self.triwulan}: {self.value}"


class Budget(models.Model):
    """Whole Rupiah. A field is null when the source does not give it."""

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    pagu_induk = models.BigIntegerField(_("pagu induk"), null=True, blank=True)
    pagu_perubahan = models.BigIntegerField(_("pagu perubahan"), null=True, blank=True)
    realisasi = models.BigIntegerField(_("realisasi"), null=True, blank=True)
    # What the changed pagu is called that year: "Perubahan" (APBD-P) or "Pergeseran 8".
    perubahan_label = models.CharField(
        _("nama pagu perubahan"), max_length=40, blank=True, default="Perubahan"
    )

    class Meta:
        verbose_name = _("anggaran")
        verbose_name_plural = _("anggaran")
        ordering = ["node__order", "year"]
        constraints = [
            models.UniqueConstraint(fields=["node", "year"], name="budget_per_node_year"),
            models.CheckConstraint(
                condition=(
                    (models.Q(pagu_induk__isnull=True) | models.Q(pagu_induk__gte=0))
                    & (models.Q(pagu_perubahan__isnull=True) | models.Q(pagu_perubahan__gte=0))
                    & (models.Q(realisasi__isnull=True) | models.Q(realisasi__gte=0))
                ),
                name="budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.node.code} {self.year}"

    @property
    def pagu(self) -> int | None:
        """The pagu in force at the end of the year."""
        return self.pagu_perubahan if self.pagu_perubahan is not None else self.pagu_induk


class PrintedFigure(models.Model):
    """One cell of a draft's printed table, as printed (never an input)."""

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="printed_figures"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    table = models.CharField(_("tabel"), max_length=20)
    # Indicator or node code of the row ("TOTAL" for a Jumlah row; "#2" marks a repeat).
    row_key = models.CharField(_("kunci baris"), max_length=80)
    row_order = models.PositiveIntegerField(_("urutan baris"), default=0)
    row_label = models.CharField(_("label baris"), max_length=500, blank=True)
    column = models.CharField(_("kolom"), max_length=60)
    printed = models.TextField(_("tercetak"), blank=True)

    class Meta:
        verbose_name = _("angka tercetak")
        verbose_name_plural = _("angka tercetak")
        ordering = ["pd", "year", "table", "row_order", "column"]
        constraints = [
            models.UniqueConstraint(
                fields=["pd", "year", "table", "row_key", "column"], name="printed_figure_cell"
            ),
        ]

    def __str__(self) -> str:
        return f"Tabel {self.table} {self.row_key} {self.column}: {self.printed}"


class Evidence(models.Model):
    """A bukti dukung of a realisasi: an uploaded file or a link."""

    realisasi = models.ForeignKey(
        Realisasi, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    # Added on a pengampu's form; linked to the realisasi when the collection is approved.
    entry = models.ForeignKey(
        "FormEntry", on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    label = models.CharField(_("keterangan"), max_length=200, blank=True)
    file = models.FileField(_("berkas"), upload_to="bukti/%Y/", blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("ditambahkan"))

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="evidence_file_xor_url",
            ),
            models.CheckConstraint(
                condition=models.Q(realisasi__isnull=False) | models.Q(entry__isnull=False),
                name="evidence_has_an_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.url or self.file.name


class Comparison(models.Model):
    """Another PD's realisasi of a comparable indicator (Tabel 3.5): an input, as the other
    PD reported it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparisons")
    year = models.PositiveSmallIntegerField(_("tahun"))
    peer = models.ForeignKey(
        "organisation.PerangkatDaerah",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    peer_name = models.CharField(_("PD pembanding"), max_length=200)
    value = models.DecimalField(_("realisasi pembanding"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("pembanding")
        verbose_name_plural = _("pembanding")
        ordering = ["indicator", "year", "peer_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "peer_name"], name="comparison_per_peer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.peer_name}: {self.value}"


class Analysis(models.Model):
    """The team's narrative of an indicator's year (Tabel 3.6): why it succeeded or failed,
    and the solution taken."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="analyses")
    year = models.PositiveSmallIntegerField(_("tahun"))
    analisis = models.TextField(_("analisis keberhasilan/kegagalan"), blank=True)
    solusi = models.TextField(_("solusi"), blank=True)

    class Meta:
        verbose_name = _("analisis capaian")
        verbose_name_plural = _("analisis capaian")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="analysis_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}"


class IkmSurvey(models.Model):
    """A Survei Kepuasan Masyarakat (PermenPANRB 14/2017) of a PD for a year or triwulan.
    Its IKM is computed from the responses and may be posted as the realisasi of
    `indicator`."""

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="ikm_surveys"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"), default=0)  # 0 = tahunan
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("survei kepuasan masyarakat")
        verbose_name_plural = _("survei kepuasan masyarakat")
        ordering = ["pd", "-year", "-triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["pd", "year", "triwulan"], name="ikm_survey_period"),
            models.CheckConstraint(
                condition=models.Q(triwulan__lte=4), name="ikm_survey_triwulan_0_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"SKM {self.year}/{self.triwulan}"


class IkmResponse(models.Model):
    """One respondent's scores (1-4) for the 9 unsur, as a string of 9 digits."""

    survey = models.ForeignKey(IkmSurvey, on_delete=models.CASCADE, related_name="responses")
    scores = models.CharField(
        _("nilai unsur"),
        max_length=9,
        validators=[RegexValidator(r"^[1-4]{9}$", _("Nilai 9 unsur, masing-masing 1 sampai 4."))],
    )

    class Meta:
        verbose_name = _("responden survei")
        verbose_name_plural = _("responden survei")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scores__regex=r"^[1-4]{9}$"), name="ikm_response_scores"
            ),
        ]

    def __str__(self) -> str:
        return self.scores

    def as_list(self) -> list[int]:
        return [int(c) for c in self.scores]


class DataChange(models.Model):
    """The audit trail of the performance data: every write through reporting.services
    leaves one row (who, when, what, the value before and after). Never updated."""

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="data_changes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(_("waktu"))
    what = models.CharField(_("data"), max_length=20)  # realisasi, target, anggaran, ...
    ref = models.CharField(_("rujukan"), max_length=120)  # "P1-I1 2024 TW0"
    before = models.TextField(_("sebelum"), blank=True)
    after = models.TextField(_("sesudah"), blank=True)
    via = models.CharField(_("melalui"), max_length=20, blank=True)  # web, api, impor, proses

    class Meta:
        verbose_name = _("perubahan data kinerja")
        verbose_name_plural = _("perubahan data kinerja")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["pd", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what} {self.ref}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Catatan perubahan data tidak dapat diubah.")
        super().save(*args, **kwargs)


class FormEntry(models.Model):
    """A pengampu's form in a Pengumpulan Data Kinerja process: the realisasi of one
    indicator for the process's quarter, as entered (a draft, seen by the process's
    participants only) until the Sekretaris approves the collection and it becomes the
    official Realisasi."""

    process = models.ForeignKey(
        "workflow.Process", on_delete=models.CASCADE, related_name="form_entries"
    )
    position = models.ForeignKey(
        "organisation.Position", on_delete=models.PROTECT, related_name="+"
    )  # the form: the indicator's pengampu when the form was filled
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(
        _("realisasi"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    bukti = models.TextField(_("bukti dukung"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("diisi pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("isian formulir")
        verbose_name_plural = _("isian formulir")
        ordering = ["process", "position", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["process", "indicator"], name="form_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


class Measurement(models.Model):
    """The approved Pengukuran Kinerja of a quarter: capaian of every tujuan, sasaran,
    program and kegiatan indicator, frozen as approved, with its kertas kerja."""

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="measurements"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    triwulan = models.PositiveSmallIntegerField(_("triwulan"))
    process = models.OneToOneField(
        "workflow.Process", on_delete=models.PROTECT, related_name="measurement"
    )
    kertas_kerja = models.ForeignKey(
        "workflow.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("disetujui"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pengukuran kinerja")
        verbose_name_plural = _("pengukuran kinerja")
        ordering = ["pd", "-year", "-triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["pd", "year", "triwulan"], name="measurement_per_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"Pengukuran {self.pd} {self.year} TW{self.triwulan}"


class MeasurementRow(models.Model):
    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="rows")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0)
    target = models.CharField(_("target"), max_length=40, blank=True)
    realisasi = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    capaian = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    kategori = models.CharField(max_length=20, blank=True)
    keterangan = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["measurement", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["measurement", "indicator"], name="measurement_row_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.capaian}"
