from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .lockout import login_lock_clear
from .models import (
    Assignment,
    Delegation,
    HolidayOverride,
    Kabupaten,
    LoginThrottle,
    PerangkatDaerah,
    Position,
    Team,
    TeamMember,
    Unit,
    User,
)


@admin.register(Kabupaten)
class KabupatenAdmin(admin.ModelAdmin):
    list_display = ["name", "lkjip_deadline_month", "lkjip_deadline_day"]
    prepopulated_fields = {"slug": ["name"]}


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "kabupaten", "office_opens", "office_closes"]
    list_filter = ["kind", "kabupaten"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline]
    fieldsets = [
        (None, {"fields": ["kabupaten", "name", "slug", "kind", "address", "email"]}),
        (
            _("Jam dan hari kerja"),
            {
                "fields": [
                    "office_opens",
                    "office_closes",
                    "working_weekdays",
                    "timezone",
                ]
            },
        ),
    ]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["title", "pd", "role", "unit", "superior"]
    list_filter = ["pd", "role"]
    search_fields = ["title", "short_title"]
    autocomplete_fields = ["superior"]
    inlines = [AssignmentInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "nip", "golongan", "is_active"]
    search_fields = ["username", "full_name", "nip"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (
            _("Kepegawaian"),
            {
                "fields": [
                    "full_name",
                    "title_prefix",
                    "title_suffix",
                    "nip",
                    "pangkat",
                    "golongan",
                ]
            },
        ),
    ]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "position", "start", "end", "sk_nomor"]
    list_filter = ["position__pd"]
    autocomplete_fields = ["user", "position"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["delegate", "kind", "position", "start", "end", "sk_nomor"]
    list_filter = ["kind", "position__pd"]
    autocomplete_fields = ["delegate", "position"]


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user", "position"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["__str__", "pd", "year", "purpose", "sk_nomor", "sk_tanggal"]
    list_filter = ["purpose", "year", "pd"]
    inlines = [TeamMemberInline]


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "description", "kabupaten"]
    list_filter = ["kind", "kabupaten"]
    date_hierarchy = "date"


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Failed logins and locks (organisation/lockout.py); "Buka kunci" lifts a lock."""

    list_display = [
        "username",
        "failures",
        "is_locked",
        "locked_until",
        "last_failure_at",
        "last_ip",
    ]
    search_fields = ["username", "last_ip"]
    readonly_fields = [
        "username",
        "failures",
        "first_failure_at",
        "last_failure_at",
        "last_ip",
        "locked_until",
    ]
    actions = ["unlock"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(boolean=True, description=_("terkunci"))
    def is_locked(self, obj: LoginThrottle) -> bool:
        return bool(obj.locked_until and obj.locked_until > timezone.now())

    @admin.action(description=_("Buka kunci (hapus hitungan gagal)"), permissions=["delete"])
    def unlock(self, request, queryset) -> None:
        usernames = list(queryset.values_list("username", flat=True))
        for username in usernames:
            login_lock_clear(username=username, actor=request.user.username)
        self.message_user(
            request,
            ngettext(
                "Kunci %(count)d nama pengguna dibuka.",
                "Kunci %(count)d nama pengguna dibuka.",
                len(usernames),
            )
            % {"count": len(usernames)},
        )
