"""Messages in the person's language: the one translation mechanism of the tool.

Every part that writes sentences for people (checks, renderers, the core's labels) keeps an
English and a French table of templates keyed by a message id, in a `Messages`, and asks it
for one: French for "fr", English otherwise, English when a French text is missing. Templates
use `str.format` fields (``"{n} results"``). A table may be written in Python or loaded from a
JSON file ``{"en": {...}, "fr": {...}}`` shipped in a package (`Messages.from_resource`).

Why not gettext catalogs: the tool speaks two languages whose texts are written side by side
by the same people, with ids that say what a text is for; `.po`/`.mo` files would add a
compile step and a tool (Babel) to keep a few hundred sentences, for no reader who needs them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources

LANGS = ("en", "fr")


class Messages:
    """`say(lang, msg_id, **fields)` over an English and a French table of templates."""

    def __init__(self, en: Mapping[str, str], fr: Mapping[str, str]) -> None:
        self.en, self.fr = en, fr

    @classmethod
    def from_resource(cls, package: str, name: str) -> Messages:
        """The tables of a JSON file ``{"en": {...}, "fr": {...}}`` shipped in `package`."""
        raw = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        data = json.loads(raw)
        return cls(data["en"], data["fr"])

    def __call__(self, lang: str, msg_id: str, **fields: object) -> str:
        """The message in French when `lang` is "fr", in English otherwise; its fields filled
        when some are given (a template is returned as written otherwise)."""
        template = self.table(lang).get(msg_id, self.en[msg_id])
        return template.format(**fields) if fields else template

    def __contains__(self, msg_id: object) -> bool:
        return msg_id in self.en

    def table(self, lang: str) -> Mapping[str, str]:
        """Every template of one language (French for "fr", English otherwise)."""
        return self.fr if lang == "fr" else self.en

    def mismatched(self) -> dict[str, list[str]]:
        """Per language, the ids it lacks that the other has (empty when the tables agree)."""
        lacks = {"en": sorted(set(self.fr) - set(self.en)),
                 "fr": sorted(set(self.en) - set(self.fr))}
        return {lang: ids for lang, ids in lacks.items() if ids}
