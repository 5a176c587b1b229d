"""English and French wording of the action plan: item titles and steps, request titles and
next steps, the plan's fixed labels, through the one translation mechanism
(`audit.i18n.Messages`).

`say(lang, msg_id, **fields)` returns the sentence in French when `lang` is "fr", in English
otherwise; the rules call it through `PlanContext.say`. The requests' wording lives in
`audit.plan.texts_routes` and is merged into the same table. The knowledge base
(`audit/plan/kb/*.json`) keeps its own bilingual fields: it is data, not wording of the code.
"""

from __future__ import annotations

from audit.i18n import Messages
from audit.plan.texts_routes import ROUTES_EN, ROUTES_FR

_EN: dict[str, str] = {
    # finding categories and contact details, as named in steps and request notes
    "cat_directory": "directory",
    "cat_people_search": "people-search site",
    "cat_company_register": "company register",
    "cat_news": "news",
    "cat_social_profile": "social profile",
    "cat_own_site": "own site",
    "cat_page": "page",
    "contact_email": "email address",
    "contact_phone": "phone number",
    "contact_address": "postal address",
    # accounts
    "sign_in": "Sign in and open {url}.",
    "settings_title": "{label}: change the settings that expose you",
    "delete_title": "Optional: delete {label} if you no longer use it",
    "delete_first": "First save evidence and download your data if you may need them.",
    "delete_here": "Delete it here: {url}",
    # contact details
    "own_site": "your own site",
    "own_profile": "your profile",
    "edit_title": "Remove your contact details from {where}: {page}",
    "edit_open": "Open {page} and remove what it shows (see the findings: also hidden "
                 "forms such as '[at]', mailto: or tel: links, page metadata).",
    "edit_form": "Use a contact form or a separate public address instead.",
    "edit_engines": "Search engines update their copy at their next visit; if it stays, "
                    "ask them to refresh it.",
    "edit_detail": "Detail to remove: {detail}.",
    "remove_title": "Get your details removed from {host}, then delisted",
    "remove_evidence": "Save evidence of each page first (see the evidence step).",
    "remove_send": "Send the removal request (below, ready to send), keep a copy and its date.",
    "remove_delist": "At the same time, file the delisting requests for the same pages.",
    "remove_record": "Record each filing: exposure-audit requests filed ID",
    "remove_page": "Page: {page} ({detail})",
    # listings
    "optout_title": "Remove your listing on {name}",
    "optout_nothing": "Give the site nothing it does not already show.",
    # search results
    "result_detail": "result about me: {label}",
    "delist_decide": "Decide which of these results you want gone; news about a public role is "
                     "rarely delisted.",
    "delist_no_law": "Where you live, no law gives a general right to delisting: ask the "
                     "site to remove the page, or use the engines' policies on personal "
                     "information.",
    "delist_title": "Ask search engines to delist results about you",
    "review_title": "Review: {kind}",
    # identity links (one step per signal that ties two identities)
    "sig_same_email": "Use a different email address for the pseudonymous account.",
    "sig_same_phone": "Remove the phone number from one of the two accounts.",
    "sig_same_handle": "Rename one of the accounts so the handles differ.",
    "sig_same_avatar": "Use a different profile picture on each account.",
    "sig_same_display_name": "Change the display name of the pseudonymous account.",
    "sig_rel_me_mutual": "Remove the verified (rel=me) link on both sides.",
    "sig_rel_me": "Remove the verified (rel=me) link.",
    "sig_link_in_bio": "Remove this entry from the link-in-bio page.",
    "sig_profile_link": "Remove this link from the profile.",
    "sig_bio_mention": "Remove this mention from the bio.",
    "sig_shows_name": "This page shows your real name next to the link: remove one or the "
                      "other.",
    "link_remove": "Remove the link or mention pointing to {target}.",
    "links_weak_title": "Other clues that connect your accounts",
    "link_title": "Cut the links between your pseudonym and your real name on {where}",
    "cluster_title": "These identities can be tied together: {title}",
    # photos
    "photo_online": "Online photo: {source}",
    "photo_more_web": "… and {n} more online photos",
    "photo_more_folders": "… and {n} more folders: run the same command on each",
    "photos_web_title": "Photos on {host} show where they were taken",
    "photos_local_title": "Clean the location data from your photos before sharing them",
    "photo_detail": "photo with its location",
    "place_home": "your home",
    "place_work": "your workplace",
    "place_other": "a place you go often",
    "place_title": "Your photos reveal {place}",
    # the plan's fixed items
    "why_safety": "Safety comes before everything else in this plan.",
    "accounts_found": "Accounts found: {names}.",
    "why_evidence": "Pages can disappear once you ask for their removal; a complaint needs "
                    "proof.",
    "why_monitor": "Removed data often comes back.",
    "why_guides": "Recommended to everyone in this situation by victim-support guides.",
    "grounds": "- these pages let people who are harassing me find, contact or locate me, "
               "which puts my safety at risk;\n- I never agreed to this publication.",
    "grounds_no_public_role": "\n- I have no public role that would make this information "
                              "of public interest.",
    "evidence_columns": "date and time (with time zone) | screenshot | URL | account numeric "
                        "ID",
    # why an item or request is in the plan
    "why_head": "Because the audit found: ",
    # the evidence log's export (one header per column of `audit.plan.evidence.COLUMNS`)
    "ev_title": "Evidence log",
    "ev_col_captured_at": "Date and time",
    "ev_col_screenshot": "Screenshot",
    "ev_col_url": "URL",
    "ev_col_account_id": "Account ID",
    "ev_col_sha256": "SHA-256 of the page",
    "ev_col_http_status": "HTTP status",
    "ev_col_archive_url": "Archived copy",
    "ev_col_note": "Note",
    "ev_col_screenshot_sha256": "SHA-256 of the screenshot",
    "ev_col_hash_note": "Why no page hash",
    "ev_fetch_failed": "the page could not be downloaded: {error}",
    "ev_not_fetched": "page not downloaded (no --fetch: downloading it tells the site)",
    # the handout's section on search engines and directories
    "handout_search": "Search engines and directories",
    "handout_search_1": "Search your name, handles, email and phone in a private window, on "
                        "several engines.",
    "handout_search_2": "Ask the site to remove what you don't want public (GDPR or UK GDPR "
                        "Art. 17; elsewhere under the site's own policy), then ask the engines "
                        "to delist it for searches on your name.",
    "handout_search_3": "Opt out of people-search sites and directories; in France ask your "
                        "phone operator for the 'liste rouge'.",
    "handout_search_4": "The CNIL's site links to the other engines' forms.",
    "handout_search_5": "For a photo you took yourself, a US-hosted site often removes it "
                        "faster under copyright (DMCA) than under privacy.",
    "handout_search_6": "A paid e-reputation company can help when much has spread.",
}

_FR: dict[str, str] = {
    "cat_directory": "annuaire",
    "cat_people_search": "site de recherche de personnes",
    "cat_company_register": "registre des sociétés",
    "cat_news": "presse",
    "cat_social_profile": "profil social",
    "cat_own_site": "site personnel",
    "cat_page": "page",
    "contact_email": "adresse e-mail",
    "contact_phone": "numéro de téléphone",
    "contact_address": "adresse postale",
    "sign_in": "Connectez-vous et ouvrez {url}.",
    "settings_title": "{label} : modifiez les réglages qui vous exposent",
    "delete_title": "Facultatif : supprimez {label} si vous ne l'utilisez plus",
    "delete_first": "Gardez d'abord les preuves et téléchargez vos données si besoin.",
    "delete_here": "Suppression ici : {url}",
    "own_site": "votre propre site",
    "own_profile": "votre profil",
    "edit_title": "Retirez vos coordonnées de {where} : {page}",
    "edit_open": "Ouvrez {page} et retirez ce qui apparaît (voir les constats : y compris "
                 "les formes cachées comme « [at] », liens mailto: ou tel:, métadonnées).",
    "edit_form": "Utilisez plutôt un formulaire de contact ou une adresse publique distincte.",
    "edit_engines": "Les moteurs mettent à jour leur copie à leur prochain passage ; si elle "
                    "reste, demandez-leur de l'actualiser.",
    "edit_detail": "Donnée à retirer : {detail}.",
    "remove_title": "Faites retirer vos données de {host}, puis déréférencer",
    "remove_evidence": "Gardez d'abord une preuve de chaque page (voir l'étape des preuves).",
    "remove_send": "Envoyez la demande de retrait (ci-dessous, prête à l'envoi) et gardez-en "
                   "une copie datée.",
    "remove_delist": "En parallèle, déposez les demandes de déréférencement pour les mêmes "
                     "pages.",
    "remove_record": "Notez chaque envoi : exposure-audit requests filed ID",
    "remove_page": "Page : {page} ({detail})",
    "optout_title": "Retirez votre fiche sur {name}",
    "optout_nothing": "Ne donnez au site rien qu'il n'affiche déjà.",
    "result_detail": "résultat me concernant : {label}",
    "delist_decide": "Choisissez les résultats à faire disparaître ; une actualité liée à un "
                     "rôle public est rarement déréférencée.",
    "delist_no_law": "Là où vous vivez, aucune loi ne donne un droit général au "
                     "déréférencement : demandez le retrait au site, ou utilisez les "
                     "règles des moteurs sur les informations personnelles.",
    "delist_title": "Demandez aux moteurs de déréférencer des résultats vous concernant",
    "review_title": "À examiner : {kind}",
    "sig_same_email": "Utilisez une autre adresse e-mail pour le compte pseudonyme.",
    "sig_same_phone": "Retirez le numéro de téléphone de l'un des deux comptes.",
    "sig_same_handle": "Renommez l'un des comptes pour que les pseudos diffèrent.",
    "sig_same_avatar": "Utilisez une photo de profil différente sur chaque compte.",
    "sig_same_display_name": "Changez le nom affiché du compte pseudonyme.",
    "sig_rel_me_mutual": "Retirez le lien vérifié (rel=me) des deux côtés.",
    "sig_rel_me": "Retirez le lien vérifié (rel=me).",
    "sig_link_in_bio": "Retirez cette entrée de la page de liens.",
    "sig_profile_link": "Retirez ce lien du profil.",
    "sig_bio_mention": "Retirez cette mention de la bio.",
    "sig_shows_name": "Cette page montre votre vrai nom à côté du lien : retirez l'un ou "
                      "l'autre.",
    "link_remove": "Retirez le lien ou la mention qui mène à {target}.",
    "links_weak_title": "Autres indices qui relient vos comptes",
    "link_title": "Coupez les liens entre votre pseudo et votre vrai nom sur {where}",
    "cluster_title": "Ces identités peuvent être reliées : {title}",
    "photo_online": "Photo en ligne : {source}",
    "photo_more_web": "… et {n} autres photos en ligne",
    "photo_more_folders": "… et {n} autres dossiers : même commande pour chacun",
    "photos_web_title": "Des photos sur {host} montrent où elles ont été prises",
    "photos_local_title": "Effacez la localisation de vos photos avant de les partager",
    "photo_detail": "photo avec sa localisation",
    "place_home": "votre domicile",
    "place_work": "votre lieu de travail",
    "place_other": "un lieu que vous fréquentez",
    "place_title": "Vos photos révèlent {place}",
    "why_safety": "La sécurité passe avant tout le reste de ce plan.",
    "accounts_found": "Comptes trouvés : {names}.",
    "why_evidence": "Les pages peuvent disparaître dès la demande de retrait ; une plainte "
                    "exige des preuves.",
    "why_monitor": "Les données retirées reviennent souvent.",
    "why_guides": "Recommandé à toute personne dans cette situation par les guides d'aide "
                  "aux victimes.",
    "grounds": "- ces pages permettent à des personnes qui me harcèlent de me retrouver, de "
               "me contacter ou de me localiser, ce qui met ma sécurité en danger ;\n- je "
               "n'ai jamais consenti à cette publication.",
    "grounds_no_public_role": "\n- je n'exerce aucun rôle public qui rendrait ces "
                              "informations d'intérêt public.",
    "evidence_columns": "date et heure (avec fuseau) | capture d'écran | URL | identifiant "
                        "numérique du compte",
    "why_head": "Parce que l'audit a trouvé : ",
    "ev_title": "Journal des preuves",
    "ev_col_captured_at": "Date et heure",
    "ev_col_screenshot": "Capture d'écran",
    "ev_col_url": "URL",
    "ev_col_account_id": "Identifiant du compte",
    "ev_col_sha256": "SHA-256 de la page",
    "ev_col_http_status": "Statut HTTP",
    "ev_col_archive_url": "Copie archivée",
    "ev_col_note": "Note",
    "ev_col_screenshot_sha256": "SHA-256 de la capture",
    "ev_col_hash_note": "Pourquoi pas d'empreinte de la page",
    "ev_fetch_failed": "la page n'a pas pu être téléchargée : {error}",
    "ev_not_fetched": "page non téléchargée (sans --fetch : le télécharger prévient le site)",
    "handout_search": "Moteurs de recherche et annuaires",
    "handout_search_1": "Cherchez votre nom, vos pseudos, e-mail et téléphone en navigation "
                        "privée, sur plusieurs moteurs.",
    "handout_search_2": "Demandez au site de retirer ce qui ne doit pas être public (RGPD "
                        "art. 17), puis aux moteurs de le déréférencer pour les recherches sur "
                        "votre nom.",
    "handout_search_3": "Retirez-vous des annuaires et sites de recherche de personnes ; en "
                        "France, demandez la « liste rouge » à votre opérateur.",
    "handout_search_4": "Le site de la CNIL donne les liens vers les formulaires des autres "
                        "moteurs.",
    "handout_search_5": "Pour une photo que vous avez prise vous-même, un site hébergé aux "
                        "États-Unis la retire souvent plus vite au titre du droit d'auteur "
                        "(DMCA) que de la vie privée.",
    "handout_search_6": "Une société d'e-réputation (payante) peut aider quand beaucoup a "
                        "circulé.",
}

say = Messages({**_EN, **ROUTES_EN}, {**_FR, **ROUTES_FR})
