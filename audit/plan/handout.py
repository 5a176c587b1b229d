"""A blank, generic one-page checklist a trainer can hand out, built from the knowledge base.

`handout_items(lang)` returns the sections in order (safety first, as in a real plan), frozen
`HandoutItem`s; a renderer (reports) lays them out. Nothing here is about a particular person.
"""

from __future__ import annotations

from typing import Any

from audit.plan import kb
from audit.plan.texts import say
from audit.plan.types import HandoutItem

# The platforms most people have, in the order a workshop goes through them.
HANDOUT_PLATFORMS = (
    "facebook",
    "instagram",
    "x",
    "tiktok",
    "snapchat",
    "linkedin",
    "google",
    "strava",
    "whatsapp",
    "telegram",
)


def _advice(advice_id: str, lang: str) -> dict[str, Any]:
    a = kb.advice(advice_id)
    return {
        "id": advice_id,
        "title": kb.text(a["title"], lang),
        "steps": list(a["steps"][lang]),
        "minutes": a["minutes"],
        "source_url": a["source_url"],
    }


def handout_items(lang: str = "en") -> tuple[HandoutItem, ...]:
    """Sections of the handout (id, title, steps, minutes, source_url), in working order."""
    lang = "fr" if lang == "fr" else "en"
    items = [
        _advice(a, lang)
        for a in (
            "danger",
            "secure_accounts",
            "evidence_first",
            "safety_plan",
            "account_recovery",
            "location_sharing",
        )
    ]
    juris = kb.jurisdiction("FR" if lang == "fr" else "EU")
    lines = [
        f"{kb.text(h['name'], lang)} ({h.get('number') or h.get('url')}): "
        f"{kb.text(h['what'], lang)}"
        for h in [*(juris.get("emergency") or ()), *(juris.get("helplines") or ())][:5]
    ]
    items[0]["steps"] += lines
    for key in HANDOUT_PLATFORMS:
        _, entry = kb.platform(key)
        settings = entry.get("settings") or []
        items.append(
            {
                "id": f"platform:{key}",
                "title": entry["name"],
                "steps": [
                    f"{kb.text(s['title'], lang)} — {kb.text(s['path'], lang)} → "
                    f"{kb.text(s['value'], lang)}"
                    for s in settings
                ],
                "minutes": sum(int(s.get("minutes", 3)) for s in settings),
                "source_url": settings[0]["source_url"] if settings else "",
            }
        )
    items.append(
        {
            "id": "search",
            "title": say(lang, "handout_search"),
            "steps": [say(lang, f"handout_search_{n}") for n in range(1, 7)],
            "minutes": 30,
            "source_url": "https://www.cnil.fr/fr/le-droit-au-dereferencement",
        }
    )
    items += [
        _advice(a, lang)
        for a in (
            "photos",
            "cut_links",
            "preservation",
            "protective_order",
            "domain_privacy",
            "allies",
            "support",
            "monitor",
        )
    ]
    return tuple(
        HandoutItem(
            id=i["id"],
            title=i["title"],
            steps=tuple(i["steps"]),
            minutes=int(i["minutes"]),
            source_url=i["source_url"],
        )
        for i in items
    )
