"""The `contacts` check plugin: emails, phone numbers and postal addresses on found pages.

Modules: `normalize` (normal forms, masks), `emails`, `phones`, `addresses` (extractors),
`extract` (pipeline and own/other classification), `sources` (which pages), `findings` (the
`contact` finding), `check` (the Check). Pages are fetched and parsed with `checks._common`
(`fetch`, `page`, `structured`), which the `links` check uses too.
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
