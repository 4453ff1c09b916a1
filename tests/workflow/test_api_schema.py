"""The OpenAPI schema of /api/v1/ documents every endpoint and is valid OpenAPI 3."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/?format=json"
KINERJA = "/api/v1/kinerja/"
EVALUASI = "/api/v1/evaluasi/"
ENDPOINTS = {
    "/api/v1/auth/token/": {"post"},
    "/api/v1/inbox/": {"get"},
    "/api/v1/processes/": {"get", "post"},
    "/api/v1/processes/{process_id}/": {"get"},
    "/api/v1/processes/{process_id}/transitions/{action}/": {"post"},
    "/api/v1/processes/{process_id}/documents/": {"post"},
    "/api/v1/processes/{process_id}/disposisi/": {"get", "post"},
    "/api/v1/processes/{process_id}/team/": {"post"},
    "/api/v1/processes/{process_id}/auditors/": {"post"},
    "/api/v1/processes/{process_id}/notes/": {"get", "post"},
    "/api/v1/notes/{note_id}/response/": {"post"},
    "/api/v1/processes/{process_id}/sign/": {"post"},
    "/api/v1/processes/{process_id}/verify/": {"post"},
    "/api/v1/processes/{process_id}/forms/": {"get"},
    "/api/v1/processes/{process_id}/forms/submit/": {"post"},
    "/api/v1/processes/{process_id}/forms/{code}/": {"get", "put"},
    "/api/v1/processes/{process_id}/forms/{code}/evidence/": {"post"},
    "/api/v1/processes/{process_id}/kertas-kerja/": {"post"},
    "/api/v1/notifications/": {"get"},
    "/api/v1/notifications/read/": {"post"},
    "/api/v1/notifications/preferences/": {"get", "put"},
}


@pytest.fixture
def schema(users):
    client = APIClient()
    client.force_authenticate(users["camat.kragan"])
    response = client.get(SCHEMA)
    assert response.status_code == 200
    return response.json()


def test_schema_lists_every_endpoint_with_its_methods(schema):
    # The /api/v1/kinerja/ endpoints are listed by tests/reporting/test_api.py, those of
    # /api/v1/evaluasi/ by tests/evaluation/test_api.py.
    paths = schema["paths"].items()
    own = {p: set(ops) for p, ops in paths if not p.startswith((KINERJA, EVALUASI))}
    assert own == ENDPOINTS


def test_schema_is_valid_openapi(schema):
    validate_schema(schema)


def test_schema_documents_the_refusal_body(schema):
    transition = schema["paths"]["/api/v1/processes/{process_id}/transitions/{action}/"]
    refusal = transition["post"]["responses"]["409"]["content"]["application/json"]["schema"]
    assert refusal == {"$ref": "#/components/schemas/Error"}


def test_schema_documents_uploads_as_files(schema):
    upload = schema["components"]["schemas"]["DocumentUploadRequest"]["properties"]["file"]
    assert upload == {"type": "string", "format": "binary"}


def test_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--api-version",
        "v1",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )


def test_schema_needs_a_login(db):
    assert APIClient().get(SCHEMA).status_code == 401
