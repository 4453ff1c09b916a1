"""The SAKIP evaluation of a PD by the Inspektorat (LHE: component scores, total, predikat,
recommendations) and the PD's follow-up of each recommendation.

A follow-up's state is a workflow Process of the SOP `tindak-lanjut-lhe` (belum: rencana
aksi; dalam proses; tuntas: waiting for verification; selesai: verified), so every change
is an audited transition of the same engine as the LKjIP and the quarterly SOPs. A
recommendation not finished when the next year's LHE is recorded is listed again there
(`carried_from`) and keeps its follow-up."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Component(models.Model):
    """An evaluated component with its weight (PermenPANRB 88/2021: Perencanaan 30,
    Pengukuran 30, Pelaporan 15, Evaluasi Internal 25); sub-components have a parent."""

    code = models.SlugField(_("kode"), unique=True)
    name = models.CharField(_("nama"), max_length=200)
    weight = models.DecimalField(
        _("bobot"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    order = models.PositiveSmallIntegerField(default=0)
    printed_heading = models.CharField(_("judul pada Tabel 1.4"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("komponen evaluasi")
        verbose_name_plural = _("komponen evaluasi")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class Lhe(models.Model):
    """Laporan Hasil Evaluasi SAKIP of a PD for a year (the SAKIP year evaluated)."""

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.PROTECT, related_name="lhe"
    )
    year = models.PositiveSmallIntegerField(_("tahun yang dievaluasi"))
    nomor = models.CharField(_("nomor LHE"), max_length=100, blank=True)
    tanggal = models.DateField(_("tanggal LHE"))
    document = models.FileField(_("dokumen LHE"), upload_to="lhe/%Y/", blank=True)
    # When the component scores are not known (an old LHE), the total as reported.
    nilai_tercatat = models.DecimalField(
        _("nilai total tercatat"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    catatan = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"))
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("evaluator")
    )

    class Meta:
        verbose_name = _("LHE SAKIP")
        verbose_name_plural = _("LHE SAKIP")
        ordering = ["pd", "-year"]
        constraints = [models.UniqueConstraint(fields=["pd", "year"], name="one_lhe_per_year")]

    def __str__(self) -> str:
        return f"LHE SAKIP {self.year} {self.pd}"


class Score(models.Model):
    lhe = models.ForeignKey(Lhe, on_delete=models.CASCADE, related_name="scores")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(
        _("nilai"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("nilai komponen")
        verbose_name_plural = _("nilai komponen")
        ordering = ["lhe", "component__order"]
        constraints = [
            models.UniqueConstraint(fields=["lhe", "component"], name="one_score_per_component")
        ]

    def __str__(self) -> str:
        return f"{self.component.code}: {self.value}"


class FollowUp(models.Model):
    """The PD's rencana aksi for a recommendation and its process (the state)."""

    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.PROTECT, related_name="follow_ups"
    )
    process = models.OneToOneField(
        "workflow.Process", on_delete=models.PROTECT, related_name="follow_up"
    )
    action = models.TextField(_("rencana aksi"), blank=True)
    output_satuan = models.CharField(_("satuan output"), max_length=60, blank=True)
    output_uraian = models.TextField(_("uraian output"), blank=True)
    pic = models.ForeignKey(
        "organisation.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penanggung jawab"),
    )
    target_date = models.DateField(_("target selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self) -> str:
        return self.action[:60] or f"Tindak lanjut {self.pk}"


class Recommendation(models.Model):
    lhe = models.ForeignKey(Lhe, on_delete=models.CASCADE, related_name="recommendations")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = models.TextField(_("rekomendasi"))
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.PROTECT, related_name="recommendations"
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["lhe", "component__order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["lhe", "component", "number"], name="recommendation_number"
            ),
            models.UniqueConstraint(fields=["lhe", "follow_up"], name="follow_up_once_per_lhe"),
        ]

    def __str__(self) -> str:
        return f"{self.component.code} {self.number}: {self.text[:60]}"


class FollowUpEvidence(models.Model):
    """A bukti dukung of a follow-up: an uploaded file or a link (checked for form)."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="evidence")
    label = models.CharField(_("keterangan"), max_length=200, blank=True)
    file = models.FileField(_("berkas"), upload_to="tindak-lanjut/%Y/", blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("ditambahkan"))

    class Meta:
        verbose_name = _("bukti tindak lanjut")
        verbose_name_plural = _("bukti tindak lanjut")
        ordering = ["added_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url=""))
                | (~models.Q(file="") & models.Q(url="")),
                name="follow_up_evidence_file_xor_url",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.url or self.file.name
