from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # The beranda (/), /reviu/ and /proses/...: the workflow's web pages.
    path("", include("workflow.urls")),
    path("admin/", admin.site.urls),
    # Login (with the lockout) and the demo's role switcher first; logout and password
    # change come from django.contrib.auth.urls.
    path("akun/", include("organisation.urls")),
    path("akun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sop/", include("sop.urls")),
    path("notifikasi/", include("notifications.urls")),
    path("kinerja/", include("reporting.urls")),
    path("evaluasi/", include("evaluation.urls")),
    path("api/v1/", include("config.api_urls", namespace="v1")),
]
