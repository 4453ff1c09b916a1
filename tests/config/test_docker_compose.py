"""docker/compose.yaml, docker/Dockerfile and the docker/start-* scripts agree with each
other and with config/settings/production.py.

Nothing here needs Docker: the files are read and cross-checked. Compose's `${VAR...}`
interpolation is simulated by giving every referenced variable a fixed test value."""

import ast
import os
import re
import shlex
import subprocess
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DOCKER_DIR = REPO / "docker"
COMPOSE_FILE = DOCKER_DIR / "compose.yaml"
DOCKERFILE = DOCKER_DIR / "Dockerfile"
PRODUCTION_SETTINGS = REPO / "config" / "settings" / "production.py"

BACKING_SERVICES = ("postgres", "redis")
APP_SERVICES = ("web", "worker", "beat")

# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $NAME
_INTERPOLATION = re.compile(
    r"\$\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:[:]?[-?][^}]*)?\}|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
)


def interpolate(value):
    """Compose interpolation with every variable set to `test-<name>` (URL-safe)."""
    if not isinstance(value, str):
        return value
    parts = value.split("$$")  # `$$` is a literal dollar sign
    return "$".join(
        _INTERPOLATION.sub(
            lambda m: "test-" + (m["braced"] or m["bare"]).lower().replace("_", "-"), part
        )
        for part in parts
    )


def required_env_vars() -> tuple[str, ...]:
    """`REQUIRED` from the production settings, read from the source: importing the module
    raises ImproperlyConfigured unless the environment already holds every variable."""
    tree = ast.parse(PRODUCTION_SETTINGS.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "REQUIRED" for target in node.targets
        ):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError(f"{PRODUCTION_SETTINGS} defines no REQUIRED tuple")


def load_compose() -> dict:
    with COMPOSE_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def services() -> dict:
    return load_compose()["services"]


def environment(service: dict) -> dict[str, str]:
    """A service's `environment`, in either compose form (mapping or KEY=VALUE list),
    interpolated. A bare `KEY` in list form, or a null value, passes the variable through
    from the host: it counts as unset here."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {key: interpolate(str(value)) for key, value in env.items() if value is not None}


def as_argv(value) -> list[str]:
    if value is None:
        return []
    return shlex.split(value) if isinstance(value, str) else [str(part) for part in value]


def depends_on(service: dict) -> dict[str, dict]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: {"condition": "service_started"} for name in deps}
    return {name: (spec or {"condition": "service_started"}) for name, spec in deps.items()}


# --- Dockerfile --------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with comments dropped and continuations joined."""
    instructions, current = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if current and line.startswith("#"):
            continue  # a comment inside a continued instruction
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    assert not current, "the Dockerfile ends inside a line continuation"
    return instructions


def dockerfile_stages() -> list[dict]:
    """Each build stage: its name (or None) and its instructions after FROM."""
    stages = []
    for keyword, args in dockerfile_instructions():
        if keyword == "FROM":
            words = args.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append({"name": name, "instructions": []})
        elif stages:
            stages[-1]["instructions"].append((keyword, args))
    assert stages, "the Dockerfile has no FROM"
    return stages


def copy_parts(args: str) -> tuple[dict[str, str], list[str], str]:
    """COPY flags (--from=..., --chown=...), sources and destination."""
    words = shlex.split(args)
    flags = dict(word[2:].split("=", 1) for word in words if word.startswith("--"))
    paths = [word for word in words if not word.startswith("--")]
    return flags, paths[:-1], paths[-1]


def final_stage_workdir() -> PurePosixPath:
    workdir = PurePosixPath("/")
    for keyword, args in dockerfile_stages()[-1]["instructions"]:
        if keyword == "WORKDIR":
            workdir = workdir / args
    return workdir


def image_path_of_repo_root() -> PurePosixPath:
    """Where the final image holds the build context (the repository): a `COPY . <dir>`
    in the final stage, or a `COPY --from=<stage> <dir>` of a stage that copied `.` there.
    """
    stages = dockerfile_stages()
    context_copies = {}  # stage name -> directory the context was copied to
    for stage in stages[:-1]:
        for keyword, args in stage["instructions"]:
            if keyword == "COPY":
                flags, sources, dest = copy_parts(args)
                if "from" not in flags and sources in (["."], ["./"]):
                    context_copies[stage["name"]] = PurePosixPath(dest)
    workdir = final_stage_workdir()
    for keyword, args in stages[-1]["instructions"]:
        if keyword != "COPY":
            continue
        flags, sources, dest = copy_parts(args)
        if "from" not in flags and sources in (["."], ["./"]):
            return workdir / dest
        copied_stage_dir = context_copies.get(flags.get("from"))
        if copied_stage_dir and [PurePosixPath(s) for s in sources] == [copied_stage_dir]:
            return workdir / dest
    raise AssertionError("the final image stage does not copy the repository (the context)")


def start_script_of(service: dict) -> Path:
    """The repository file behind the start script a service runs (entrypoint or command)."""
    argv = as_argv(service.get("entrypoint")) + as_argv(service.get("command"))
    assert argv, "no entrypoint or command"
    app_dir = image_path_of_repo_root()
    for word in argv:
        path = PurePosixPath(word)
        if path.name.startswith("start-"):
            if not path.is_absolute():
                path = final_stage_workdir() / path
            assert path.is_relative_to(app_dir), f"{path} is not in the repo copy {app_dir}"
            return REPO.joinpath(*path.relative_to(app_dir).parts)
    raise AssertionError(f"{argv} runs no docker/start-* script")


# --- compose: services and dependencies ------------------------------------------------


def test_compose_defines_postgres_redis_web_worker_and_beat():
    assert set(BACKING_SERVICES + APP_SERVICES) <= set(services())


def test_postgres_is_version_16_and_redis_version_7():
    assert services()["postgres"]["image"].split(":")[1].startswith("16")
    assert services()["redis"]["image"].split(":")[1].startswith("7")


def test_backing_services_have_healthchecks():
    for name in BACKING_SERVICES:
        test = services()[name]["healthcheck"]["test"]
        assert test, name
    assert "pg_isready" in " ".join(as_argv(services()["postgres"]["healthcheck"]["test"]))
    assert "ping" in as_argv(services()["redis"]["healthcheck"]["test"])


def test_backing_services_keep_their_data_in_named_volumes():
    declared = set(load_compose().get("volumes") or {})
    for name in BACKING_SERVICES:
        volumes = services()[name].get("volumes") or []
        assert any(str(v).split(":")[0] in declared for v in volumes), name


def test_every_depends_on_names_an_existing_service():
    all_services = services()
    for name, service in all_services.items():
        for dependency in depends_on(service):
            assert dependency in all_services, f"{name} depends on unknown {dependency}"


def test_app_services_wait_for_healthy_postgres_and_redis():
    for name in APP_SERVICES:
        deps = depends_on(services()[name])
        # beat only talks to Redis; it reaches the database through web's health.
        needed = ("redis",) if name == "beat" else BACKING_SERVICES
        for backing in needed:
            assert deps[backing]["condition"] == "service_healthy", (name, backing)


def test_worker_and_beat_wait_for_web_to_be_healthy_so_migrations_ran():
    assert "healthcheck" in services()["web"]
    for name in ("worker", "beat"):
        assert depends_on(services()[name])["web"]["condition"] == "service_healthy", name


def test_every_named_volume_a_service_mounts_is_declared():
    declared = set(load_compose().get("volumes") or {})
    for name, service in services().items():
        for volume in service.get("volumes") or []:
            source = volume["source"] if isinstance(volume, dict) else str(volume).split(":")[0]
            if source.startswith((".", "/", "~")):
                continue  # bind mount
            assert source in declared, f"{name} mounts undeclared volume {source}"


# --- compose: the app image ---------------------------------------------------------------


def test_app_services_build_one_image_from_docker_dockerfile_with_the_repo_as_context():
    images = set()
    for name in APP_SERVICES:
        service = services()[name]
        build = service["build"]
        build = {"context": build} if isinstance(build, str) else build
        context = (DOCKER_DIR / build["context"]).resolve()
        assert context == REPO, name
        assert (context / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE, name
        images.add(service.get("image"))
    assert len(images) == 1
    assert None not in images


def test_every_app_service_command_is_an_executable_start_script_in_docker_dir():
    for name in APP_SERVICES:
        script = start_script_of(services()[name])
        assert script.parent == DOCKER_DIR, (name, script)
        assert script.name == f"start-{name}", (name, script)
        assert script.is_file(), (name, script)
        assert os.access(script, os.X_OK), f"{script} is not executable"


def test_web_publishes_the_port_gunicorn_binds_and_the_image_exposes():
    ports = [interpolate(str(p)) for p in services()["web"]["ports"]]
    assert any(p.rsplit(":", 1)[-1].split("/")[0] == "8000" for p in ports), ports
    assert "--bind 0.0.0.0:8000" in (DOCKER_DIR / "start-web").read_text(encoding="utf-8")
    exposed = [a for k, a in dockerfile_stages()[-1]["instructions"] if k == "EXPOSE"]
    assert any("8000" in a.split() for a in exposed), exposed


# --- compose: environment ----------------------------------------------------------------


def test_production_settings_declare_the_required_variables():
    assert set(required_env_vars()) == {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}


def test_every_app_service_gets_every_required_env_var():
    for name in APP_SERVICES:
        env = environment(services()[name])
        for var in required_env_vars():
            assert env.get(var, "").strip(), f"{name} does not set {var}"


def test_every_app_service_uses_the_production_settings():
    for name in APP_SERVICES:
        env = environment(services()[name])
        assert env.get("DJANGO_SETTINGS_MODULE") == "config.settings.production", name


def test_database_url_points_at_the_postgres_service_and_its_credentials():
    postgres_env = environment(services()["postgres"])
    for name in APP_SERVICES:
        url = urlsplit(environment(services()[name])["DATABASE_URL"])
        assert url.scheme in ("postgres", "postgresql", "pgsql"), name
        assert url.hostname == "postgres", name
        assert (url.port or 5432) == 5432, name
        assert url.username == postgres_env["POSTGRES_USER"], name
        assert url.password == postgres_env["POSTGRES_PASSWORD"], name
        assert url.path.lstrip("/") == postgres_env["POSTGRES_DB"], name


def test_redis_url_points_at_the_redis_service():
    for name in APP_SERVICES:
        url = urlsplit(environment(services()[name])["REDIS_URL"])
        assert url.scheme == "redis", name
        assert url.hostname == "redis", name
        assert (url.port or 6379) == 6379, name


# --- Dockerfile -----------------------------------------------------------------------------


def test_dockerfile_is_based_on_python_311_slim():
    args = [a for k, a in dockerfile_instructions() if k in ("FROM", "ARG")]
    assert any("python:3.11-slim" in a for a in args)


def test_dockerfile_copies_the_repository_with_the_start_scripts_into_the_app_dir():
    app_dir = image_path_of_repo_root()
    assert app_dir == final_stage_workdir() == PurePosixPath("/app")
    pruning = " ".join(
        a for stage in dockerfile_stages() for k, a in stage["instructions"] if k == "RUN"
    )
    assert not re.search(r"\brm\b[^&;]*/docker\b", pruning), "the build drops docker/"


def test_dockerfile_installs_the_project_from_pyproject():
    runs = [a for k, a in dockerfile_stages()[-1]["instructions"] if k == "RUN"]
    assert any(re.search(r"\bpip install (--\S+ )*\.(\s|$)", run) for run in runs), runs


def test_image_runs_as_a_non_root_user():
    users = [a for k, a in dockerfile_stages()[-1]["instructions"] if k == "USER"]
    assert users, "no USER instruction"
    assert users[-1].split(":")[0] not in ("root", "0")


def test_collectstatic_runs_at_build_time_with_a_build_only_environment():
    final = dockerfile_stages()[-1]["instructions"]
    runs = [a for k, a in final if k == "RUN" and "collectstatic" in a]
    assert len(runs) == 1
    for var in required_env_vars():
        assert re.search(rf"(^|\s){var}=\S", runs[0]), f"collectstatic RUN does not set {var}"
    # ...and none of them leaks into the image's environment or build arguments.
    persistent = " ".join(a for k, a in dockerfile_instructions() if k in ("ENV", "ARG"))
    for var in required_env_vars():
        assert not re.search(rf"\b{var}\b", persistent), f"{var} is baked into the image"


# --- start scripts -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", APP_SERVICES)
def test_start_script_is_strict_bash_that_execs_its_process(name):
    script = DOCKER_DIR / f"start-{name}"
    lines = [ln.strip() for ln in script.read_text(encoding="utf-8").splitlines()]
    assert lines[0] in ("#!/usr/bin/env bash", "#!/bin/bash")
    assert "set -euo pipefail" in lines
    code = [ln for ln in lines if ln and not ln.startswith("#")]
    last_command = next(ln for ln in reversed(code) if not ln.startswith("--"))
    assert last_command.startswith("exec "), last_command
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("web", "exec gunicorn config.wsgi:application"),
        ("worker", "exec celery -A config worker"),
        ("beat", "exec celery -A config beat"),
    ],
)
def test_start_script_runs_the_right_process(name, command):
    assert command in (DOCKER_DIR / f"start-{name}").read_text(encoding="utf-8")


def test_only_web_runs_migrations():
    for name in APP_SERVICES:
        text = (DOCKER_DIR / f"start-{name}").read_text(encoding="utf-8")
        runs_migrate = bool(re.search(r"manage\.py migrate\b", text))
        assert runs_migrate == (name == "web"), name
    assert "migrate" not in services(), "a migrate service and start-web would both migrate"


def test_beat_keeps_its_schedule_under_a_directory_the_image_makes_writable():
    text = (DOCKER_DIR / "start-beat").read_text(encoding="utf-8")
    assert "--schedule" in text
    default = re.search(r"CELERY_BEAT_SCHEDULE:-\$PWD/(\S+?)/[^/\s\"}]+\}", text)
    assert default, "no default schedule path under the app dir"
    writable = default[1]
    chowns = [a for k, a in dockerfile_stages()[-1]["instructions"] if k == "RUN" and "chown" in a]
    top = writable.split("/")[0]
    assert any(re.search(rf"chown\s+(-R\s+)?\S+\s+(.*\s)?{top}(\s|$)", a) for a in chowns)
