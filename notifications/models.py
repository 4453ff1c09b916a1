"""Notifications (in-app, always) and their e-mail deliveries (an outbox).

A notification is written in the transaction of the event that causes it; Celery
delivers the e-mail after commit, and the beat sweeps whatever is still pending (Redis
was down, a worker died). Each notification has a unique key (what, whom, which due
moment, kind), so that no tick, retry or second beat can make a duplicate."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TASK_ASSIGNED = "tugas_baru", _("Tugas baru untuk Anda")
    RETURNED = "dikembalikan", _("Dikembalikan kepada Anda (catatan reviu / koreksi)")
    DISPOSISI = "disposisi", _("Disposisi kepada Anda")
    DUE_SOON = "segera_jatuh_tempo", _("Langkah segera jatuh tempo")
    DUE = "jatuh_tempo", _("Langkah jatuh tempo")
    OVERDUE = "terlambat", _("Langkah terlambat")
    ESCALATION = "eskalasi", _("Eskalasi keterlambatan bawahan")
    SIGNED = "ditandatangani", _("Laporan ditandatangani")
    DELIVERED = "disampaikan", _("Laporan disampaikan")
    ARCHIVED = "diarsipkan", _("Laporan diarsipkan")
    DEADLINE = "batas_akhir", _("Pengingat batas akhir penyampaian")
    AT_RISK = "berisiko", _("Jadwal berisiko melewati batas akhir")


REMINDER_KINDS = {
    Kind.DUE_SOON,
    Kind.DUE,
    Kind.OVERDUE,
    Kind.ESCALATION,
    Kind.DEADLINE,
    Kind.AT_RISK,
}


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=30, choices=Kind.choices)
    key = models.CharField(_("kunci unik"), max_length=200, unique=True)
    process = models.ForeignKey(
        "workflow.Process",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    task = models.ForeignKey(
        "workflow.Task",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Pemegang jabatan, bila penerima Plh/Plt."),
    )
    title = models.CharField(_("judul"), max_length=255)
    body = models.TextField(_("isi"))
    url = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(_("dibuat"))
    visible_from = models.DateTimeField(_("tampil mulai"))
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-visible_from", "-id"]
        indexes = [
            models.Index(
                fields=["recipient", "visible_from"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.title}"


class EmailDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal permanen")

    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, related_name="email"
    )
    address = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    not_before = models.DateTimeField(_("kirim mulai"))
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("pengiriman surel")
        verbose_name_plural = _("pengiriman surel")
        indexes = [
            models.Index(
                fields=["not_before"], condition=Q(status="pending"), name="email_pending_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.address} ({self.get_status_display()})"


class EmailPreference(models.Model):
    """E-mail per kind can be turned off; in-app notifications cannot."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("preferensi surel")
        verbose_name_plural = _("preferensi surel")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_pref_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} ({'ya' if self.enabled else 'tidak'})"


class ReminderPolicy(models.Model):
    """When step reminders go out. A row with no step number is the default of its SOP; a
    row with no SOP code is the global default. Offsets are working minutes before due."""

    sop_code = models.SlugField(_("kode SOP"), blank=True)
    step_number = models.PositiveSmallIntegerField(_("langkah"), null=True, blank=True)
    before_minutes = models.JSONField(
        _("pengingat sebelum jatuh tempo (menit kerja)"),
        default=list,
        help_text=_("Misalnya [510, 60] = sehari kerja dan satu jam sebelum jatuh tempo."),
    )
    escalate_after_minutes = models.PositiveIntegerField(
        _("eskalasi ke atasan setelah terlambat (menit kerja)"), default=510
    )
    daily_overdue = models.BooleanField(_("pengingat harian saat terlambat"), default=True)

    class Meta:
        verbose_name = _("aturan pengingat")
        verbose_name_plural = _("aturan pengingat")
        constraints = [
            models.UniqueConstraint(fields=["sop_code", "step_number"], name="one_policy_per_step")
        ]

    def __str__(self) -> str:
        where = self.sop_code or "semua SOP"
        return f"{where}, langkah {self.step_number}" if self.step_number else where


class DeadlineReminderPolicy(models.Model):
    """Reminders before the LKjIP deadline while the report is not yet delivered."""

    kabupaten = models.OneToOneField(
        "organisation.Kabupaten", on_delete=models.CASCADE, null=True, blank=True
    )
    days_before = models.JSONField(_("hari sebelum batas akhir"), default=list)

    class Meta:
        verbose_name = _("pengingat batas akhir")
        verbose_name_plural = _("pengingat batas akhir")

    def __str__(self) -> str:
        return str(self.kabupaten or "semua kabupaten")
