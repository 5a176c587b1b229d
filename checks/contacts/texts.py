"""English and French wording of the `contacts` check: finding titles and result details.

`say(lang, msg_id, **fields)` returns the sentence in French when `lang` is "fr", in English
otherwise. Only human-readable text lives here: `data` values, kinds and keys stay as they are.
"""

from __future__ import annotations

from audit.i18n import Messages

_EN: dict[str, str] = {
    "sep": "; ",
    "own_email": "Your email address is shown on {where}",
    "own_phone": "Your phone number is shown on {where}",
    "own_address": "Your postal address is shown on {where}",
    "likely_email": "An email address that is probably yours is shown on {where}",
    "likely_phone": "A phone number that is probably yours is shown on {where}",
    "likely_address": "A postal address that is probably yours is shown on {where}",
    "other_email": "Someone else's email address on {where} (masked)",
    "other_phone": "Someone else's phone number on {where} (masked)",
    "other_address": "Someone else's postal address on {where} (masked)",
    "nothing_to_read": "no earlier results (profiles, search results) to read",
    "snippet_only": "search snippet only (fetch_results is off)",
    "read_one": "read {n} page",
    "read_many": "read {n} pages",
    "others_hidden": "{n} detail(s) of other people or of the site itself not reported",
    "page_gone": "HTTP {status}: the page is not there any more",
    "not_web_page": "not a web page ({type})",
    "no_type": "no type",
    "page_not_read": "{url} not read: {why}",
    "vcard_not_read": "vCard {url} not read: {why}",
}

_FR: dict[str, str] = {
    "sep": " ; ",
    "own_email": "Votre adresse e-mail est visible sur {where}",
    "own_phone": "Votre numéro de téléphone est visible sur {where}",
    "own_address": "Votre adresse postale est visible sur {where}",
    "likely_email": "Une adresse e-mail qui est probablement la vôtre est visible sur {where}",
    "likely_phone": "Un numéro de téléphone qui est probablement le vôtre est visible sur "
                    "{where}",
    "likely_address": "Une adresse postale qui est probablement la vôtre est visible sur "
                      "{where}",
    "other_email": "Adresse e-mail d'une autre personne sur {where} (masquée)",
    "other_phone": "Numéro de téléphone d'une autre personne sur {where} (masqué)",
    "other_address": "Adresse postale d'une autre personne sur {where} (masquée)",
    "nothing_to_read": "aucun résultat précédent (profils, résultats de recherche) à lire",
    "snippet_only": "extrait du moteur de recherche seulement (fetch_results est désactivé)",
    "read_one": "{n} page lue",
    "read_many": "{n} pages lues",
    "others_hidden": "{n} coordonnée(s) d'autres personnes ou du site lui-même non signalée(s)",
    "page_gone": "HTTP {status} : la page n'existe plus",
    "not_web_page": "pas une page web ({type})",
    "no_type": "type inconnu",
    "page_not_read": "{url} non lue : {why}",
    "vcard_not_read": "vCard {url} non lue : {why}",
}


say = Messages(_EN, _FR)
"""`say(lang, msg_id, **fields)`: the message in French for "fr", in English otherwise."""


def title(lang: str, ownership: str, detail_type: str, where: str) -> str:
    """The finding title for one detail (`ownership`: own / likely_own / other)."""
    prefix = {"own": "own", "likely_own": "likely"}.get(ownership, "other")
    return say(lang, f"{prefix}_{detail_type}", where=where)
