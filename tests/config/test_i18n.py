"""Bahasa Indonesia is the language; English comes from locale/en (the compiled .mo is
committed). The switch is a POST to /i18n/setlang/ without JavaScript."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def unescape(po_string: str) -> str:
    return po_string.replace('\\"', '"').replace("\\n", "\n")


def test_indonesian_is_the_default(client):
    content = client.get("/akun/login/").content.decode()
    assert '<html lang="id">' in content
    assert "Masuk ke Alur" in content
    assert "Kata sandi" in content


def test_an_english_browser_still_gets_indonesian(client):
    content = client.get("/akun/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="id">' in content
    assert "Masuk ke Alur" in content


def test_choosing_english_shows_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/login/"})
    content = client.get("/akun/login/").content.decode()
    assert '<html lang="en">' in content
    assert "Log in to Alur" in content
    assert "Password" in content
    assert "Masuk ke Alur" not in content


def test_set_language_switches_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/akun/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/akun/login/"
    assert "Log in to Alur" in client.get("/akun/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "id", "next": "/akun/login/"})
    assert "Masuk ke Alur" in client.get("/akun/login/").content.decode()


def test_language_switch_is_a_post_form_in_every_page(client):
    content = client.get("/akun/login/").content.decode()
    assert 'action="/i18n/setlang/"' in content
    assert '<option value="en" lang="en">English</option>' in content
    assert '<option value="id" lang="id" selected>Bahasa Indonesia</option>' in content


def test_lockout_message_in_english(client, users):
    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/login/"})
    for _ in range(5):
        client.post("/akun/login/", {"username": "camat.kragan", "password": "salah"})
    response = client.post(
        "/akun/login/",
        {"username": "camat.kragan", "password": "alur-demo"},
    )
    assert "Too many failed login attempts. Try again in 15 minutes." in response.content.decode()


def test_model_names_and_choices_are_translated():
    from django.utils import translation

    from organisation.models import Position, User

    with translation.override("en"):
        assert str(User._meta.verbose_name) == "user"
        assert str(Position.Role.KEPALA.label) == "Head of PD"
    with translation.override("id"):
        assert str(User._meta.verbose_name) == "pengguna"


def test_compiled_catalogue_is_committed_and_current():
    po, mo = LOCALE / "django.po", LOCALE / "django.mo"
    assert po.exists()
    assert mo.exists()
    assert mo.stat().st_size > 1000
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Masuk ke Alur"\nmsgstr "Log in to Alur"' in text
    assert "#, fuzzy" not in text


def test_compiled_catalogue_matches_the_po_file():
    """The .mo holds every translation of the .po: `make messages` was run after editing."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', text, flags=re.MULTILINE)
    assert len(pairs) > 100
    with (LOCALE / "django.mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    stale = [m for m, t in pairs if catalogue.gettext(unescape(m)) != unescape(t)]
    assert not stale
