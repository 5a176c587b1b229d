"""Test-wide fixtures: the loopback-only network guard and an isolated app home."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import netguard

netguard.install()

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-online", action="store_true", help="run tests that need internet")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-online"):
        return
    skip = pytest.mark.skip(reason="needs the internet: pass --run-online")
    for item in items:
        if "online" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own EXPOSURE_AUDIT_HOME and no proxy/CA variables from outside."""
    home = tmp_path / "home"
    monkeypatch.setenv("EXPOSURE_AUDIT_HOME", str(home))
    monkeypatch.setenv("EXPOSURE_AUDIT_LOAD_PLUGINS", "0")
    for var in (
        "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy",
        "all_proxy", "no_proxy", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE",
    ):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture
def shared_data() -> Path:
    """`../shared/data`, or skip when it is absent."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is absent")
    return path
