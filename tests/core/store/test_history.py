"""History: migrations, save/load round trip, diff, file permissions."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from audit.errors import HistoryError
from audit.models import Subject
from audit.scan.runner import Scanner
from audit.settings import Settings
from audit.store.db import connect, migrate
from audit.store.history import HistoryStore, diff
from audit.store.serialize import report_to_dict
from tests.fakes import FoundCheck, RaisingCheck, registry_with


def _report(*checks):
    return Scanner(registry_with(*checks), Settings()).run(Subject(handles=("alice",)))


def test_save_load_round_trip_keeps_everything(app_home):
    store = HistoryStore(connect())
    report = _report(FoundCheck, RaisingCheck)
    store.save(report)
    again = store.get(report.scan_id[:6])
    assert report_to_dict(again)["results"] == report_to_dict(report)["results"]
    assert [r.status for r in again.results] == [r.status for r in report.results]
    assert again.subject == report.subject
    assert store.list()[0].scan_id == report.scan_id


def test_unknown_id_is_a_clear_error(app_home):
    with pytest.raises(HistoryError, match="no saved scan"):
        HistoryStore(connect()).get("zzzz")


def test_diff_by_fingerprint():
    old = _report(RaisingCheck)
    new = _report(FoundCheck, RaisingCheck)
    d = diff(old, new)
    assert [f.title for f in d.new] == ["account on t1"]
    assert d.gone == ()
    assert d.unchanged == ()
    back = diff(new, old)
    # the old scan did not run the check that found it: not checked, never "gone"
    assert back.gone == ()
    assert [f.title for f in back.unchecked] == ["account on t1"]


def test_latest_for_finds_the_previous_scan_of_the_same_person(app_home):
    store = HistoryStore(connect())
    first = _report(FoundCheck)
    store.save(first)
    second = _report(FoundCheck)
    store.save(second)
    assert store.latest_for(second).scan_id == first.scan_id


def test_migrations_run_once_and_a_failing_one_rolls_back():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE _migrations (namespace TEXT, name TEXT, applied_at TEXT)")
    steps = [("001", lambda c: c.execute("CREATE TABLE a (x)"))]
    assert migrate(conn, "t", steps) == 1
    assert migrate(conn, "t", steps) == 0

    def bad(c):
        c.execute("CREATE TABLE b (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(conn, "t", [("002", bad)])
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "b" not in tables


def test_database_and_its_folder_are_private(app_home):
    conn = connect()
    HistoryStore(conn).save(_report(FoundCheck))
    db = app_home / "exposure-audit.sqlite3"
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(app_home).st_mode) == 0o700


def test_a_damaged_database_is_a_clear_error(app_home):
    app_home.mkdir(parents=True, exist_ok=True)
    (app_home / "exposure-audit.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="move it aside"):
        connect()


def test_missing_parent_folders_are_created_private(tmp_path):
    from audit.store.paths import write_private

    target = tmp_path / "a" / "b" / "report.json"
    write_private(target, "{}")
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def _swap(report, check, status, reason=None):
    """The same report with `check`'s results replaced by one of `status` (no findings)."""
    import dataclasses

    from audit.models import CheckResult

    results = tuple(
        CheckResult(r.check, r.target, status, r.url, reason=reason) if r.check == check else r
        for r in report.results
    )
    return dataclasses.replace(report, results=results)


def test_a_finding_is_gone_only_when_the_same_question_was_answered():
    from audit.models import Reason, Status

    old = _report(FoundCheck)
    answered = _swap(old, "found", Status.NOT_FOUND)
    unanswered = _swap(old, "found", Status.UNKNOWN, Reason.NETWORK)
    d = diff(old, answered)
    assert [f.title for f in d.gone] == ["account on t1"]
    assert d.unchecked == ()
    d = diff(old, unanswered)
    assert d.gone == ()
    assert [f.title for f in d.unchecked] == ["account on t1"]
    assert d.as_dict()["unchecked"][0]["title"] == "account on t1"


def test_the_saved_brief_gives_the_gone_findings_diff_gives(app_home):
    """Saving a rescan reads only a brief of the previous scan: its answer is diff's."""
    import dataclasses

    from audit.models import Reason, Status
    from audit.store.history import brief_of

    store = HistoryStore(connect())
    old = _report(FoundCheck, RaisingCheck)
    store.save(old)
    later = dataclasses.replace(old, scan_id="later0000000",
                                started_at=old.started_at.replace(year=old.started_at.year + 1))
    for new in (_swap(later, "found", Status.NOT_FOUND),
                _swap(later, "found", Status.UNKNOWN, Reason.NETWORK), later):
        brief = store.brief_before(new)
        assert brief is not None
        assert brief.scan_id == old.scan_id
        want = [f.fingerprint for f in diff(old, new).gone]
        assert sorted(brief.gone(new)) == sorted(want)
        assert sorted(brief_of(old).gone(new)) == sorted(want)
        assert brief.asked == brief_of(old).asked
    assert [f.title for f in diff(old, _swap(later, "found", Status.NOT_FOUND)).gone] == [
        "account on t1"]
    assert store.brief_before(old) is None  # nothing saved before the first scan


def test_a_damaged_saved_scan_brief_is_a_clear_error(app_home):
    store = HistoryStore(connect())
    old = _report(FoundCheck)
    store.save(old)
    later = _report(FoundCheck)
    store.conn.execute("UPDATE scans SET brief = ?", ("[not a brief",))
    with pytest.raises(HistoryError, match="cannot be read"):
        store.brief_before(later)
    # a scan saved before briefs were kept: its report is read, damaged here
    store.conn.execute("UPDATE scans SET brief = '', report = ?",
                       ('{\n  "schema_version": 99\n}',))
    with pytest.raises(HistoryError, match="cannot be read"):
        store.brief_before(later)


def test_scans_saved_before_briefs_give_the_same_brief(app_home):
    """A row without a brief (saved by an older version, report as text) is read from its
    report: the same brief as the one saved now."""
    from audit.store.serialize import report_json

    store = HistoryStore(connect())
    old = _report(FoundCheck, RaisingCheck)
    store.save(old)
    later = _report(FoundCheck)
    saved = store.brief_before(later)
    store.conn.execute("UPDATE scans SET brief = '', report = ?",
                       (report_json(old, sort_keys=False),))
    legacy = store.brief_before(later)
    assert saved is not None
    assert legacy == saved
    assert saved.asked  # the found account's fingerprint and question
    # the report saved as bytes reads back whole
    store.save(old)
    assert report_to_dict(store.get(old.scan_id))["results"] == report_to_dict(old)["results"]


def test_a_long_scan_saved_before_briefs_is_read_a_piece_at_a_time(app_home, monkeypatch):
    """A long saved text (in `scan_texts`, or in `scans.report` for an older version) without a
    brief: read back in small pieces, cut inside multi-byte characters, it gives the same lines
    and the same brief as the one saved now."""
    import dataclasses

    import audit.store.history as history
    from audit.store.serialize import report_json

    monkeypatch.setattr(history, "INLINE", 10)
    monkeypatch.setattr(history, "PIECE", 7)
    store = HistoryStore(connect())
    old = _report(FoundCheck, RaisingCheck)
    old = dataclasses.replace(old, subject=dataclasses.replace(old.subject, name="Zoé Éluard"))
    store.save(old)
    later = dataclasses.replace(old, scan_id="later0000000",
                                started_at=old.started_at.replace(year=old.started_at.year + 1))
    saved = store.brief_before(later)
    assert saved is not None
    assert saved.asked
    text = report_json(old, sort_keys=False)
    assert "".join(store._lines(old.scan_id)) == text
    assert all(line.endswith("\n") for line in store._lines(old.scan_id))
    store.conn.execute("UPDATE scans SET brief = ''")
    assert store.brief_before(later) == saved  # from scan_texts
    store.conn.execute("DELETE FROM scan_texts")
    store.conn.execute("UPDATE scans SET report = ?", (text,))
    assert "".join(store._lines(old.scan_id)) == text
    assert store.brief_before(later) == saved  # from scans.report, as an older version saved it


def test_a_long_report_is_saved_apart_read_back_and_forgotten(app_home, monkeypatch):
    """Past `INLINE` bytes the text goes to its own table, written a piece at a time; it reads
    back whole, and forgetting the person deletes it with the scan."""
    import audit.store.history as history
    from audit.plan.forget import forget_person

    monkeypatch.setattr(history, "INLINE", 10)
    store = HistoryStore(connect())
    report = _report(FoundCheck, RaisingCheck)
    store.save(report)
    conn = store.conn
    assert conn.execute("SELECT report FROM scans").fetchone()[0] == ""
    assert conn.execute("SELECT count(*) FROM scan_texts").fetchone()[0] == 1
    assert report_to_dict(store.get(report.scan_id))["results"] == report_to_dict(report)["results"]
    store.save(report)  # saved again: still one text
    assert conn.execute("SELECT count(*) FROM scan_texts").fetchone()[0] == 1
    forget_person(conn, "alice")
    assert conn.execute("SELECT count(*) FROM scan_texts").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM scans").fetchone()[0] == 0


@pytest.mark.parametrize(("inline", "kept"), [(1 << 20, 8 << 20), (10, 8 << 20), (10, 50),
                                              (1 << 20, 50)])
def test_a_saved_text_is_the_reports_text_kept_or_compressed(app_home, monkeypatch, inline, kept):
    """Whether the pieces were held as they are or compressed past `KEPT` bytes, and whether
    the text is inline or apart, the database holds exactly the report's text."""
    import audit.store.history as history
    import audit.store.savedtext as savedtext
    from audit.store.serialize import report_json

    monkeypatch.setattr(history, "INLINE", inline)
    monkeypatch.setattr(savedtext, "KEPT", kept)
    store = HistoryStore(connect())
    report = _report(FoundCheck, RaisingCheck)
    store.save(report)
    text = report_json(report, sort_keys=False)
    assert len(text) > 50
    assert "".join(store._lines(report.scan_id)) == text
    assert report_to_dict(store.get(report.scan_id)) == report_to_dict(report)


def test_a_database_of_the_previous_version_upgrades_and_keeps_its_scans(app_home):
    """A history written before briefs were kept (migrations 001 and 002 only, the report as
    text) opens, gains the new column and table, and its scan reads back and compares."""
    import audit.store.history as history
    from audit.store.serialize import report_json

    conn = connect()
    migrate(conn, "history", history.MIGRATIONS[:2])
    old = _report(FoundCheck, RaisingCheck)
    conn.execute(
        "INSERT INTO scans (id, started_at, finished_at, label, interrupted, findings, report,"
        " subject_key) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
        (old.scan_id, old.started_at.isoformat(), old.finished_at.isoformat(), "alice",
         len(old.findings()), report_json(old, sort_keys=False), history.subject_key(old)))
    store = HistoryStore(conn)  # the upgrade runs here
    columns = {row[1] for row in conn.execute("PRAGMA table_info(scans)")}
    assert "brief" in columns
    assert conn.execute("SELECT count(*) FROM scan_texts").fetchone()[0] == 0
    assert report_to_dict(store.get(old.scan_id))["results"] == report_to_dict(old)["results"]
    from audit.models import Status

    later = _swap(_report(FoundCheck), "found", Status.NOT_FOUND)  # the account is gone
    brief = store.brief_before(later)
    assert brief is not None
    assert brief.scan_id == old.scan_id
    gone = [f.fingerprint for f in diff(old, later).gone]
    assert gone  # the comparison has something to find
    assert sorted(brief.gone(later)) == sorted(gone)
    assert HistoryStore(conn) is not None  # opening again runs nothing twice
    done = [r[0] for r in conn.execute(
        "SELECT name FROM _migrations WHERE namespace = 'history' ORDER BY name")]
    assert done == [name for name, _ in history.MIGRATIONS]


def test_forgetting_everything_deletes_the_long_report_texts(app_home, monkeypatch):
    import audit.store.history as history
    from audit.plan.forget import forget_all

    monkeypatch.setattr(history, "INLINE", 10)
    store = HistoryStore(connect())
    store.save(_report(FoundCheck, RaisingCheck))
    assert store.conn.execute("SELECT count(*) FROM scan_texts").fetchone()[0] == 1
    forget_all(store.conn)
    assert store.conn.execute("SELECT count(*) FROM scan_texts").fetchone()[0] == 0
