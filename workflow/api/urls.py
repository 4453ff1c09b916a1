"""/api/v1/ (included under the namespace "v1": NamespaceVersioning reads the version
from it, so a v2 is a second include, not a rewrite)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

from . import views

app_name = "api"  # included through config.api_urls

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("processes/", views.ProcessListView.as_view(), name="process-list"),
    path("processes/<int:process_id>/", views.ProcessDetailView.as_view(), name="process-detail"),
    path(
        "processes/<int:process_id>/transitions/<slug:action>/",
        views.TransitionView.as_view(),
        name="process-transition",
    ),
    path(
        "processes/<int:process_id>/documents/",
        views.DocumentUploadView.as_view(),
        name="process-documents",
    ),
    path(
        "processes/<int:process_id>/disposisi/",
        views.DisposisiView.as_view(),
        name="process-disposisi",
    ),
    path("processes/<int:process_id>/team/", views.TeamView.as_view(), name="process-team"),
    path(
        "processes/<int:process_id>/auditors/",
        views.AuditorsView.as_view(),
        name="process-auditors",
    ),
    path("processes/<int:process_id>/notes/", views.NotesView.as_view(), name="process-notes"),
    path("notes/<int:note_id>/response/", views.NoteResponseView.as_view(), name="note-response"),
    path("processes/<int:process_id>/sign/", views.SignView.as_view(), name="process-sign"),
    path("processes/<int:process_id>/verify/", views.VerifyView.as_view(), name="process-verify"),
    # The schema is for API clients: it needs a login like every endpoint. No Swagger UI
    # page (it would load its assets from a CDN).
    path(
        "schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"
    ),
]
