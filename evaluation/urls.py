from django.urls import path

from . import views

# Mounted at /evaluasi/ (config/urls.py). The follow-up paths come before the PD's: a PD
# slug could otherwise read "tindak-lanjut".
app_name = "evaluation"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("tindak-lanjut/<int:follow_up_id>/", views.follow_up_view, name="follow-up"),
    path(
        "tindak-lanjut/<int:follow_up_id>/bukti/<int:evidence_id>/",
        views.evidence_view,
        name="evidence",
    ),
    path("<slug:slug>/", views.pd_view, name="pd"),
    path("<slug:slug>/catat/", views.record_view, name="record"),
    path("<slug:slug>/tabel-1-4/<int:year>/", views.table_view, name="table"),
    path("<slug:slug>/tabel-1-4/<int:year>/xlsx/", views.table_xlsx_view, name="table-xlsx"),
    path("<slug:slug>/<int:year>/", views.lhe_view, name="lhe"),
    path("<slug:slug>/<int:year>/dokumen/", views.lhe_document_view, name="lhe-document"),
]
