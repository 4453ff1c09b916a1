# Alur: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo lint format bench clean messages

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_sops
	$(PY) manage.py load_demo

run: demo
	scripts/run.sh

test: install
	scripts/test.sh $(ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# English translation: locale/en/LC_MESSAGES/django.po (msgid in Bahasa Indonesia). Needs
# GNU gettext; commit the compiled .mo too, since CI and users may not have gettext.
messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --ignore=var --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

bench: install
	$(PY) -m tests.bench

clean:
	rm -rf var/test* .pytest_cache
