#!/usr/bin/env bash
# `make test`: the whole suite. On SQLite the tests marked `postgres` (real parallel
# transactions) are deselected; the PostgreSQL leg of .ci/run runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
markers=()
if [[ "${DATABASE_URL:-sqlite}" != postgres* ]]; then
  markers=(-m "not postgres")
  echo "make test: database SQLite (tests marked 'postgres' run on the PostgreSQL leg)"
else
  markers=(-m "not sqlite")
  echo "make test: database PostgreSQL (${DATABASE_URL%%@*}@...)"
fi
exec .venv/bin/pytest "${markers[@]}" "$@"
