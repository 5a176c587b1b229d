"""English and French wording of the `links` check: finding titles, path explanations and
result details.

`say(lang, msg_id, **fields)` returns the sentence in French when `lang` is "fr", in English
otherwise. Only human-readable text lives here: `data` node ids, signals, kinds and keys stay
as they are.
"""

from __future__ import annotations

from audit.i18n import Messages

# One sentence per edge signal: {s} is the source, {t} the target, as people read them.
_EN: dict[str, str] = {
    "sep": "; ",
    "edge_rel_me_mutual": "{s} and {t} link to each other with rel=\"me\" (verified both ways)",
    "edge_verified_field": "{s} has a verified link to {t}",
    "edge_email_hash": "{s} is tied to {t} by the address's hash",
    "edge_rel_me": "{s} links to {t} with rel=\"me\" (\"this is also me\")",
    "edge_profile_link": "{s} links to {t}",
    "edge_link_in_bio": "{s} lists {t} on a link-in-bio page",
    "edge_same_email": "{s} shows the email {t}",
    "edge_same_phone": "{s} shows the phone number {t}",
    "edge_shows_address": "{s} shows the address {t}",
    "edge_shows_name": "{s} shows your name ({t})",
    "edge_pgp_uid": "{s} (a public PGP key) names {t}",
    "edge_bio_mention": "{s} mentions {t}",
    "edge_same_avatar": "{s} uses the same avatar image as {t}",
    "edge_same_handle": "{s} uses the same handle as {t}",
    "edge_same_display_name": "{s} uses the same display name as {t}",
    "edge_other": "{s} is linked to {t}",
    "then": "; then ",
    "pseudonym": "Your pseudonym {p}{more} can be tied to your real name",
    "pseudonym_more": " (and {n} more)",
    "tied": "{n} identifiers tied to your name",
    "linked": "{n} identifiers linked to each other",
    "summary": "{ids} identifiers, {links} links, {groups} group(s)",
    "not_read": "{what} {url} not read: {why}",
    "what_own_site": "own site",
    "what_profile": "profile",
    "what_link_in_bio": "link-in-bio page",
    "what_avatar": "avatar",
    "discovered_title": "{site} account '{handle}' (found through {seen_on})",
    "exists": "exists: HTTP {status}",
    "missing": "missing: HTTP {status}",
    "seen_on": "{signal}; seen on {seen_on}",
    "not_checked": "seen on {seen_on}; not checked: {why}",
    "depth_limit": "depth limit (max_depth={n})",
    "new_limit": "limit of {n} new handles (max_new_handles)",
    "opt_in": "sends your email address (or its hash) to {who}: enable with --email-lookups",
    "no_github_user": "no such GitHub user",
    "github_nothing_new": "the public profile adds no new link",
    "no_gravatar": "no public Gravatar profile for this address",
    "no_pgp_key": "no published key for this address",
}

_FR: dict[str, str] = {
    "sep": " ; ",
    "edge_rel_me_mutual": (
        "{s} et {t} renvoient l'un vers l'autre avec rel=\"me\" (vérifié dans les deux sens)"
    ),
    "edge_verified_field": "{s} a un lien vérifié vers {t}",
    "edge_email_hash": "{s} est relié à {t} par l'empreinte (hash) de l'adresse e-mail",
    "edge_rel_me": "{s} renvoie vers {t} avec rel=\"me\" (« c'est aussi moi »)",
    "edge_profile_link": "{s} contient un lien vers {t}",
    "edge_link_in_bio": "{s} liste {t} sur une page de liens (link-in-bio)",
    "edge_same_email": "{s} affiche l'adresse e-mail {t}",
    "edge_same_phone": "{s} affiche le numéro de téléphone {t}",
    "edge_shows_address": "{s} affiche l'adresse {t}",
    "edge_shows_name": "{s} affiche votre nom ({t})",
    "edge_pgp_uid": "{s} (une clé PGP publique) porte le nom {t}",
    "edge_bio_mention": "{s} mentionne {t}",
    "edge_same_avatar": "{s} utilise la même photo de profil que {t}",
    "edge_same_handle": "{s} utilise le même pseudo que {t}",
    "edge_same_display_name": "{s} utilise le même nom affiché que {t}",
    "edge_other": "{s} est relié à {t}",
    "then": " ; puis ",
    "pseudonym": "Votre pseudonyme {p}{more} peut être relié à votre vrai nom",
    "pseudonym_more": " (et {n} autre(s))",
    "tied": "{n} identifiants reliés à votre nom",
    "linked": "{n} identifiants reliés entre eux",
    "summary": "{ids} identifiants, {links} liens, {groups} groupe(s)",
    "not_read": "{what} {url} non lu(e) : {why}",
    "what_own_site": "site personnel",
    "what_profile": "profil",
    "what_link_in_bio": "page de liens (link-in-bio)",
    "what_avatar": "photo de profil",
    "discovered_title": "Compte {site} « {handle} » (trouvé via {seen_on})",
    "exists": "présent : HTTP {status}",
    "missing": "absent : HTTP {status}",
    "seen_on": "{signal} ; vu sur {seen_on}",
    "not_checked": "vu sur {seen_on} ; non vérifié : {why}",
    "depth_limit": "limite de profondeur atteinte (max_depth={n})",
    "new_limit": "limite de {n} nouveaux pseudos atteinte (max_new_handles)",
    "opt_in": (
        "enverrait votre adresse e-mail (ou son empreinte) à {who} : à activer avec "
        "--email-lookups"
    ),
    "no_github_user": "aucun compte GitHub à ce nom",
    "github_nothing_new": "le profil public n'ajoute aucun nouveau lien",
    "no_gravatar": "aucun profil Gravatar public pour cette adresse",
    "no_pgp_key": "aucune clé publiée pour cette adresse",
}


say = Messages(_EN, _FR)
"""`say(lang, msg_id, **fields)`: the message in French for "fr", in English otherwise."""


def edge_sentence(lang: str, signal: str, source: str, target: str) -> str:
    """One plain sentence for an edge of kind `signal` between two shown nodes."""
    msg_id = f"edge_{signal}" if f"edge_{signal}" in _EN else "edge_other"
    return say(lang, msg_id, s=source, t=target)
