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
