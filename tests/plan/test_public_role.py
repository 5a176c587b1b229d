"""The person's public-role answer, through the command line: `--public-role/--no-public-role`
on `scan` and `demo`, saved with the report as `plan_options`, kept by `history show`,
`scan --resume` and `watch`, and the delisting letters' "no public role" sentence only when the
person said so.

The scans are real ones over the loopback sandbox's demo world (search engines, people-search
sites); only the search engine's politeness pause is set to zero to keep the test short.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from audit import api
from audit.cli import _register_extras, cli
from audit.sandbox import Sandbox
from audit.sandbox.demo import build_demo_world
from checks.search.backends.ddg import DuckDuckGoHtml

CLAIM_EN = "I have no public role"
CLAIM_FR = "je n'exerce aucun rôle public"
PERSON = [
    "--name", "Camille Dufresne", "--handle", "camdufresne",
    "--url", "https://www.camille-dufresne.example/", "--city", "Lyon", "--country", "FR",
]


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sandbox]:
    monkeypatch.setattr(DuckDuckGoHtml, "default_pace_s", 0.0)
    monkeypatch.setattr(DuckDuckGoHtml, "default_jitter_s", 0.0)
    world = build_demo_world(tmp_path / "persona", api.registry())
    with Sandbox(world) as sb:
        yield sb


def _scan(sb: Sandbox, out: Path, *extra: str, lang: str = "en") -> tuple[str, dict[str, Any]]:
    res = CliRunner().invoke(
        cli,
        ["scan", *PERSON, "--lang", lang, "--only", "search", *sb.cli_args(), "-q",
         "--deadline", "60", "-f", "json", "-o", str(out), *extra],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    scan_id = res.output.split("saved as scan ")[1].split()[0]
    return scan_id, json.loads(out.read_text("utf-8"))


def _delisting_letters(report: dict[str, Any]) -> list[str]:
    letters = [
        json.dumps(r, ensure_ascii=False) for r in report["requests"] if r["kind"] == "delisting"
    ]
    assert letters, "the demo world's search results must give delisting requests"
    return letters


def test_no_claim_unless_the_person_says_so(sandbox: Sandbox, tmp_path: Path) -> None:
    _, report = _scan(sandbox, tmp_path / "default.json")
    assert report["plan_options"] == {"public_role": None}
    assert not any(CLAIM_EN in letter for letter in _delisting_letters(report))
    # the letter leaves it to the person, and says how to make the claim
    assert any("--no-public-role" in letter for letter in _delisting_letters(report))

    _, with_role = _scan(sandbox, tmp_path / "role.json", "--public-role")
    assert with_role["plan_options"] == {"public_role": True}
    assert not any(CLAIM_EN in letter for letter in _delisting_letters(with_role))


def test_the_answer_is_saved_and_kept_by_history_resume_and_watch(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    scan_id, report = _scan(sandbox, tmp_path / "first.json", "--no-public-role", lang="fr")
    assert report["plan_options"] == {"public_role": False}
    assert all(CLAIM_FR in letter for letter in _delisting_letters(report))

    runner = CliRunner()
    shown = runner.invoke(cli, ["history", "show", scan_id, "-f", "json"])
    assert shown.exit_code == 0, shown.output
    again = json.loads(shown.output[shown.output.index("{"):])
    assert again["plan_options"] == {"public_role": False}
    assert all(CLAIM_FR in letter for letter in _delisting_letters(again))

    # resuming without the option rebuilds the plan with the saved answer
    out = tmp_path / "resumed.json"
    res = runner.invoke(
        cli, ["scan", "--resume", scan_id, *sandbox.cli_args(), "-q", "-f", "json", "-o",
              str(out)],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    resumed = json.loads(out.read_text("utf-8"))
    assert resumed["plan_options"] == {"public_role": False}
    assert all(CLAIM_FR in letter for letter in _delisting_letters(resumed))

    # a new answer given on resume wins over the saved one
    out2 = tmp_path / "changed.json"
    res = runner.invoke(
        cli, ["scan", "--resume", scan_id, "--public-role", *sandbox.cli_args(), "-q", "-f",
              "json", "-o", str(out2)],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    changed = json.loads(out2.read_text("utf-8"))
    assert changed["plan_options"] == {"public_role": True}
    assert not any(CLAIM_FR in letter for letter in _delisting_letters(changed))

    # watch re-runs the first scan and saves a new one built with the first answer
    res = runner.invoke(cli, ["watch", scan_id, *sandbox.cli_args(), "--json"])
    assert res.exit_code == 0, res.output
    from audit.store.db import connect
    from audit.store.history import HistoryStore

    store = HistoryStore(connect())
    newest = store.get(store.list(1)[0].scan_id)
    assert newest.scan_id != scan_id
    assert api.saved_plan_options(newest) == {"public_role": False}
    assert newest.plan is not None
    letters = [f"{r.letter or ''}\n{r.objection_letter or ''}"
               for r in newest.plan.requests if r.kind == "delisting"]
    assert letters
    assert all(CLAIM_FR in letter for letter in letters)


def test_demo_takes_the_option(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    _register_extras()
    res = CliRunner().invoke(
        cli, ["demo", "-o", str(out), "--lang", "en", "--no-public-role"], catch_exceptions=False
    )
    assert res.exit_code == 0, res.output
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["plan_options"] == {"public_role": False}
    assert all(CLAIM_EN in letter for letter in _delisting_letters(report))


def test_a_hand_edited_answer_counts_as_not_said() -> None:
    assert api.clean_plan_options({"public_role": "yes"}) == {"public_role": None}
    assert api.clean_plan_options(None) == {"public_role": None}
    assert api.clean_plan_options({"public_role": False}) == {"public_role": False}
