"""Worker processes for large sweeps: the second core for hundreds of HTTP probes.

One Python process uses one core for its CPU work (HTTP framing, reading answers), so a
sweep of thousands of sites is CPU-bound in one process. For checks that declare
`shardable`, the runner forks worker processes (POSIX only) and gives each a share of the
probes, grouped by host so per-host limits hold. A worker builds its own HTTP client after the
fork, runs its share as the parent runs its own (batches on an event loop, other probes on
threads) and streams each result and each request-log entry back over a pipe as JSON lines;
the parent turns them back into results, so progress, deadline and Ctrl-C work as for local
probes.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import zlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from audit.check import Check, Probe
from audit.models import CheckResult, Reason, RequestRecord, Status
from audit.serialize import request_from_dict, request_to_dict, result_from_dict, result_to_dict

logger = logging.getLogger(__name__)

_FLUSH_EVERY = 0.05  # seconds between writes of a worker's finished results to the pipe
_PIPE_BUFFER = 1 << 20

Job = tuple[int, Check, Probe]
Deliver = Callable[[int, list[CheckResult]], None]


class ShareRunner(Protocol):
    """What runs a share of jobs in the child."""

    def run(self, jobs: Sequence[Job], deliver: Deliver) -> None:
        """Run the jobs, handing each job's results to `deliver` as they come."""

    def unfinished(self) -> Sequence[RequestRecord]:
        """Requests sent and not answered yet (sent to the parent when stopped)."""


# Called in the child after the fork with a function that sends one request record back;
# returns what runs the share there.
MakeRunner = Callable[[Callable[[RequestRecord], None]], ShareRunner]
_STOP_GRACE = 1.0  # seconds a stopped worker has to send what it has before it is killed


class _Stopped(BaseException):
    """Raised in a worker's main thread by SIGTERM: the parent wants what it has, now."""


def _stop_handler(signum: int, frame: Any) -> None:
    raise _Stopped


def can_fork() -> bool:
    """True where worker processes can be forked (not on Windows)."""
    return hasattr(os, "fork")


def default_workers() -> int:
    """Processes for a big sweep when the user did not choose: one per core (at most 4) on
    Linux; one elsewhere, where forking a process that already runs threads is not safe
    (macOS system libraries), unless the user asks with --workers."""
    if not sys.platform.startswith("linux"):
        return 1
    return min(os.cpu_count() or 1, 4)


def shard_of(probe: Probe, shards: int) -> int:
    """Which share a probe goes to: by host, so one host's probes stay in one process."""
    key = (probe.host or probe.url or probe.target).encode("utf-8", "replace")
    return zlib.crc32(key) % shards


class Worker:
    """One forked worker process running `jobs`; results arrive through `deliver`."""

    def __init__(
        self,
        jobs: Sequence[Job],
        make_runner: MakeRunner,
        deliver: Deliver,
        record: Callable[[RequestRecord], None],
    ) -> None:
        self.jobs = {idx: (check, probe) for idx, check, probe in jobs}
        self._deliver, self._record = deliver, record
        self._delivered: set[int] = set()
        self._stopping = False
        read_fd, write_fd = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the child, which ends with os._exit
            os.close(read_fd)
            _child_main(jobs, make_runner, write_fd)
        os.close(write_fd)
        self._reader = threading.Thread(
            target=self._read, args=(read_fd,), name=f"worker-{self.pid}", daemon=True
        )
        self._reader.start()

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as stream:
            for line in stream:
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if "req" in msg:
                    self._record(request_from_dict(msg["req"]))
                elif "i" in msg:
                    idx = int(msg["i"])
                    self._delivered.add(idx)
                    self._deliver(idx, [result_from_dict(r) for r in msg["r"]])
        _, status = os.waitpid(self.pid, 0)
        if self._stopping:  # stopped at the deadline: the parent reports the rest as timeouts
            return
        for idx, (check, probe) in self.jobs.items():
            if idx not in self._delivered:  # the worker died before this one
                detail = f"worker process ended early (status {status})"
                self._deliver(idx, [_lost(check, probe, detail)])

    def stop(self) -> None:
        """Ask the worker to stop now (deadline reached or Ctrl-C): it sends the results it
        has and the requests still in flight (for the request log), then ends."""
        self._stopping = True
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass

    def wait_stopped(self, grace: float = _STOP_GRACE) -> None:
        """Wait up to `grace` seconds for a stopped worker's last messages, then kill it."""
        self._reader.join(grace)
        if self._reader.is_alive():
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """`stop`, then `wait_stopped`."""
        self.stop()
        self.wait_stopped()


def _lost(check: Check, probe: Probe, detail: str) -> CheckResult:
    return CheckResult(
        check=check.name,
        target=probe.target,
        url=probe.url,
        status=Status.UNKNOWN,
        reason=Reason.CHECK_ERROR,
        detail=detail,
    )


def _child_main(
    jobs: Sequence[Job], make_runner: MakeRunner, fd: int
) -> None:  # pragma: no cover - exercised through the parent, in a separate process
    code = 0
    try:
        # Ctrl-C reaches the whole process group: the parent decides, and stops this worker
        # with SIGTERM, which lets it send what it has first.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _stop_handler)
        out = os.fdopen(fd, "wb", buffering=_PIPE_BUFFER)
        lock = threading.Lock()
        done = threading.Event()

        def send(obj: dict[str, Any]) -> None:
            data = (json.dumps(obj, default=str) + "\n").encode()
            with lock:
                out.write(data)

        def flush_now_and_then() -> None:
            # one write per tick rather than per message: the parent wakes up less often
            while not done.wait(_FLUSH_EVERY):
                with lock:
                    out.flush()

        threading.Thread(target=flush_now_and_then, daemon=True).start()
        share = make_runner(lambda rec: send({"req": request_to_dict(rec)}))
        try:
            share.run(jobs, lambda idx, results: send(
                {"i": idx, "r": [result_to_dict(r) for r in results]}))
        except _Stopped:
            for rec in share.unfinished():
                send({"req": request_to_dict(rec)})
        done.set()
        with lock:
            out.close()
    except BaseException:  # noqa: BLE001 - the parent reports the lost probes
        code = 1
    finally:
        os._exit(code)
