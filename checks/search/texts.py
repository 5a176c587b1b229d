"""English and French wording of the `search` check: listing titles, query purposes and result
details.

`say(lang, msg_id, **fields)` returns the sentence in French when `lang` is "fr", in English
otherwise. Only human-readable text lives here: page titles from the web, `data` values, kinds
and keys stay as they are.
"""

from __future__ import annotations

import re

from audit.i18n import Messages

_EN: dict[str, str] = {
    "listed_on": "Listed on {site}",
    "results": "{n} results from {source}, {about} about you",
    "results_one": "{n} results from {source}, {about} about you",
    "repeated": " ({n} also shown by an earlier search)",
    "purpose": ". Purpose: {purpose}.",
    "no_results": "{source} found no results. Purpose: {purpose}.",
    "cached": " (cached)",
    "budget": "{left} more searches were not run: the budget is {budget} "
              "(raise it with --max-queries).",
    "no_backend": "No search backend can be used: {notes}. Manual mode needs none: "
                  "`exposure-audit search links`.",
    "no_backend_note": "no search backend",
    "time_budget": "Not sent: the name search's time budget ({limit:g} s) was used up by the "
                   "earlier searches (their pacing keeps engines from blocking you). Lower "
                   "--max-queries or use manual mode: `exposure-audit search links`.",
    "imported": "{n} results read from {file}, {about} about you",
    "imported_one": "{n} results read from {file}, {about} about you",
    "imported_repeated": " ({n} also in an earlier page)",
    "captcha_file": "{file} is a captcha / bot-check page ({marker}), not results: "
                    "solve it in your browser, then save the result page again.",
    "unreadable_file": "{file} is not a result page this tool can read (DuckDuckGo html/"
                       "lite, Google, Bing, Qwant, Startpage). Save it as 'Web page, complete'.",
    # query purposes
    "p_name": "your name as written",
    "p_name_city": "your name with your city",
    "p_name_handle": "pages tying your name to the handle {handle}",
    "p_name_employer": "your name with your employer",
    "p_variant": "name variant: {why}",
    "p_handle": "the handle {handle} on its own",
    "p_email": "pages showing your email address",
    "p_phone": "pages showing your phone number ({form})",
    "p_people_site": "listings of you on {site}",
    "p_social_site": "profiles in your name on {site}",
    "p_market_site": "your name on {site}",
    "p_not_own_site": "mentions of you outside your own site",
    # why a written form of the name is searched (checks.search.variants writes them in English)
    "why_name_as_given": "name as given",
    "why_former_name": "former name",
    "why_accents_folded": "accents folded",
    "why_hyphens_as_spaces": "hyphens as spaces",
    "why_particle_joined": "particle joined",
    "why_surname_first_as_on_french_documents": "surname first, as on French documents",
    "why_surname_first_accents_folded": "surname first, accents folded",
    # a refusal, and what to do next
    "blocked_advice": (
        "{label} refused automated searches from your connection ({what}). This is not "
        "'no results': these searches were not done. Wait an hour before trying again, set "
        "up another backend (--searxng-url, a Brave or Mojeek key), or use manual mode: "
        "`exposure-audit search links`, then `exposure-audit search import`."
    ),
    # `exposure-audit search links`
    "links_heading": "Searches to run in your own browser:",
    "links_sends": "sends",
    "links_directories": "Directories to check yourself:",
    "links_then": (
        "Save each result page (Ctrl+S, 'Web page, complete'), then run "
        "`exposure-audit search import FILE...` with the same --name/--handle."
    ),
}

_FR: dict[str, str] = {
    "listed_on": "Vous apparaissez sur {site}",
    "results": "{n} résultats sur {source}, dont {about} vous concernant",
    "results_one": "{n} résultat sur {source}, dont {about} vous concernant",
    "repeated": " ({n} déjà montré(s) par une recherche précédente)",
    "purpose": ". But : {purpose}.",
    "no_results": "{source} n'a trouvé aucun résultat. But : {purpose}.",
    "cached": " (en cache)",
    "budget": "{left} autres recherches n'ont pas été lancées : la limite est de {budget} "
              "(augmentez-la avec --max-queries).",
    "no_backend": "Aucun moteur de recherche n'est utilisable : {notes}. Le mode manuel n'en "
                  "demande aucun : `exposure-audit search links`.",
    "no_backend_note": "aucun moteur de recherche",
    "time_budget": "Non envoyée : le temps prévu pour la recherche par nom ({limit:g} s) a été "
                   "utilisé par les recherches précédentes (leur rythme lent évite que les "
                   "moteurs vous bloquent). Baissez --max-queries ou passez en mode manuel : "
                   "`exposure-audit search links`.",
    "imported": "{n} résultats lus dans {file}, dont {about} vous concernant",
    "imported_one": "{n} résultat lu dans {file}, dont {about} vous concernant",
    "imported_repeated": " ({n} déjà dans une page précédente)",
    "captcha_file": "{file} est une page de captcha / anti-robot ({marker}), pas des "
                    "résultats : résolvez-la dans votre navigateur, puis enregistrez à nouveau "
                    "la page de résultats.",
    "unreadable_file": "{file} n'est pas une page de résultats que cet outil sait lire "
                       "(DuckDuckGo html/lite, Google, Bing, Qwant, Startpage). Enregistrez-la "
                       "comme « Page web, complète ».",
    "p_name": "votre nom tel qu'il s'écrit",
    "p_name_city": "votre nom avec votre ville",
    "p_name_handle": "pages reliant votre nom au pseudo {handle}",
    "p_name_employer": "votre nom avec votre employeur",
    "p_variant": "variante du nom : {why}",
    "p_handle": "le pseudo {handle} seul",
    "p_email": "pages montrant votre adresse e-mail",
    "p_phone": "pages montrant votre numéro de téléphone ({form})",
    "p_people_site": "vos fiches sur {site}",
    "p_social_site": "profils à votre nom sur {site}",
    "p_market_site": "votre nom sur {site}",
    "p_not_own_site": "mentions de vous en dehors de votre site",
    "why_name_as_given": "nom tel que donné",
    "why_former_name": "ancien nom",
    "why_accents_folded": "sans accents",
    "why_hyphens_as_spaces": "tirets remplacés par des espaces",
    "why_particle_joined": "particule attachée",
    "why_surname_first_as_on_french_documents": (
        "nom de famille d'abord, comme sur les papiers officiels"
    ),
    "why_surname_first_accents_folded": "nom de famille d'abord, sans accents",
    "blocked_advice": (
        "{label} a refusé les recherches automatiques depuis votre connexion ({what}). "
        "Ce n'est pas « aucun résultat » : ces recherches n'ont pas été faites. Attendez "
        "une heure avant de relancer, configurez un autre moteur (--searxng-url, clé "
        "Brave ou Mojeek), ou utilisez le mode manuel : `exposure-audit search links` "
        "puis `exposure-audit search import`."
    ),
    "links_heading": "Recherches à faire dans votre navigateur :",
    "links_sends": "envoie",
    "links_directories": "Annuaires à vérifier vous-même :",
    "links_then": (
        "Enregistrez chaque page de résultats (Ctrl+S, « page web complète »), puis lancez "
        "`exposure-audit search import FICHIER...` avec les mêmes --name/--handle."
    ),
}

say = Messages(_EN, _FR)
"""`say(lang, msg_id, **fields)`: the message in French for "fr", in English otherwise."""


def why(lang: str, text: str) -> str:
    """A name variant's reason ("accents folded (former name Camille Roux)") in `lang`."""
    if lang != "fr":
        return text
    base, sep, former = text.partition(" (former name ")
    msg_id = "why_" + re.sub(r"\W+", "_", base).strip("_").lower()
    out = say(lang, msg_id) if msg_id in say else base
    return f"{out} (ancien nom {former}" if sep else out
