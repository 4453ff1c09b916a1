"""config.settings.production refuses to load without its required environment variables,
and with them `manage.py check --deploy` passes without a warning and without a database.

Every check runs in a subprocess (the settings module raises at import time), with an
environment holding only the basics plus the variables under test."""

import ast
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PRODUCTION_SETTINGS = REPO / "config" / "settings" / "production.py"
MISSING_MESSAGE = "variabel lingkungan wajib belum diisi"

# Only these are taken from the test runner's environment; everything the settings read
# (DEBUG, SECURE_*, DATABASE_URL, ...) is left out so the host cannot change the outcome.
_PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT")


def required_env_vars() -> tuple[str, ...]:
    """`REQUIRED` from the production settings, read from the source, not imported."""
    tree = ast.parse(PRODUCTION_SETTINGS.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "REQUIRED" for target in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError(f"{PRODUCTION_SETTINGS} defines no REQUIRED tuple")


REQUIRED = required_env_vars()


def base_env() -> dict[str, str]:
    env = {key: os.environ[key] for key in _PASSED_THROUGH if key in os.environ}
    for name in REQUIRED:
        env.pop(name, None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return env


def complete_env(**overrides: str) -> dict[str, str]:
    env = base_env()
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),  # 67 characters
        DATABASE_URL="postgres://u:p@localhost:5432/x",
        REDIS_URL="redis://localhost:6379/0",
        ALLOWED_HOSTS="alur.example.go.id",
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def import_production_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["-c", "import config.settings.production"], env)


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)


def closed_local_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_required_variables_are_the_four_secrets_and_addresses():
    assert set(REQUIRED) == {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}


@pytest.mark.parametrize("name", REQUIRED)
def test_import_fails_naming_the_variable_when_it_is_unset(name):
    if (REPO / ".env").exists():
        pytest.skip("config/settings/base.py reads the repository's .env, which may set it")
    env = complete_env()
    del env[name]
    result = import_production_settings(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{MISSING_MESSAGE}: {name}" in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize("name", REQUIRED)
def test_import_fails_naming_the_variable_when_it_is_blank(name):
    result = import_production_settings(complete_env(**{name: "  "}))
    assert result.returncode != 0
    assert f"{MISSING_MESSAGE}: {name}" in result.stderr, result.stderr[-2000:]


def test_import_names_every_missing_variable_at_once():
    if (REPO / ".env").exists():
        pytest.skip("config/settings/base.py reads the repository's .env, which may set them")
    result = import_production_settings(base_env())
    assert result.returncode != 0
    assert f"{MISSING_MESSAGE}: {', '.join(REQUIRED)}" in result.stderr, result.stderr[-2000:]


def test_import_succeeds_with_every_required_variable_set():
    result = import_production_settings(complete_env())
    assert result.returncode == 0, result.stderr[-4000:]


def test_check_deploy_passes_with_no_warning():
    result = check_deploy(complete_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "System check identified no issues" in result.stdout, output[-4000:]
    assert "WARNINGS:" not in output


def test_check_deploy_does_not_need_a_running_database():
    port = closed_local_port()
    with socket.socket() as probe:
        probe.settimeout(2)
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "something listens on the port"
    result = check_deploy(complete_env(DATABASE_URL=f"postgres://u:p@127.0.0.1:{port}/x"))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "OperationalError" not in output
