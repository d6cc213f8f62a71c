# Two commands: `make lab` (set up, then open JupyterLab on the first lesson) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LAB_ARGS ?=
# JupyterLab refuses to run as root without this flag (containers, CI); never added for normal users.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
PYTEST_ARGS ?=

.PHONY: install lab test clean

install: $(STAMP)

# Reinstall only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@touch $(STAMP)

lab: $(STAMP)
	PATH="$(BIN):$$PATH" $(BIN)/jupyter lab notebooks/00_start.ipynb $(ROOT_FLAG) $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	PATH="$(BIN):$$PATH" $(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache gradebook.db submitted autograded feedback
