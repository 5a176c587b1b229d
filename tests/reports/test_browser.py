"""The HTML report in a real browser: headless Chromium opens it from disk, shows the map and
the graph, logs no console error (a Content-Security-Policy violation, i.e. any attempt to load
something, would be one) and takes a screenshot. Skipped when Chromium is not installed
(`apt-get install chromium`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from audit.models import ScanReport
from audit.render import RenderOptions
from reports.html import HtmlRenderer
from tests.reports.factories import make_report

pytestmark = pytest.mark.browser
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ERROR_MARKERS = (":CONSOLE", "Uncaught", "Refused to", "violates the following")


def chromium() -> str:
    """Path of a Chromium-like browser, or skip the test."""
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):  # .ci/run installs it: in CI this test must really run
        pytest.fail("Chromium is missing in CI: .ci/run should have installed it")
    pytest.skip("Chromium is not installed (apt-get install chromium)")


def demo_report() -> ScanReport:
    """The rich sample report (the offline demo's own report is tested by the demo's tests)."""
    return make_report()


def run_browser(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        # nothing may leave the machine: no proxy works and no name resolves
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def console_errors(stderr: str) -> list[str]:
    """Lines of the browser log written by the page's console (the report has no script, so any
    such line is an error, e.g. a Content-Security-Policy violation), or uncaught errors."""
    return [line for line in stderr.splitlines() if any(m in line for m in ERROR_MARKERS)]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_displays_in_chromium(tmp_path: Path, lang: str) -> None:
    browser = chromium()
    page = tmp_path / "report.html"
    page.write_text(HtmlRenderer().render(demo_report(), RenderOptions(lang=lang)),
                    encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = run_browser(browser, tmp_path, "--enable-logging=stderr", "--v=0",
                       f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_errors(done.stderr) == []
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 10_000  # a real page, not a blank image


def test_dom_has_map_graph_and_checklist(tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "report.html"
    page.write_text(HtmlRenderer().render(demo_report(), RenderOptions(lang="en")),
                    encoding="utf-8")
    done = run_browser(browser, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom",
                       page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert 'id="map-title"' in dom
    assert "home: 2 photos, 5 days" in dom
    assert 'id="graph-title"' in dom
    assert "velvetfox42" in dom
    assert dom.count('<input type="checkbox"') == 2
    assert "<script" not in dom
    assert console_errors(done.stderr) == []


def test_console_errors_are_detected(tmp_path: Path) -> None:
    """The check above can fail: a page that tries to load a remote image is seen."""
    browser = chromium()
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
        "content=\"default-src 'none'\"></head><body>"
        "<img src=\"https://tracker.example/pixel.png\" alt=\"\"></body></html>",
        encoding="utf-8",
    )
    done = run_browser(browser, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom",
                       page.as_uri())
    assert console_errors(done.stderr) != []


@pytest.mark.slow
def test_demo_report_in_chromium(tmp_path: Path) -> None:
    """The real offline demo (`exposure-audit demo`): its HTML shows the home cluster on the map
    and the pseudonym tied to the name in the graph, without console errors."""
    browser = chromium()
    out = tmp_path / "demo"
    done = subprocess.run(
        [sys.executable, "-m", "audit", "demo", "-o", str(out), "--lang", "en"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    if "No such command" in done.stderr:
        pytest.skip("the demo command is not available")
    assert done.returncode == 0, done.stderr[-3000:]
    page = out / "report.html"
    shot = tmp_path / "demo.png"
    run = run_browser(browser, tmp_path, "--enable-logging=stderr", "--v=0",
                      f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_errors(run.stderr) == []
    assert shot.read_bytes().startswith(PNG_SIGNATURE)
    dom = run_browser(browser, tmp_path, "--dump-dom", page.as_uri()).stdout
    assert 'class="cluster cluster-home"' in dom
    assert "velvetfox42" in dom
    assert 'class="node node-name"' in dom


MARK = (0, 255, 0)  # painted by the test's own style sheet, never used by the report


def _with_style(html: str, css: str) -> str:
    """The report with one more rule, added by the test (the report's CSP allows inline CSS)."""
    return html.replace("</style>", css + "\n</style>", 1)


def _marked_spans(png: Path) -> tuple[int, int]:
    """(first row, widest run in pixels) of the test's marker colour in a screenshot."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    width, height = img.size
    first, widest = -1, 0
    pixels = img.load()
    for y in range(0, height, 2):
        run = best = 0
        for x in range(width):
            if pixels[x, y] == MARK:
                run += 1
                best = max(best, run)
            else:
                run = 0
        if best and first < 0:
            first = y
        widest = max(widest, best)
    return first, widest


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_helplines_are_on_the_first_screen(tmp_path: Path, width: int, height: int) -> None:
    """On a phone and on a laptop, the emergency number (a tel: link) is visible without
    scrolling."""
    browser = chromium()
    html = HtmlRenderer().render(demo_report(), RenderOptions(lang="fr"))
    assert 'href="tel:17"' in html
    page = tmp_path / "report.html"
    page.write_text(_with_style(html, "a.tel { background: #00ff00 !important; "
                                      "color: #00ff00 !important; }"), encoding="utf-8")
    shot = tmp_path / "first.png"
    done = run_browser(browser, tmp_path, f"--screenshot={shot}",
                       f"--window-size={width},{height}", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    first, _ = _marked_spans(shot)
    assert 0 <= first < height


def test_helpline_table_is_readable_on_a_phone(tmp_path: Path) -> None:
    """At 390 px the helplines table becomes one card per line: cells keep most of the width
    (a table squeezed into 390 px breaks its text letter by letter)."""
    browser = chromium()
    html = HtmlRenderer().render(demo_report(), RenderOptions(lang="en"))
    page = tmp_path / "report.html"
    page.write_text(_with_style(html, "table.helplines td { background: #00ff00 !important; "
                                      "color: #00ff00 !important; }"), encoding="utf-8")
    widths = {}
    for width in (390, 1280):
        shot = tmp_path / f"help-{width}.png"
        done = run_browser(browser, tmp_path, f"--screenshot={shot}",
                           f"--window-size={width},5000", page.as_uri())
        assert done.returncode == 0, done.stderr[-2000:]
        first, widest = _marked_spans(shot)
        assert first >= 0, "the helplines table is missing"
        widths[width] = widest
    assert widths[390] >= 300  # a card as wide as the screen, not a column of 60 px
    assert widths[1280] < 1000  # on a laptop it is still a table of several columns


def _bottom_rows(png: Path, rows: int = 24) -> bytes:
    """The pixels of the last rows of a screenshot (where a horizontal scrollbar is drawn)."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    width, height = img.size
    return img.crop((0, height - rows, width, height)).tobytes()


def _pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_print_counts_pages_of_a_pdf(tmp_path: Path) -> None:
    """The page counter used below can fail: a long page prints on many pages."""
    browser = chromium()
    page = tmp_path / "long.html"
    page.write_text("<!DOCTYPE html><html><body>" + "<p>line</p>" * 600 + "</body></html>",
                    encoding="utf-8")
    pdf = tmp_path / "long.pdf"
    run_browser(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                page.as_uri())
    assert _pages(pdf) > 6


@pytest.mark.slow
def test_demo_prints_its_summary_and_plan_in_a_few_pages(tmp_path: Path) -> None:
    """The browser's print of the demo report (A4 and Letter) gives the first-24-hours page,
    the summary, the plan and the request dashboard in at most 6 A4 pages."""
    browser = chromium()
    out = tmp_path / "demo"
    done = subprocess.run(
        [sys.executable, "-m", "audit", "demo", "-o", str(out), "--lang", "fr"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    html = (out / "report.html").read_text(encoding="utf-8")
    counts = {}
    for size in ("A4", "Letter"):
        page = tmp_path / f"{size}.html"
        page.write_text(_with_style(html, f"@page {{ size: {size}; }}"), encoding="utf-8")
        pdf = tmp_path / f"{size}.pdf"
        run = run_browser(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                          page.as_uri())
        assert run.returncode == 0, run.stderr[-2000:]
        counts[size] = _pages(pdf)
    assert counts["A4"] <= 6, counts
    assert counts["Letter"] <= 7, counts
    # on screen the whole detail is still there
    assert html.count('class="finding ') > 50
    # and on a phone nothing is wider than the screen: the page looks the same with
    # horizontal overflow cut off (a page wider than 390 px shows a horizontal scrollbar)
    shots = []
    for name, css in (("as-is", ""), ("clipped", "html { overflow-x: hidden !important; }")):
        page = tmp_path / f"{name}.html"
        page.write_text(_with_style(html, css), encoding="utf-8")
        shot = tmp_path / f"{name}.png"
        run = run_browser(browser, tmp_path, f"--screenshot={shot}", "--window-size=390,900",
                          page.as_uri())
        assert run.returncode == 0, run.stderr[-2000:]
        shots.append(_bottom_rows(shot))
    assert shots[0] == shots[1], "the demo report is wider than a 390 px phone screen"
