"""Library log records on the terminal: one line each, never a traceback.

The CLI installs `quiet_logs()` first. Records of the asyncio machinery (an event loop
complaining about a callback, which says nothing to the person reading) are counted, not
shown; other warnings and errors are printed as `warning: <first line>`. With
EXPOSURE_AUDIT_DEBUG=1 every record is printed whole, traceback included, for a bug report.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

HIDDEN_LOGGERS = ("asyncio", "concurrent")


class OneLineHandler(logging.Handler):
    """Prints `warning: message` (first line only, no traceback); counts hidden records."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.hidden = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in HIDDEN_LOGGERS:
            self.hidden += 1
            return
        try:
            first = (record.getMessage().splitlines() or [""])[0]
        except Exception:  # noqa: BLE001 - a malformed record must not print a traceback
            first = str(record.msg)
        sys.stderr.write(f"warning: {first[:300]}\n")


_HANDLER: OneLineHandler | None = None


def quiet_logs() -> OneLineHandler | None:
    """Route every library log record through `OneLineHandler` (unless debugging)."""
    global _HANDLER
    if os.environ.get("EXPOSURE_AUDIT_DEBUG"):
        logging.basicConfig(level=logging.DEBUG)
        return None
    if _HANDLER is None:
        _HANDLER = OneLineHandler()
        root = logging.getLogger()
        root.addHandler(_HANDLER)
        logging.lastResort = None
        for name in HIDDEN_LOGGERS:
            logging.getLogger(name).propagate = True
        threading.excepthook = _thread_error
        sys.unraisablehook = _unraisable
    return _HANDLER


def _thread_error(args: threading.ExceptHookArgs) -> None:
    """An exception that ended a background thread: one line, no traceback."""
    if _HANDLER is not None:
        _HANDLER.hidden += 1
    name = args.exc_type.__name__ if args.exc_type else "error"
    sys.stderr.write(f"warning: a background task stopped ({name}: {args.exc_value})\n")


def _unraisable(args: sys.UnraisableHookArgs) -> None:
    """An error Python could not raise (e.g. in a destructor): counted, not printed."""
    if _HANDLER is not None:
        _HANDLER.hidden += 1


def hidden_note() -> str:
    """A one-line note on the internal errors that were hidden ('' when none)."""
    if _HANDLER is None or not _HANDLER.hidden:
        return ""
    return (
        f"note: {_HANDLER.hidden} internal network messages were hidden "
        "(EXPOSURE_AUDIT_DEBUG=1 shows them)"
    )
