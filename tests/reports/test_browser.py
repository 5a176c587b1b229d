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
