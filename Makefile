# Two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev messages translations demo lint format bench clean

$(PY):
	@$(PYTHON) scripts/make_venv.py $(VENV)

# Reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Czech for third-party strings (locale/cs), compiled with Django's
# compilemessages, which needs GNU gettext's msgfmt; again only when a .po
# file changes (so that two `make test` at once do not write the same file).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

messages: $(CATALOGUES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.installed
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	$(PY) manage.py compilemessages -l $* --ignore=.venv --ignore=node_modules -v0

# After changing a marked string: refresh the English and Ukrainian
# catalogues, then translate what is new (tests/portal/test_languages.py fails
# on any untranslated or fuzzy entry). The back office stays Czech, so its
# strings (admin, the editorial app, sign-in) and the open-data column
# names, which must not change with the language, are left out.
TRANSLATED := $(filter-out cs,$(notdir $(wildcard locale/*)))
translations: install
	$(PY) manage.py makemessages $(addprefix -l ,$(TRANSLATED)) --no-obsolete -v0 \
	  --ignore=.venv --ignore=node_modules --ignore=tests --ignore=var --ignore=scripts \
	  --ignore='*/migrations/*' --ignore='*/admin.py' --ignore='templates/admin/*' \
	  --ignore=editorial --ignore=portal/czech_admin.py --ignore=portal/editor.py \
	  --ignore='*/exports.py' --ignore='*/bulk.py' --ignore=portal/translation_admin.py \
	  --ignore=staffauth

demo: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_groups
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/

run: demo
	@echo "Portál běží na http://$(HOST):$(PORT)/ (správa webu: http://$(HOST):$(PORT)/admin/)"
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# axe-core for the browser tests, when npm is there (CI installs it).
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; else echo "npm chybí: testy v prohlížeči se nespustí"; fi

test: install-dev messages node_modules/.package-lock.json
	$(PY) -m pytest $(PYTEST_ARGS)

# Not part of `make test`: needs PostgreSQL on 127.0.0.1, wrk
# (installed when missing) and the shared floor, ../shared/bench/floor.py.
bench: install
	$(PY) scripts/bench.py

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache
