"""The beranda: my open tasks by urgency with the time left in working days, my unread
notifications, my PD's processes for its heads, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.calendar import WorkingCalendar
from tests.web import as_user, text
from workflow.demo import LkjipScript
from workflow.templatetags.alur import due_status

pytestmark = pytest.mark.django_db

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
MONDAY = dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB)
HOME_QUERIES = 24  # measured: the same with 1 and with 4 tasks (see below)
PROCESS_PAGE_QUERIES = 30  # measured: the same on a first and on a second round


def start(demo, year: int, at: dt.datetime):
    return LkjipScript(demo["kragan"], year, at).start()


def inbox_titles(page: str) -> list[str]:
    inbox = page.split('id="inbox"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'class="card__title" href="[^"]+">([^<]+)</a>', inbox)


def test_inbox_orders_overdue_first_then_soonest_due(client, users, demo):
    late = start(demo, 2022, MONDAY)  # due Monday 08:20
    later = start(demo, 2023, MONDAY + dt.timedelta(days=2))  # due Wednesday 08:20
    today = start(demo, 2024, MONDAY + dt.timedelta(days=1, hours=1, minutes=50))  # Tue 10:10
    with time_machine.travel(MONDAY + dt.timedelta(days=1, hours=2), tick=False):  # Tue 10:00
        page = text(as_user(client, users, "camat.kragan").get("/"))
    assert inbox_titles(page) == [late.title, today.title, later.title]


def test_inbox_says_how_late_or_how_long_is_left(client, users, demo):
    start(demo, 2022, MONDAY)
    start(demo, 2023, MONDAY + dt.timedelta(days=2))
    start(demo, 2024, MONDAY + dt.timedelta(days=1, hours=1, minutes=50))
    with time_machine.travel(MONDAY + dt.timedelta(days=1, hours=2), tick=False):
        page = text(as_user(client, users, "camat.kragan").get("/"))
    assert "terlambat 1 hari kerja" in page
    assert "jatuh tempo hari ini" in page
    assert "1 hari kerja lagi" in page


def test_due_status_skips_the_weekend():
    calendar = WorkingCalendar()
    friday_due = dt.datetime(2025, 1, 10, 10, 0, tzinfo=WIB)
    monday = dt.datetime(2025, 1, 13, 9, 0, tzinfo=WIB)
    assert due_status(friday_due, monday, calendar).text == "terlambat 1 hari kerja"
    assert due_status(monday, friday_due, calendar).text == "1 hari kerja lagi"


def test_due_status_without_due_time():
    assert due_status(None, MONDAY, WorkingCalendar()).text == "tanpa batas waktu"


def test_heads_see_their_pds_processes_with_flags(client, users, demo):
    process = start(demo, 2022, MONDAY)
    with time_machine.travel(MONDAY + dt.timedelta(days=1), tick=False):
        page = text(as_user(client, users, "sekcam.kragan").get("/"))
    section = page.split('id="proses-pd"', 1)[1]
    assert process.title in section
    assert "terlambat" in section


def test_staff_do_not_see_the_pd_overview(client, users, demo):
    start(demo, 2022, MONDAY)
    page = text(as_user(client, users, "staf1.kragan").get("/"))
    assert 'id="proses-pd"' not in page


def test_unread_notifications_are_on_the_beranda(client, users, demo):
    process = start(demo, 2022, MONDAY)
    page = text(as_user(client, users, "camat.kragan").get("/"))
    section = page.split('id="notifikasi-baru"', 1)[1]
    assert f"Tugas baru: {process.title}" in section


def home_queries(client, users) -> int:
    as_user(client, users, "camat.kragan").get("/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = as_user(client, users, "camat.kragan").get("/")
    assert response.status_code == 200
    return len(queries)


def test_beranda_queries_do_not_grow_with_the_tasks(
    client, users, demo, django_assert_max_num_queries
):
    start(demo, 2020, MONDAY)
    one = home_queries(client, users)
    for year in (2021, 2022, 2023):
        start(demo, year, MONDAY)
    many = home_queries(client, users)
    assert (one, many) == (HOME_QUERIES, HOME_QUERIES)
    with django_assert_max_num_queries(HOME_QUERIES):
        as_user(client, users, "camat.kragan").get("/")


def process_page_queries(client, users, process) -> int:
    as_user(client, users, "progkeu.kragan").get(f"/proses/{process.pk}/")  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = as_user(client, users, "progkeu.kragan").get(f"/proses/{process.pk}/")
    assert response.status_code == 200
    return len(queries)


def test_process_page_queries_do_not_grow_with_the_history(
    client, users, lkjip, django_assert_max_num_queries
):
    process = lkjip.run_until(5)  # first round at the revision step
    first = process_page_queries(client, users, process)
    lkjip.step5()
    lkjip.step6()
    lkjip.koreksi()  # back at step 5: more tasks, history, notes and documents
    second = process_page_queries(client, users, process)
    assert (first, second) == (PROCESS_PAGE_QUERIES, PROCESS_PAGE_QUERIES)
    with django_assert_max_num_queries(PROCESS_PAGE_QUERIES):
        as_user(client, users, "progkeu.kragan").get(f"/proses/{process.pk}/")
