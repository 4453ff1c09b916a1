import pytest
from rest_framework.test import APIClient

from notifications.models import EmailDelivery, Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def camat_api(users):
    client = APIClient()
    client.force_authenticate(users["camat.kragan"])
    return client


def test_my_notifications_list_the_new_task(lkjip, camat_api, time_machine):
    lkjip.start()
    time_machine.move_to(lkjip.now)
    rows = camat_api.get("/api/v1/notifications/").json()
    assert [r["kind"] for r in rows] == [Kind.TASK_ASSIGNED]
    assert rows[0]["url"] == f"/proses/{lkjip.process.pk}/"


def test_mark_all_read(lkjip, camat_api, time_machine):
    lkjip.start()
    time_machine.move_to(lkjip.now)
    assert camat_api.post("/api/v1/notifications/read/", {}).json() == {"marked": 1}
    assert camat_api.get("/api/v1/notifications/?unread=1").json() == []


def test_turning_email_off_for_a_kind(lkjip, camat_api):
    response = camat_api.put(
        "/api/v1/notifications/preferences/",
        {"kind": Kind.TASK_ASSIGNED, "email": False},
        format="json",
    )
    assert response.status_code == 200
    choice = next(c for c in response.json() if c["kind"] == Kind.TASK_ASSIGNED)
    assert choice["email"] is False
    lkjip.start()
    assert not EmailDelivery.objects.filter(notification__recipient__username="camat.kragan")


def test_unknown_kind_is_refused_with_400(camat_api):
    response = camat_api.put(
        "/api/v1/notifications/preferences/", {"kind": "spam", "email": False}, format="json"
    )
    assert response.status_code == 400
    assert "kind" in response.json()


def test_another_users_notification_cannot_be_marked(lkjip, users):
    lkjip.start()
    client = APIClient()
    client.force_authenticate(users["sekcam.kragan"])
    from notifications.models import Notification

    note = Notification.objects.get(recipient__username="camat.kragan")
    assert client.post("/api/v1/notifications/read/", {"id": note.pk}).json() == {"marked": 0}
    note.refresh_from_db()
    assert note.read_at is None
