"""The `contacts` check plugin: emails, phone numbers and postal addresses on found pages.

Modules: `normalize` (normal forms, masks), `emails`, `phones`, `addresses` (extractors),
`extract` (pipeline and own/other classification), `sources` (which pages), `findings` (the
`contact` finding), `check` (the Check). Pages are fetched and parsed with `checks._common`
(`fetch`, `page`, `structured`), which the `links` check uses too.

The plugin also lends the core its postal-address reader (hook `register_address_readers`):
the masker applied to every output finds other people's street addresses with it. The
readers' modules are imported on first use, so loading the plugin stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from audit.check import AddressReader, Check
from audit.hookspecs import hookimpl
from checks.contacts.check import ContactsCheck

if TYPE_CHECKING:
    from checks.contacts.addresses import AddressMatch


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the `contacts` check."""
    register(ContactsCheck)


def _find(text: str) -> Iterator[AddressMatch]:
    from checks.contacts.addresses import find_addresses

    return find_addresses(text)


def _same(a: str, b: str) -> bool:
    from checks.contacts.normalize import addresses_match

    return addresses_match(a, b)


def _mask(value: str) -> str:
    from checks.contacts.normalize import mask_address

    return mask_address(value)


ADDRESS_READER = AddressReader(name="contacts", find=_find, same=_same, mask=_mask)
"""Street addresses as the contacts check reads them (French, US, then DE, AT, CH...),
masked as ``** rue ***, 69*** Lyon``."""


@hookimpl
def register_address_readers(register: Callable[[AddressReader], None]) -> None:
    """Lend the core's masker of other people's details this check's address reader."""
    register(ADDRESS_READER)


__all__ = ["ADDRESS_READER", "ContactsCheck", "register_address_readers", "register_checks"]
