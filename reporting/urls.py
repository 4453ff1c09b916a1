from django.urls import path

from . import views

# Mounted at /kinerja/ (config/urls.py).
app_name = "reporting"
P = "<slug:slug>/<int:year>/"
urlpatterns = [
    path("", views.index_view, name="index"),
    path(P, views.data_view, name="data"),
    path(P + "indikator/<str:code>/", views.indicator_view, name="indicator"),
    path(P + "bukti/<int:evidence_id>/", views.evidence_download_view, name="evidence"),
    path(P + "anggaran/", views.budget_view, name="budget"),
    path(P + "tabel/", views.tables_view, name="tables"),
    path(P + "grafik/<str:name>.svg", views.chart_view, name="chart"),
    path(P + "unduh/<str:fmt>/", views.export_view, name="export"),
    path(P + "lampirkan/", views.attach_view, name="attach"),
    path(P + "cek/", views.check_view, name="check"),
    path(P + "impor/", views.import_view, name="import"),
    path(P + "ikm/", views.ikm_view, name="ikm"),
    path(P + "riwayat/", views.changes_view, name="changes"),
    path(P + "pengukuran/", views.measurements_view, name="measurements"),
    path("proses/<int:process_id>/formulir/<slug:code>/", views.form_view, name="form"),
    path("proses/<int:process_id>/rekap/", views.recap_view, name="recap"),
    path("proses/<int:process_id>/kertas-kerja/", views.kertas_kerja_view, name="kertas-kerja"),
]
