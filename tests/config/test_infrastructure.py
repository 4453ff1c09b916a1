"""The embedded database settings, migrations, and the local Redis of `make run`."""

import io

import pytest
import redis
from django.core.management import call_command
from django.db import connection

from config import redis_local


@pytest.mark.django_db
def test_migrations_match_the_models():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.sqlite
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_synchronous_normal():
    with connection.cursor() as cursor:
        journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
    assert (journal, synchronous) == ("wal", 1)
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.redis
def test_local_redis_starts_and_answers(redis_url):
    client = redis.Redis.from_url(redis_url)
    assert client.ping()
    assert redis_local.redis_server_binary()
