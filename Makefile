# newskit: two commands on a fresh machine — `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= data/pages
CAPTURES ?= data/captured_at.csv

.PHONY: venv report notebooks test browser lab bench clean-venv

# The environment: created when missing, reinstalled when requirements change.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newskit needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

venv: $(STAMP)

# The main job: every notebook executed on the corpus and exported to
# self-contained HTML in reports/ (plotly.js embedded; opens offline).
report: $(STAMP)
	$(BIN)/newskit report --corpus $(CORPUS) --captured-at $(CAPTURES) --out reports
	@$(BIN)/newskit summary $(CORPUS) --captured-at $(CAPTURES) 2>/dev/null

# Re-execute the committed notebooks in place (after editing them); nbval
# compares against these outputs.
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --log-level=WARN --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False notebooks/*.ipynb

# Unit tests, doctests (newskit/), the notebooks under nbval, and the
# browser checks of reports and JupyterLab (Debian's chromium; see `browser`).
test: $(STAMP) browser
	$(BIN)/python -m pytest

# Debian's chromium for the browser tests, installed when missing (as root,
# as CI runs; otherwise those tests skip and say how to install it).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: sudo apt-get install chromium (the browser tests will skip)"; fi; }

# JupyterLab on notebooks/ (plotly charts render through the jupyterlab-plotly
# extension that ships with plotly).
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP)
	$(BIN)/python -m benchmarks.load

clean-venv:
	rm -rf $(VENV)
