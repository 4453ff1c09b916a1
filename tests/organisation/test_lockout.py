"""Login lockout (organisation/lockout.py): 5 failures within 15 minutes lock a username
for 15 minutes, on every login path; a success clears the count."""

import datetime as dt
import logging

import pytest
from django.contrib.auth import authenticate

from organisation.lockout import login_lock_remaining
from organisation.models import LoginThrottle

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.UTC)
LOCKED = "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit."
WRONG = "dan sandi yang benar"


def login(client, username, password):
    return client.post("/akun/login/", {"username": username, "password": password})


def fail(client, username, times):
    for _ in range(times):
        response = login(client, username, "salah")
        assert response.status_code == 200


def logged_in_as(client, username) -> bool:
    response = client.get("/sop/")
    return response.status_code == 200 and response.wsgi_request.user.username == username


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def test_four_failures_show_the_usual_error_and_do_not_lock(client, users, frozen):
    fail(client, "camat.kragan", 3)
    response = login(client, "camat.kragan", "salah")
    content = response.content.decode()
    assert WRONG in content
    assert "Terlalu banyak" not in content
    assert login_lock_remaining(username="camat.kragan") is None


def test_fifth_failure_locks_and_says_so(client, users, frozen):
    fail(client, "camat.kragan", 4)
    response = login(client, "camat.kragan", "salah")
    assert LOCKED in response.content.decode()
    assert login_lock_remaining(username="camat.kragan") == dt.timedelta(minutes=15)


def test_right_password_refused_while_locked(client, users, frozen):
    fail(client, "camat.kragan", 5)
    response = login(client, "camat.kragan", "alur-demo")
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not logged_in_as(client, "camat.kragan")


def test_message_counts_down_the_minutes_left(client, users, frozen):
    fail(client, "camat.kragan", 5)
    frozen.move_to(START + dt.timedelta(minutes=10, seconds=30), tick=False)
    response = login(client, "camat.kragan", "alur-demo")
    assert (
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 5 menit."
        in response.content.decode()
    )


def test_refused_login_while_locked_is_logged(client, users, frozen, caplog):
    fail(client, "camat.kragan", 5)
    with caplog.at_level(logging.WARNING, logger="alur.security"):
        login(client, "camat.kragan", "alur-demo")
    assert any(
        "login refused, locked" in r.getMessage() and "camat.kragan" in r.getMessage()
        for r in caplog.records
    )


def test_locking_is_logged_with_the_address(client, users, frozen, caplog):
    with caplog.at_level(logging.WARNING, logger="alur.security"):
        fail(client, "camat.kragan", 5)
    messages = [r.getMessage() for r in caplog.records if r.name == "alur.security"]
    assert any("login locked" in m and "127.0.0.1" in m for m in messages)


def test_failures_while_locked_do_not_extend_the_lock(client, users, frozen):
    fail(client, "camat.kragan", 5)
    frozen.move_to(START + dt.timedelta(minutes=14), tick=False)
    fail(client, "camat.kragan", 3)
    frozen.move_to(START + dt.timedelta(minutes=15, seconds=1), tick=False)
    assert login(client, "camat.kragan", "alur-demo").status_code == 302


def test_login_works_again_after_the_lock_time(client, users, frozen):
    fail(client, "camat.kragan", 5)
    frozen.move_to(START + dt.timedelta(minutes=14, seconds=59), tick=False)
    assert LOCKED.split(" Coba")[0] in login(client, "camat.kragan", "alur-demo").content.decode()
    frozen.move_to(START + dt.timedelta(minutes=15, seconds=1), tick=False)
    response = login(client, "camat.kragan", "alur-demo")
    assert response.status_code == 302
    assert logged_in_as(client, "camat.kragan")
    assert not LoginThrottle.objects.exists()


def test_success_resets_the_count(client, users, frozen):
    fail(client, "camat.kragan", 4)
    assert login(client, "camat.kragan", "alur-demo").status_code == 302
    assert not LoginThrottle.objects.filter(username="camat.kragan").exists()
    client.logout()
    fail(client, "camat.kragan", 4)
    assert login(client, "camat.kragan", "alur-demo").status_code == 302


def test_failures_older_than_the_window_do_not_count(client, users, frozen):
    fail(client, "camat.kragan", 4)
    frozen.move_to(START + dt.timedelta(minutes=16), tick=False)
    fail(client, "camat.kragan", 4)
    assert login(client, "camat.kragan", "alur-demo").status_code == 302


def test_lock_is_per_username(client, users, frozen):
    fail(client, "camat.kragan", 5)
    response = login(client, "sekcam.kragan", "alur-demo")
    assert response.status_code == 302
    assert logged_in_as(client, "sekcam.kragan")


def test_spelling_the_username_in_capitals_counts_for_the_same_username(client, users, frozen):
    fail(client, "Camat.Kragan", 5)
    assert LOCKED in login(client, "camat.kragan", "alur-demo").content.decode()


def test_unknown_username_is_locked_like_a_known_one(client, users, frozen):
    """The answer does not tell which usernames exist."""
    fail(client, "tidak.ada", 4)
    assert LOCKED in login(client, "tidak.ada", "salah").content.decode()


def test_lock_holds_for_the_admin_login_and_the_api_token(client, users, frozen):
    fail(client, "camat.kragan", 5)
    assert authenticate(username="camat.kragan", password="alur-demo") is None
    response = client.post(
        "/api/v1/auth/token/", {"username": "camat.kragan", "password": "alur-demo"}
    )
    assert response.status_code == 400
    response = client.post(
        "/admin/login/", {"username": "camat.kragan", "password": "alur-demo", "next": "/admin/"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_failures_through_the_api_count_too(client, users, frozen):
    for _ in range(5):
        client.post("/api/v1/auth/token/", {"username": "camat.kragan", "password": "salah"})
    assert LOCKED in login(client, "camat.kragan", "alur-demo").content.decode()


def test_admin_lists_locks_and_unlock_clears_them(client, users, frozen, django_user_model):
    fail(client, "camat.kragan", 5)
    admin = django_user_model.objects.create_superuser("admin.uji", "a@example.com", "rahasia")
    client.force_login(admin)
    page = client.get("/admin/organisation/loginthrottle/")
    assert page.status_code == 200
    assert "camat.kragan" in page.content.decode()
    row = LoginThrottle.objects.get(username="camat.kragan")
    response = client.post(
        "/admin/organisation/loginthrottle/",
        {"action": "unlock", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    assert not LoginThrottle.objects.exists()
    client.logout()
    assert login(client, "camat.kragan", "alur-demo").status_code == 302
