# Two commands: `make lab` (set up, then open JupyterLab on the first lesson) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The kit's JupyterLab settings overrides (no news or update pop-up), installed into the environment.
OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/alaloupe.json
LAB_ARGS ?=
# JupyterLab refuses to run as root without this flag (containers, CI); never added for normal users.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
PYTEST_ARGS ?=
# pytest workers (pytest-xdist): one per core by default.
JOBS ?= auto

.PHONY: install lab test test-fast site clean clean-grades

install: $(STAMP)

# Reinstall only when pyproject.toml or the settings overrides change.
$(STAMP): pyproject.toml $(wildcard jupyter/overrides.json)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@if [ -f jupyter/overrides.json ]; then mkdir -p $(dir $(OVERRIDES)) && cp jupyter/overrides.json $(OVERRIDES); fi
	@mkdir -p .exchange
	@touch $(STAMP)

lab: $(STAMP)
	PATH="$(BIN):$$PATH" $(BIN)/jupyter lab notebooks/00_start.ipynb $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	@if [ ! -d tests ]; then echo "This student copy has no test suite: check your work with 'alaloupe check NOTEBOOK'."; exit 0; fi
	$(BIN)/ruff check src tests bench
	PATH="$(BIN):$$PATH" $(BIN)/pytest -n $(JOBS) --dist loadgroup $(PYTEST_ARGS)

# The quick loop while editing: everything but the tests marked slow (notebooks, nbgrader, browser, environments).
test-fast: $(STAMP)
	PATH="$(BIN):$$PATH" $(BIN)/pytest -n $(JOBS) --dist loadgroup -m "not slow" $(PYTEST_ARGS)

# Offline HTML rendering of the executed lessons, in site/ (open site/index.html).
site: $(STAMP)
	PATH="$(BIN):$$PATH" $(BIN)/python -m alaloupe.website site

# Build products only. Grades and student work are never touched here: see clean-grades.
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache site

# Deletes the gradebook and every student's submission, autograded copy and feedback: asks first.
clean-grades:
	@echo "This deletes gradebook.db, submitted/, autograded/, feedback/ and grading/: every grade and submission."
	@read -r -p "Type DELETE to confirm: " answer && [ "$$answer" = DELETE ] || { echo "Nothing deleted."; exit 1; }
	rm -rf gradebook.db submitted autograded feedback grading
