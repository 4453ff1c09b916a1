"""Celery tasks of the workflow: opening the scheduled (quarterly) processes."""

from celery import shared_task

from .scheduled import open_scheduled_processes


@shared_task(name="workflow.open_scheduled_processes", acks_late=True)
def open_scheduled() -> int:
    return len(open_scheduled_processes())
