"""Which privacy law a person can rely on, by jurisdiction, and the sentences letters take from it.

Owns the legal regimes the plan knows (EU/EEA GDPR with the DSA, UK GDPR, Swiss FADP, Canada's
PIPEDA with Quebec's private-sector act, and the United States, where no general law gives a
right to erasure) and, for each, the wording of the legal basis, the answer deadline, the
authority to escalate to and whether an objection letter exists. Where no law gives a right,
the wording asks under the platform's or site's own policy and says so. The sentences are in
`audit.plan.texts_regimes`; the articles cited are sourced in `kb/jurisdictions.json` (`legal`).
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.plan import kb
from audit.plan.texts_regimes import REGIMES


@dataclass(frozen=True)
class Text:
    """A sentence of `audit.plan.texts_regimes`, by id; each field is itself an id of that
    table, said in the same language."""

    msg_id: str
    fields: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str) -> str:
        """The sentence in `lang` (French for "fr", else English)."""
        return REGIMES(lang, self.msg_id, **{k: REGIMES(lang, v) for k, v in self.fields})


@dataclass(frozen=True)
class Regime:
    """What the law gives a person in one jurisdiction, as letters and routes need it."""

    key: str
    erasure_subject: Text
    erasure_basis: Text
    answer_rule: Text
    objection_basis: Text | None
    notice_subject: Text
    notice_basis: Text
    delisting_basis: Text
    legal_basis: str
    notice_legal_basis: str
    delisting_legal_basis: str
    deadline_days: int | None
    extension_days: int | None
    statutory_delisting: bool


def _gdpr(uk: bool) -> Regime:
    short = "UK GDPR" if uk else "GDPR"
    area = "uk" if uk else "eu"
    law = (("law", f"law_{area}"),)
    return Regime(
        key="uk_gdpr" if uk else "eu_gdpr",
        erasure_subject=Text("gdpr_erasure_subject", (("article", f"article_17_{area}"),)),
        erasure_basis=Text("gdpr_erasure_basis", law),
        answer_rule=Text("gdpr_answer"),
        objection_basis=Text("gdpr_objection_basis", law),
        notice_subject=Text("uk_notice_subject" if uk else "dsa_notice_subject"),
        notice_basis=Text("gdpr_notice_basis", law),
        delisting_basis=Text("gdpr_delisting_basis", (*law, ("cjeu", f"cjeu_{area}"))),
        legal_basis=f"{short} Art. 17, Art. 21, Art. 12(3)-(4)",
        notice_legal_basis="" if uk else "DSA Art. 16",
        delisting_legal_basis=f"{short} Art. 17, Art. 21" + ("" if uk else "; CJEU C-131/12"),
        deadline_days=30,
        extension_days=60,
        statutory_delisting=True,
    )


_POLICY_NOTICE = Text("policy_notice_subject")

_SWISS = Regime(
    key="ch_fadp",
    erasure_subject=Text("ch_erasure_subject"),
    erasure_basis=Text("ch_erasure_basis"),
    answer_rule=Text("ch_answer"),
    objection_basis=None,
    notice_subject=_POLICY_NOTICE,
    notice_basis=Text("ch_notice_basis"),
    delisting_basis=Text("ch_delisting_basis"),
    legal_basis="FADP Art. 30(2)(b), Art. 32(2)(c)",
    notice_legal_basis="",
    delisting_legal_basis="FADP Art. 30, Art. 32",
    deadline_days=None,
    extension_days=None,
    statutory_delisting=True,
)

_CANADA = Regime(
    key="ca_pipeda",
    erasure_subject=Text("ca_erasure_subject"),
    erasure_basis=Text("ca_erasure_basis"),
    answer_rule=Text("ca_answer"),
    objection_basis=None,
    notice_subject=_POLICY_NOTICE,
    notice_basis=Text("ca_notice_basis"),
    delisting_basis=Text("ca_delisting_basis"),
    legal_basis="PIPEDA (consent withdrawal); Quebec P-39.1 s. 28.1",
    notice_legal_basis="",
    delisting_legal_basis="Quebec P-39.1 s. 28.1 (Quebec only); engine policy",
    deadline_days=None,
    extension_days=None,
    statutory_delisting=False,
)

_US = Regime(
    key="us_policy",
    erasure_subject=Text("us_erasure_subject"),
    erasure_basis=Text("us_erasure_basis"),
    answer_rule=Text("us_answer"),
    objection_basis=None,
    notice_subject=_POLICY_NOTICE,
    notice_basis=Text("us_notice_basis"),
    delisting_basis=Text("us_delisting_basis"),
    legal_basis="",
    notice_legal_basis="",
    delisting_legal_basis="",
    deadline_days=None,
    extension_days=None,
    statutory_delisting=False,
)


def regime_for(jurisdiction: str) -> Regime:
    """The regime of a jurisdiction code returned by `kb.jurisdiction_code`."""
    if jurisdiction == "UK":
        return _gdpr(uk=True)
    if jurisdiction == "CH":
        return _SWISS
    if jurisdiction == "CA":
        return _CANADA
    if jurisdiction == "US":
        return _US
    if jurisdiction == "EU" or kb.jurisdiction(jurisdiction).get("in_eu"):
        return _gdpr(uk=False)
    return _US
