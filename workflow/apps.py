from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Alur kerja")

    def ready(self) -> None:
        from organisation import services as organisation_services

        from .services.reassign import tasks_follow_mutasi

        if tasks_follow_mutasi not in organisation_services.on_transfer:
            organisation_services.on_transfer.append(tasks_follow_mutasi)
