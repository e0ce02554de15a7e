"""Shared fixtures: the seed page, ../shared when present, page builders."""
from __future__ import annotations

from pathlib import Path

import pytest

from newskit.paths import PROJECT_ROOT, SAMPLE_PAGES

SHARED = PROJECT_ROOT.parent / "shared"
SEED_NAME = "000_ba2334b44991beed.txt"
SEED = SAMPLE_PAGES / SEED_NAME  # the sample corpus carries a byte-identical copy
SEED_CAPTURED_AT = "2025-06-02T19:40:00+09:00"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the checkout")

# A small page in the seed's layout, with the variations real pages show.
BOILERPLATE = (
    "Hashtags\n\nTry Our AI Features\nExplore what Daily8 AI can do for you:\n"
    "Comments\nNo comments yet...\nRelated Articles\n\n\n"
)


def page(main: str = "", items: list[str] | tuple = (), boilerplate: bool = True) -> str:
    """Assemble a page: main article text, boilerplate, related items."""
    parts = [main.strip("\n") + "\n"] if main else []
    if boilerplate:
        parts.append(BOILERPLATE)
    parts.append("\n\n\n".join(i.strip("\n") for i in items))
    return "".join(parts) + ("\n" if items else "")


def item(outlet: str, when: str, title: str, body: str | None = None) -> str:
    lines = [outlet, when, f"- {outlet}", title]
    if body is not None:
        lines.append(body)
    return "\n".join(lines)


MAIN = (
    "Japan and U.S. hold fifth round of tariff talks\n"
    "Japan's top negotiator held talks in Washington on Friday.\n"
    "Both sides said progress was made.\n"
    "(From The Yomiuri Shimbun, June 7, 2025)"
)


@pytest.fixture
def write(tmp_path):
    """write(name, text or bytes, encoding="utf-8") -> path of a file in tmp_path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return _write
