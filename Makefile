# GroupSpace: `make run` serves the app with demo data; `make test` runs every test.
# Both set up what they need (a virtualenv in .venv, packages, the database) on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The real services used by the second half of `make test` (and by CI).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/groupspace
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: crisis-model run test test-embedded test-services lint format browser test-tools screenshots sizes install install-dev bench clean messages gettext

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "GroupSpace is at http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	@# The periodic tick runs beside the server and stops with it.
	$(BIN)/python manage.py tick --every 30 > /dev/null & tick=$$!; \
		trap 'kill $$tick 2>/dev/null' EXIT INT TERM; \
		$(BIN)/daphne -b $(HOST) -p $(PORT) groupspace.asgi:application

test: install-dev browser test-tools lint test-embedded test-services

# The whole suite on the embedded default: SQLite and the in-memory channel layer.
test-embedded: install-dev test-tools
	$(BIN)/python -m pytest

# The room and cross-process tests again on PostgreSQL and Redis. Skipped with a warning on a
# machine without them, except in CI, where missing services fail the run.
test-services: install-dev
	@if $(BIN)/python scripts/services_up.py "$(TEST_DATABASE_URL)" "$(TEST_REDIS_URL)"; then \
		DATABASE_URL="$(TEST_DATABASE_URL)" REDIS_URL="$(TEST_REDIS_URL)" \
		CHANNEL_LAYER_PREFIX="gs-test-$$$$" $(BIN)/python -m pytest -m services_suite; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL or Redis is not reachable and CI is set: failing." >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL or Redis not reachable; skipped the services half of the suite." >&2; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r groupspace checkins sessions_app -x '*/migrations/*' --severity-level medium

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Translations. `make messages` gathers every string to translate (Python and templates, then
# the pages' JavaScript) into locale/<lang>/LC_MESSAGES/*.po and compiles them to .mo. Both are
# committed, so running the app or the tests never needs GNU gettext; this target does.
TRANSLATED := es
MESSAGE_IGNORES := --ignore=.venv --ignore=staticfiles --ignore=node_modules --ignore=tests \
	--ignore=bench --ignore=docs
messages: install-dev gettext
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(TRANSLATED)) -d django \
		--no-obsolete --add-location=file $(MESSAGE_IGNORES)
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(TRANSLATED)) -d djangojs \
		--no-obsolete --add-location=file $(MESSAGE_IGNORES)
	$(BIN)/python manage.py compilemessages $(addprefix -l ,$(TRANSLATED)) $(MESSAGE_IGNORES)

# GNU gettext (msgfmt, xgettext) from Debian, where missing.
gettext:
	@command -v msgfmt > /dev/null || { apt-get update -qq && apt-get install -y -qq gettext; }

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@test -x /usr/bin/chromium || scripts/install-chromium.sh

# axe-core and the Nu HTML Checker for the browser tests, as pinned in package-lock.json; `npm ci`
# runs again only when package.json or the lock changes. --ignore-scripts: vnu-jar's postinstall
# would download a Java runtime from GitHub; Debian's is used instead (installed when missing).
test-tools: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || scripts/install-test-tools.sh
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The README's phone screenshots (docs/screenshots/*.png), from tests/browser/test_screenshots.py.
screenshots: install-dev browser test-tools
	@fc-list 2>/dev/null | grep -qi "color emoji" || echo "note: no colour emoji font (Debian: fonts-noto-color-emoji); emoji will show as boxes"
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_screenshots.py

# The room page's own JavaScript and CSS, raw and gzipped, into the README's table; fails over
# the JavaScript budget.
sizes:
	$(PYTHON) scripts/asset_sizes.py --check --readme

# The crisis detector's learned second opinion, rebuilt from the labelled phrases in
# tests/moderation/ (groupspace/moderation/crisis_model.json; deterministic: commit the result).
crisis-model: install-dev
	$(BIN)/python scripts/build_crisis_model.py

# The load benchmark: GroupSpace against a bare Channels baseline in the same run, on this
# machine's PostgreSQL and a Redis of the run's own (bench/README.md). A few minutes by default;
# knobs as BENCH_* variables or flags, e.g. `make bench BENCH_ARGS="--mode max --layer both"`.
bench: install-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Not in CI: 10 minutes of steady traffic and reconnect churn; memory growth and any loss.
.PHONY: soak
soak: install-dev
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

install: $(BIN)/.installed
install-dev: $(BIN)/.installed-dev

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles node_modules
