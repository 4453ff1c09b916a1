"""Helpers for the notification tests that run a real Redis and real Celery workers: a
Redis that can be stopped and started again on the same port, a worker subprocess, a slow
e-mail backend (so that a worker can be killed while it sends) and readers of the mail
the file backend wrote."""

from __future__ import annotations

import collections
import contextlib
import email
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.core.mail.backends import filebased

from config import redis_local

REPO_ROOT = Path(__file__).resolve().parents[2]
CELERY = REPO_ROOT / ".venv" / "bin" / "celery"
WORKER_ARGS = ["worker", "-P", "solo", "-c", "1", "-l", "info"]
WORKER_ARGS += ["--without-heartbeat", "--without-mingle", "--without-gossip"]
MESSAGE_ID = re.compile(r"^Message-ID: <notifikasi-(\d+)@alur>", re.MULTILINE | re.IGNORECASE)

# The slow backend reads these (the worker's environment).
DELAY_ENV = "ALUR_TEST_EMAIL_DELAY"
STARTED_ENV = "ALUR_TEST_EMAIL_STARTED"


class SlowFileBackend(filebased.EmailBackend):
    """The file backend, but sending takes ALUR_TEST_EMAIL_DELAY seconds. When
    ALUR_TEST_EMAIL_STARTED names a file, it is created as sending begins, so that a test
    knows the worker is in the middle of a delivery."""

    def send_messages(self, email_messages):
        started = os.environ.get(STARTED_ENV)
        if started:
            Path(started).write_text(f"{os.getpid()}\n")
        time.sleep(float(os.environ.get(DELAY_ENV, "30")))
        return super().send_messages(email_messages)


class RedisServer:
    """A redis-server of its own on a fixed free port, data (append-only file) in
    `directory`, so that it can be stopped and started again with its queue intact."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = redis_local.free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert self.process is None, "redis-server already running"
        self.process = redis_local.start(self.port, self.directory)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()  # SIGTERM: redis flushes its append-only file and exits
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


def database_url() -> str:
    """DATABASE_URL of the database this test process uses (the test database)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    assert db["ENGINE"] == "django.db.backends.postgresql", db["ENGINE"]
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{quote(db['NAME'], safe='')}"


class Worker:
    """`celery -A config worker` (solo pool) as a subprocess in its own session, its
    output in `log_path`."""

    def __init__(self, log_path: Path, env: dict[str, str]):
        self.log_path = log_path
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        env = {**os.environ, **self.env}
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(CELERY), "-A", "config", *WORKER_ARGS, "-n", f"{self.log_path.stem}@%h"],
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and anything it started: no shutdown, no acknowledgement."""
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        with contextlib.suppress(ProcessLookupError):  # leftovers of its session
            os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def succeeded(self, task_id: str) -> bool:
        return f"[{task_id}] succeeded" in self.log()


def wait_for(
    condition: Callable[[], bool],
    timeout: float,
    describe: Callable[[], str],
    interval: float = 0.2,
) -> None:
    """Poll `condition` until true; on timeout fail with `describe()` (e.g. worker logs)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s\n{describe()}")
        time.sleep(interval)


def mail_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.log") if p.is_file()) if directory.exists() else []


def mailed(directory: Path) -> collections.Counter[int]:
    """How many times each notification (by its Message-ID) was written by the file
    backend, which writes one file per connection, messages separated by dashes."""
    counts: collections.Counter[int] = collections.Counter()
    for path in mail_files(directory):
        counts.update(int(n) for n in MESSAGE_ID.findall(path.read_text(errors="replace")))
    return counts


def recipients(directory: Path) -> dict[int, list[str]]:
    """The To: of each message written, by notification id."""
    result: dict[int, list[str]] = collections.defaultdict(list)
    for path in mail_files(directory):
        for chunk in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            if chunk.strip():
                message = email.message_from_string(chunk)
                match = MESSAGE_ID.match(f"Message-ID: {message['Message-ID']}")
                if match:
                    result[int(match.group(1))].append(message["To"])
    return dict(result)


def reset_broker_connections(app) -> None:
    """Drop the app's pooled broker connections, so that the next publish connects anew
    to the current `broker_url` (after it changed, or after Redis restarted)."""
    import kombu.pools

    kombu.pools.reset()
    app._pool = None
    with contextlib.suppress(AttributeError, KeyError):
        app.__dict__["amqp"]._producer_pool = None
