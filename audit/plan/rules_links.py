"""Plan rules for identity links: `link` and `identity_cluster` findings.

Links that bridge a pseudonym to the real name are cut on the page that shows them (one item
per page); weaker clues are grouped in one later item; links to contact details are left to
the contact rules.
"""

from __future__ import annotations

from audit.models import Finding
from audit.plan import kb
from audit.plan.context import PlanContext
from audit.plan.model import EXPOSURE, LATER, ItemDraft

# Signals with a specific step (`sig_<signal>` in `audit.plan.texts`).
_SIGNAL_STEPS = (
    "same_email", "same_phone", "same_handle", "same_avatar", "same_display_name",
    "rel_me_mutual", "rel_me", "link_in_bio", "profile_link", "bio_mention", "shows_name",
)
# Clues worth a (later) item even when they do not bridge a pseudonym to the real name.
WEAK_CLUES = ("same_email", "same_phone", "same_handle", "same_avatar", "same_display_name")


def node_label(node: str) -> str:
    """A readable name for an identity-graph node id ("mastodon:velvetfox42" -> "velvetfox42
    (mastodon)", "url:https://x/" -> "https://x/")."""
    kind, _, rest = node.partition(":")
    if not rest:
        return node
    if kind in ("url", "name", "email", "phone"):
        return rest
    return f"{rest} ({kind})"


CONTACT_NODES = ("email", "phone", "address")


def _node_kind(node: str) -> str:
    return node.partition(":")[0]


def link(ctx: PlanContext, f: Finding) -> None:
    """A link tying two identities: the ones that bridge a pseudonym to the real name are cut
    on the page that shows them; weaker clues are grouped in one later item."""
    data = f.data
    raw_source, raw_target = str(data.get("source", "")), str(data.get("target", ""))
    if _node_kind(raw_source) in CONTACT_NODES or _node_kind(raw_target) in CONTACT_NODES:
        return  # a contact detail on a page: the contact items already cover it
    where = str(data.get("evidence_url") or f.url)
    source, target = node_label(raw_source), node_label(raw_target)
    signal = str(data.get("signal", ""))
    line = (
        ctx.say(f"sig_{signal}")
        if signal in _SIGNAL_STEPS
        else ctx.say("link_remove", target=target)
    )
    if not data.get("bridge", True):
        if signal not in WEAK_CLUES:
            return  # links between accounts of the same identity are not an exposure

        def make_weak() -> ItemDraft:
            return ItemDraft(
                key="links:weak",
                phase=LATER,
                title=ctx.say("links_weak_title"),
                steps=[],
                minutes=10,
                source_url=kb.advice("cut_links")["source_url"],
            )

        item = ctx.item("links:weak", make_weak, f)
        clue = f"{source} ↔ {target}: {line}"
        if clue not in item.steps and len(item.steps) < 12:
            item.steps.append(clue)
        return
    pkey = kb.platform_key_for_url(where) if where else None

    def make() -> ItemDraft:
        steps: list[str] = []
        if pkey:
            _, entry = kb.platform(pkey)
            steps += [
                f"{kb.text(s['title'], ctx.lang)} — {kb.text(s['path'], ctx.lang)}"
                for s in entry.get("settings", ())
                if "field" in s["id"] or "profile" in s["id"]
            ]
        steps += [str(s) for s in kb.advice("cut_links")["steps"][ctx.lang]]
        return ItemDraft(
            key=f"link:{where}",
            phase=EXPOSURE,
            platform=pkey or "",
            title=ctx.say("link_title", where=where),
            steps=steps,
            minutes=10,
            source_url=kb.advice("cut_links")["source_url"],
        )

    item = ctx.item(f"link:{where}", make, f)
    step = f"{source} → {target}: {line}"
    if step not in item.steps:
        item.steps.insert(sum(1 for x in item.steps if "→" in x), step)


def identity_cluster(ctx: PlanContext, f: Finding) -> None:
    """Several identities tied together: review each link and cut the ones you can."""

    def make() -> ItemDraft:
        return ItemDraft(
            key=f"cluster-id:{f.key}",
            phase=EXPOSURE,
            title=ctx.say("cluster_title", title=f.title),
            steps=[str(s) for s in kb.advice("cut_links")["steps"][ctx.lang]],
            minutes=15,
            source_url=kb.advice("cut_links")["source_url"],
        )

    ctx.item(f"cluster-id:{f.key}", make, f)
