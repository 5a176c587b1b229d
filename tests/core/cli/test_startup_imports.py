"""Start-up stays light: loading the CLI and every built-in plugin (as each command does) must
not import the modules that only running a check, rendering a report or building the action
plan needs. Checked in a fresh interpreter, since the test session has imported everything.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Imported on first use by the check, renderer or command that needs them.
LAZY = (
    # contacts: extractors, page parser, fetch helpers
    "checks.contacts.extract",
    "checks._common.page",
    "checks.contacts.sources",
    "checks._common.structured",
    "checks.contacts.findings",
    # links: graph builder, discovery, public lookups
    "checks.links.build",
    "checks.links.discovery",
    "checks.links.lookups",
    "checks.links.findings",
    "checks.links.public",
    # search: backends, query plan, result parsers, scoring
    "checks.search.backends",
    "checks.search.queries",
    "checks.search.serp",
    "checks.search.classify",
    "checks.search.findings",
    "checks.search.state",
    # photos: container readers, EXIF, clustering, downloads, cleaning
    "checks.photos.extract",
    "checks.photos.exif",
    "checks.photos.makers",
    "checks.photos.tiffifd",
    "checks.photos.bigtiff",
    "checks.photos.clusters",
    "checks.photos.findings",
    "checks.photos.web",
    "checks.photos.clean",
    # reports: the bodies of the renderers
    "reports.view",
    "reports.extras",
    "reports.figures",
    "reports.mdtext",
    "reports.mdreport",
    "reports.html.context",
    "markupsafe",
    # action plan rules, letters; the user data directory lookup
    "audit.plan.builder",
    "audit.plan.rules",
    "audit.plan.letters",
    "platformdirs",
    # third-party libraries that were already lazy
    "bs4",
    "phonenumbers",
    "PIL",
    "jinja2",
    "exifread",
)

_PROBE = """
import json, sys
from audit import api
from audit.cli import _register_extras, cli
_register_extras()
try:
    cli.main(["scan", "--help"], prog_name="exposure-audit", standalone_mode=False)
except SystemExit:
    pass
reg = api.registry()
print(json.dumps({"checks": sorted(reg.checks), "renderers": sorted(reg.renderers),
                  "commands": sorted(cli.commands), "modules": sorted(sys.modules)}))
"""


def _start_up() -> dict[str, list[str]]:
    env = {**os.environ, "EXPOSURE_AUDIT_LOAD_PLUGINS": "0"}
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data: dict[str, list[str]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def test_the_lazy_modules_exist():
    # a renamed module would make the start-up test below pass without checking anything
    missing = [name for name in LAZY if importlib.util.find_spec(name) is None]
    assert missing == []


def test_loading_the_cli_and_plugins_imports_no_heavy_module():
    loaded = _start_up()
    # the plugins did load: their checks, renderers and commands are all there
    assert {"accounts", "contacts", "links", "photos", "photos_web", "search"} <= set(
        loaded["checks"]
    )
    assert {"csv", "html", "json", "markdown", "table"} <= set(loaded["renderers"])
    assert {"photos", "scan", "search"} <= set(loaded["commands"])
    heavy = sorted(set(LAZY) & set(loaded["modules"]))
    assert heavy == []


_PHOTOS_ONLY = """
import json, sys
from audit.cli.main import main
sys.argv = ["exposure-audit", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def test_a_scan_that_sends_nothing_never_loads_the_http_engine(tmp_path):
    """A photos-only scan (both commands) makes no HTTP client: neither asyncio nor aiohttp,
    ssl or requests is imported, and the report still says no request was sent."""
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    env = {**os.environ, "EXPOSURE_AUDIT_HOME": str(tmp_path / "home")}
    engine = {"asyncio", "aiohttp", "ssl", "requests", "audit.net.client"}
    for argv in (["photos", "scan", str(folder)],
                 ["scan", "--photos", str(folder), "--only", "photos", "--no-history"]):
        out = tmp_path / "report.json"
        proc = subprocess.run(
            [sys.executable, "-c", _PHOTOS_ONLY, *argv, "-f", "json", "-o", str(out)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
        assert sorted(engine & loaded) == [], argv
        assert json.loads(out.read_text())["request_log"] == []
