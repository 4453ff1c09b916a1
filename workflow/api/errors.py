"""The one exception handler of the API: a refusal of the workflow (WorkflowError) answers
with its own status and `{"code", "message", "details"}`; everything else is DRF's."""

from __future__ import annotations

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from workflow.exceptions import WorkflowError


def error_body(error: WorkflowError) -> dict:
    return {"code": error.code, "message": error.message, "details": error.details}


def exception_handler(exc, context):
    if isinstance(exc, WorkflowError):
        set_rollback()
        return Response(error_body(exc), status=exc.status)
    return drf_exception_handler(exc, context)
