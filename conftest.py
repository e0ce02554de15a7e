"""Root pytest configuration: paths that must not depend on where pytest starts.

The notebooks are tests: with the nbval plugin loaded, ``pytest`` runs them
against their stored outputs in this environment's kernel (``--nbval
--nbval-current-env``, set here rather than in ``addopts`` so that
``pytest -p no:nbval`` runs the unit tests and doctests alone, and
``--nbval-lax`` or ``--nbval-kernel-name`` still choose otherwise).
"""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    manager = config.pluginmanager
    if not manager.hasplugin("nbval"):
        if not manager.is_blocked("nbval"):
            raise pytest.UsageError("nbval is not installed, so the notebooks would not be tested: "
                                    "pip install -r requirements.txt (or pass -p no:nbval to skip them)")
        return
    option = config.option
    if not (option.nbval or option.nbval_lax):
        option.nbval = True
    if not (option.current_env or option.nbval_kernel_name):
        option.nbval_current_env = True
    # nbval resolves --nbval-sanitize-with against the start folder: give it an absolute path.
    sanitize = ROOT / "tests" / "nbval_sanitize.cfg"
    if sanitize.exists() and not (option.nbval_sanitize_with or option.sanitize_with):
        option.nbval_sanitize_with = str(sanitize)
