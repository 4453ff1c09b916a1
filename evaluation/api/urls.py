"""/api/v1/evaluasi/ (included through config.api_urls under the namespace "v1"). The
follow-up's transitions and notes are those of its process: /api/v1/processes/{id}/."""

from django.urls import path

from . import views

E = "evaluasi/"
PD = E + "<slug:slug>/"
FOLLOW_UP = E + "follow-ups/<int:follow_up_id>/"

urlpatterns = [
    # Before <slug>/summary/: "kabupaten" is no PD.
    path(
        E + "kabupaten/summary/",
        views.KabupatenSummaryView.as_view(),
        name="evaluasi-kabupaten-summary",
    ),
    path(FOLLOW_UP + "plan/", views.FollowUpPlanView.as_view(), name="evaluasi-follow-up-plan"),
    path(
        FOLLOW_UP + "evidence/",
        views.FollowUpEvidenceView.as_view(),
        name="evaluasi-follow-up-evidence",
    ),
    path(
        FOLLOW_UP + "evidence/<int:evidence_id>/file/",
        views.EvidenceFileView.as_view(),
        name="evaluasi-evidence-file",
    ),
    path(PD + "lhe/", views.LheListView.as_view(), name="evaluasi-lhe-list"),
    path(PD + "lhe/<int:year>/", views.LheDetailView.as_view(), name="evaluasi-lhe"),
    path(
        PD + "lhe/<int:year>/document/",
        views.LheDocumentView.as_view(),
        name="evaluasi-lhe-document",
    ),
    path(PD + "summary/", views.PdSummaryView.as_view(), name="evaluasi-summary"),
    path(PD + "tabel-1-4/<int:year>/", views.Tabel14View.as_view(), name="evaluasi-tabel-1-4"),
    path(
        PD + "tabel-1-4/<int:year>.xlsx",
        views.Tabel14XlsxView.as_view(),
        name="evaluasi-tabel-1-4-xlsx",
    ),
]
