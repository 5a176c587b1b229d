"""Main platforms a handle cannot check, and what the person should look at by hand.

Of the 25 main platforms the action plan knows, these have no public page or lookup keyed
by a handle (they use a phone number, an e-mail address or a numeric id). The `accounts`
check reports each as `skipped` in one line saying what to check by hand, so the report
never implies they were looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.i18n import Messages


@dataclass(frozen=True, slots=True)
class ManualPlatform:
    """One platform the check cannot ask, with the by-hand advice in English and French."""

    key: str
    name: str
    en: str
    fr: str

    def text(self, lang: str) -> str:
        """The advice in the subject's language."""
        return _ADVICE(lang, self.key)


MANUAL: tuple[ManualPlatform, ...] = (
    ManualPlatform(
        "whatsapp", "WhatsApp",
        "cannot be checked from a handle (accounts are phone numbers): in WhatsApp, "
        "Settings > Privacy, choose who sees your photo, About, status and last seen.",
        "impossible à vérifier par pseudo (les comptes sont des numéros) : dans WhatsApp, "
        "Réglages > Confidentialité, choisissez qui voit photo, Actu, statut et vu à.",
    ),
    ManualPlatform(
        "signal", "Signal",
        "cannot be checked from a handle (usernames are not searchable): in Signal, "
        "Settings > Privacy > Phone number, set who can find you by number to Nobody.",
        "impossible à vérifier par pseudo (les noms d'utilisateur ne se cherchent pas) : "
        "dans Signal, Paramètres > Confidentialité > Numéro, « Qui peut me trouver » : "
        "Personne.",
    ),
    ManualPlatform(
        "google", "Google",
        "cannot be checked from a handle (profiles are keyed by e-mail): open "
        "https://myaccount.google.com/profile/about-me to see what others see, and your "
        "Maps contributions and YouTube channel.",
        "impossible à vérifier par pseudo (les profils sont liés à l'e-mail) : ouvrez "
        "https://myaccount.google.com/profile/about-me pour voir ce que voient les autres, "
        "ainsi que vos contributions Maps et votre chaîne YouTube.",
    ),
    ManualPlatform(
        "amazon", "Amazon",
        "cannot be checked from a handle (public profiles use a numeric id): in Your "
        "Account > Your Profile, check what is public, and make your Lists private.",
        "impossible à vérifier par pseudo (les profils publics ont un numéro) : dans Votre "
        "compte > Votre profil, vérifiez ce qui est public, et rendez vos Listes privées.",
    ),
    ManualPlatform(
        "vinted", "Vinted",
        "cannot be checked from a handle (member pages use a number): signed out, open your "
        "member page and items to see the name, town and photos a stranger sees.",
        "impossible à vérifier par pseudo (les pages membre ont un numéro) : sans être "
        "connecté, ouvrez votre page membre et vos articles pour voir nom, ville et photos "
        "visibles par un inconnu.",
    ),
    ManualPlatform(
        "leboncoin", "Leboncoin",
        "cannot be checked from a handle (seller pages use a number): signed out, open your "
        "ads and seller page to see the name, town and phone a stranger sees.",
        "impossible à vérifier par pseudo (les pages vendeur ont un numéro) : sans être "
        "connecté, ouvrez vos annonces et votre page vendeur pour voir nom, ville et "
        "téléphone visibles par un inconnu.",
    ),
)

_ADVICE = Messages({p.key: p.en for p in MANUAL}, {p.key: p.fr for p in MANUAL})
