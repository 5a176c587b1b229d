"""The `contacts` check plugin: emails, phone numbers and postal addresses on found pages.

Modules: `normalize` (normal forms, masks), `emails`, `phones`, `addresses` (extractors),
`structured` (JSON-LD, h-card, OpenGraph, vCard), `page` (one parsed page, shared with the
`links` check), `extract` (pipeline and own/other classification), `sources` (which pages,
fetching), `findings` (the `contact` finding), `check` (the Check).
"""

from __future__ import annotations

from collections.abc import Callable

from audit.check import Check
from audit.hookspecs import hookimpl
from checks.contacts.check import ContactsCheck


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the `contacts` check."""
    register(ContactsCheck)


__all__ = ["ContactsCheck", "register_checks"]
