"""Root pytest configuration: paths that must not depend on where pytest starts."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    # nbval resolves --nbval-sanitize-with against the start folder: give it an absolute path.
    sanitize = ROOT / "tests" / "nbval_sanitize.cfg"
    if hasattr(config.option, "sanitize_with") and sanitize.exists():
        config.option.sanitize_with = str(sanitize)
