"""The `exposure-audit` click group and the exit codes every command uses.

Exit codes: 0 done; 1 findings at or above --fail-on; 2 bad input or usage; 3 local state
error (database, files); 130 interrupted (what was done is saved and can be resumed).
Every option can also be set from the environment as EXPOSURE_AUDIT_<COMMAND>_<OPTION>,
e.g. EXPOSURE_AUDIT_SCAN_PROXY.
"""

from __future__ import annotations

import click

from audit import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_STATE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


@click.group(context_settings={"auto_envvar_prefix": "EXPOSURE_AUDIT", "max_content_width": 100})
@click.version_option(__version__, prog_name="exposure-audit")
def cli() -> None:
    """See what a harasser could find about you online, then lock it down.

    Start with `exposure-audit demo` (offline), then `exposure-audit scan --name ... --handle ...`.
    Nothing is sent anywhere you did not ask for: `scan --dry-run` lists every request first.
    """

