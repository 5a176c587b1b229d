"""English and French wording of the `accounts` check: finding titles and result details.

`say(lang, msg_id, **fields)` returns the sentence in French when `lang` is "fr", in English
otherwise. Only human-readable text lives here: `data` values, kinds and keys stay as they are.
"""

from __future__ import annotations

import functools
from typing import Protocol

from audit.i18n import Messages

_EN: dict[str, str] = {
    "title": "{site} account '{username}'",
    "title_variant": "{site} account '{username}' (variant)",
    "exists": "exists: {rule}",
    "missing": "missing: {rule}",
    "cannot_exist": "the handle {handle!r} cannot exist on {site}: {problem}",
    "rule_marker": "marker {marker!r}",
    "rule_redirect": "redirect to *{where}*",
    "rule_any": "any answer",
    "problem_empty": "empty after removing characters the site does not allow",
    "problem_short": "shorter than the site's minimum of {n} characters",
    "problem_long": "longer than the site's maximum of {n} characters",
    "problem_shape": "characters or shape not allowed by the site ({regex})",
    "problem_subdomain": (
        "a web address (subdomain) cannot contain it: letters, digits and '-' only"
    ),
    "no_site_matches": (
        "no site of the catalog matches the filters ({asked}); categories: {categories}; "
        "countries: {countries}"
    ),
    "same_for_any": (
        "site answers the same for any name: {url} and the made-up name's {control} both "
        "read as found"
    ),
    "control_unanswered": (
        "a bare HTTP status cannot be trusted without the control: the made-up name "
        "({control}) could not be checked ({why})"
    ),
    "control_note": "control: a made-up name that cannot exist; it carries no personal data",
    # the parts of `confidence_basis` (the data keeps the English words)
    "basis_marker": "marker",
    "basis_profile_data": "profile data",
    "basis_status_only": "status only",
    "basis_control_not_found": "control not found",
    "basis_control_not_answered": "control not answered",
    "basis_no_control": "no control",
    "basis_unverified": "unverified",
}

_FR: dict[str, str] = {
    "title": "Compte {site} « {username} »",
    "title_variant": "Compte {site} « {username} » (variante)",
    "exists": "présent : {rule}",
    "missing": "absent : {rule}",
    "cannot_exist": "le pseudo {handle!r} ne peut pas exister sur {site} : {problem}",
    "rule_marker": "repère {marker!r}",
    "rule_redirect": "redirection vers *{where}*",
    "rule_any": "n'importe quelle réponse",
    "problem_empty": "vide une fois retirés les caractères que le site refuse",
    "problem_short": "plus court que le minimum du site ({n} caractères)",
    "problem_long": "plus long que le maximum du site ({n} caractères)",
    "problem_shape": "caractères ou forme refusés par le site ({regex})",
    "problem_subdomain": (
        "une adresse web (sous-domaine) ne peut pas le contenir : lettres, chiffres et '-' "
        "seulement"
    ),
    "no_site_matches": (
        "aucun site du catalogue ne correspond aux filtres ({asked}) ; catégories : "
        "{categories} ; pays : {countries}"
    ),
    "same_for_any": (
        "le site répond pareil pour n'importe quel nom : {url} et le nom inventé {control} "
        "semblent tous deux exister"
    ),
    "control_unanswered": (
        "un simple code HTTP ne suffit pas sans témoin : le nom inventé ({control}) n'a pas "
        "pu être vérifié ({why})"
    ),
    "control_note": "témoin : un nom inventé qui ne peut pas exister ; aucune donnée personnelle",
    "basis_marker": "repère",
    "basis_profile_data": "données du profil",
    "basis_status_only": "code HTTP seul",
    "basis_control_not_found": "témoin absent",
    "basis_control_not_answered": "témoin sans réponse",
    "basis_no_control": "sans témoin",
    "basis_unverified": "non vérifié",
}


say = Messages(_EN, _FR)
"""`say(lang, msg_id, **fields)`: the message in French for "fr", in English otherwise."""


class _Rule(Protocol):  # hashable: `describe_rule` remembers its texts
    def __hash__(self) -> int: ...

    @property
    def status(self) -> tuple[int, ...]: ...

    @property
    def marker(self) -> str | None: ...

    @property
    def url_contains(self) -> str | None: ...


@functools.lru_cache(maxsize=8192)  # rules are frozen: asked again for every answer
def describe_rule(rule: _Rule, lang: str = "en") -> str:
    """A short text naming what a presence/absence rule checks ("HTTP 404 + marker 'x'")."""
    parts = [f"HTTP {'/'.join(str(s) for s in rule.status)}"] if rule.status else []
    if rule.marker:
        parts.append(say(lang, "rule_marker", marker=rule.marker))
    if rule.url_contains:
        parts.append(say(lang, "rule_redirect", where=rule.url_contains))
    return " + ".join(parts) or say(lang, "rule_any")


def verdict_detail(lang: str, found: bool, rule: _Rule) -> str:
    """The result detail: "exists: HTTP 200" / "absent : HTTP 404 + repère '...'"."""
    return say(lang, "exists" if found else "missing", rule=describe_rule(rule, lang))
