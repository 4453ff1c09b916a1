from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Data kinerja dan laporan")

    def ready(self) -> None:
        # The quarterly SOPs' effects, data check and pengampu, in the workflow engine.
        from workflow import extensions

        from . import quarterly, views

        quarterly.register()
        extensions.register_process_links(views.process_links)
