"""Time a sweep of the `accounts` check over the local site farm and score it.

Starts `farm.py` (N synthetic sites on loopback, fixed latency, 10 % existing, 5 % blocking,
5 % rate-limiting), then runs the real tool over the farm's catalog and prints wall time,
requests per second, peak memory (max RSS) and accuracy against the farm's ground truth:
true/false positives, false negatives, and how the hostile sites were reported.

    python benchmarks/accounts/bench.py --sites 500 --latency 0.1
    python benchmarks/accounts/bench.py --sites 2000 --concurrency 256 --mode api
    python benchmarks/accounts/bench.py --sites 2000 --repeat 5 --sherlock auto

``--mode cli`` (default) runs ``exposure-audit scan --only accounts --sites-file ...`` in a
subprocess, start-up included; ``--mode api`` runs the core `Scanner` in this process. The
tool runs with ``HTTP_PROXY=http://127.0.0.1:9`` (a dead proxy) and
``NO_PROXY=127.0.0.1,localhost``, as a user with a proxy configured would: the farm is
reached directly. With ``--sherlock`` (a ``sherlock`` command, or ``auto`` to look for one)
the same farm is also swept by Sherlock, alternating with the tool run by run, from a data
file written from the farm's catalog; without Sherlock the peer is skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
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
    env = {**loopback_env(), "EXPOSURE_AUDIT_HOME": str(work / "home"),
           "EXPOSURE_AUDIT_LOAD_PLUGINS": "0"}
    # An installed tool runs from cached bytecode (pip compiles it at install): let Python
    # write and use __pycache__ even where the environment turns that off.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "audit", "scan", "--handle", USER, "--only", "accounts",
           "--sites-file", str(work / "sites.json"), "--format", "json", "-o", str(report),
           "--no-history", "--no-cache", "--quiet", "--concurrency", str(args.concurrency),
           "--per-host", str(args.per_host), "--timeout", "10"]
    cmd += ["--no-control"] if args.no_control else []
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


def loopback_env() -> dict[str, str]:
    """The environment of a user behind a proxy (here a dead one) who exempts loopback."""
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")}
    env.update(HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9",
               NO_PROXY="127.0.0.1,localhost")
    return env


def sherlock_data(work: Path) -> Path:
    """The farm's catalog in Sherlock's data format (a `--json` file)."""
    data: dict[str, Any] = {}
    for site in json.loads((work / "sites.json").read_text())["sites"]:
        probe, absent = site["probe"], site["absent"]
        entry: dict[str, Any] = {"url": site["profile_url"].replace("{username}", "{}"),
                                 "urlMain": site["profile_url"].split("/", 3)[0:3][-1],
                                 "username_claimed": USER}
        if probe["url"] != site["profile_url"]:
            entry["urlProbe"] = probe["url"].replace("{username}", "{}")
        if probe.get("method", "GET") != "GET":
            entry["request_method"] = probe["method"]
            body = probe.get("body") or ""
            entry["request_payload"] = json.loads(body.replace("{username}", "{}") or "{}")
        if absent.get("url_contains"):
            entry.update(errorType="response_url", errorUrl=absent["url_contains"])
        elif absent.get("marker"):
            entry.update(errorType="message", errorMsg=absent["marker"])
        else:
            entry.update(errorType="status_code")
        data[site["name"]] = entry
    path = work / "sherlock.json"
    path.write_text(json.dumps(data))
    return path


def run_sherlock(
    command: str, work: Path
) -> tuple[float, float, float, list[dict[str, Any]]]:
    """One Sherlock sweep of the farm: wall, CPU, peak RSS and its answers. Its version check
    goes to the dead proxy of `loopback_env` (nothing leaves the machine)."""
    cmd = [command, USER, "--json", str(sherlock_data(work)), "--timeout", "10",
           "--print-all", "--no-color", "--ignore-exclusions"]
    out_path = work / "sherlock.out"
    t0 = time.perf_counter()
    with out_path.open("w") as out_file:
        proc = subprocess.Popen(cmd, env=loopback_env(), cwd=work, stdout=out_file,
                                stderr=subprocess.DEVNULL)
        _, _status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out = out_path.read_text()
    results = []
    for line in out.splitlines():
        if line.startswith(("[+]", "[-]")) and ":" in line:
            name, _, rest = line[4:].partition(":")
            status = ("found" if line.startswith("[+]") else
                      "not_found" if "Not Found" in rest else "unknown")
            results.append({"target": name.strip(), "status": status})
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, results


def run_api(
    args: argparse.Namespace, work: Path
) -> tuple[float, float, float, list[dict[str, Any]]]:
    os.environ["EXPOSURE_AUDIT_HOME"] = str(work / "home")
    from audit.models import Subject
    from audit.plugins import Registry
    from audit.scan.runner import Scanner
    from audit.settings import Settings
    from checks.accounts import AccountsCheck

    registry = Registry()
    registry.add_check(AccountsCheck)
    settings = Settings(concurrency=args.concurrency, per_host=args.per_host, trust_env=False,
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


def run_floor(
    args: argparse.Namespace, work: Path
) -> tuple[float, float, float, list[dict[str, Any]]]:
    """`floor.py`: the same requests with aiohttp alone (no decision, log nor report)."""
    cmd = [sys.executable, str(HERE / "floor.py"), str(work / "sites.json"),
           "--concurrency", str(args.concurrency)] + (["--no-control"] if args.no_control
                                                       else [])
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=loopback_env(), stdout=subprocess.DEVNULL)
    _, _status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - t0, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, [])


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


def find_sherlock(wanted: str) -> str:
    """The sherlock command to run, or "" (with a message) when there is none."""
    if not wanted:
        return ""
    candidates = [wanted] if wanted != "auto" else ["sherlock", "/tmp/sherlock-venv/bin/sherlock"]
    for cmd in candidates:
        found = shutil.which(cmd)
        if found:
            return found
    print(f"sherlock: not found ({wanted}); the comparison is skipped. "
          "Install it apart: python3 -m venv /tmp/sherlock-venv && "
          "/tmp/sherlock-venv/bin/pip install sherlock-project", file=sys.stderr)
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description="accounts benchmark over a local site farm")
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=256)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--sherlock", default="",
                        help="a sherlock command to compare with, or 'auto' (look on PATH "
                        "and in /tmp/sherlock-venv)")
    parser.add_argument("--mode", choices=("cli", "api"), default="cli")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warmup", type=int, choices=(0, 1), default=1,
                        help="one unscored run first (cli mode): bytecode cache, farm warm")
    parser.add_argument("--no-control", action="store_true",
                        help="scan --no-control: no control probe per site (half the requests)")
    parser.add_argument("--floor", action="store_true",
                        help="also time floor.py: the same requests with aiohttp alone")
    args = parser.parse_args()
    sherlock = find_sherlock(args.sherlock)
    with tempfile.TemporaryDirectory(prefix="accounts-bench-") as tmp:
        work = Path(tmp)
        farm = start_farm(args, work)
        try:
            truth = json.loads((work / "truth.json").read_text())
            if args.warmup and args.mode == "cli":
                run_cli(args, work)  # not scored: fills the bytecode cache, warms the farm
            runs: dict[str, list[float]] = {"tool": [], "sherlock": [], "aiohttp-floor": []}
            for run in range(args.repeat):
                peers = [("tool", run_cli if args.mode == "cli" else run_api)]
                if sherlock:
                    peers.append(("sherlock", lambda a, w: run_sherlock(sherlock, w)))
                if args.floor:
                    peers.append(("aiohttp-floor", run_floor))
                if run % 2:
                    peers.reverse()  # alternate who goes first
                for who, runner in peers:
                    farm_cpu = cpu_of(farm.pid)
                    wall, cpu, rss, results = runner(args, work)
                    farm_cpu = cpu_of(farm.pid) - farm_cpu
                    runs[who].append(wall)
                    s = score(truth, results) if who != "aiohttp-floor" else {}
                    hostile = sum(1 for t in truth if t["hostile"])
                    exists = sum(1 for t in truth if t["exists"] and not t["hostile"])
                    print(json.dumps({
                        "run": run + 1, "who": who, "mode": args.mode, "sites": args.sites,
                        "control": who != "sherlock" and not args.no_control,
                        "latency_s": args.latency, "concurrency": args.concurrency,
                        "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                        "farm_cpu_s": round(farm_cpu, 3),
                        "req_per_s": round(args.sites / wall, 1),
                        "peak_rss_mb": round(rss, 1),
                        "existing": exists, "hostile": hostile, **s,
                        "load_avg_1m": round(os.getloadavg()[0], 1),
                    }), flush=True)
            # The machine may be shared: the minimum is the least disturbed run of each.
            summary: dict[str, Any] = {"sites": args.sites, "runs": args.repeat,
                                       "control": not args.no_control,
                                       "tool_min_s": round(min(runs["tool"]), 3),
                                       "tool_median_s": round(statistics.median(runs["tool"]), 3)}
            if runs["sherlock"]:
                best = min(runs["sherlock"])
                summary.update(sherlock_min_s=round(best, 3),
                               sherlock_median_s=round(statistics.median(runs["sherlock"]), 3),
                               speedup_min=round(best / summary["tool_min_s"], 1))
            elif args.sherlock:
                summary["sherlock"] = "not installed: skipped (see README.md)"
            if runs["aiohttp-floor"]:
                summary["aiohttp_floor_min_s"] = round(min(runs["aiohttp-floor"]), 3)
            summary["load_avg"] = [round(x, 1) for x in os.getloadavg()]
            print("summary:", json.dumps(summary))
        finally:
            assert farm.stdin is not None
            farm.stdin.close()
            farm.wait(timeout=10)
            stats = work / "farm-stats.json"
            if stats.exists():
                print("farm:", stats.read_text())


if __name__ == "__main__":
    main()
