"""Routes and letters cite only the laws that apply where the person lives (US, GB, CH, CA, FR)."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

import pytest

from audit.models import Finding, Severity
from audit.plan import build_plan, kb
from audit.plan.regimes import Regime, Text, regime_for
from audit.store.planjson import plan_to_dict
from tests.plan.persona import persona_findings, report

# A third party posted the person's phone number on a platform: a platform report is needed.
DOXX = Finding(
    "contact",
    "Phone number in a Reddit post",
    Severity.HIGH,
    url="https://www.reddit.com/r/lyon/comments/abc123/",
    data={
        "type": "phone",
        "value": "+33 6 39 98 12 34",
        "own": True,
        "source_url": "https://www.reddit.com/r/lyon/comments/abc123/",
    },
)

EU_ONLY = re.compile(
    r"(?<!UK )GDPR|(?<!UK )RGPD(?! britannique)|Digital Services Act|services numériques|"
    r"DSA|C-131/12|CNIL|Arcom|3018"
)


def _texts(plan: dict[str, Any]) -> str:
    parts: list[str] = []
    for r in plan["requests"]:
        for key in ("letter", "objection_letter", "legal_basis", "next_step", "needs", "title"):
            if r.get(key):
                parts.append(str(r[key]))
    return "\n".join(parts)


def _plan(country: str, lang: str) -> dict[str, Any]:
    return plan_to_dict(
        build_plan(report([*persona_findings(), DOXX], country=country, lang=lang), lang)
    )


def _letters(plan: dict[str, Any]) -> str:
    return "\n".join(
        str(r[k]) for r in plan["requests"] for k in ("letter", "objection_letter") if r.get(k)
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("country", ["US", "GB", "CH", "CA"])
def test_outside_the_eu_no_eu_law_is_cited(country: str, lang: str) -> None:
    plan = _plan(country, lang)
    assert plan["requests"]
    text = _texts(plan)
    assert not EU_ONLY.findall(text), EU_ONLY.findall(text)
    assert "la ICO" not in text
    assert "la Office" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_us_letters_ask_under_policy_and_name_no_authority(lang: str) -> None:
    plan = _plan("US", lang)
    text = _letters(plan)
    assert "Article 17" not in text
    assert "article 17" not in text
    assert "data-protection authority" not in text
    assert "autorité de protection des données" not in text
    assert "TAKE IT DOWN" in _texts(plan)
    erasure = [r["letter"] for r in plan["requests"] if r["letter"] and "To:" in r["letter"][:5]]
    erasure += [r["letter"] for r in plan["requests"] if r["letter"] and "À :" in r["letter"][:5]]
    assert erasure
    assert any("policy" in t or "politique" in t for t in erasure)
    assert all(r["objection_letter"] is None for r in plan["requests"])
    assert all(r["regime"] == "us_policy" for r in plan["requests"])
    assert all(r["deadline_days"] is None for r in plan["requests"])


def test_uk_cites_uk_gdpr_and_the_ico() -> None:
    en, fr = _plan("GB", "en"), _plan("GB", "fr")
    assert "UK GDPR" in _texts(en)
    assert "ICO" in _texts(en)
    assert "l'Information Commissioner's Office (ICO)" in _texts(fr)
    assert "Report Harmful Content" in _texts(en)
    removal = [r for r in en["requests"] if r["kind"] == "removal"]
    assert removal
    assert all(r["objection_letter"] for r in removal)
    assert all(r["deadline_days"] == 30 and r["extension_days"] == 60 for r in removal)


def test_switzerland_cites_the_fadp_and_the_fdpic() -> None:
    text = _texts(_plan("CH", "fr"))
    assert "LPD" in text
    assert "PFPDT" in text
    assert "FADP" in _texts(_plan("CH", "en"))


def test_canada_cites_pipeda_and_quebec() -> None:
    text = _texts(_plan("CA", "en"))
    assert "PIPEDA" in text
    assert "28.1" in text
    assert "Privacy Commissioner of Canada" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_france_gets_gdpr_dsa_offences_and_separate_objection(lang: str) -> None:
    plan = _plan("FR", lang)
    text = _texts(plan)
    assert "DSA Art. 16" in text
    assert "223-1-1" in text
    assert "CNIL" in text
    removal = [r for r in plan["requests"] if r["kind"] == "removal"]
    assert removal
    for r in removal:
        assert r["regime"] == "eu_gdpr"
        assert "21" in r["objection_letter"]
        assert "12" in r["letter"]
        assert ("deux" in r["letter"] or "two" in r["letter"])
    if lang == "fr":
        assert "la CNIL" in text
        assert "salutations distinguées" in removal[0]["letter"]
    else:
        assert "Dear Sir or Madam," in removal[0]["letter"]


def test_public_role_sentence_only_when_the_person_confirms_it() -> None:
    default = plan_to_dict(build_plan(report(country="FR", lang="en"), "en"))
    delist = [r["letter"] for r in default["requests"] if r["kind"] == "delisting"]
    assert delist
    assert all("public role" not in t for t in delist)
    confirmed = plan_to_dict(
        build_plan(report(country="FR", lang="en"), "en", no_public_role=True)
    )
    delist = [r["letter"] for r in confirmed["requests"] if r["kind"] == "delisting"]
    assert all("no public role" in t for t in delist)


@pytest.mark.parametrize("code", ["US", "CA", "CH", "UK"])
def test_non_eu_knowledge_cites_no_eu_law(code: str) -> None:
    entry = kb.jurisdiction(code)
    articles = " ".join(law["article"] for law in entry.get("legal") or ())
    assert "DSA" not in articles
    assert not re.search(r"(?<!UK )GDPR", articles)
    assert entry.get("dsc") is None


def test_helplines_match_the_country() -> None:
    us = _plan("US", "en")["helplines"]
    assert any("CCRI" in h["name"] for h in us["helplines"])
    assert us["authority"] is None
    uk = _plan("GB", "en")["helplines"]
    assert any("Revenge Porn Helpline" in h["name"] for h in uk["helplines"])
    assert all("3018" not in (h["number"] or "") for h in uk["helplines"])
    ca = _plan("CA", "fr")["helplines"]
    assert any("Cyberaide" in h["name"] for h in ca["helplines"])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_french_complaint_route_names_the_offences_and_where_to_file(lang: str) -> None:
    plan = _plan("FR", lang)
    names = ("Filing a complaint (plainte)", "Porter plainte")
    complaint = next(h["what"] for h in plan["helplines"]["helplines"] if h["name"] in names)
    for article in ("222-33-2-2", "223-1-1", "226-1", "226-2-1", "226-4-1", "15-3"):
        assert article in complaint, article
    assert "main courante" in complaint  # a plainte, not a main courante
    assert "procureur" in complaint
    assert "visio-plainte" in complaint
    assert "contacterlagendarmerie.fr" in complaint
    assert "17" in complaint
    assert "114" in complaint
    # the online service is named only to say it does not take these offences
    assert ("only takes property offences" in complaint) or ("ne prend que" in complaint)
    numbers = {h["number"] for h in plan["helplines"]["emergency"]}
    assert {"17", "114"} <= numbers
    # the DSA notice's reasons name the doxxing and harassment offences
    reports = [r for r in plan["requests"] if r["kind"] == "platform_report"]
    assert reports
    assert all("223-1-1" in r["letter"] and "222-33-2-2" in r["letter"] for r in reports)


@pytest.mark.parametrize("code", ["FR", "EU", "UK", "CH", "CA", "US"])
def test_every_regime_sentence_is_written_in_both_languages(code: str) -> None:
    """Each sentence a letter takes from the regime exists in English and French, with its
    fields (the law's name) filled in the same language."""
    regime = regime_for(code)
    texts = [getattr(regime, f.name) for f in fields(Regime)]
    sentences = [t for t in texts if isinstance(t, Text)]
    assert len(sentences) >= 6
    for text in sentences:
        en, fr = text.get("en"), text.get("fr")
        assert en
        assert fr
        assert en != fr
        assert "{" not in en + fr
    if code in ("FR", "UK"):
        law = regime.erasure_basis
        assert "RGPD" in law.get("fr")
        assert "GDPR" in law.get("en")
        assert ("UK" in law.get("en")) == (code == "UK")
