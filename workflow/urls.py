from django.urls import path

from . import views

app_name = "workflow"
urlpatterns = [
    path(
        "<int:process_id>/disposisi/<int:disposisi_id>/cetak/",
        views.disposisi_print_view,
        name="disposisi-print",
    ),
]
