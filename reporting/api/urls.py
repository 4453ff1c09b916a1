"""/api/v1/kinerja/, and the quarterly SOPs' forms and kertas kerja under
/api/v1/processes/<id>/ (included through config.api_urls under the namespace "v1")."""

from django.urls import path

from . import quarterly, views

P = "kinerja/<slug:slug>/<int:year>/"
PROCESS = "processes/<int:process_id>/"
IND = P + "indicators/<str:code>/"

urlpatterns = [
    path("kinerja/", views.PdListView.as_view(), name="kinerja-pds"),
    path(P + "indicators/", views.IndicatorListView.as_view(), name="kinerja-indicators"),
    path(IND + "realisasi/", views.RealisasiView.as_view(), name="kinerja-realisasi"),
    path(IND + "targets/", views.TargetView.as_view(), name="kinerja-targets"),
    path(IND + "analysis/", views.AnalysisView.as_view(), name="kinerja-analysis"),
    path(IND + "evidence/", views.EvidenceView.as_view(), name="kinerja-evidence"),
    path(P + "budget/", views.BudgetListView.as_view(), name="kinerja-budget"),
    path(
        P + "budget/<str:node_code>/",
        views.BudgetDetailView.as_view(),
        name="kinerja-budget-node",
    ),
    path(P + "tables/", views.TableListView.as_view(), name="kinerja-tables"),
    path(P + "tables/<str:number>/", views.TableDetailView.as_view(), name="kinerja-table"),
    path(P + "findings/", views.FindingListView.as_view(), name="kinerja-findings"),
    path(P + "findings/note/", views.FindingNoteView.as_view(), name="kinerja-finding-note"),
    path(P + "export/<str:fmt>/", views.ExportView.as_view(), name="kinerja-export"),
    path(P + "draft/attach/", views.DraftAttachView.as_view(), name="kinerja-draft-attach"),
    path(P + "inputs.xlsx", views.InputsExportView.as_view(), name="kinerja-inputs-export"),
    path(P + "inputs/", views.InputsImportView.as_view(), name="kinerja-inputs-import"),
    path(P + "ikm/", views.IkmView.as_view(), name="kinerja-ikm"),
    path(P + "ikm/<int:triwulan>/post/", views.IkmPostView.as_view(), name="kinerja-ikm-post"),
    path(P + "changes/", views.ChangesView.as_view(), name="kinerja-changes"),
    path(
        P + "measurements/",
        quarterly.MeasurementListView.as_view(),
        name="kinerja-measurements",
    ),
    # The quarterly SOPs' forms and kertas kerja, on the process (reporting.quarterly).
    path(PROCESS + "forms/", quarterly.FormListView.as_view(), name="process-forms"),
    # Before forms/<code>/: "submit" is no position code.
    path(PROCESS + "forms/submit/", quarterly.FormSubmitView.as_view(), name="process-form-submit"),
    path(PROCESS + "forms/<slug:code>/", quarterly.FormView.as_view(), name="process-form"),
    path(
        PROCESS + "forms/<slug:code>/evidence/",
        quarterly.FormEvidenceView.as_view(),
        name="process-form-evidence",
    ),
    path(
        PROCESS + "kertas-kerja/",
        quarterly.KertasKerjaView.as_view(),
        name="process-kertas-kerja",
    ),
]
