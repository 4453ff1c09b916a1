"""GET /api/v1/inbox/: the open tasks a user may act on, across every process, in a fixed
number of queries."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from workflow.demo import LkjipScript

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB)  # Monday
INBOX = "/api/v1/inbox/"


@pytest.fixture
def client_as(users):
    def login(username):
        client = APIClient()
        client.force_authenticate(users[username])
        return client

    return login


def start_by_api(client_as, year=2025):
    response = client_as("camat.kragan").post(
        "/api/v1/processes/",
        {"sop_code": "lkjip", "pd": "kragan", "year": year},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()["process"]["id"]


def run_until(demo, year, step):
    return LkjipScript(demo["kragan"], year, T0).run_until(step)


def inbox_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INBOX)
    assert response.status_code == 200
    return len(queries), len(response.json())


def test_inbox_shows_the_camats_task_after_start(client_as):
    process_id = start_by_api(client_as)
    tasks = client_as("camat.kragan").get(INBOX).json()
    assert [(t["process"]["id"], t["step"]["number"]) for t in tasks] == [(process_id, 1)]


def test_inbox_of_the_sekcam_is_empty_after_start(client_as):
    start_by_api(client_as)
    assert client_as("sekcam.kragan").get(INBOX).json() == []


def test_inbox_names_the_pelaksana_of_the_step(client_as):
    start_by_api(client_as)
    [task] = client_as("camat.kragan").get(INBOX).json()
    assert (task["pelaksana"], task["pelaksana_label"]) == ("kepala_pd", "Kepala PD")


def test_inbox_of_a_team_member_shows_the_team_task(client_as, demo):
    process = run_until(demo, 2025, 3)
    tasks = client_as("progkeu.kragan").get(INBOX).json()
    assert [(t["process"]["id"], t["step"]["number"]) for t in tasks] == [(process.pk, 3)]


def test_inbox_of_another_pd_stays_empty(client_as):
    start_by_api(client_as)
    assert client_as("camat.sluke").get(INBOX).json() == []


def test_task_within_its_time_is_not_overdue(client_as):
    with time_machine.travel(T0, tick=False):
        start_by_api(client_as)
        [task] = client_as("camat.kragan").get(INBOX).json()
    assert task["overdue"] is False


def test_task_past_its_due_time_is_overdue(client_as):
    with time_machine.travel(T0, tick=False):
        start_by_api(client_as)
    with time_machine.travel(T0 + dt.timedelta(days=1), tick=False):
        [task] = client_as("camat.kragan").get(INBOX).json()
    assert task["overdue"] is True


def test_inbox_queries_do_not_grow_with_position_tasks(client_as):
    start_by_api(client_as, 2025)
    one = inbox_queries(client_as("camat.kragan"))
    for year in (2021, 2022, 2023, 2024):
        start_by_api(client_as, year)
    many = inbox_queries(client_as("camat.kragan"))
    assert (one[0], one[1], many[1]) == (many[0], 1, 5)


def test_inbox_queries_do_not_grow_with_team_tasks(client_as, demo):
    run_until(demo, 2025, 3)
    one = inbox_queries(client_as("progkeu.kragan"))
    for year in (2022, 2023):
        run_until(demo, year, 3)
    many = inbox_queries(client_as("progkeu.kragan"))
    assert (one[0], one[1], many[1]) == (many[0], 1, 3)
