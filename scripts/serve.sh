#!/usr/bin/env bash
# Start a real Celery worker beside the development web server, and stop it when the server stops.
set -euo pipefail
HOST="${1:-127.0.0.1}"
PORT="${2:-8000}"
VENV="${VENV:-.venv}"

# -B: beat, for the sweep that queues again what a restart interrupted (ops.recovery).
mkdir -p .local
"$VENV/bin/celery" -A config worker -B --loglevel=INFO --concurrency=2 &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true' EXIT INT TERM

echo
echo "Judgement Tracker is starting on http://$HOST:$PORT/"
"$VENV/bin/python" manage.py demo_login
echo
"$VENV/bin/python" manage.py runserver "$HOST:$PORT" --noreload
