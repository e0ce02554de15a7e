# newskit: two commands on a fresh machine — `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= data/pages
CAPTURES ?= data/captured_at.csv

.PHONY: venv report test lab bench clean-venv

# The environment: created when missing, reinstalled when requirements change.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newskit needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

# The main job: execute the notebooks on the sample corpus, print its summary.
report: $(STAMP)
	$(BIN)/jupyter nbconvert --log-level=WARN --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False notebooks/*.ipynb
	$(BIN)/newskit summary $(CORPUS) --captured-at $(CAPTURES)

# Unit tests, doctests (newskit/) and the notebooks under nbval (see pyproject.toml).
test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python -m benchmarks.load

clean-venv:
	rm -rf $(VENV)
