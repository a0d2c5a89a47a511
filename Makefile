# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
CATALOGS := $(patsubst %.po,%.mo,$(wildcard conference/translations/*/LC_MESSAGES/*.po))

.PHONY: run test install install-test translations extract-messages lint clean

run: install translations
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	@echo "Serving on http://127.0.0.1:5000 (Ctrl+C to stop)"
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install-test translations
	$(BIN)/pytest $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps make a second run skip the install unless pyproject.toml changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Message catalogs are compiled here, not committed as binaries.
translations: $(CATALOGS)

conference/translations/%.mo: conference/translations/%.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# After changing user-facing text: refresh the template and the English catalog, then translate.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		-o conference/translations/messages.pot --width=100 .
	$(BIN)/pybabel update -i conference/translations/messages.pot -d conference/translations \
		-D messages --no-fuzzy-matching --ignore-obsolete --width=100

lint: install-test
	$(BIN)/ruff check conference tests bench
	$(BIN)/ruff format --check conference tests bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
	find conference/translations -name '*.mo' -delete
