"""Username rules (regex, length, stripped characters) and handle variants."""

from __future__ import annotations

from audit.models import Reason, Status, Subject
from checks.accounts.catalog import UsernameRule, load_catalog
from checks.accounts.check import AccountsCheck, make_probe
from checks.accounts.variants import variants


def test_rule_strips_then_checks() -> None:
    rule = UsernameRule(regex=r"^[a-z0-9]+$", min_len=3, max_len=8, strip=".-")
    assert rule.apply("cam.du-fresne") == "camdufresne"
    assert rule.problem("cam.du") is None
    assert "longer" in (rule.problem("camdufresne") or "")
    assert "shorter" in (rule.problem("a.b") or "")
    assert "not allowed" in (rule.problem("Cam_D") or "")
    assert rule.problem("...") is not None


def test_invalid_handle_is_skipped_without_a_request() -> None:
    x = {s.key: s for s in load_catalog()}["x"]
    probe = make_probe(x, "this.handle.is.too.long")
    assert probe.planned == ()
    outcome = AccountsCheck().run(probe, ctx=None)  # type: ignore[arg-type]
    assert outcome.status is Status.SKIPPED
    assert outcome.reason is Reason.NOT_APPLICABLE
    assert "cannot exist on X" in outcome.detail


def test_variants_swap_and_drop_separators_and_add_suffixes() -> None:
    got = variants("cam.dufresne")
    assert "camdufresne" in got
    assert "cam_dufresne" in got
    assert "cam-dufresne" in got
    assert "cam.dufresne_" in got
    assert "cam.dufresne" not in got
    assert len(got) == len(set(got))


def test_variants_option_labels_probes() -> None:
    subject = Subject(handles=("cam.dufresne",))
    probes = list(AccountsCheck().probes(subject, {"variants": True, "categories": "coding"}))
    probes = [p for p in probes if not p.params.get("control")]
    plain = [p for p in probes if not p.params["variant"]]
    labelled = [p for p in probes if p.params["variant"]]
    assert plain
    assert labelled
    assert all(", variant)" in p.target for p in labelled)
    assert all(p.planned[0].note == "variant" for p in labelled if p.planned)
    no_variants = list(AccountsCheck().probes(subject, {"categories": "coding"}))
    assert len([p for p in no_variants if not p.params.get("control")]) == len(plain)


def test_a_handle_that_cannot_be_a_subdomain_is_skipped_on_subdomain_sites() -> None:
    sites = {s.key: s for s in load_catalog()}
    sub = sites["carrd"]  # https://{username}.carrd.co/ : the site's own rule allows '_'
    assert "{username}." in sub.probe.url
    assert sub.username.problem("cam_dufresne") is None
    probe = make_probe(sub, "cam_dufresne")
    assert probe.planned == ()
    outcome = AccountsCheck().run(probe, ctx=None)  # type: ignore[arg-type]
    assert outcome.status is Status.SKIPPED
    assert "subdomain" in outcome.detail
    assert make_probe(sub, "cam-dufresne").planned  # a host name can hold this one
    assert make_probe(sites["gitlab"], "cam_dufresne").planned  # path-based: unaffected


def test_a_filter_matching_no_site_says_so_instead_of_checking_nothing() -> None:
    probes = list(AccountsCheck().probes(Subject(handles=("alice",)),
                                         {"categories": ["developer"]}))
    assert len(probes) == 1
    outcome = AccountsCheck().run(probes[0], ctx=None)  # type: ignore[arg-type]
    assert outcome.status is Status.SKIPPED
    assert "developer" in outcome.detail
    assert "coding" in outcome.detail  # the categories that do exist are listed
