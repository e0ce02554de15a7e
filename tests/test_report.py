"""Rendered reports: built, deterministic, and checked in a real browser."""
from __future__ import annotations

import re

import pytest

from newskit.paths import SAMPLE_CAPTURES, SAMPLE_PAGES
from newskit.report import ReportError, build_report

from .browser import Traffic, chromium, needs_chromium, new_page
from .conftest import item, page

PWN = "document.documentElement.dataset.pwned='{}'"
PAYLOADS = {
    "script": f"<script>{PWN.format('script')}</script>",
    "img": f'<img src=x onerror="{PWN.format("img")}">',
    "a": f'<a href="javascript:{PWN.format("a")}">click PWNED-LINK</a>',
    "b": "<b>PWNED-BOLD</b>",
}
ALL = " ".join(PAYLOADS.values())
# outlet lines are at most 80 characters: bold and an image that runs script
EVIL_OUTLET = "<b>Evil</b> " + PAYLOADS["img"]


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory):
    return build_report(SAMPLE_PAGES, captured_at=SAMPLE_CAPTURES, out=tmp_path_factory.mktemp("report"), log=lambda s: None)


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory):
    """A corpus whose titles, bodies, outlets and sources carry markup payloads."""
    folder = tmp_path_factory.mktemp("hostile")
    main = (
        f"Tariffs {ALL}\n"
        f"Officials said Monday {ALL} that tariffs on steel would rise to 50%.\n"
        "(From The Yomiuri Shimbun, June 1, 2025)"
    )
    items = [
        item(EVIL_OUTLET, "2 hours ago", f"Headline {ALL}",
             f"By Jane Doe {ALL} The minister said Monday the talks failed. © KYODO"),
        item("Japan Today", "1 hour ago", PAYLOADS["script"], f"Body {PAYLOADS['a']} said Monday."),
    ]
    (folder / "hostile.txt").write_text(page(main, items), encoding="utf-8")
    return build_report(folder, captured_at="2025-06-02T12:00:00Z", out=tmp_path_factory.mktemp("hostile-report"), log=lambda s: None)


def test_report_files_and_index(sample_report):
    names = [n.name for n in sample_report.notebooks]
    assert names[0] == "01_corpus_overview"
    index = sample_report.index.read_text(encoding="utf-8")
    for n in sample_report.notebooks:
        assert n.html.exists() and f'href="{n.html.name}"' in index
        # plotly.js embedded exactly once per file, never fetched from a CDN
        text = n.html.read_text(encoding="utf-8")
        assert text.count("plotly.js v") == 1
        assert not re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=[\"']?(?:https?:)?//", text)
        assert "Content-Security-Policy" in text
        assert n.bytes < 6_000_000, f"{n.name} is {n.bytes / 1e6:.1f} MB"
    assert "files rejected" in index and "articles" in index


def test_reports_are_deterministic(sample_report, tmp_path):
    again = build_report(SAMPLE_PAGES, captured_at=SAMPLE_CAPTURES, out=tmp_path, log=lambda s: None)
    for a, b in zip(sample_report.notebooks, again.notebooks):
        assert a.html.read_bytes() == b.html.read_bytes(), a.name
    assert not re.search(rb"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-", sample_report.notebooks[0].html.read_bytes())


def test_a_corpus_that_does_not_load_is_a_readable_error(tmp_path):
    with pytest.raises(ReportError, match="^the corpus does not load: load_articles: no such file or folder"):
        build_report(tmp_path / "missing", out=tmp_path / "out", log=lambda s: None)


@needs_chromium
def test_every_figure_renders_offline(sample_report):
    traffic = Traffic()
    with chromium() as browser:
        for n in sample_report.notebooks:
            pg = new_page(browser, traffic)
            pg.goto(n.html.as_uri())
            pg.wait_for_function(
                "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg.main-svg'))"
                " && document.querySelectorAll('.plotly-graph-div').length > 0",
                timeout=30_000,
            )
            graphs = pg.eval_on_selector_all(".plotly-graph-div", "ds => ds.map(d => d.querySelectorAll('svg.main-svg').length)")
            assert len(graphs) == n.figures and all(k >= 1 for k in graphs), (n.name, graphs)
            pg.context.close()
        index = new_page(browser, traffic)
        index.goto(sample_report.index.as_uri())
        assert index.locator("a").count() == len(sample_report.notebooks)
    assert traffic.blocked == [], f"requests left the machine: {traffic.blocked}"


@needs_chromium
def test_hostile_text_renders_as_text_and_runs_nothing(hostile_report):
    traffic = Traffic()
    svg_texts: list[str] = []
    page_texts: list[str] = []
    with chromium() as browser:
        for path in [hostile_report.index] + [n.html for n in hostile_report.notebooks]:
            pg = new_page(browser, traffic)
            pg.goto(path.as_uri())
            if path != hostile_report.index:
                pg.wait_for_function("() => document.querySelectorAll('.plotly-graph-div svg.main-svg').length > 0", timeout=30_000)
                # show every hover label, where titles and sources appear
                pg.evaluate(
                    "() => document.querySelectorAll('.plotly-graph-div').forEach(gd => "
                    "gd.data.forEach((t, i) => Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: 0}])))"
                )
                svg_text = pg.evaluate("() => [...document.querySelectorAll('svg text')].map(t => t.textContent).join(' ')")
                svg_texts.append(svg_text)
                bold = pg.evaluate(
                    "() => [...document.querySelectorAll('svg tspan, svg text')].filter(t => "
                    "t.textContent.trim() === 'PWNED-BOLD' || t.textContent.trim() === 'Evil').length"
                )
                assert bold == 0, "a <b> payload was rendered as bold text in a figure"
                page_texts.append(pg.inner_text("body"))
            assert pg.evaluate("() => document.documentElement.getAttribute('data-pwned')") is None, path.name
            assert pg.eval_on_selector_all("a[href^='javascript:']", "as => as.length") == 0
            assert pg.eval_on_selector_all("b", "bs => bs.filter(b => /PWNED|Evil/.test(b.textContent)).length") == 0
            assert pg.eval_on_selector_all("img[src='x']", "is => is.length") == 0
            pg.context.close()
    assert traffic.blocked == [], f"requests left the machine: {traffic.blocked}"
    # outlet names reach figure legends and axes, their markup shown as text
    assert any(EVIL_OUTLET in t for t in svg_texts)
    # titles and bodies reach tables and Markdown, shown as text (each
    # notebook shows some of them, some truncated: look across the reports)
    for literal in ("<script>document.documentElement", "<b>PWNED-BOLD</b>", EVIL_OUTLET, 'href="javascript:'):
        assert any(literal in t for t in page_texts), literal
