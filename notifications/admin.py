from django.contrib import admin

from .models import (
    DeadlineReminderPolicy,
    EmailDelivery,
    EmailPreference,
    Notification,
    ReminderPolicy,
)


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "before_minutes", "escalate_after_minutes", "daily_overdue"]


@admin.register(DeadlineReminderPolicy)
class DeadlineReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "days_before"]


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """Permanent failures show here (status 'Gagal permanen', with the last error)."""

    list_display = ["notification", "address", "status", "attempts", "not_before", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in EmailDelivery._meta.fields]
    actions = ["retry"]

    @admin.action(description="Kirim ulang (kembalikan ke antrean)")
    def retry(self, request, queryset):
        queryset.filter(status=EmailDelivery.Status.FAILED).update(
            status=EmailDelivery.Status.PENDING, attempts=0, claimed_at=None
        )

    def has_add_permission(self, request):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "title", "visible_from", "read_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(EmailPreference)
