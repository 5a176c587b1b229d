"""`python -m audit` runs the command-line interface."""

from __future__ import annotations

from audit.cli import run

if __name__ == "__main__":
    run()
