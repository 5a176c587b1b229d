"""Ready-to-send letters of the action plan, in French and English, for the person's law.

Owns the rendering of the letters (erasure request to a host or broker, separate objection,
delisting reasons for a search-engine form, notice to a platform, complaint to the
data-protection authority) with `string.Template`, filling the legal sentences from the
person's regime (`audit.plan.regimes`; texts in `audit.plan.letter_templates`, and
the placeholders here, both `audit.i18n.Messages` tables). A rendered
letter never contains template syntax: what the tool cannot know is left as a bracketed
placeholder a person fills in, such as ``[your signature]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from string import Template

from audit.i18n import Messages
from audit.plan.letter_templates import LETTERS
from audit.plan.regimes import Regime, regime_for

LETTER_KINDS = ("erasure", "objection", "delisting", "dsa_notice", "dpa_complaint")

# Sentences that are left out (empty) unless a route supplies them.
OPTIONAL = ("offences", "public_role", "grounds")

# What the person fills in by hand; the tool never knows these.
_PLACEHOLDERS_EN: dict[str, str] = {
    "date": "[date]",
    "signature": "[your signature]",
    "name": "[your full name]",
    "email": "[your email address]",
    "recipient_address": (
        "[the publisher's contact address, from its legal notice or privacy page]"
    ),
    "reference": "[the reference number of your request]",
    "sent_on": "[date you sent the request]",
    "recipient": "[name of the site or organisation]",
    "controller": "[name of the site or organisation]",
    "authority": "[the data-protection authority]",
}
_PLACEHOLDERS_FR: dict[str, str] = {
    "date": "[date]",
    "signature": "[votre signature]",
    "name": "[vos nom et prénom]",
    "email": "[votre adresse e-mail]",
    "recipient_address": (
        "[adresse de contact de l'éditeur, voir ses mentions légales ou sa politique "
        "de confidentialité]"
    ),
    "reference": "[numéro de référence de votre demande]",
    "sent_on": "[date d'envoi de votre demande]",
    "recipient": "[nom du site ou de l'organisme]",
    "controller": "[nom du site ou de l'organisme]",
    "authority": "[autorité de protection des données]",
}
PLACEHOLDERS = Messages(_PLACEHOLDERS_EN, _PLACEHOLDERS_FR)

_LEFTOVER = re.compile(r"\$[A-Za-z_{]|\{\{|\}\}|\{%|%\}|\{[A-Za-z_][A-Za-z0-9_]*\}")


def bullet_list(lines: Sequence[str]) -> str:
    """Lines as a dash list, one per line."""
    return "\n".join(f"- {line}" for line in lines) if lines else "-"


def leftover_syntax(letter: str) -> list[str]:
    """Any template syntax left in a rendered letter (should always be empty)."""
    return _LEFTOVER.findall(letter)


def regime_values(kind: str, regime: Regime, lang: str) -> dict[str, str]:
    """The legal sentences a letter of `kind` takes from `regime`."""
    if kind == "dsa_notice":
        return {"subject": regime.notice_subject.get(lang), "basis": regime.notice_basis.get(lang)}
    if kind == "delisting":
        return {"basis": regime.delisting_basis.get(lang)}
    objection = regime.objection_basis.get(lang) if regime.objection_basis else ""
    return {
        "subject": regime.erasure_subject.get(lang),
        "basis": regime.erasure_basis.get(lang),
        "answer_rule": regime.answer_rule.get(lang),
        "objection_basis": objection,
    }


def render(
    kind: str,
    lang: str,
    values: Mapping[str, str],
    items: Sequence[str],
    regime: Regime | None = None,
) -> str:
    """Render a letter under `regime` (EU GDPR by default); unknown values fall back to the
    person-facing placeholders, optional sentences to nothing."""
    if kind not in LETTER_KINDS:
        raise KeyError(f"no letter named {kind!r}")
    lang = "fr" if lang == "fr" else "en"
    mapping: dict[str, str] = dict(PLACEHOLDERS.table(lang))
    mapping.update(dict.fromkeys(OPTIONAL, ""))
    mapping.update(regime_values(kind, regime or regime_for("EU"), lang))
    mapping.update({k: v for k, v in values.items() if v})
    mapping["items"] = bullet_list(items)
    template = Template(LETTERS(lang, kind))
    # The template itself must leave nothing behind (values from the web may contain anything,
    # so the check runs on the template filled with neutral text).
    bad = leftover_syntax(template.substitute(dict.fromkeys(mapping, "x")))
    if bad:
        raise ValueError(f"letter {kind}/{lang} kept template syntax: {bad}")
    return template.substitute(mapping)
