# Wijkwerk: `make run` starts the app, `make test` runs every check. Only Python >= 3.11 needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run test db static css setup lint bench loadtest backup restore-drill db-stop clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Migrate and load the reference data (idempotent); starts the embedded PostgreSQL if needed.
db: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py laad_referentiedata
	$(BIN)/python manage.py laad_budget

# Hashed, gzipped copies in staticfiles/ that the pages link (whitenoise serves them).
static: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

# Rewrite static/vendor/nlds/nlds.css after a template starts using another NL DS component.
css: install
	$(BIN)/python tools/nlds/css_subset.py

# Users' view of the app: the project's own Dutch error pages (DEBUG=true make run gives the
# technical ones); links in mail point at the port that is served. The demo accounts skip the
# second login step (TWEESTAPS_DEMO_OVERSLAAN=false make run asks them too).
run: db static
	$(BIN)/python manage.py laad_demo --force
	@echo ""
	@echo "Wijkwerk draait op http://127.0.0.1:$(PORT)/  (stoppen: Ctrl+C)"
	@echo "Demo-logins: beheerder, regisseur-a..regisseur-d, paalvast, vandriel, terlaak, groeneloper"
	@echo "Wachtwoord: $${DEMO_PASSWORD:-wijkwerk-demo}"
	DEBUG=$${DEBUG:-false} PUBLIEKE_URL=$${PUBLIEKE_URL:-http://127.0.0.1:$(PORT)} \
		TWEESTAPS_DEMO_OVERSLAAN=$${TWEESTAPS_DEMO_OVERSLAAN:-true} \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

# On its own database (a million signals), never the development one.
bench: install static
	PGSERVER_DATABASE=$${PGSERVER_DATABASE:-wijkwerk_bench} $(BIN)/python manage.py bench

# Mixed traffic of the four roles with PostgreSQL stopped and restarted halfway; on the
# benchmark database, as bench (it stops that server, never the development one).
loadtest: install static
	PGSERVER_DATABASE=$${PGSERVER_DATABASE:-wijkwerk_bench} $(BIN)/python manage.py loadtest

backup: install
	$(BIN)/python manage.py backup

restore-drill: install
	$(BIN)/python manage.py restore_drill

db-stop: install
	$(BIN)/python -c "from pathlib import Path; from wijkwerk.embedded_db import stop; stop(Path('.pgdata'))"

clean: db-stop
	rm -rf $(VENV) .pgdata
