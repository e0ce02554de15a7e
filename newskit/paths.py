"""Paths in one place: the project root and the folders built from it."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_PAGES = DATA_DIR / "pages"
SAMPLE_CAPTURES = DATA_DIR / "captured_at.csv"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
