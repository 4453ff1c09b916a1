from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    Assignment,
    Delegation,
    HolidayOverride,
    Kabupaten,
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
