"""POST /api/v1/auth/token/ trades a username and password for a token that opens the API."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from organisation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def test_demo_login_gets_a_token(demo):
    response = APIClient().post(
        TOKEN, {"username": "camat.kragan", "password": DEMO_PASSWORD}, format="json"
    )
    assert (response.status_code, len(response.json()["token"])) == (200, 40)


def test_wrong_password_gets_no_token(demo):
    response = APIClient().post(
        TOKEN, {"username": "camat.kragan", "password": "salah"}, format="json"
    )
    assert (response.status_code, "token" in response.json()) == (400, False)


def test_token_opens_the_inbox(demo):
    token = (
        APIClient()
        .post(TOKEN, {"username": "camat.kragan", "password": DEMO_PASSWORD}, format="json")
        .json()["token"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/inbox/").status_code == 200
