"""Rendered reports: every notebook executed on a corpus, exported to HTML.

Each report is one self-contained HTML file: plotly.js is embedded once per
file (the ``notebook`` renderer at export; the default ``plotly_mimetype``
renderer gives no chart in exported HTML, and the ``*_connected`` renderers
load plotly.js from a CDN that offline readers cannot reach). An
``index.html`` links them with the corpus summary. The committed notebooks
are not modified: they run from a temporary copy through papermill, which
injects the corpus into each notebook's ``parameters`` cell.

Reports are deterministic: plotly's per-figure random div ids are renumbered
in order of appearance, so the same corpus gives the same bytes.
"""
from __future__ import annotations

import html
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newskit.load import capture_times, load_articles
from newskit.paths import NOTEBOOKS_DIR, PROJECT_ROOT

# plotly_mimetype keeps the figure JSON (for JupyterLab); notebook adds the
# HTML + embedded plotly.js that nbconvert keeps. See ../shared/NOTEBOOKS.md.
EXPORT_RENDERER = "plotly_mimetype+notebook"
TEMPLATES = Path(__file__).resolve().parent / "templates"
_REMOTE_SCRIPT = re.compile(r"<script\s+src=\"https?://[^\"]*\"[^>]*>\s*</script>", re.IGNORECASE)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class ReportError(Exception):
    """A report could not be built; the message says why, in the user's terms."""


@dataclass
class NotebookReport:
    name: str
    html: Path
    seconds: float
    bytes: int
    figures: int


@dataclass
class Report:
    index: Path
    notebooks: list[NotebookReport] = field(default_factory=list)
    seconds: float = 0.0


def build_report(
    corpus: str | os.PathLike = PROJECT_ROOT / "data" / "pages",
    *,
    captured_at: object = None,
    out: str | os.PathLike = PROJECT_ROOT / "reports",
    notebooks: list[Path] | None = None,
    log=print,
) -> Report:
    """Execute every notebook on ``corpus`` and export each to self-contained HTML.

    Args:
        corpus: files, folder or glob of saved pages (as ``load_articles``).
        captured_at: as ``load_articles``, or a CSV path of capture times.
        out: folder for the HTML files and ``index.html`` (created).
        notebooks: the notebooks to run; default every ``notebooks/*.ipynb``.
        log: where progress lines go (one per notebook).

    Returns:
        The index path and, per notebook, its HTML path, time, size and figure count.

    Raises:
        ReportError: the corpus does not load, or a notebook fails; the message
            names the notebook and the error, not a kernel traceback.
    """
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    start = time.perf_counter()
    corpus_arg = _absolute(corpus)
    captures = _absolute(captured_at) if isinstance(captured_at, str | os.PathLike) and Path(captured_at).is_file() else captured_at
    try:
        articles = load_articles(corpus_arg, captured_at=capture_times(captures))
    except ValueError as exc:
        raise ReportError(f"the corpus does not load: {exc}") from None
    paths = sorted(notebooks) if notebooks is not None else sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    if not paths:
        raise ReportError(f"no notebooks in {NOTEBOOKS_DIR}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(
        template_name="newskit_report", extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    report = Report(index=out / "index.html")
    env_before = os.environ.get("PLOTLY_RENDERER")
    os.environ["PLOTLY_RENDERER"] = EXPORT_RENDERER  # the kernel inherits it
    try:
        with tempfile.TemporaryDirectory(prefix="newskit-report-") as tmp:
            for i, nb_path in enumerate(paths, start=1):
                t0 = time.perf_counter()
                executed = Path(tmp) / nb_path.name
                try:
                    papermill.execute_notebook(
                        str(nb_path), str(executed), cwd=str(nb_path.parent), kernel_name="python3",
                        parameters={"CORPUS": corpus_arg, "CAPTURES": captures if isinstance(captures, str) else None},
                        progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                    )
                except papermill.PapermillExecutionError as exc:
                    raise ReportError(
                        f"{nb_path.name} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
                    ) from None
                nb = nbformat.read(executed, as_version=4)
                for cell in nb.cells:  # papermill gives its cell a random id
                    if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                        cell["id"] = "injected-parameters"
                body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": _title(nb, nb_path)}})
                body = _renumber_ids(_offline(body))
                target = out / (nb_path.stem + ".html")
                target.write_text(body, encoding="utf-8")
                entry = NotebookReport(nb_path.stem, target, time.perf_counter() - t0, target.stat().st_size, _figures(nb))
                report.notebooks.append(entry)
                log(f"[{i}/{len(paths)}] {entry.name}: {entry.seconds:.1f} s, {entry.bytes / 1e6:.1f} MB, {entry.figures} figures -> {target}")
    finally:
        if env_before is None:
            os.environ.pop("PLOTLY_RENDERER", None)
        else:
            os.environ["PLOTLY_RENDERER"] = env_before
    report.index.write_text(_index_html(articles, report, corpus_arg), encoding="utf-8")
    report.seconds = time.perf_counter() - start
    return report


def _absolute(value):
    if isinstance(value, str | os.PathLike):
        p = Path(value)
        if p.exists():
            return str(p.resolve())
    return value if not isinstance(value, os.PathLike) else str(value)


def _title(nb, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return path.stem


def _figures(nb) -> int:
    return sum(
        1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    )


def _offline(body: str) -> str:
    """Drop scripts fetched from the network.

    plotly's notebook renderer adds MathJax from a CDN before every figure
    (``include_mathjax="cdn"`` is fixed in plotly 7); the reports use no
    LaTeX, and offline readers could not fetch it anyway.
    """
    return _REMOTE_SCRIPT.sub("", body)


def _renumber_ids(body: str) -> str:
    """Replace plotly's random div ids (uuid4) by ids numbered in order of appearance."""
    seen: dict[str, str] = {}

    def sub(m: re.Match[str]) -> str:
        return seen.setdefault(m.group(0), f"newskit-fig-{len(seen) + 1:04d}")

    return _UUID.sub(sub, body)


def _index_html(articles: pd.DataFrame, report: Report, corpus: str) -> str:
    esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731 - scraped text: always escaped
    rejected = articles.attrs.get("rejected")
    dates = articles["published_at"].dropna()
    span = f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates"
    rows = "\n".join(
        f'<tr><td><a href="{esc(n.html.name)}">{esc(n.name)}</a></td><td>{n.figures}</td>'
        f"<td>{n.bytes / 1e6:.1f} MB</td></tr>"
        for n in report.notebooks
    )
    rej_rows = "\n".join(
        f"<tr><td>{esc(Path(p).name)}</td><td>{esc(r)}</td></tr>" for p, r in rejected.itertuples(index=False)
    ) if rejected is not None and len(rejected) else '<tr><td colspan="2">none</td></tr>'
    n_files = articles["path"].nunique() + (0 if rejected is None else len(rejected))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newskit report</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}}</style>
</head><body>
<h1>newskit report</h1>
<p>Corpus <code>{esc(Path(corpus).name)}</code>: {n_files} files, {len(articles)} articles,
{articles['outlet'].nunique()} outlets, dated {span}; {0 if rejected is None else len(rejected)} files rejected.</p>
<h2>Reports</h2>
<table><tr><th>notebook</th><th>figures</th><th>size</th></tr>
{rows}
</table>
<h2>Rejected files</h2>
<table><tr><th>file</th><th>reason</th></tr>
{rej_rows}
</table>
<p><small>{esc(articles.attrs.get("summary", ""))}</small></p>
</body></html>
"""


def main_report(corpus: str, captured_at: str | None, out: str) -> int:
    """CLI entry: build the report, print progress and where it is; 2 on error."""
    try:
        report = build_report(corpus, captured_at=captured_at, out=out)
    except ReportError as exc:
        print(f"newskit report: {exc}", file=sys.stderr)
        return 2
    total = sum(n.bytes for n in report.notebooks)
    print(f"report: {report.index} ({len(report.notebooks)} notebooks, {total / 1e6:.1f} MB, {report.seconds:.1f} s)")
    return 0
