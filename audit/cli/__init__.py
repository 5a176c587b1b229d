"""The command line (click), kept thin: parse options, call `audit.api`, write, exit.

One module per command or group: `scan` (scan.py), `history`/`watch` (history.py), `plan`,
`summary`, `forget` (plan.py), `evidence`, `requests`, `kb`, `demo`; shared option groups in
options.py, the person's values in subject.py, what is printed after a scan in output.py, log
quieting in log.py; `group` holds the click group and the exit codes, `main` the entry point.
"""

from audit.cli.group import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STATE,
    EXIT_USAGE,
    cli,
)
from audit.cli.main import _register_extras, main, run
from audit.models import Status

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_STATE",
    "EXIT_USAGE",
    "Status",
    "_register_extras",
    "cli",
    "main",
    "run",
]
