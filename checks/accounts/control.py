"""The control probe of the `accounts` check: one made-up name per site, asked in the same run.

Some sites answer 200 with the same page to every name, or a login wall, or a soft error:
a bare status then "finds" any handle. So each site with a real probe also gets one control
probe for a random name valid for the site's username rule, that cannot exist (20 random
characters), sent in the same batch through the same path. It carries no personal data and
its result is never reported: `settle` combines it with the site's real results:

- control not found: the real "found" stands; confidence high when a distinguishing marker
  or redirect matched, or identity data (display name, account id) was read from the
  profile; medium for a bare status;
- control found too: the real answer is `unknown`, "site answers the same for any name";
- control not answered (blocked, timeout...): a bare-status "found" becomes `unknown`; one
  backed by a marker or identity data stays found, with medium confidence;
- no control (`--no-control`, or no made-up name fits the rule): a bare-status "found" is
  marked unverified (low confidence).

The finding's `data` says which: `confidence_basis` and `control` (see the report schema).
"""

from __future__ import annotations

import dataclasses
import random
import string
from collections.abc import Sequence
from typing import TYPE_CHECKING

from audit.check import PlannedRequest, Probe
from audit.models import CheckResult, Confidence, Finding, Reason, Status
from checks.accounts.texts import say

if TYPE_CHECKING:
    from checks.accounts.catalog import Site

CONTROL_LEN = 20
_ALPHABETS = (string.ascii_lowercase + string.digits, string.ascii_lowercase,
              string.digits, string.ascii_uppercase + string.digits)
IDENTITY_FIELDS = ("display_name", "account_id")
# Seeded from os.urandom once: a control name needs to be unguessable to the site, not
# cryptographic, and drawing each character from the system source costs ~1 ms per site.
_RANDOM = random.Random()
_NOT_ANSWERED = (Reason.BLOCKED, Reason.RATE_LIMITED, Reason.TIMEOUT, Reason.NETWORK)


def control_name(site: Site, tries: int = 40) -> str | None:
    """A random name the site's username rule accepts, or None when none fits."""
    from checks.accounts.check import subdomain_problem

    rule = site.username
    length = max(rule.min_len, min(CONTROL_LEN, rule.max_len))
    for n in range(tries):
        alphabet = _ALPHABETS[n % len(_ALPHABETS)]
        size = length if n < tries // 2 else max(rule.min_len, min(rule.max_len, 8 + n % 9))
        first = _RANDOM.choice(string.ascii_lowercase) if alphabet[0] == "a" else ""
        name = first + "".join(_RANDOM.choices(alphabet, k=size - len(first)))
        if rule.problem(name) is None and subdomain_problem(site, name) is None:
            return name
    return None


def status_only(site: Site) -> bool:
    """True when the presence rule is a bare status (no marker, no redirect target)."""
    return site.present.marker is None and site.present.url_contains is None


def control_probe(site: Site, name: str, check: str, lang: str = "en") -> Probe:
    """The control probe for `site` (an ordinary probe with its own request)."""
    from checks.accounts.check import build_request

    request = build_request(site, name, sends=())
    note = say(lang, "control_note")
    return Probe(
        check=check,
        target=f"{site.name} (control)",
        url=site.profile_for(name),
        planned=(PlannedRequest(request.method, request.url, sends=(), note=note),),
        params={"site": site, "username": name, "control": True, "lang": lang},
        host=site.host,
        request=request,
        settle_with=site.key,
        request_only=True,
    )


def settle(answered: Sequence[tuple[Probe, Sequence[CheckResult]]], lang: str = "en",
           enabled: bool = True) -> list[CheckResult]:
    """The site's real results combined with its control's; the control result is dropped."""
    control: tuple[Probe, CheckResult | None] | None = None
    for probe, results in answered:
        if probe.params.get("control"):
            control = (probe, results[0] if results else None)
    out: list[CheckResult] = []
    for probe, results in answered:
        if probe.params.get("control"):
            continue
        for r in results:
            out.append(combine(r, probe, control, lang, enabled))
    return out


def combine(result: CheckResult, probe: Probe, control: tuple[Probe, CheckResult | None] | None,
            lang: str = "en", enabled: bool = True) -> CheckResult:
    """One real result in the light of the control (see the module docstring)."""
    if result.status is not Status.FOUND or not result.findings:
        return result
    site: Site = probe.params["site"]
    finding = result.findings[0]
    marker = not status_only(site)
    identity = any(finding.data.get(k) for k in IDENTITY_FIELDS)
    backed = "marker" if marker else ("profile data" if identity else "")
    if control is None:
        state = "off" if not enabled else "none"
        if backed:
            return _found(result, finding, Confidence.MEDIUM, f"{backed}, no control", state,
                          lang)
        return _found(result, finding, Confidence.LOW, "status only, unverified", state, lang)
    cprobe, cres = control
    cstatus = cres.status if cres is not None else Status.UNKNOWN
    if cstatus is Status.NOT_FOUND:
        conf = Confidence.HIGH if backed else Confidence.MEDIUM
        basis = f"{backed or 'status only'}, control not found"
        return _found(result, finding, conf, basis, "not_found", lang)
    if cstatus is Status.FOUND:
        return dataclasses.replace(
            result, status=Status.UNKNOWN, findings=(), reason=Reason.UNEXPECTED_RESPONSE,
            detail=say(lang, "same_for_any", url=result.url or probe.url, control=cprobe.url),
        )
    why = (cres.detail or str(cres.reason)) if cres is not None else "no answer"
    if backed:
        return _found(result, finding, Confidence.MEDIUM, f"{backed}, control not answered",
                      "unknown", lang)
    reason = cres.reason if cres is not None and cres.reason in _NOT_ANSWERED else None
    return dataclasses.replace(
        result, status=Status.UNKNOWN, findings=(), reason=reason or Reason.UNEXPECTED_RESPONSE,
        detail=say(lang, "control_unanswered", control=cprobe.url, why=why),
    )


def basis_text(basis: str, lang: str = "en") -> str:
    """`confidence_basis` for people, in the subject's language (the data keeps English)."""
    if lang != "fr":
        return basis

    def word(part: str) -> str:
        msg_id = "basis_" + part.replace(" ", "_")
        return say(lang, msg_id) if msg_id in say else part

    return ", ".join(word(part) for part in basis.split(", "))


def _found(result: CheckResult, finding: Finding, conf: Confidence, basis: str,
           state: str, lang: str = "en") -> CheckResult:
    """The found result with its confidence and basis (a variant is at most medium)."""
    if finding.data.get("variant"):
        conf = min(conf, Confidence.MEDIUM)
    data = {**finding.data, "confidence_basis": basis, "control": state}
    new = dataclasses.replace(finding, confidence=conf, data=data)
    shown = basis_text(basis, lang)
    detail = f"{result.detail} ({shown})" if result.detail else shown
    return dataclasses.replace(result, findings=(new, *result.findings[1:]), detail=detail)
