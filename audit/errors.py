"""Errors the core raises for the user to read: each carries a one-line message."""

from __future__ import annotations


class AuditError(Exception):
    """Base of errors shown to the user as one clear line (never a traceback)."""


class ConfigError(AuditError):
    """Bad option, bad input value, bad proxy URL, unreadable folder..."""


class PluginError(AuditError):
    """A plugin failed to load or registered a duplicate name."""


class HistoryError(AuditError):
    """The local database could not be read or written."""


class UnknownIdError(HistoryError):
    """An ID (scan, request, plan step) that matches nothing saved: bad input (exit 2)."""
