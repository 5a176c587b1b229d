"""Worker processes for big sweeps: every probe answered once, logs merged, crashes reported."""

from __future__ import annotations

import os

import pytest

from audit.models import Reason, Status, Subject
from audit.runner import Scanner
from audit.sandbox import Sandbox, World
from audit.settings import Settings
from audit.workers import can_fork
from tests.fakes import CrashCheck, PidCheck, registry_with

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes need fork()")
SUBJECT = Subject(handles=("alice",))


def test_a_big_sweep_is_shared_between_processes_and_every_probe_answered_once():
    world = World()
    for t in PidCheck.targets:
        world.page(f"http://{t}.test/u", "<html>x</html>")
    with Sandbox(world) as sb:
        settings = Settings(workers=2, shard_min=10, proxy=sb.proxy_url, trust_env=False,
                            check_options={"pids": {"url": True}})
        report = Scanner(registry_with(PidCheck), settings).run(SUBJECT)
    assert sorted(r.target for r in report.results) == sorted(PidCheck.targets)
    assert all(r.status is Status.NOT_FOUND for r in report.results)
    pids = {r.detail for r in report.results}
    assert str(os.getpid()) in pids
    assert len(pids) == 2  # this process and one worker
    # requests sent by the worker are in the scan's request log too
    assert sorted(r.url for r in report.request_log) == sorted(
        f"http://{t}.test/u" for t in PidCheck.targets
    )


def test_small_sweeps_and_workers_1_stay_in_process():
    report = Scanner(registry_with(PidCheck), Settings(workers=2, shard_min=1000)).run(SUBJECT)
    assert {r.detail for r in report.results} == {str(os.getpid())}
    report = Scanner(registry_with(PidCheck), Settings(workers=1, shard_min=1)).run(SUBJECT)
    assert {r.detail for r in report.results} == {str(os.getpid())}


def test_a_worker_that_dies_is_reported_not_lost():
    settings = Settings(workers=2, shard_min=10,
                        check_options={"crash": {"parent": str(os.getpid())}})
    report = Scanner(registry_with(CrashCheck), settings).run(SUBJECT)
    assert len(report.results) == len(CrashCheck.targets)
    lost = [r for r in report.results if r.status is Status.UNKNOWN]
    assert lost
    assert all(r.reason is Reason.CHECK_ERROR and "worker" in r.detail for r in lost)


def test_by_default_worker_processes_are_used_on_linux_only(monkeypatch):
    import audit.workers as workers

    monkeypatch.setattr(workers.os, "cpu_count", lambda: 8)
    monkeypatch.setattr(workers.sys, "platform", "darwin")
    assert workers.default_workers() == 1
    monkeypatch.setattr(workers.sys, "platform", "linux")
    assert workers.default_workers() == 4
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    assert workers.default_workers() == 2
    monkeypatch.undo()
    # the runner uses it when --workers is left at 0
    import audit.runner

    monkeypatch.setattr(audit.runner, "default_workers", lambda: 1)
    report = Scanner(registry_with(PidCheck), Settings(shard_min=10)).run(SUBJECT)
    assert {r.detail for r in report.results} == {str(os.getpid())}
    monkeypatch.setattr(audit.runner, "default_workers", lambda: 2)
    report = Scanner(registry_with(PidCheck), Settings(shard_min=10)).run(SUBJECT)
    assert len({r.detail for r in report.results}) == 2
