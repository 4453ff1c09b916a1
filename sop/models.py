"""The SOP catalogue: each SOP, its revisions (one per distinct content of its definition
file) and the steps of each revision. Rows are written only by `sop.services.sop_load`;
a revision never changes once written, so a running process can rely on its steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sop(models.Model):
    code = models.SlugField(_("kode"), unique=True)
    name = models.CharField(_("nama"), max_length=255)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SopAdoption(models.Model):
    """A PD uses this SOP: the beat opens its scheduled processes (`jadwal`) for the PD
    from the quarter that ends on or after `since`."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="adoptions")
    pd = models.ForeignKey(
        "organisation.PerangkatDaerah", on_delete=models.CASCADE, related_name="sop_adoptions"
    )
    since = models.DateField(_("berlaku sejak"))
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("SOP yang dipakai PD")
        verbose_name_plural = _("SOP yang dipakai PD")
        ordering = ["sop", "pd"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "pd"], name="sop_adoption_once"),
        ]

    def __str__(self) -> str:
        return f"{self.sop} — {self.pd}"


class SopRevision(models.Model):
    sop = models.ForeignKey(Sop, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revisi ke"))
    content_hash = models.CharField(_("sidik SHA-256 isi berkas"), max_length=64)
    source_file = models.CharField(_("berkas definisi"), max_length=255)
    nomor = models.CharField(_("nomor SOP"), max_length=100, blank=True)
    name = models.CharField(_("nama SOP"), max_length=255)
    identity = models.JSONField(_("identitas SOP"))
    columns = models.JSONField(_("kolom pelaksana"))
    documents = models.JSONField(_("jenis dokumen"), default=dict)
    loaded_at = models.DateTimeField(_("dimuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("revisi SOP")
        verbose_name_plural = _("revisi SOP")
        ordering = ["sop", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["sop", "number"], name="sop_revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} (revisi {self.number})"

    @property
    def column_labels(self) -> dict[str, str]:
        return dict(self.columns)


class SopStep(models.Model):
    revision = models.ForeignKey(SopRevision, on_delete=models.PROTECT, related_name="steps")
    number = models.PositiveSmallIntegerField(_("nomor"))
    position = models.PositiveSmallIntegerField(_("urutan dalam tabel"))
    uraian = models.TextField(_("uraian kegiatan"))
    pelaksana = models.CharField(_("pelaksana"), max_length=40)
    kelengkapan = models.TextField(_("kelengkapan"), blank=True)
    waktu = models.CharField(_("waktu"), max_length=40, blank=True)
    waktu_unit = models.CharField(max_length=10, blank=True)
    waktu_amount = models.PositiveIntegerField(null=True, blank=True)
    output = models.TextField(_("output"), blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True)
    question = models.CharField(_("pertanyaan keputusan"), max_length=255, blank=True)
    branches = models.JSONField(_("cabang"))  # [{action, label, target, documents, checks}]
    required_documents = models.JSONField(_("dokumen wajib"), default=list)
    required_checks = models.JSONField(_("syarat data"), default=list)
    fan_out = models.CharField(_("paralel"), max_length=20, blank=True)
    inserted = models.BooleanField(_("langkah sisipan"), default=False)

    class Meta:
        verbose_name = _("langkah SOP")
        verbose_name_plural = _("langkah SOP")
        ordering = ["revision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "number"], name="sop_step_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.uraian[:60]}"

    @property
    def is_decision(self) -> bool:
        return len(self.branches) == 2

    @property
    def duration(self):
        from organisation.calendar import Duration

        if self.waktu_amount is None:
            return None
        return Duration(self.waktu_amount, self.waktu_unit)
