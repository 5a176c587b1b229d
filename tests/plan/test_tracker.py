"""Request follow-up: storage, statuses, legal deadlines and overdue logic with a fake clock."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.cli.requests import requests_group
from audit.plan import ActionPlan, build_plan, tracker
from audit.store.db import connect
from audit.store.planjson import plan_request_to_dict
from audit.store.serialize import report_to_dict
from tests.plan.persona import report

T0 = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = connect(tmp_path / "db" / "audit.sqlite3")
    yield c
    c.close()


@pytest.fixture
def plan() -> ActionPlan:
    return build_plan(report(), "fr")


def _removal(plan: ActionPlan) -> dict:  # type: ignore[type-arg]
    return plan_request_to_dict(next(r for r in plan.requests if r.kind == "removal"))


def test_database_file_is_private(tmp_path: Path, conn) -> None:  # type: ignore[no-untyped-def]
    tracker.prepare(conn)
    path = tmp_path / "db" / "audit.sqlite3"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_save_requests_keeps_status_when_the_next_scan_saves_them_again(conn, plan) -> None:  # type: ignore[no-untyped-def]
    assert tracker.save_requests(conn, "scan-1", plan.requests, now=T0) == len(plan.requests)
    req = _removal(plan)
    tracker.mark_filed(conn, req["id"], T0, reference="TICKET-7")
    tracker.save_requests(conn, "scan-2", plan.requests, now=T0)
    stored = tracker.get(conn, req["id"])
    assert stored.status == "filed"
    assert stored.reference == "TICKET-7"
    assert stored.scan_id == "scan-2"
    assert len(tracker.list_requests(conn)) == len(plan.requests)


def test_one_calendar_month_then_overdue(conn, plan) -> None:  # type: ignore[no-untyped-def]
    tracker.save_requests(conn, "scan-1", plan.requests, now=T0)
    req = _removal(plan)
    filed = tracker.mark_filed(conn, req["id"], T0)
    assert filed.due() == datetime(2026, 2, 28, 9, 0, tzinfo=UTC)  # Jan 31 + 1 month, clamped
    assert tracker.overdue(conn, datetime(2026, 2, 28, 9, 0, tzinfo=UTC)) == []
    late = tracker.overdue(conn, datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    assert [r.id for r in late] == [req["id"]]


def test_extension_adds_two_months(conn, plan) -> None:  # type: ignore[no-untyped-def]
    tracker.save_requests(conn, "scan-1", plan.requests, now=T0)
    req = _removal(plan)
    tracker.mark_filed(conn, req["id"], T0)
    ext = tracker.mark_extended(conn, req["id"], datetime(2026, 2, 10, tzinfo=UTC))
    assert ext.due() == datetime(2026, 4, 30, 9, 0, tzinfo=UTC)
    assert tracker.overdue(conn, datetime(2026, 4, 1, tzinfo=UTC)) == []
    assert tracker.overdue(conn, datetime(2026, 5, 1, tzinfo=UTC))


def test_answered_and_unfiled_requests_are_never_overdue(conn, plan) -> None:  # type: ignore[no-untyped-def]
    tracker.save_requests(conn, "scan-1", plan.requests, now=T0)
    req = _removal(plan)
    tracker.mark_filed(conn, req["id"], T0)
    tracker.mark_answered(conn, req["id"], datetime(2026, 2, 5, tzinfo=UTC), "removed")
    assert tracker.overdue(conn, datetime(2027, 1, 1, tzinfo=UTC)) == []
    with pytest.raises(ValueError, match="filed first"):
        tracker.mark_extended(conn, plan.requests[1].id, T0)


def test_follow_up_points_to_the_cnil_with_the_reference(conn, plan) -> None:  # type: ignore[no-untyped-def]
    tracker.save_requests(conn, "scan-1", plan.requests, now=T0)
    req = _removal(plan)
    tracker.mark_filed(conn, req["id"], T0, reference="REF-123")
    now = datetime(2026, 3, 10, tzinfo=UTC)
    step = tracker.follow_up(tracker.overdue(conn, now)[0], now, "fr")
    assert step["next_step_url"] == "https://www.cnil.fr/fr/plaintes"
    assert "CNIL" in step["next_step"]
    assert step["days_late"] == 9
    assert "REF-123" in step["letter"]
    assert "2026-01-31" in step["letter"]
    assert "https://forum.example.net/t/42" in step["letter"]


def test_ids_can_be_abbreviated_but_not_ambiguously(conn, plan) -> None:  # type: ignore[no-untyped-def]
    tracker.save_requests(conn, "scan-1", plan.requests, now=T0)
    rid = _removal(plan)["id"]
    assert tracker.get(conn, rid[:9]).id == rid
    with pytest.raises(KeyError):
        tracker.get(conn, "req-")
    with pytest.raises(KeyError):
        tracker.get(conn, "nope")


def test_requests_commands_with_injected_clock(conn, plan) -> None:  # type: ignore[no-untyped-def]
    tracker.save_requests(conn, "scan-1", plan.requests, now=T0)
    rid = _removal(plan)["id"]
    clock = {"now": T0}
    obj = {"conn": conn, "clock": lambda: clock["now"]}
    runner = CliRunner()
    res = runner.invoke(requests_group, ["list"], obj=obj)
    assert res.exit_code == 0
    assert rid in res.output
    res = runner.invoke(requests_group, ["filed", rid[:10], "--reference", "R-9"], obj=obj)
    assert res.exit_code == 0
    assert "filed" in res.output
    assert "2026-02-28" in res.output
    res = runner.invoke(requests_group, ["overdue"], obj=obj)
    assert "Nothing overdue" in res.output
    clock["now"] = datetime(2026, 3, 5, tzinfo=UTC)
    res = runner.invoke(requests_group, ["overdue", "--lang", "fr"], obj=obj)
    assert rid in res.output
    assert "https://www.cnil.fr/fr/plaintes" in res.output
    assert "R-9" in res.output
    res = runner.invoke(requests_group, ["show", rid], obj=obj)
    assert "Article 17" in res.output or "article 17" in res.output
    res = runner.invoke(requests_group, ["answered", rid, "--outcome", "removed"], obj=obj)
    assert res.exit_code == 0
    assert "answered" in res.output
    res = runner.invoke(requests_group, ["filed", "zzz"], obj=obj)
    assert res.exit_code != 0
    assert "no single request" in res.output


def test_save_requests_stores_the_published_form_of_a_reports_requests(conn) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    rep = report()
    rep = replace(rep, plan=build_plan(rep, "en"))
    assert rep.plan is not None
    saved = tracker.save_requests(conn, rep.scan_id, rep.plan.requests, now=T0)
    assert saved == len(rep.plan.requests)
    plain = {r["id"]: r for r in report_to_dict(rep)["requests"]}
    for stored in tracker.list_requests(conn):
        assert dict(stored.data) == plain[stored.id]
