"""Benchmark: the commands a user runs on a photo folder, end to end, beside ExifTool.

    python -m benchmarks.photos.run [--sizes 2500,10000,30000] [--dir /tmp/photo-bench]
                                    [--repeat 3] [--stages]

For each size it builds a reproducible corpus once (`corpus.py`, reused when present), then
times, in the same run, each command as a separate process, round after round (each command
once a round, so that all meet the same drift of the machine's speed):

* `exposure-audit photos scan DIR -f json -o OUT` (reading, clusters, plan, JSON report);
* `exposure-audit scan --photos DIR --only photos -f json -o OUT` (the full scan command);
* `exiftool -fast -n -r -json -ext '*' DIR` (output to a file), when ExifTool is installed.

It prints, over `--repeat` runs, the shortest wall time (the machine is shared: the minimum is
the run least slowed by others) and the range, the shortest CPU time (user + system, the
command's worker processes included), files/s, the largest resident set of the command (its
biggest process), the load average when each command started, the speed-up over ExifTool in
wall and in CPU time, and located files found / wrong / false against the corpus's ground
truth (from the report the command wrote). With `--stages` it also times the stages in this
process (minimum of `--repeat` runs): walk, read (all cores), findings, clusters, plan, and
JSON rendering.

The process that starts the commands stays small: Linux reports, as a command's peak
resident set, the larger of its own and the one of the process that started it (the address
space it was started from counts until `exec`), so the corpus, the ground truth, the reports
read back and the stages are handled in a helper process instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.photos.corpus import build

Coords = dict[str, tuple[float, float]]


def prepared(base: str, n: int) -> tuple[str, float, int]:
    """(folder, size in MB, located files) of the corpus of `n` files, built when missing
    (run in the helper process)."""
    folder, truth = corpus(Path(base), n)
    mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
    return str(folder), mb, sum(1 for v in truth.values() if v)


def scored(base: str, n: int, report: str, exiftool: bool) -> str:
    """The score of the report a command wrote against the corpus's ground truth (run in the
    helper process)."""
    truth = json.loads((Path(base) / f"c{n}-truth.json").read_text())
    folder = Path(base) / f"c{n}"
    return score(truth, exiftool_coords(Path(report)) if exiftool
                 else report_coords(Path(report), folder))


def corpus(base: Path, n: int) -> tuple[Path, dict[str, Any]]:
    """The corpus of `n` files under `base` and its ground truth (built when missing)."""
    folder = base / f"c{n}"
    truth_path = base / f"c{n}-truth.json"
    if folder.is_dir() and truth_path.exists():
        return folder, json.loads(truth_path.read_text())
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    truth = build(folder, n)
    print(f"  built {n} files in {time.perf_counter() - t0:.1f} s", flush=True)
    return folder, truth


def timed(argv: Sequence[str], stdout: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MB of the command's largest process) of one run.
    ExifTool exits 1 when some files have errors (the corrupt ones): only that is tolerated."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    try:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    if proc.returncode != 0 and not (stdout and proc.returncode == 1):
        raise SystemExit(f"{argv[0]} failed with exit code {proc.returncode}")
    # wait4 reports the child with its own waited-for children (our reading workers)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def load() -> float:
    """The 1-minute load average (nan where the system has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def report_coords(path: Path, folder: Path) -> Coords:
    doc = json.loads(path.read_text())
    got: Coords = {}
    for r in doc["results"]:
        for f in r["findings"]:
            if f["kind"] == "photo_location":
                rel = os.path.relpath(f["data"]["source"], folder)
                got[rel] = (f["data"]["lat"], f["data"]["lon"])
    return got


def exiftool_coords(path: Path) -> Coords:
    got: Coords = {}
    for item in json.loads(path.read_bytes() or b"[]"):
        lat, lon = item.get("GPSLatitude"), item.get("GPSLongitude")
        if isinstance(lat, int | float) and isinstance(lon, int | float) and (lat or lon):
            got[str(item["SourceFile"]).removeprefix("./")] = (float(lat), float(lon))
    return got


def score(truth: Mapping[str, Any], got: Coords) -> str:
    located = {k for k, v in truth.items() if v}
    found = sum(1 for k in located if k in got)
    wrong = sum(1 for k in located if k in got and (abs(got[k][0] - truth[k][0]) > 1e-4
                                                    or abs(got[k][1] - truth[k][1]) > 1e-4))
    false = sum(1 for k in got if not truth.get(k))
    return f"found {found}/{len(located)}, wrong {wrong}, false {false}"


def stages(folder: Path) -> list[tuple[str, float]]:
    """Per-stage seconds of one `photos scan`, run stage by stage in this process."""
    from audit import api
    from audit.models import CheckResult, ScanReport, Subject, utcnow
    from audit.plan import build_plan
    from audit.render import RenderOptions
    from checks.photos.check import walk_files
    from checks.photos.clusters import find_clusters
    from checks.photos.findings import clusters_outcome, file_outcome, point_of
    from checks.photos.model import Limits
    from checks.photos.reader import read_files

    marks = [("start", time.perf_counter())]
    paths = list(walk_files(folder, 10**7))
    marks.append(("walk", time.perf_counter()))
    infos = list(read_files(paths, Limits()))
    marks.append(("read", time.perf_counter()))
    outcomes = [file_outcome(i, p.relative_to(folder).as_posix(), folder=str(folder))
                for p, i in zip(paths, infos, strict=True)]
    marks.append(("findings", time.perf_counter()))
    points = [pt for i in infos if (pt := point_of(i, published=False)) is not None]
    outcomes.append(clusters_outcome(find_clusters(points), "clusters", len(points),
                                     folders=(str(folder),)))
    marks.append(("cluster", time.perf_counter()))
    now = utcnow()
    results = tuple(CheckResult("photos", o.target or "", o.status, o.url or "", o.findings,
                                o.reason, o.detail) for o in outcomes)
    report = ScanReport("bench", "bench", Subject(photo_dirs=(str(folder),)), now, now,
                        results=results)
    plan = build_plan(report, "en")
    marks.append(("plan", time.perf_counter()))
    full = dataclasses.replace(report, plan=plan)
    api.render(full, "json", RenderOptions())
    marks.append(("render", time.perf_counter()))
    return [(name, t - marks[i][1]) for i, (name, t) in enumerate(marks[1:])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="2500,10000,30000")
    ap.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "photo-bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stages", action="store_true")
    args = ap.parse_args()
    base = Path(args.dir)
    base.mkdir(parents=True, exist_ok=True)
    cli = [sys.executable, "-m", "audit"]
    exiftool = shutil.which("exiftool")
    for var in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"):
        if os.environ.get(var):
            # not how a user runs it: no bytecode cache written (every module changed since
            # the last cached run is compiled at each start, ~30 ms), unbuffered output
            print(f"warning: {var} is set; unset it to time what users run", flush=True)
    print(f"{os.cpu_count()} cores, load average {load():.1f} at start; minimum of "
          f"{args.repeat} runs (range)")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as helper:
        for n in (int(s) for s in args.sizes.split(",")):
            _size(helper, args, base, n, cli, exiftool)


def _size(helper: ProcessPoolExecutor, args: argparse.Namespace, base: Path, n: int,
          cli: Sequence[str], exiftool: str | None) -> None:
    where, mb, located = helper.submit(prepared, str(base), n).result()
    folder = Path(where)
    print(f"\n{n} files, {mb:.0f} MB, {located} located")
    reports = {"photos scan": base / f"c{n}-photos-scan.json",
               "scan --photos": base / f"c{n}-scan-photos.json"}
    runs: dict[str, tuple[Sequence[str], Path | None]] = {
        "photos scan": ([*cli, "photos", "scan", str(folder), "-f", "json", "-o",
                         str(reports["photos scan"])], None),
        "scan --photos": ([*cli, "scan", "--photos", str(folder), "--only", "photos",
                           "-f", "json", "-o", str(reports["scan --photos"])], None),
    }
    if exiftool:
        runs["exiftool -fast"] = ([exiftool, "-fast", "-n", "-r", "-json", "-ext", "*",
                                   "."], base / f"c{n}-exiftool.json")
    # Round after round, each command once: the machine's speed drifts over a minute (other
    # guests of the host), and each command then meets the same drift.
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in runs}
    loads: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, (argv, to) in runs.items():
            cwd = os.getcwd()
            os.chdir(folder) if name.startswith("exiftool") else None
            try:
                loads[name].append(load())
                samples[name].append(timed(argv, to))
            finally:
                os.chdir(cwd)
    best: dict[str, tuple[float, float]] = {}
    for name, (_argv, to) in runs.items():
        times = samples[name]
        wall, cpu = min(t for t, _, _ in times), min(c for _, c, _ in times)
        best[name] = (wall, cpu)
        got = helper.submit(scored, str(base), n, str(to or reports[name]), to is not None
                            ).result()
        spread = f"({wall:.2f}-{max(t for t, _, _ in times):.2f})"
        print(f"  {name:15} {wall:7.2f} s {spread:>15}  CPU {cpu:6.2f} s  "
              f"{n / wall:6.0f} files/s  peak RSS {max(m for _, _, m in times):4.0f} MB  "
              f"load {min(loads[name]):.1f}-{max(loads[name]):.1f}  {got}", flush=True)
    if "exiftool -fast" in best:
        ref_wall, ref_cpu = best["exiftool -fast"]
        for name in ("photos scan", "scan --photos"):
            print(f"  speed-up of {name}: {ref_wall / best[name][0]:.1f}x wall, "
                  f"{ref_cpu / best[name][1]:.1f}x CPU")
    else:
        print("  exiftool: not installed (apt-get install libimage-exiftool-perl)")
    if args.stages:
        rounds = [helper.submit(stages, folder).result() for _ in range(args.repeat)]
        print("  stages (s, minimum):", "  ".join(
            f"{name} {min(r[i][1] for r in rounds):.2f}"
            for i, (name, _) in enumerate(rounds[0])), f"(load {load():.1f})", flush=True)


if __name__ == "__main__":
    main()
