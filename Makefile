# The two commands of the README: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format browser stop demo-data bench clean lock

# Installs the exact versions of requirements.lock (compiled from pyproject.toml by `make lock`), so every
# machine, CI and the image run what was tested.
$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

# Run the product with sample data: embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set.
run: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py setup_demo
	@DEBUG=$${DEBUG:-1} bash scripts/serve.sh $(HOST) $(PORT)

# Every test: lint, format, types of the pure packages, migrations that match the models, and the whole suite
# (with a real Celery worker, Redis, PostgreSQL and Chromium).
test: install browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=$${SECRET_KEY:-test-only-secret-key} $(VENV)/bin/pytest $(PYTEST_ARGS)

# Headless Chromium from Debian's packages for the browser tests (Playwright drives it; no browser download),
# and poppler's pdftoppm, which turns the printed highlight report into images.
browser:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "The browser tests need Debian's packages:$$missing (sudo apt-get install$$missing)."; exit 1; \
	  fi; \
	fi

# After changing pyproject.toml's dependencies: pin them (and theirs) again.
lock: install
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock pyproject.toml

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Stop the embedded PostgreSQL and Redis (they keep running between commands so that starts are quick).
stop: install
	$(PY) -c "from config import embedded; embedded.stop_redis(); embedded.stop_postgres()"

clean: stop
	rm -rf .local
