"""The Celery application. Settings live in Django settings under the CELERY_ namespace
(JSON only, acks late, time limits); the beat schedule is declared here, in one place."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("alur")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    # Reminders and escalations from the deadlines in the database (idempotent), then the
    # sweep of pending e-mails.
    "scan-reminders": {"task": "notifications.scan_reminders", "schedule": 60.0},
    # The quarterly SOPs' processes, once each quarter has ended (idempotent).
    "open-scheduled-processes": {
        "task": "workflow.open_scheduled_processes",
        "schedule": 3600.0,
    },
}
