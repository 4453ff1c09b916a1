from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        from workflow.services import common

        from .events import on_workflow_event

        if on_workflow_event not in common.event_listeners:
            common.event_listeners.append(on_workflow_event)
