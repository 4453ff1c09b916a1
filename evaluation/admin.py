"""The evaluation in the admin. The components and their weights are data an administrator
may change (a new PermenPAN-RB, a sub-component). An LHE, its recommendations and their
follow-up are recorded through the web pages (evaluation.services), which open the
follow-up processes and write the audit trail: here they are read, and of an LHE only its
nomor, document and catatan may be corrected."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Component, FollowUp, FollowUpEvidence, Lhe, Recommendation, Score


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "weight", "parent", "order", "printed_heading"]
    list_editable = ["weight", "order"]
    list_filter = ["parent"]
    search_fields = ["code", "name"]
    ordering = ["order", "code"]

    def has_delete_permission(self, request, obj=None):
        return False  # scores and recommendations point at it (PROTECT)


class ScoreInline(ReadOnlyMixin, admin.TabularInline):
    model = Score
    fields = ["component", "value"]
    readonly_fields = fields
    extra = 0


class RecommendationInline(ReadOnlyMixin, admin.TabularInline):
    model = Recommendation
    fk_name = "lhe"
    fields = ["component", "number", "text", "follow_up", "carried_from"]
    readonly_fields = fields
    extra = 0


@admin.register(Lhe)
class LheAdmin(admin.ModelAdmin):
    list_display = ["pd", "year", "nomor", "tanggal", "nilai_tercatat", "recorded_by"]
    list_filter = ["year", "pd__kabupaten"]
    search_fields = ["pd__name", "nomor"]
    readonly_fields = [
        "pd",
        "year",
        "tanggal",
        "nilai_tercatat",
        "recorded_by",
        "recorded_at",
        "evaluators",
    ]
    fields = [*readonly_fields[:3], "nomor", "document", *readonly_fields[3:], "catatan"]
    inlines = [ScoreInline, RecommendationInline]

    def has_add_permission(self, request):
        return False  # services.lhe_record opens the follow-up processes

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["lhe", "component", "number", "short_text", "follow_up", "carried_from"]
    list_filter = ["lhe__year", "component", "lhe__pd"]
    search_fields = ["text"]
    readonly_fields = ["lhe", "component", "number", "text", "follow_up", "carried_from"]

    @admin.display(description=_("rekomendasi"))
    def short_text(self, obj) -> str:
        return obj.text[:80]


class EvidenceInline(ReadOnlyMixin, admin.TabularInline):
    model = FollowUpEvidence
    fields = ["label", "url", "file", "added_by", "added_at"]
    readonly_fields = fields
    extra = 0


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "pd", "process", "pic", "target_date"]
    list_filter = ["pd", "process__state"]
    search_fields = ["action", "recommendations__text"]
    readonly_fields = [
        "pd",
        "process",
        "action",
        "output_satuan",
        "output_uraian",
        "pic",
        "target_date",
    ]
    inlines = [EvidenceInline]
