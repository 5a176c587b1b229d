"""The daemon thread pool: results, exceptions, concurrency, and never holding up exit."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from audit.threads import DaemonPool


def test_results_and_exceptions_reach_the_futures():
    pool = DaemonPool(4)
    ok = pool.submit(lambda a, b: a + b, 2, 3)
    bad = pool.submit(lambda: 1 / 0)
    assert ok.result(timeout=5) == 5
    with pytest.raises(ZeroDivisionError):
        bad.result(timeout=5)
    pool.shutdown()


def test_runs_up_to_size_tasks_at_once_and_no_more():
    pool = DaemonPool(3)
    barrier = threading.Barrier(3, timeout=5)
    running = []
    lock = threading.Lock()

    def task():
        with lock:
            running.append(1)
        barrier.wait()  # all three must be running together, or this times out
        return threading.current_thread().daemon

    futures = [pool.submit(task) for _ in range(3)]
    assert all(f.result(timeout=5) for f in futures)
    assert len(pool._daemons) == 3
    for _ in range(20):
        pool.submit(lambda: None).result(timeout=5)
    assert len(pool._daemons) == 3  # idle threads are reused
    pool.shutdown()


def test_a_stuck_task_does_not_keep_the_program_alive():
    code = (
        "import threading\n"
        "from audit.threads import DaemonPool\n"
        "p = DaemonPool(2)\n"
        "p.submit(threading.Event().wait)\n"
        "p.shutdown()\n"
        "print('done')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert out.stdout.strip() == "done"
