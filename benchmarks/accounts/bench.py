"""Time a sweep of the `accounts` check over the local site farm and score it.

Starts `farm.py` (N synthetic sites on loopback, fixed latency, 10 % existing, 5 % blocking,
5 % rate-limiting), then runs the real tool over the farm's catalog and prints wall time,
requests per second, peak memory (max RSS) and accuracy against the farm's ground truth:
true/false positives, false negatives, and how the hostile sites were reported.

    python benchmarks/accounts/bench.py --sites 500 --latency 0.1
    python benchmarks/accounts/bench.py --sites 2000 --concurrency 256 --mode api

``--mode cli`` (default) runs ``exposure-audit scan --only accounts --sites-file ...`` in a
subprocess, start-up included; ``--mode api`` runs the core `Scanner` in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
USER = "alice_bench"


def start_farm(args: argparse.Namespace, out: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, str(HERE / "farm.py"), "--sites", str(args.sites), "--latency",
           str(args.latency), "--seed", str(args.seed), "--out", str(out)]
    farm = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert farm.stdout is not None
    line = farm.stdout.readline()
    if line.strip() != "READY":
        farm.kill()
        raise SystemExit(f"farm failed to start: {line!r}")
    return farm


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) used so far by process `pid` (Linux; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_cli(
    args: argparse.Namespace, work: Path
) -> tuple[float, float, float, list[dict[str, Any]]]:
    report = work / "report.json"
    env = {**os.environ, "EXPOSURE_AUDIT_HOME": str(work / "home"),
           "EXPOSURE_AUDIT_LOAD_PLUGINS": "0", "NO_PROXY": "*"}
    # An installed tool runs from cached bytecode (pip compiles it at install): let Python
    # write and use __pycache__ even where the environment turns that off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env.pop(var, None)
    cmd = [sys.executable, "-m", "audit", "scan", "--handle", USER, "--only", "accounts",
           "--sites-file", str(work / "sites.json"), "--format", "json", "-o", str(report),
           "--no-history", "--no-cache", "--quiet", "--concurrency", str(args.concurrency),
           "--per-host", str(args.per_host), "--timeout", "10", "--engine", args.engine,
           "--workers", str(args.workers)] + (["--no-control"] if args.no_control else [])
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"scan failed ({proc.returncode}): {err[-2000:]}")
    results = json.loads(report.read_text())["results"]
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, results


def run_api(
    args: argparse.Namespace, work: Path
) -> tuple[float, float, float, list[dict[str, Any]]]:
    os.environ["EXPOSURE_AUDIT_HOME"] = str(work / "home")
    from audit.models import Subject
    from audit.plugins import Registry
    from audit.runner import Scanner
    from audit.settings import Settings
    from checks.accounts import AccountsCheck

    registry = Registry()
    registry.add_check(AccountsCheck)
    settings = Settings(concurrency=args.concurrency, per_host=args.per_host, trust_env=False,
                        engine=args.engine,
                        check_options={"accounts": {"sites_file": str(work / "sites.json"),
                                                    "control": not args.no_control}})
    t0, c0 = time.perf_counter(), time.process_time()
    scanner = Scanner(registry, settings)
    report = scanner.run(Subject(handles=(USER,)))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    scanner.client.close()
    results = [{"target": r.target, "status": str(r.status),
                "reason": str(r.reason) if r.reason else None} for r in report.results]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return wall, cpu, rss, results


def score(truth: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, int]:
    by_name = {r["target"]: r for r in results}
    s = dict.fromkeys(("tp", "fp", "fn", "tn", "unknown_ok", "unknown_wrong", "hostile_found",
                       "hostile_absent", "missing"), 0)
    for site in truth:
        r = by_name.get(site["name"])
        if r is None:
            s["missing"] += 1
            continue
        status = r["status"]
        if site["hostile"]:
            if status == "found":
                s["hostile_found"] += 1
            elif status == "not_found":
                s["hostile_absent"] += 1
            else:
                s["unknown_ok"] += 1
            continue
        if status == "unknown":
            s["unknown_wrong"] += 1
        elif status == "found":
            s["tp" if site["exists"] else "fp"] += 1
        elif site["exists"]:
            s["fn"] += 1
        else:
            s["tn"] += 1
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description="accounts benchmark over a local site farm")
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=256)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--workers", type=int, default=0, help="scan --workers (0: one per core)")
    parser.add_argument("--engine", choices=("auto", "urllib3", "requests"), default="auto")
    parser.add_argument("--mode", choices=("cli", "api"), default="cli")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warmup", type=int, choices=(0, 1), default=1,
                        help="one unscored run first (cli mode): bytecode cache, farm warm")
    parser.add_argument("--no-control", action="store_true",
                        help="scan --no-control: no control probe per site (half the requests)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="accounts-bench-") as tmp:
        work = Path(tmp)
        farm = start_farm(args, work)
        try:
            truth = json.loads((work / "truth.json").read_text())
            if args.warmup and args.mode == "cli":
                run_cli(args, work)  # not scored: fills the bytecode cache, warms the farm
            for run in range(args.repeat):
                runner = run_cli if args.mode == "cli" else run_api
                farm_cpu = cpu_of(farm.pid)
                wall, cpu, rss, results = runner(args, work)
                farm_cpu = cpu_of(farm.pid) - farm_cpu
                s = score(truth, results)
                hostile = sum(1 for t in truth if t["hostile"])
                exists = sum(1 for t in truth if t["exists"] and not t["hostile"])
                print(json.dumps({
                    "run": run + 1, "mode": args.mode, "sites": args.sites,
                    "latency_s": args.latency, "concurrency": args.concurrency,
                    "engine": args.engine, "control": not args.no_control,
                    "wall_s": round(wall, 3), "tool_cpu_s": round(cpu, 3),
                    "farm_cpu_s": round(farm_cpu, 3),
                    "req_per_s": round(args.sites / wall, 1), "peak_rss_mb": round(rss, 1),
                    "existing": exists, "hostile": hostile, **s,
                }))
        finally:
            assert farm.stdin is not None
            farm.stdin.close()
            farm.wait(timeout=10)
            stats = work / "farm-stats.json"
            if stats.exists():
                print("farm:", stats.read_text())


if __name__ == "__main__":
    main()
