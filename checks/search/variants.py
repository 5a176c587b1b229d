"""Name variants for search queries: accent folding, hyphens, particles, order, former names.

Pure functions over strings (stdlib `unicodedata` only). Used by the query plan and by the
scoring of results ("is this page about the person?").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Name particles that start a French, Dutch, German, Italian or Spanish surname.
PARTICLES: frozenset[str] = frozenset(
    {
        "de", "du", "des", "d'", "le", "la", "les", "van", "von", "der", "den", "ter",
        "ten", "di", "da", "del", "della", "dos", "das", "y", "mc", "saint", "st",
    }
)
_LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O"}
_APOSTROPHES = "’‘ʼ`´"
_DASHES = "‐‑‒–—"


@dataclass(frozen=True, slots=True)
class NameVariant:
    """One written form of the person's name and why it is searched."""

    text: str
    why: str


def normalise_punctuation(text: str) -> str:
    """Typographic apostrophes and dashes to ASCII, spaces collapsed, NFC."""
    text = unicodedata.normalize("NFC", text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _DASHES:
        text = text.replace(ch, "-")
    return " ".join(text.split())


def fold_to_ascii(text: str) -> str:
    """Accents and ligatures folded to ASCII letters (`Hélène Lœuvre` -> `Helene Loeuvre`)."""
    text = normalise_punctuation(text)
    text = "".join(_LIGATURES.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_key(text: str) -> str:
    """A comparison key: folded, lower case, punctuation turned into single spaces."""
    folded = fold_to_ascii(text).lower()
    return " ".join(re.sub(r"[^a-z0-9@.+]+", " ", folded).split())


def _is_particle(token: str) -> bool:
    low = token.lower()
    return low in PARTICLES or (low.startswith("d'") and len(low) > 2)


def split_name(name: str) -> tuple[str, str]:
    """Split a full name into (given names, surname).

    The surname starts at the first particle after the first word (`Jean-Pierre Le Goff`), or
    is the last word. A name written `DUPONT Hélène` (surname in capitals first, as on French
    documents) is recognised and swapped.
    """
    tokens = normalise_punctuation(name).split()
    if len(tokens) < 2:
        return (tokens[0] if tokens else "", "")
    caps = [t.isupper() and len(t) > 1 for t in tokens]
    if caps[0] and not all(caps):
        n_caps = next(i for i, c in enumerate(caps) if not c)
        surname = " ".join(t.title() for t in tokens[:n_caps])
        return (" ".join(tokens[n_caps:]), surname)
    for i in range(1, len(tokens) - 1):
        if _is_particle(tokens[i]):
            return (" ".join(tokens[:i]), " ".join(tokens[i:]))
    return (" ".join(tokens[:-1]), tokens[-1])


def _joined_surname(surname: str) -> str:
    """`de La Fontaine` -> `Delafontaine`, `Le Goff` -> `Legoff`, `d'Alembert` -> `Dalembert`."""
    letters = re.sub(r"[\s'\-]+", "", surname)
    return letters[:1].upper() + letters[1:].lower()


def name_variants(name: str, former_names: tuple[str, ...] = ()) -> list[NameVariant]:
    """Every written form worth a search, in order of value, without duplicates.

    Order: the name as given, accents folded, hyphens as spaces, particles joined, "Nom
    Prénom" order, initial of the first name; then the same for each former name.
    """
    out: dict[str, NameVariant] = {}

    def add(text: str, why: str) -> None:
        text = " ".join(text.split())
        if text and text.lower() not in {k.lower() for k in out}:
            out[text] = NameVariant(text, why)

    for index, raw in enumerate((name, *former_names)):
        base = normalise_punctuation(raw)
        if not base:
            continue
        given, surname = split_name(base)
        tag = "" if index == 0 else f" (former name {base})"
        if index == 0:
            add(f"{given} {surname}", "name as given")
        else:
            add(f"{given} {surname}", "former name")
        add(fold_to_ascii(f"{given} {surname}"), "accents folded" + tag)
        if "-" in base:
            add(f"{given} {surname}".replace("-", " "), "hyphens as spaces" + tag)
        if " " in surname or "'" in surname:
            add(f"{given} {_joined_surname(surname)}", "particle joined" + tag)
        if given and surname:
            add(f"{surname} {given}", "surname first, as on French documents" + tag)
            if fold_to_ascii(surname) != surname:
                add(fold_to_ascii(f"{surname} {given}"), "surname first, accents folded" + tag)
    return list(out.values())


def name_forms_for_matching(name: str, former_names: tuple[str, ...] = ()) -> list[str]:
    """Comparison keys of every variant, longest first (used to spot the name in a page)."""
    keys = {match_key(v.text) for v in name_variants(name, former_names)}
    keys.discard("")
    return sorted(keys, key=lambda k: (-len(k), k))
