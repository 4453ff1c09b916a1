from django.contrib import admin

from .models import Sop, SopAdoption, SopRevision, SopStep


class ReadOnlyAdmin(admin.ModelAdmin):
    """The catalogue is written by `manage.py load_sops` from the definition files only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SopStepInline(admin.TabularInline):
    model = SopStep
    fields = ["number", "pelaksana", "uraian", "waktu", "output", "question", "inserted"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Sop)
class SopAdmin(ReadOnlyAdmin):
    list_display = ["code", "name"]


@admin.register(SopRevision)
class SopRevisionAdmin(ReadOnlyAdmin):
    list_display = ["sop", "number", "nomor", "source_file", "loaded_at"]
    list_filter = ["sop"]
    readonly_fields = [f.name for f in SopRevision._meta.fields]
    inlines = [SopStepInline]


@admin.register(SopAdoption)
class SopAdoptionAdmin(admin.ModelAdmin):
    list_display = ("sop", "pd", "since", "active")
    list_filter = ("sop", "active")
