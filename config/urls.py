from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="sop:list", permanent=False)),
    path("admin/", admin.site.urls),
    path("akun/", include("django.contrib.auth.urls")),
    path("sop/", include("sop.urls")),
    path("proses/", include("workflow.urls")),
    path("api/v1/", include("config.api_urls", namespace="v1")),
]
