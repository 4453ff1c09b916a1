from django.urls import path

from . import views

# Mounted at the site root (config/urls.py): the beranda, /reviu/ and /proses/....
app_name = "workflow"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("reviu/", views.reviu_view, name="reviu"),
    path("proses/", views.process_list_view, name="process-list"),
    path("proses/<int:process_id>/", views.process_detail_view, name="process"),
    path("proses/<int:process_id>/aksi/<slug:action>/", views.transition_view, name="transition"),
    path("proses/<int:process_id>/dokumen/", views.document_upload_view, name="document-upload"),
    path(
        "proses/<int:process_id>/dokumen/<int:document_id>/",
        views.document_download_view,
        name="document",
    ),
    path("proses/<int:process_id>/disposisi/", views.disposisi_view, name="disposisi"),
    path(
        "proses/<int:process_id>/disposisi/<int:disposisi_id>/cetak/",
        views.disposisi_print_view,
        name="disposisi-print",
    ),
    path("proses/<int:process_id>/tim/", views.team_view, name="team"),
    path("proses/<int:process_id>/auditor/", views.auditors_view, name="auditors"),
    path("proses/<int:process_id>/catatan/", views.note_add_view, name="note-add"),
    path(
        "proses/<int:process_id>/catatan/<int:note_id>/tanggapan/",
        views.note_respond_view,
        name="note-respond",
    ),
    path("proses/<int:process_id>/tandatangani/", views.sign_view, name="sign"),
    path("proses/<int:process_id>/verifikasi/", views.verify_view, name="verify"),
]
