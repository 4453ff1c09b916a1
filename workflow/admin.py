"""Administrators see processes and their records here, but no state, task or audit row
is editable by hand: every change goes through the workflow services."""

from django.contrib import admin

from .models import AuditEntry, Disposisi, Document, Process, ReviewNote, Signature, Task


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TaskInline(ReadOnlyMixin, admin.TabularInline):
    model = Task
    fields = [
        "step",
        "visit",
        "pelaksana",
        "position",
        "team",
        "status",
        "started_at",
        "due_at",
        "completed_at",
        "completed_by",
        "outcome",
    ]
    readonly_fields = fields
    extra = 0


class AuditInline(ReadOnlyMixin, admin.TabularInline):
    model = AuditEntry
    fields = [
        "created_at",
        "kind",
        "action",
        "from_state",
        "to_state",
        "actor",
        "on_behalf_of",
        "note",
    ]
    readonly_fields = fields
    extra = 0


@admin.register(Process)
class ProcessAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "pd", "year", "period", "state", "deadline", "finished_at"]
    list_filter = ["sop_code", "state", "year", "pd"]
    search_fields = ["title"]
    readonly_fields = [f.name for f in Process._meta.fields]
    inlines = [TaskInline, AuditInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "process", "kind", "action", "actor", "on_behalf_of"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


@admin.register(Task)
class TaskAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["process", "step", "status", "position", "team", "due_at"]
    list_filter = ["status", "pelaksana"]
    readonly_fields = [f.name for f in Task._meta.fields]


for model in (Document, Disposisi, ReviewNote, Signature):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (ReadOnlyMixin, admin.ModelAdmin),
            {"readonly_fields": [f.name for f in model._meta.fields]},
        ),
    )
