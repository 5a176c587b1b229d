"""Benchmark: the photos check vs `exiftool -fast -n -r -json` on a generated corpus.

    python -m benchmarks.photos.run [--files 3000] [--dir /tmp/photo-corpus] [--repeat 3]

Builds the corpus once (reused when the folder exists), then times the check's `run` over the
whole folder (one probe, as in a scan), the same split in two probes on two threads (as the
core's runner would run them) and on two processes (what both cores could give), and ExifTool
when it is installed, and prints files/s,
located files found / missed / wrong against the ground truth, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from audit.check import Probe
from audit.models import Subject
from benchmarks.photos.corpus import build
from checks.photos.check import PhotosCheck


class _Ctx:
    subject = Subject()
    options: Mapping[str, Any] = {}

    def now(self) -> datetime:
        return datetime.now(UTC)


def _score(truth: Mapping[str, Any], got: Mapping[str, tuple[float, float]]) -> str:
    located = {k for k, v in truth.items() if v}
    found = sum(1 for k in located if k in got)
    wrong = sum(1 for k in located if k in got and (abs(got[k][0] - truth[k][0]) > 1e-4
                                                    or abs(got[k][1] - truth[k][1]) > 1e-4))
    false = sum(1 for k in got if not truth.get(k))
    return (f"found {found}/{len(located)}, missed {len(located) - found}, wrong coords "
            f"{wrong}, false locations {false}")


def run_check(folder: Path) -> tuple[float, dict[str, tuple[float, float]], int]:
    check = PhotosCheck()
    probe = Probe("photos", str(folder), params={"folders": [str(folder)]})
    t0 = time.perf_counter()
    outcomes = check.run(probe, _Ctx())  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    got = {}
    for o in outcomes:
        for f in o.findings:
            if f.kind == "photo_location":
                got[o.target or ""] = (f.data["lat"], f.data["lon"])
    return elapsed, got, len(outcomes) - 1


def _run_dirs(dirs: list[str]) -> int:
    probe = Probe("photos", "part", params={"folders": dirs})
    return len(PhotosCheck().run(probe, _Ctx()))  # type: ignore[arg-type]


def run_split(folder: Path, parts: int, pool_kind: str) -> float:
    """Time the check with the folder split into `parts` probes run on a thread pool (what
    the core does) or a process pool (what two cores could give)."""
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    dirs = sorted(str(d) for d in folder.iterdir() if d.is_dir())
    chunks = [dirs[i::parts] for i in range(parts)]
    pool_cls = ThreadPoolExecutor if pool_kind == "threads" else ProcessPoolExecutor
    t0 = time.perf_counter()
    with pool_cls(max_workers=parts) as pool:
        list(pool.map(_run_dirs, chunks))
    return time.perf_counter() - t0


def run_exiftool(folder: Path) -> tuple[float, dict[str, tuple[float, float]]] | None:
    exe = shutil.which("exiftool")
    if exe is None:
        return None
    t0 = time.perf_counter()
    proc = subprocess.run([exe, "-fast", "-n", "-r", "-json", "-GPSLatitude", "-GPSLongitude",
                           "-ext", "*", "."], cwd=folder, capture_output=True, check=False)
    elapsed = time.perf_counter() - t0
    got = {}
    for item in json.loads(proc.stdout or b"[]"):
        lat, lon = item.get("GPSLatitude"), item.get("GPSLongitude")
        if isinstance(lat, int | float) and isinstance(lon, int | float) and (lat or lon):
            got[item["SourceFile"].removeprefix("./")] = (float(lat), float(lon))
    return elapsed, got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--dir", default="/tmp/photo-corpus")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folder = Path(args.dir)
    truth_path = folder.parent / f"{folder.name}-truth.json"
    if folder.is_dir() and truth_path.exists():
        truth = json.loads(truth_path.read_text())
    else:
        t0 = time.perf_counter()
        truth = build(folder, args.files)
        print(f"corpus: {len(truth)} files built in {time.perf_counter() - t0:.1f} s")
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    n = len(truth)
    print(f"corpus: {n} files, {size / 1e6:.0f} MB, {sum(1 for v in truth.values() if v)} "
          f"located; {folder}")
    times = []
    for _ in range(args.repeat):
        elapsed, got, answered = run_check(folder)
        times.append(elapsed)
    best = min(times)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"photos check : {best:6.2f} s  {n / best:8.0f} files/s  answers {answered}/{n}  "
          f"{_score(truth, got)}  peak RSS {rss:.0f} MB")
    for kind in ("threads", "processes"):
        t = min(run_split(folder, 2, kind) for _ in range(args.repeat))
        print(f"2 probes, {kind:9}: {t:6.2f} s  {n / t:8.0f} files/s")
    ex = run_exiftool(folder)
    if ex is None:
        print("exiftool     : not installed (apt-get install libimage-exiftool-perl)")
        return
    ex_time, ex_got = ex
    ex_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"exiftool     : {ex_time:6.2f} s  {n / ex_time:8.0f} files/s  "
          f"{_score(truth, ex_got)}  peak RSS {ex_rss:.0f} MB")
    print(f"speed-up     : {ex_time / best:.1f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
