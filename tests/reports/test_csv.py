"""The CSV renderers: one row per finding, proper quoting, formula injection neutralised, and the
evidence log with its columns in the report's language."""

from __future__ import annotations

import csv
import io
import json

import pytest

from audit.models import CheckResult, Finding, Status, thaw
from audit.render import RenderOptions
from reports.csv import EvidenceCsvRenderer, FindingsCsvRenderer, neutralise
from tests.reports.factories import FORMULAS, HOSTILE, empty_report, make_extras, make_report


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_one_row_per_finding_with_data_json() -> None:
    report = make_report(hostile=True)
    table = rows(FindingsCsvRenderer().render(report, RenderOptions()))
    assert table[0] == ["check", "target", "kind", "severity", "confidence", "title", "url",
                        "fingerprint", "data"]
    body = table[1:]
    assert len(body) == len(report.findings())
    assert all(len(r) == 9 for r in body)
    titles = {r[5] for r in body}
    assert f"GitHub account camdufresne{HOSTILE}" in titles  # newline and quotes survive
    by_fp = {r[7]: r for r in body}
    for f in report.findings():
        assert json.loads(by_fp[f.fingerprint][8]) == thaw(f.data)


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_injection_is_neutralised(formula: str) -> None:
    f = Finding("search_result", formula, url="https://a.example/", data={"q": formula})
    report = make_report(results=(
        CheckResult(formula, formula, Status.FOUND, findings=(f,)),
    ))
    body = rows(FindingsCsvRenderer().render(report, RenderOptions()))[1]
    assert body[0] == "'" + formula
    assert body[1] == "'" + formula
    assert body[5] == "'" + formula
    for cell in body:
        assert not cell.startswith(("=", "+", "-", "@"))


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("\t=x") == "'\t=x"
    assert neutralise("a=1") == "a=1"
    assert neutralise(None) == ""


@pytest.mark.parametrize(("lang", "first"), [("en", "Date and time"), ("fr", "Date et heure")])
def test_evidence_csv(lang: str, first: str) -> None:
    extras = make_extras(hostile=True)
    extras["evidence"].append({"captured_at": "2026-11-21T08:00:00+00:00", "url": "=cmd",
                               "note": "@SUM(A1)", "sha256": "", "account_id": "-1"})
    table = rows(EvidenceCsvRenderer().render(make_report(extras=extras),
                                              RenderOptions(lang=lang)))
    assert table[0][0] == first
    assert len(table[0]) == 6
    assert table[1][0] == "2026-11-20 10:15:00 +01:00"
    assert table[1][1] == "/home/camille/evidence/shot1.png"
    assert table[1][3] == "48151623"
    assert table[1][4] == "ab" * 32
    assert table[1][5].endswith(HOSTILE)
    assert table[2][2] == "'=cmd"
    assert table[2][5] == "'@SUM(A1)"
    assert table[2][3] == "'-1"


def test_empty_reports() -> None:
    assert rows(FindingsCsvRenderer().render(empty_report(), RenderOptions()))[1:] == []
    assert len(rows(EvidenceCsvRenderer().render(empty_report(), RenderOptions()))) == 1
