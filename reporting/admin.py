"""The admin of the performance data's structure: the Renstra, the tree, the indicators'
profiles and the Perjanjian Kinerja versions (date and signatories), which change rarely
and are set by the perencana. Every save and delete is written to the DataChange trail
(via "admin"). The figures themselves (targets, realisasi, budget) are entered on the
pages, the API or the XLSX import, through reporting.services."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone

from .models import (
    Analysis,
    Comparison,
    DataChange,
    Indicator,
    Measurement,
    Node,
    PerjanjianKinerja,
    Renstra,
)
from .services import log_change


class AuditedAdmin(admin.ModelAdmin):
    def _pd_id(self, obj) -> int:
        return getattr(obj, "pd_id", None) or obj.indicator.pd_id

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = ", ".join(form.changed_data) if change else "dibuat"
        log_change(
            self._pd_id(obj),
            request.user,
            timezone.now(),
            obj._meta.model_name,
            str(obj)[:120],
            "",
            changed,
            "admin",
        )

    def delete_model(self, request, obj):
        pd_id, text = self._pd_id(obj), str(obj)[:120]
        super().delete_model(request, obj)
        log_change(
            pd_id, request.user, timezone.now(), obj._meta.model_name, text, "", "dihapus", "admin"
        )


@admin.register(Renstra)
class RenstraAdmin(AuditedAdmin):
    list_display = ("pd", "start_year", "end_year", "dasar")


@admin.register(Node)
class NodeAdmin(AuditedAdmin):
    list_display = ("code", "name", "level", "pd", "order")
    list_filter = ("pd", "level")
    search_fields = ("code", "name")


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ("code", "name", "satuan", "polaritas", "pengampu", "pd")
    list_filter = ("pd", "polaritas")
    search_fields = ("code", "name")


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(AuditedAdmin):
    list_display = ("pd", "year", "version", "date", "pihak_pertama", "pihak_kedua")
    list_filter = ("pd", "year")


@admin.register(Comparison)
class ComparisonAdmin(AuditedAdmin):
    list_display = ("indicator", "year", "peer_name", "value")


@admin.register(Analysis)
class AnalysisAdmin(AuditedAdmin):
    list_display = ("indicator", "year")


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ("pd", "year", "triwulan", "approved_at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(DataChange)
class DataChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "pd", "user", "what", "ref", "via")
    list_filter = ("pd", "what", "via")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
