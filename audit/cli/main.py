"""The entry point: every command added to the group (plugins' commands too), and errors
turned into one-line messages and exit codes."""

from __future__ import annotations

import atexit
import gc
import os
import sqlite3
import sys
from typing import NoReturn

import click

from audit import api
from audit.cli.evidence import evidence_group
from audit.cli.group import EXIT_INTERRUPTED, EXIT_STATE, EXIT_USAGE, cli
from audit.cli.history import history, watch
from audit.cli.kb import kb_group
from audit.cli.plan import forget, plan_group, summary
from audit.cli.requests import requests_group
from audit.cli.scan import list_checks, scan
from audit.errors import AuditError, ConfigError, HistoryError, UnknownIdError

cli.add_command(scan)
cli.add_command(list_checks)
cli.add_command(history)
cli.add_command(watch)
cli.add_command(plan_group)
cli.add_command(summary)
cli.add_command(forget)
cli.add_command(evidence_group)
cli.add_command(requests_group)
cli.add_command(kb_group)


def _register_extras() -> None:
    from audit.cli.demo import demo

    cli.add_command(demo)
    reg = api.registry()
    if reg.manager is None:
        return
    # Call each plugin on its own: one broken plugin must not take the whole CLI down.
    for impl in reg.manager.hook.register_commands.get_hookimpls():
        try:
            impl.function(cli=cli)
        except Exception as exc:  # noqa: BLE001 - reported, and the rest of the CLI works
            click.echo(
                f"warning: plugin {impl.plugin_name} could not add its commands: {exc}", err=True
            )


def main() -> None:
    """Entry point: run the CLI and turn errors into one-line messages and exit codes."""
    from audit.cli.log import hidden_note, quiet_logs

    # A scan builds a large tree of small objects with no reference cycle worth chasing: what
    # the imports made is moved out of the collector's sight, and it passes every 10,000 new
    # objects instead of 700 (a 10,000-photo scan: 0.15 s of collector passes -> 0.04 s).
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)
    quiet_logs()
    try:
        _register_extras()
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE if exc.exit_code == 2 else exc.exit_code)
    except (ConfigError, UnknownIdError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except (HistoryError, OSError, sqlite3.Error) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STATE)
    except AuditError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        note = hidden_note()
        if note:
            click.echo(note, err=True)
        # The command is done. The interpreter's last collection at exit would walk every
        # object a scan made (0.1 s for a 2,500-photo scan, more for larger ones); in the
        # permanent generation they are left to the end of the process instead.
        gc.freeze()


def run() -> NoReturn:
    """The console script and `python -m audit`: `main`, then the process ends at once.

    When `main` is done every file a command wrote is closed and every scan saved is
    committed; what the interpreter would still do is free the scan's objects one by one
    (15-20 ms at 2,500 photos, ten times more at 30,000). The exit handlers run and the
    output is flushed first; only that freeing is skipped."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)  # as the interpreter prints sys.exit("message")
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing more to say
            pass
    os._exit(code)
