"""/api/v1/: the API of every app under one namespace (NamespaceVersioning reads the
version from it, so a v2 is a second include, not a rewrite)."""

from evaluation.api.urls import urlpatterns as evaluation_patterns
from notifications.api import urlpatterns as notification_patterns
from reporting.api.urls import urlpatterns as reporting_patterns
from workflow.api.urls import urlpatterns as workflow_patterns

app_name = "api"
urlpatterns = workflow_patterns + notification_patterns + reporting_patterns + evaluation_patterns
