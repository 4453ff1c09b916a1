"""Notifications are written in the event's transaction and delivered after commit."""

import datetime as dt

import pytest
from django.core import mail

from notifications import events
from notifications.models import EmailDelivery, Kind, Notification
from notifications.services import deliver_email, email_preference_set, notification_mark_read
from notifications.tasks import deliver_pending
from organisation.models import Delegation
from workflow import exceptions as e

pytestmark = pytest.mark.django_db


def kinds_for(username):
    return list(
        Notification.objects.filter(recipient__username=username)
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_start_notifies_the_camat_of_the_first_task(lkjip):
    lkjip.start()
    assert kinds_for("camat.kragan") == [Kind.TASK_ASSIGNED]
    note = Notification.objects.get(recipient__username="camat.kragan")
    assert note.url == f"/proses/{lkjip.process.pk}/"
    assert "Langkah 1" in note.body


def test_disposisi_and_next_task_reach_the_sekretaris(lkjip):
    lkjip.start()
    lkjip.step1()
    assert kinds_for("sekcam.kragan") == [Kind.DISPOSISI, Kind.TASK_ASSIGNED]


def test_team_task_notifies_every_member(lkjip):
    lkjip.run_until(3)
    for name in ("sekcam.kragan", "progkeu.kragan", "umpeg.kragan", "kasip3.kragan"):
        assert Kind.TASK_ASSIGNED in kinds_for(name)
    assert kinds_for("staf1.kragan") == []


def test_koreksi_returns_the_report_to_the_team(lkjip):
    lkjip.run_until(7)
    lkjip.koreksi()
    assert kinds_for("progkeu.kragan")[-1] == Kind.RETURNED


def test_reviu_notes_return_the_report_to_the_team(lkjip):
    lkjip.run_until(5)
    returned = Notification.objects.filter(recipient__username="progkeu.kragan", kind=Kind.RETURNED)
    assert returned.count() == 1


def test_signing_is_news_for_the_heads_and_the_team(lkjip):
    lkjip.run_until(7)
    lkjip.sign()
    assert Kind.SIGNED in kinds_for("sekcam.kragan")
    assert Kind.SIGNED in kinds_for("kasip3.kragan")


def test_a_refused_transition_writes_no_notification(lkjip, users):
    lkjip.start()
    before = Notification.objects.count()
    with pytest.raises(e.Incomplete):
        lkjip.go(users["camat.kragan"], "disposisi")
    assert Notification.objects.count() == before


def test_transition_rolls_back_when_its_notifications_cannot_be_written(lkjip, monkeypatch):
    lkjip.start()
    lkjip.prepare_1()

    def broken(**kwargs):
        raise RuntimeError("outbox rusak")

    monkeypatch.setattr(events, "notify", broken)
    with pytest.raises(RuntimeError):
        lkjip.go(lkjip.u["camat"], "disposisi")
    lkjip.process.refresh_from_db()
    assert lkjip.process.state == "langkah-1"
    assert not Notification.objects.filter(
        recipient__username="sekcam.kragan", kind=Kind.TASK_ASSIGNED
    ).exists()


def test_plh_receives_the_holders_task_and_is_told_on_whose_behalf(lkjip, users, demo):
    lkjip.run_until(6)
    Delegation.objects.create(
        delegate=users["kasipm.kragan"],
        position=demo["kragan"].positions.get(code="camat"),
        kind="plh",
        start=lkjip.now.date(),
        end=lkjip.now.date() + dt.timedelta(days=2),
        sk_nomor="PLH/1",
        sk_tanggal=lkjip.now.date(),
    )
    lkjip.step6()  # the Camat's signing task opens while the Plh acts
    plh = Notification.objects.get(recipient__username="kasipm.kragan", kind=Kind.TASK_ASSIGNED)
    assert plh.on_behalf_of.username == "camat.kragan"


def test_email_goes_out_once_after_commit(lkjip):
    lkjip.start()  # on_commit does not fire inside the test's transaction: sweep by hand
    deliver_pending()
    deliver_pending()
    sent = [m for m in mail.outbox if "camat.kragan@" in m.to[0]]
    assert len(sent) == 1
    assert sent[0].subject.startswith("[Alur] Tugas baru")
    assert "Buka di Alur: http://127.0.0.1:8000/proses/" in sent[0].body


def test_email_preference_off_keeps_the_in_app_notification(lkjip, users):
    email_preference_set(user=users["camat.kragan"], kind=Kind.TASK_ASSIGNED, enabled=False)
    lkjip.start()
    note = Notification.objects.get(recipient__username="camat.kragan")
    assert not EmailDelivery.objects.filter(notification=note).exists()


def test_failed_delivery_is_retried_with_backoff_then_marked_failed(lkjip, monkeypatch):
    from notifications import services

    lkjip.start()
    delivery = EmailDelivery.objects.get(notification__recipient__username="camat.kragan")
    EmailDelivery.objects.filter(pk=delivery.pk).update(status="pending", sent_at=None)

    def refuse(self, fail_silently=False):
        raise OSError("SMTP tidak dapat dihubungi")

    monkeypatch.setattr(services.EmailMessage, "send", refuse)
    now = lkjip.now
    for attempt in range(1, services.MAX_ATTEMPTS + 1):
        delivery.refresh_from_db()
        now = delivery.not_before
        assert deliver_email(delivery.pk, now) is False
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
    assert delivery.status == EmailDelivery.Status.FAILED
    assert "SMTP tidak dapat dihubungi" in delivery.last_error


def test_two_workers_never_send_the_same_email(lkjip):
    lkjip.start()
    delivery = EmailDelivery.objects.get(notification__recipient__username="camat.kragan")
    EmailDelivery.objects.filter(pk=delivery.pk).update(status="pending", sent_at=None)
    mail.outbox.clear()
    first = deliver_email(delivery.pk, lkjip.now)
    second = deliver_email(delivery.pk, lkjip.now)
    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1


def test_mark_read(lkjip, users):
    lkjip.start()
    assert notification_mark_read(user=users["camat.kragan"]) == 1
    assert not Notification.objects.filter(
        read_at__isnull=True, recipient__username="camat.kragan"
    ).exists()


def test_news_of_a_signature_names_the_action_by_its_label(lkjip):
    lkjip.run_until(7)
    lkjip.sign()
    note = Notification.objects.filter(kind=Kind.SIGNED).first()
    assert note.body.startswith("Setujui dan tandatangani: dicatat pada ")
    assert note.body.endswith(" WIB.")
