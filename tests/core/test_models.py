"""Invariants of the data model."""

from __future__ import annotations

import pytest

from audit.models import CheckResult, Finding, Outcome, Reason, Severity, Status, Subject


def test_unknown_and_skipped_need_a_reason_and_others_refuse_one():
    with pytest.raises(ValueError, match="needs a reason"):
        CheckResult(check="c", target="t", status=Status.UNKNOWN)
    with pytest.raises(ValueError, match="takes no reason"):
        Outcome(Status.NOT_FOUND, reason=Reason.BLOCKED)


def test_found_goes_with_findings_only():
    f = Finding(kind="account", title="x", url="https://a.example/u")
    with pytest.raises(ValueError):
        Outcome(Status.FOUND)
    with pytest.raises(ValueError):
        Outcome(Status.NOT_FOUND, findings=(f,))
    assert Outcome(Status.FOUND, findings=(f,)).findings == (f,)


def test_fingerprint_is_stable_and_depends_on_kind_and_key_only():
    a = Finding(kind="account", title="GitHub", key="github:alice", severity=Severity.LOW)
    b = Finding(
        kind="account", title="GitHub (renamed)", key="github:alice", severity=Severity.HIGH
    )
    c = Finding(kind="contact", title="GitHub", key="github:alice")
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != c.fingerprint
    assert len(a.fingerprint) == 20


def test_finding_kind_must_be_a_lowercase_word_and_data_is_read_only():
    with pytest.raises(ValueError):
        Finding(kind="Account", title="x")
    f = Finding(kind="account", title="x", data={"links": ["a"]})
    with pytest.raises(TypeError):
        f.data["site"] = "y"  # type: ignore[index]
    assert f.data["links"] == ("a",)


def test_subject_normalises_its_values():
    s = Subject(
        name="  Élodie  ", handles=("@alice", "alice", " bob "), emails=("A@X.ORG",), country="fr"
    )
    assert s.name == "Élodie"
    assert s.handles == ("alice", "bob")
    assert s.emails == ("a@x.org",)
    assert s.country == "FR"
    assert Subject().is_empty()
    assert not Subject.handle_is_valid("bad handle")
    assert Subject.handle_is_valid("@good.handle-1")


def test_map_strings_reaches_every_string_and_keeps_what_it_did_not_change():
    """Keys, values of dicts and read-only mappings, lists, tuples and dataclass fields are
    mapped; containers keep their type; what holds no changed string is the same object;
    numbers, None, datetimes and enums are left as they are."""
    import dataclasses
    from datetime import datetime
    from types import MappingProxyType

    from audit.models import Evidence, Severity, map_strings

    when = datetime(2026, 1, 2, 3, 4, 5)
    tree = {
        "a": MappingProxyType({"k": "x", "n": 1, "f": 0.5, "none": None, "when": when}),
        "b": ["x", ("y", ["x"]), Severity.HIGH, True],
        "ev": Evidence(url="x", excerpt="keep", signal="s"),
        "x": 1,
        "same": MappingProxyType({"k": ("keep", 2)}),
    }
    out = map_strings(tree, lambda s: "X" if s == "x" else s)
    assert out["a"] == {"k": "X", "n": 1, "f": 0.5, "none": None, "when": when}
    assert isinstance(out["a"], MappingProxyType)
    assert out["b"] == ["X", ("y", ["X"]), Severity.HIGH, True]
    assert type(out["b"][1]) is tuple
    assert type(out["b"][1][1]) is list
    assert out["b"][2] is Severity.HIGH
    assert out["ev"] == dataclasses.replace(tree["ev"], url="X")
    assert out["X"] == 1
    assert "x" not in out
    assert out["same"] is tree["same"]  # nothing changed inside: the very same object
    assert map_strings(tree, lambda s: s) is tree


def test_a_reports_findings_are_ranked_once_and_follow_its_results() -> None:
    import dataclasses

    from audit.models import ScanReport, utcnow

    def result(target: str, *severities: Severity) -> CheckResult:
        return CheckResult(check="c", target=target, status=Status.FOUND, findings=tuple(
            Finding(kind="k", title=f"{target} {i}", severity=s, key=f"{target}{i}")
            for i, s in enumerate(severities)))

    now = utcnow()
    report = ScanReport(scan_id="s", tool_version="t", subject=Subject(name="A"),
                        started_at=now, finished_at=now,
                        results=(result("a", Severity.LOW, Severity.HIGH),))
    first = report.findings()
    assert [f.severity for f in first] == [Severity.HIGH, Severity.LOW]
    first.clear()  # the caller's list: the report's own ranking is untouched
    assert [f.title for f in report.findings()] == ["a 1", "a 0"]
    other = dataclasses.replace(report, results=(result("b", Severity.MEDIUM),))
    assert [f.title for f in other.findings()] == ["b 0"]
    assert report == dataclasses.replace(report)  # the kept ranking takes no part in equality


def test_a_report_keeps_its_results_in_order_and_a_replaced_one_the_same_tuple() -> None:
    import dataclasses

    from audit.models import ScanReport, utcnow

    now = utcnow()
    results = [CheckResult(check=c, target=t, status=Status.NOT_FOUND)
               for c, t in (("b", "x"), ("a", "Z"), ("a", "y"), ("a", "Y"))]
    report = ScanReport(scan_id="s", tool_version="t", subject=Subject(name="A"),
                        started_at=now, finished_at=now, results=iter(results))
    assert [(r.check, r.target) for r in report.results] == [
        ("a", "y"), ("a", "Y"), ("a", "Z"), ("b", "x")]  # by check, then target; stable
    again = dataclasses.replace(report, extras={"k": 1})
    assert again.results is report.results
