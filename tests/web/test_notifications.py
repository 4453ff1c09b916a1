"""The notifications page: read and unread, marking read, and the e-mail choices."""

from __future__ import annotations

import pytest

from notifications.models import EmailPreference, Kind, Notification
from tests.web import as_user, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(lkjip):
    """The Camat has notifications (new tasks); the Sekcam a disposisi and a task."""
    lkjip.run_until(2)
    return lkjip.process


def test_page_lists_my_notifications_unread_first(client, users, notified):
    page = text(as_user(client, users, "sekcam.kragan").get("/notifikasi/"))
    assert f"Tugas baru: {notified.title}" in page
    assert "notice--unread" in page


def test_mark_one_read(client, users, notified):
    notification = Notification.objects.filter(recipient=users["sekcam.kragan"]).first()
    response = as_user(client, users, "sekcam.kragan").post(
        "/notifikasi/baca/", {"id": notification.pk}
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert Notification.objects.filter(
        recipient=users["sekcam.kragan"], read_at__isnull=True
    ).exists()


def test_mark_all_read(client, users, notified):
    response = as_user(client, users, "sekcam.kragan").post("/notifikasi/baca/", {})
    assert response.status_code == 302
    assert not Notification.objects.filter(
        recipient=users["sekcam.kragan"], read_at__isnull=True
    ).exists()


def test_cannot_mark_someone_elses_notification(client, users, notified):
    theirs = Notification.objects.filter(recipient=users["camat.kragan"]).first()
    as_user(client, users, "sekcam.kragan").post("/notifikasi/baca/", {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_returns_to_a_local_next_only(client, users, notified):
    web = as_user(client, users, "sekcam.kragan")
    assert web.post("/notifikasi/baca/", {"next": "/proses/"})["Location"] == "/proses/"
    assert (
        web.post("/notifikasi/baca/", {"next": "https://contoh.invalid/"})["Location"]
        == "/notifikasi/"
    )


def test_email_preferences_turn_off_the_unchecked_kinds(client, users, db, demo):
    web = as_user(client, users, "camat.kragan")
    keep = [k for k in Kind.values if k != Kind.ESCALATION]
    response = web.post("/notifikasi/surel/", dict.fromkeys(keep, "on"))
    assert response.status_code == 302
    off = set(
        EmailPreference.objects.filter(user=users["camat.kragan"], enabled=False).values_list(
            "kind", flat=True
        )
    )
    assert off == {Kind.ESCALATION}
    page = text(web.get("/notifikasi/"))
    assert f'name="{Kind.ESCALATION}" id="id_{Kind.ESCALATION}"' in page
    assert f'name="{Kind.TASK_ASSIGNED}" id="id_{Kind.TASK_ASSIGNED}" checked' in page


def test_page_says_in_app_notifications_cannot_be_turned_off(client, users, demo):
    page = text(as_user(client, users, "camat.kragan").get("/notifikasi/"))
    assert "tidak dapat dimatikan" in page


def test_nav_shows_the_unread_count(client, users, notified):
    unread = Notification.objects.filter(
        recipient=users["sekcam.kragan"], read_at__isnull=True
    ).count()
    page = text(as_user(client, users, "sekcam.kragan").get(f"/proses/{notified.pk}/"))
    assert '<span class="badge badge--count"' in page
    assert f">{unread}</span>" in page
