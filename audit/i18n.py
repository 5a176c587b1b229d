"""Messages in the person's language: the English and French tables a plugin writes, and how
one is picked (French for "fr", English otherwise, English when a French text is missing)."""

from __future__ import annotations

from collections.abc import Mapping


class Messages:
    """`say(lang, msg_id, **fields)` over an English and a French table of templates."""

    def __init__(self, en: Mapping[str, str], fr: Mapping[str, str]) -> None:
        self.en, self.fr = en, fr

    def __call__(self, lang: str, msg_id: str, **fields: object) -> str:
        """The message in French when `lang` is "fr", in English otherwise."""
        table = self.fr if lang == "fr" else self.en
        return table.get(msg_id, self.en[msg_id]).format(**fields)
