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

_SIGNAL_STEPS = {
    "same_email": (
        "Use a different email address for the pseudonymous account.",
        "Utilisez une autre adresse e-mail pour le compte pseudonyme.",
    ),
    "same_phone": (
        "Remove the phone number from one of the two accounts.",
        "Retirez le numéro de téléphone de l'un des deux comptes.",
    ),
    "same_handle": (
        "Rename one of the accounts so the handles differ.",
        "Renommez l'un des comptes pour que les pseudos diffèrent.",
    ),
    "same_avatar": (
        "Use a different profile picture on each account.",
        "Utilisez une photo de profil différente sur chaque compte.",
    ),
    "same_display_name": (
        "Change the display name of the pseudonymous account.",
        "Changez le nom affiché du compte pseudonyme.",
    ),
    "rel_me_mutual": (
        "Remove the verified (rel=me) link on both sides.",
        "Retirez le lien vérifié (rel=me) des deux côtés.",
    ),
    "rel_me": ("Remove the verified (rel=me) link.", "Retirez le lien vérifié (rel=me)."),
    "link_in_bio": (
        "Remove this entry from the link-in-bio page.",
        "Retirez cette entrée de la page de liens.",
    ),
    "profile_link": ("Remove this link from the profile.", "Retirez ce lien du profil."),
    "bio_mention": ("Remove this mention from the bio.", "Retirez cette mention de la bio."),
    "shows_name": (
        "This page shows your real name next to the link: remove one or the other.",
        "Cette page montre votre vrai nom à côté du lien : retirez l'un ou l'autre.",
    ),
}
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
    specific = _SIGNAL_STEPS.get(signal)
    line = (
        ctx.t(*specific)
        if specific
        else ctx.t(
            f"Remove the link or mention pointing to {target}.",
            f"Retirez le lien ou la mention qui mène à {target}.",
        )
    )
    if not data.get("bridge", True):
        if signal not in WEAK_CLUES:
            return  # links between accounts of the same identity are not an exposure

        def make_weak() -> ItemDraft:
            return ItemDraft(
                key="links:weak",
                phase=LATER,
                title=ctx.t(
                    "Other clues that connect your accounts",
                    "Autres indices qui relient vos comptes",
                ),
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
            title=ctx.t(
                f"Cut the links between your pseudonym and your real name on {where}",
                f"Coupez les liens entre votre pseudo et votre vrai nom sur {where}",
            ),
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
            title=ctx.t(
                f"These identities can be tied together: {f.title}",
                f"Ces identités peuvent être reliées : {f.title}",
            ),
            steps=[str(s) for s in kb.advice("cut_links")["steps"][ctx.lang]],
            minutes=15,
            source_url=kb.advice("cut_links")["source_url"],
        )

    ctx.item(f"cluster-id:{f.key}", make, f)
