"""Failure behaviour of e-mail delivery against a real Redis and real Celery workers.

- Redis down when a transition happens: the transition succeeds, its notifications stay
  pending, and once Redis is back the sweep delivers each e-mail exactly once.
- A worker killed (SIGKILL) in the middle of sending: after a restart the e-mail goes out,
  exactly once.

Each test starts its own redis-server (so that it can stop and restart it on the same
port) and its workers as subprocesses (`celery -A config worker -P solo`) on the test
database; the data must be committed for them to see it, hence transaction=True."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Callable

import pytest
import redis
from django.core import mail
from django.utils import timezone

from notifications.models import EmailDelivery, Kind
from notifications.tasks import deliver_pending
from tests.notifications.support import (
    DELAY_ENV,
    STARTED_ENV,
    RedisServer,
    Worker,
    database_url,
    mailed,
    recipients,
    reset_broker_connections,
    wait_for,
)
from workflow.demo import LkjipScript

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB)  # Monday, as in tests/workflow
TIMEOUT = 30  # seconds, for anything a worker has to do
CLAIM_TIMEOUT = 3  # ALUR_EMAIL_CLAIM_TIMEOUT of the worker that restarts after the kill


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis_server, monkeypatch):
    """Point this process's Celery app at the test's Redis, tasks not eager (the app reads
    its conf at call time; Django settings are not read again)."""
    from config.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    monkeypatch.setenv("CELERY_BROKER_URL", redis_server.url)  # Celery prefers the env var
    app.conf.broker_url = redis_server.url
    app.conf.task_always_eager = False
    reset_broker_connections(app)
    yield app
    app.conf.update(saved)
    reset_broker_connections(app)


@pytest.fixture
def mail_dir(tmp_path):
    return tmp_path / "mail"


@pytest.fixture
def start_worker(tmp_path, redis_server, mail_dir):
    """start_worker(name, **env): a Celery worker on the test database and Redis, mail to
    `mail_dir` with the file backend. Every worker is stopped at teardown."""
    started: list[Worker] = []

    def start(name: str, **env: str) -> Worker:
        worker = Worker(
            tmp_path / f"{name}.log",
            {
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "CELERY_BROKER_URL": redis_server.url,
                "DATABASE_URL": database_url(),
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(mail_dir),
                "PYTHONUNBUFFERED": "1",
                **env,
            },
        )
        started.append(worker)
        return worker.start()

    start.started = started
    yield start
    for worker in started:
        worker.stop()


def logs(workers: list[Worker]) -> str:
    return "\n".join(f"--- {w.log_path.name} ---\n{w.log()[-6000:]}" for w in workers)


def statuses() -> dict[int, str]:
    return dict(EmailDelivery.objects.values_list("notification_id", "status"))


def all_sent() -> bool:
    current = statuses()
    return bool(current) and set(current.values()) == {EmailDelivery.Status.SENT}


def describe(workers: list[Worker], mail_dir) -> Callable[[], str]:
    return lambda: f"deliveries: {statuses()}\nmailed: {dict(mailed(mail_dir))}\n{logs(workers)}"


def start_and_disposisi(demo) -> LkjipScript:
    """Kragan's LKjIP 2025 started and step 1 (the Camat's disposisi) done: the Camat got
    'tugas baru' for step 1, the Sekcam the disposisi and 'tugas baru' for step 2."""
    script = LkjipScript(demo["kragan"], 2025, T0)
    script.start()
    script.step1()
    return script


def sweep_again_changes_nothing(worker: Worker, mail_dir, before, describe_state) -> None:
    again = deliver_pending.apply_async()
    wait_for(lambda: worker.succeeded(again.id), TIMEOUT, describe_state)
    assert f"[{again.id}] succeeded in" in worker.log()
    assert mailed(mail_dir) == before
    assert all_sent()


def test_redis_down_transition_succeeds_and_mail_goes_out_once_redis_is_back(
    demo, redis_server, broker, start_worker, mail_dir
):
    redis_server.stop()
    reset_broker_connections(broker)  # no pooled connection from before the outage

    script = start_and_disposisi(demo)

    process = script.process
    process.refresh_from_db()
    assert process.state == "langkah-2"
    deliveries = list(EmailDelivery.objects.select_related("notification__recipient"))
    sekcam = script.u["sekcam"]
    assert any(
        d.notification.recipient == sekcam and d.notification.kind == Kind.TASK_ASSIGNED
        for d in deliveries
    ), deliveries
    assert {d.status for d in deliveries} == {EmailDelivery.Status.PENDING}
    assert all(d.attempts == 0 and d.claimed_at is None for d in deliveries)
    assert mailed(mail_dir) == {}
    assert mail.outbox == []  # nothing went out in this process either (not eager)

    # Redis is back: a worker starts and the beat's sweep delivers what is pending.
    redis_server.start()
    reset_broker_connections(broker)
    worker = start_worker("worker")
    state = describe(start_worker.started, mail_dir)
    deliver_pending.apply_async()
    wait_for(all_sent, TIMEOUT, state)

    sent = mailed(mail_dir)
    assert sent == {d.notification_id: 1 for d in deliveries}, state()
    assert recipients(mail_dir) == {d.notification_id: [d.address] for d in deliveries}
    assert all(d.attempts == 1 for d in EmailDelivery.objects.all())

    sweep_again_changes_nothing(worker, mail_dir, sent, state)


def test_worker_killed_mid_delivery_sends_after_restart_exactly_once(
    demo, redis_server, broker, start_worker, mail_dir, tmp_path
):
    # Redis up, no worker yet: the transitions' delivery requests wait in Redis.
    start_and_disposisi(demo)
    deliveries = list(EmailDelivery.objects.all())
    assert deliveries
    assert {d.status for d in deliveries} == {EmailDelivery.Status.PENDING}
    assert redis.Redis.from_url(redis_server.url).llen("celery") >= 1

    # A worker that takes 30 s to send: killed once it is inside the send.
    sending_started = tmp_path / "sending-started"
    slow = start_worker(
        "slow",
        EMAIL_BACKEND="tests.notifications.support.SlowFileBackend",
        **{DELAY_ENV: "30", STARTED_ENV: str(sending_started)},
    )
    state = describe(start_worker.started, mail_dir)
    wait_for(sending_started.exists, TIMEOUT, state)
    slow.kill()

    claimed = EmailDelivery.objects.get(status=EmailDelivery.Status.SENDING)
    assert claimed.claimed_at is not None
    assert mailed(mail_dir) == {}, state()

    # Restart (claims older than 3 s count as dead), then the beat's sweep.
    worker = start_worker("restarted", ALUR_EMAIL_CLAIM_TIMEOUT=str(CLAIM_TIMEOUT))
    stale_at = claimed.claimed_at + dt.timedelta(seconds=CLAIM_TIMEOUT + 0.5)
    time.sleep(max(0.0, (stale_at - timezone.now()).total_seconds()))
    deliver_pending.apply_async()
    wait_for(all_sent, TIMEOUT, state)

    sent = mailed(mail_dir)
    assert sent[claimed.notification_id] == 1, state()
    assert sent == {d.notification_id: 1 for d in deliveries}, state()
    assert recipients(mail_dir)[claimed.notification_id] == [claimed.address]

    sweep_again_changes_nothing(worker, mail_dir, sent, state)
