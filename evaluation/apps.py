from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluasi SAKIP dan tindak lanjut")

    def ready(self) -> None:
        # The follow-up SOP's penanggung jawab, due date, data checks and Tabel 1.4.
        from workflow import extensions

        from . import services, views

        services.register()
        extensions.register_process_links(views.process_links)
