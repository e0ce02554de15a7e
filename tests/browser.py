"""Headless Chromium (Debian's) driven by Playwright, with the network closed.

Only file:, data:, blob: and loopback URLs may load; every other request is
aborted and recorded, so a test can assert that nothing left the machine.
"""
from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (`make test` installs Debian's chromium with apt-get)"
)
# Flags for a closed network (see ../shared/NOTEBOOKS.md): without the
# background-networking ones Chromium keeps trying Google's hosts.
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]
LOCAL = ("file:", "data:", "blob:", "about:", "http://127.0.0.1", "ws://127.0.0.1")


@dataclass
class Traffic:
    local: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@contextmanager
def chromium():
    """A Playwright browser on Debian's chromium (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, traffic: Traffic):
    context = browser.new_context()

    def route(r):
        url = r.request.url
        if url.startswith(LOCAL):
            traffic.local.append(url)
            r.continue_()
        else:
            traffic.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("websocket", lambda ws: (traffic.local if ws.url.startswith(LOCAL) else traffic.blocked).append(ws.url))
    return page
