"""The demo's role switcher: "Masuk sebagai:" in base.html and POST /akun/demo-masuk/,
only when settings.DEMO_MODE is on, and only for demo accounts (no staff, no superuser,
no account without a usable password)."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/akun/demo-masuk/"


def session_user(client):
    return client.get("/sop/").wsgi_request.user


def test_switcher_lists_the_demo_accounts_with_their_position(client, users):
    content = client.get("/akun/login/").content.decode()
    assert "Masuk sebagai:" in content
    assert f'action="{URL}"' in content
    assert '<option value="camat.kragan"' in content
    assert "camat.kragan — Camat, Kecamatan Kragan" in content
    assert '<option value="auditor1"' in content


def test_switcher_logs_in_as_the_chosen_account_and_returns(client, users):
    response = client.post(URL, {"username": "sekcam.kragan", "next": "/sop/lkjip/"})
    assert response.status_code == 302
    assert response["Location"] == "/sop/lkjip/"
    assert session_user(client).username == "sekcam.kragan"


def test_switching_again_changes_the_user_and_marks_it_selected(client, users):
    client.post(URL, {"username": "sekcam.kragan", "next": "/sop/"})
    client.post(URL, {"username": "camat.kragan", "next": "/sop/"})
    content = client.get("/sop/").content.decode()
    assert '<option value="camat.kragan" selected>' in content
    assert session_user(client).username == "camat.kragan"


def test_switcher_does_not_redirect_to_another_site(client, users):
    response = client.post(URL, {"username": "camat.kragan", "next": "https://example.com/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_switcher_refuses_staff_superusers_and_unusable_passwords(client, users):
    from organisation.models import User

    User.objects.create_superuser("admin.uji", "a@example.com", "rahasia")
    staff = users["staf1.kragan"]
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    locked = users["staf2.kragan"]
    locked.set_unusable_password()
    locked.save(update_fields=["password"])
    content = client.get("/akun/login/").content.decode()
    for username in ("admin.uji", "staf1.kragan", "staf2.kragan", "tidak.ada"):
        assert client.post(URL, {"username": username}).status_code == 404
        assert f'<option value="{username}"' not in content
    assert not session_user(client).is_authenticated


def test_switcher_answers_only_post(client, users):
    assert client.get(URL, {"username": "camat.kragan"}).status_code == 405


def test_switcher_needs_the_csrf_token(users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, {"username": "camat.kragan"}).status_code == 403


def test_without_demo_mode_the_url_is_404_and_nothing_is_shown(client, users, settings):
    settings.DEMO_MODE = False
    assert client.post(URL, {"username": "camat.kragan"}).status_code == 404
    content = client.get("/akun/login/").content.decode()
    assert "Masuk sebagai:" not in content
    assert URL not in content
    assert not session_user(client).is_authenticated


def test_production_settings_turn_demo_mode_off():
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "config" / "settings" / "production.py"
    assert "\nDEMO_MODE = False\n" in source.read_text(encoding="utf-8")
