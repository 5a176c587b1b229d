"""``python -m audit.sandbox``: serve the offline demo world on 127.0.0.1 until Ctrl-C, to
poke at it by hand (``curl --proxy URL --cacert CA https://github.com/camdufresne``) or to
run ``exposure-audit scan ... --proxy URL --ca-bundle CA`` against it."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType

from audit.sandbox.demo import build_demo_world
from audit.sandbox.server import Sandbox


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Serve the demo world and print how to reach it; stop on Ctrl-C or SIGTERM."""
    argparse.ArgumentParser(
        prog="python -m audit.sandbox",
        description="Serve the offline demo world on 127.0.0.1 as an HTTP(S) forward proxy "
        "with a throw-away CA, until Ctrl-C. Prints the proxy URL and the CA file to trust.",
    ).parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    folder = Path(tempfile.mkdtemp(prefix="exposure-audit-sandbox-"))
    try:
        with Sandbox(build_demo_world(folder)) as sb:
            print(f"proxy:  {sb.proxy_url}")
            print(f"CA:     {sb.ca_path}")
            print(
                f"try:    curl --proxy {sb.proxy_url} --cacert {sb.ca_path} "
                "https://github.com/camdufresne"
            )
            print("Ctrl-C to stop.", flush=True)
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                print(f"\n{sb.log.total} requests served.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
