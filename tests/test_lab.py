"""A notebook runs in JupyterLab, headless, and its plotly charts render there."""
from __future__ import annotations

import json
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from newskit.paths import DATA_DIR, NOTEBOOKS_DIR

from .browser import Traffic, chromium, needs_chromium, new_page

NOTEBOOK = "01_corpus_overview.ipynb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on a loopback port, serving a copy of the notebooks and data."""
    shutil.copytree(NOTEBOOKS_DIR, tmp_path / "notebooks")
    shutil.copytree(DATA_DIR, tmp_path / "data")
    port, token = _free_port(), secrets.token_hex(16)
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path / 'notebooks'}", "--allow-root",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=", "--ServerApp.open_browser=False"],
        stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as r:
                    json.load(r)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start:\n{(tmp_path / 'lab.log').read_text()}") from None
                time.sleep(0.3)
        yield url, token, tmp_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@needs_chromium
def test_notebook_runs_and_charts_render_in_jupyterlab(lab):
    url, token, root = lab
    figures = sum(
        1 for c in json.loads((root / "notebooks" / NOTEBOOK).read_text())["cells"] if c["cell_type"] == "code"
        for o in c["outputs"] if "application/vnd.plotly.v1+json" in o.get("data", {})
    )
    traffic = Traffic()
    with chromium() as browser:
        page = new_page(browser, traffic)
        page.goto(f"{url}/lab/tree/{NOTEBOOK}?token={token}")
        page.wait_for_function("() => window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=90_000)
        page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel"
            " && w.sessionContext.session.kernel.status === 'idle'; }",
            timeout=90_000,
        )
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        page.wait_for_function("() => document.querySelectorAll('.jp-Notebook svg.main-svg').length === 0", timeout=30_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        # every figure drawn by the jupyterlab-plotly renderer that ships with plotly
        page.wait_for_function(
            f"() => document.querySelectorAll('.jp-Notebook .js-plotly-plot').length === {figures}"
            " && [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')].every(d => d.querySelector('svg.main-svg'))",
            timeout=120_000,
        )
        errors = page.eval_on_selector_all(".jp-Notebook .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", "es => es.map(e => e.textContent)")
        counts = page.eval_on_selector_all(".jp-Notebook .jp-InputArea-prompt", "ps => ps.map(p => p.textContent.trim())")
    assert figures >= 2
    assert not any("Error" in e for e in errors), errors
    assert "[ ]:" not in counts and "[*]:" not in counts, counts  # every cell ran
    assert traffic.blocked == [], f"requests left the machine: {traffic.blocked}"
