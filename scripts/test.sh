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
# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium="${ALUR_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "make test: installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "make test: $chromium is missing: install Debian's 'chromium' package to run the" \
      "browser tests (deselected now)"
    if [[ ${#markers[@]} -gt 0 ]]; then
      markers=(-m "${markers[1]} and not browser")
    else
      markers=(-m "not browser")
    fi
  fi
fi
exec .venv/bin/pytest "${markers[@]}" "$@"
