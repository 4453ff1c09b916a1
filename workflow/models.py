"""Processes (one run of a SOP), their tasks, documents, disposisi, review notes,
signatures and the audit trail.

The steps, pelaksana and durations come from the process's SOP revision only. The state
is a protected django-fsm field changed by one transition method, called only from
`workflow.services.transitions.process_transition`; ConcurrentTransitionMixin makes a
save fail when another transaction moved the state first."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition
from guardian.models import UserObjectPermissionBase

from organisation.models import PerangkatDaerah, Position, Team
from sop.models import SopRevision, SopStep

DONE = "selesai"


def step_state(number: int) -> str:
    return f"langkah-{number}"


class Process(ConcurrentTransitionMixin, models.Model):
    """One run of a SOP for a PD and a period (the LKjIP of a year, a triwulan's data...)."""

    revision = models.ForeignKey(SopRevision, on_delete=models.PROTECT, related_name="processes")
    sop_code = models.SlugField(_("kode SOP"))
    pd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="processes")
    year = models.PositiveSmallIntegerField(_("tahun"))
    period = models.PositiveSmallIntegerField(
        _("periode"), default=0, help_text=_("0 untuk tahunan; 1-4 untuk triwulan.")
    )
    subject = models.CharField(
        _("pokok"),
        max_length=100,
        blank=True,
        default="",
        help_text=_("Pembeda bila satu SOP berjalan untuk beberapa hal."),
    )
    title = models.CharField(_("judul"), max_length=255)
    state = FSMField(_("status"), max_length=40, protected=True)
    current_step = models.ForeignKey(
        SopStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("dimulai"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    deadline = models.DateTimeField(_("batas akhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("proses")
        verbose_name_plural = _("proses")
        ordering = ["-year", "-period", "pd"]
        permissions = [("review_process", _("Mereviu proses sebagai auditor Inspektorat"))]
        constraints = [
            models.UniqueConstraint(
                fields=["sop_code", "pd", "year", "period", "subject"],
                name="one_process_per_sop_pd_period",
            )
        ]
        indexes = [models.Index(fields=["pd", "state"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.state == DONE

    @transition(field=state, source="*", target=RETURN_VALUE())
    def move_to(self, target: str) -> str:
        """The only way the state changes. Guards live in the service; the SOP revision
        says which targets exist (workflow.engine)."""
        return target


class ProcessUserObjectPermission(UserObjectPermissionBase):
    """django-guardian direct foreign key permissions (auditors assigned to a report)."""

    content_object = models.ForeignKey(Process, on_delete=models.CASCADE)


class Task(models.Model):
    """A step of a process waiting for its pelaksana. Tasks attach to positions or teams,
    never to persons: whoever holds (or acts for) the position sees it, so a mutasi or a
    Plh moves the work without rewriting it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        DONE = "done", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(SopStep, on_delete=models.PROTECT, related_name="tasks")
    visit = models.PositiveSmallIntegerField(_("kunjungan ke"), default=1)
    pelaksana = models.CharField(_("pelaksana"), max_length=40)
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    started_at = models.DateTimeField(_("mulai"))
    due_at = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    completed_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    completed_on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(_("aksi"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("tugas")
        verbose_name_plural = _("tugas")
        ordering = ["process", "started_at", "id"]
        indexes = [
            # The beat scan reads only open tasks by due time: its cost does not grow with
            # the number of closed tasks.
            models.Index(fields=["due_at"], condition=Q(status="open"), name="task_open_due_idx"),
            models.Index(
                fields=["position"], condition=Q(status="open"), name="task_open_position_idx"
            ),
            models.Index(fields=["team"], condition=Q(status="open"), name="task_open_team_idx"),
            models.Index(fields=["process", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.process} — langkah {self.step.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Document(models.Model):
    """A file attached to a process at a step visit. Never replaced in place: a new
    version is a new row. A signed document is immutable."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="documents")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, null=True, related_name="documents")
    kind = models.CharField(_("jenis"), max_length=60)
    file = models.FileField(_("berkas"), upload_to="dokumen/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["process", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"

    def save(self, *args, **kwargs):
        if self.pk is not None and Signature.objects.filter(document_id=self.pk).exists():
            raise TypeError("Dokumen yang sudah ditandatangani tidak dapat diubah.")
        super().save(*args, **kwargs)


class Disposisi(models.Model):
    """The lembar disposisi: a superior's written instruction routing a letter."""

    class Sifat(models.TextChoices):
        BIASA = "biasa", _("Biasa")
        SEGERA = "segera", _("Segera")
        SANGAT_SEGERA = "sangat_segera", _("Sangat Segera")
        RAHASIA = "rahasia", _("Rahasia")

    class Instruksi(models.TextChoices):
        TANGGAPAN_SARAN = "tanggapan_saran", _("Tanggapan dan saran")
        PROSES_LANJUT = "proses_lanjut", _("Proses lebih lanjut")
        KOORDINASIKAN = "koordinasikan", _("Koordinasikan / konfirmasikan")
        PELAJARI = "pelajari", _("Pelajari")
        HADIRI = "hadiri", _("Wakili / hadiri")
        SIAPKAN = "siapkan", _("Siapkan bahan")
        ARSIPKAN = "arsipkan", _("Untuk diarsipkan")

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="disposisi")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="disposisi")
    surat_dari = models.CharField(_("surat dari"), max_length=200)
    nomor_surat = models.CharField(_("nomor surat"), max_length=100)
    tanggal_surat = models.DateField(_("tanggal surat"))
    diterima_tanggal = models.DateField(_("diterima tanggal"))
    nomor_agenda = models.CharField(_("nomor agenda"), max_length=50)
    sifat = models.CharField(_("sifat"), max_length=20, choices=Sifat.choices)
    perihal = models.CharField(_("perihal"), max_length=255)
    diteruskan_kepada = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="+", verbose_name=_("diteruskan kepada")
    )
    instruksi = models.JSONField(_("dengan hormat harap"), default=list)
    catatan = models.TextField(_("catatan"), blank=True)
    batas_waktu = models.DateField(_("batas waktu"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lembar disposisi")
        verbose_name_plural = _("lembar disposisi")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Disposisi {self.nomor_agenda}: {self.perihal}"


class ReviewNote(models.Model):
    """A reviu note of the Inspektorat (step 4) or a koreksi of the Kepala PD (step 7),
    pointing at a chapter, table or indicator; the team answers each one."""

    class Kind(models.TextChoices):
        REVIU = "reviu", _("Catatan reviu")
        KOREKSI = "koreksi", _("Koreksi Kepala PD")

    class Target(models.TextChoices):
        UMUM = "umum", _("Umum")
        BAB = "bab", _("Bab")
        TABEL = "tabel", _("Tabel")
        INDIKATOR = "indikator", _("Indikator")
        FORMULIR = "formulir", _("Formulir pengampu")

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="notes")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    target_type = models.CharField(_("menunjuk"), max_length=10, choices=Target.choices)
    target_ref = models.CharField(_("rujukan"), max_length=200, blank=True)
    text = models.TextField(_("catatan"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    response = models.TextField(_("tanggapan"), blank=True)
    response_document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("catatan reviu")
        verbose_name_plural = _("catatan reviu")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["process", "responded_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_answered(self) -> bool:
        return self.responded_at is not None


class Signature(models.Model):
    """The Kepala PD's signature on one exact file: its SHA-256 is kept, so any copy can be
    verified against it, and the document can no longer be changed."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="signatures")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="signatures")
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="signature")
    sha256 = models.CharField(max_length=64)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tanda tangan")
        verbose_name_plural = _("tanda tangan")

    def __str__(self) -> str:
        return f"{self.document} ({self.sha256[:12]})"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Catatan audit tidak dapat diubah.")

    def delete(self):
        raise TypeError("Catatan audit tidak dapat dihapus.")


class AuditEntry(models.Model):
    """The audit trail: every transition and every change to a process's records, with the
    actor and, when a Plh/Plt acts, the holder on whose behalf. Written in the same
    transaction as the change; never edited or deleted."""

    class Kind(models.TextChoices):
        START = "start", _("Proses dimulai")
        TRANSITION = "transition", _("Transisi")
        DOCUMENT = "document", _("Dokumen diunggah")
        DISPOSISI = "disposisi", _("Disposisi")
        TEAM = "team", _("Tim ditetapkan")
        AUDITOR = "auditor", _("Auditor ditugaskan")
        NOTE = "note", _("Catatan")
        RESPONSE = "response", _("Tanggapan catatan")
        SIGNATURE = "signature", _("Tanda tangan")
        REASSIGN = "reassign", _("Tugas dialihkan")
        DATA = "data", _("Data diubah")

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="audit")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    action = models.CharField(_("aksi"), max_length=60, blank=True)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    step = models.ForeignKey(SopStep, on_delete=models.PROTECT, null=True, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, null=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    as_position = models.ForeignKey(Position, on_delete=models.PROTECT, null=True, related_name="+")
    note = models.TextField(blank=True)
    documents = models.JSONField(default=list)  # [{id, kind, name, sha256}]
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(db_index=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Catatan audit tidak dapat diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Catatan audit tidak dapat dihapus.")
