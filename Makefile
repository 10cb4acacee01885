# Two commands do everything: `make run` opens the reader, `make test` runs the tests.
# Both create .venv/ at the repo root on first use and install the pinned versions.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test bench install clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reader $(ARGS)

test: $(STAMP)
	$(PY) -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/analysis_bench.py
	$(PY) bench/quote_quality.py
	$(PY) bench/store_bench.py
	$(PY) bench/ui_bench.py
	$(PY) bench/article_bench.py

clean:
	rm -rf $(VENV)
