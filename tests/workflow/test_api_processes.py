"""GET /api/v1/processes/: the processes a user may see, filtered by year and state."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from workflow.demo import LkjipScript

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB)  # Monday
PROCESSES = "/api/v1/processes/"


@pytest.fixture
def client_as(users):
    def login(username):
        client = APIClient()
        client.force_authenticate(users[username])
        return client

    return login


def run_until(demo, slug, year, step):
    return LkjipScript(demo[slug], year, T0).run_until(step)


def listed(client, query=""):
    response = client.get(PROCESSES + query)
    assert response.status_code == 200, response.content
    return [(p["pd"]["slug"], p["year"], p["state"]) for p in response.json()]


def test_list_shows_only_the_processes_of_my_pd(client_as, demo):
    run_until(demo, "kragan", 2025, 1)
    run_until(demo, "sluke", 2025, 1)
    assert listed(client_as("camat.sluke")) == [("sluke", 2025, "langkah-1")]


def test_inspektorat_leader_sees_the_processes_of_the_kabupaten(client_as, demo):
    run_until(demo, "kragan", 2025, 1)
    run_until(demo, "sluke", 2025, 1)
    assert {pd for pd, _, _ in listed(client_as("irban1"))} == {"kragan", "sluke"}


def test_list_filters_by_year(client_as, demo):
    run_until(demo, "kragan", 2024, 1)
    run_until(demo, "kragan", 2025, 1)
    assert listed(client_as("camat.kragan"), "?year=2024") == [("kragan", 2024, "langkah-1")]


def test_list_filters_by_state(client_as, demo):
    run_until(demo, "kragan", 2024, 2)
    run_until(demo, "kragan", 2025, 1)
    assert listed(client_as("sekcam.kragan"), "?state=langkah-2") == [("kragan", 2024, "langkah-2")]


def test_list_queries_do_not_grow_with_processes(client_as, demo):
    run_until(demo, "kragan", 2025, 2)
    client = client_as("camat.kragan")
    with CaptureQueriesContext(connection) as one:
        client.get(PROCESSES)
    for year in (2022, 2023, 2024):
        run_until(demo, "kragan", year, 2)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(PROCESSES).json()) == 4
    assert len(many) == len(one)
