"""Which privacy law a person can rely on, by jurisdiction, and the sentences letters take from it.

Owns the legal regimes the plan knows (EU/EEA GDPR with the DSA, UK GDPR, Swiss FADP, Canada's
PIPEDA with Quebec's private-sector act, and the United States, where no general law gives a
right to erasure) and, for each, the wording of the legal basis, the answer deadline, the
authority to escalate to and whether an objection letter exists. Where no law gives a right,
the wording asks under the platform's or site's own policy and says so. The articles cited are
sourced in `kb/jurisdictions.json` (`legal`).
"""

from __future__ import annotations

from dataclasses import dataclass

from audit.plan import kb


@dataclass(frozen=True)
class Text:
    """A sentence in both languages."""

    en: str
    fr: str

    def get(self, lang: str) -> str:
        """The sentence in `lang` (French for "fr", else English)."""
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Regime:
    """What the law gives a person in one jurisdiction, as letters and routes need it."""

    key: str
    erasure_subject: Text
    erasure_basis: Text
    answer_rule: Text
    objection_basis: Text | None
    notice_subject: Text
    notice_basis: Text
    delisting_basis: Text
    legal_basis: str
    notice_legal_basis: str
    delisting_legal_basis: str
    deadline_days: int | None
    extension_days: int | None
    statutory_delisting: bool


_GDPR_ANSWER = Text(
    "Under Article 12(3) you must answer within one month of receiving this request; you may "
    "extend this by two further months only for complex or numerous requests, and you must "
    "tell me so, with reasons, within the first month. If you refuse, Article 12(4) requires "
    "you to tell me why, and that I may complain to a supervisory authority or go to court.",
    "L'article 12.3 vous impose de répondre dans un délai d'un mois à compter de la réception "
    "de cette demande ; ce délai ne peut être prolongé de deux mois que pour des demandes "
    "complexes ou nombreuses, et vous devez m'en informer, motifs à l'appui, dans le premier "
    "mois. En cas de refus, l'article 12.4 vous oblige à m'en donner les motifs et à m'indiquer "
    "que je peux saisir une autorité de contrôle ou un juge.",
)


def _gdpr(uk: bool) -> Regime:
    law_en = "the UK General Data Protection Regulation (UK GDPR)" if uk else (
        "the General Data Protection Regulation (GDPR)"
    )
    law_fr = "du RGPD britannique (UK GDPR)" if uk else (
        "du Règlement général sur la protection des données (RGPD)"
    )
    short = "UK GDPR" if uk else "GDPR"
    return Regime(
        key="uk_gdpr" if uk else "eu_gdpr",
        erasure_subject=Text(
            f"Request to erase my personal data ({short} Article 17)",
            f"Demande d'effacement de mes données personnelles (article 17 {law_fr})",
        ),
        erasure_basis=Text(
            f"Under Article 17 of {law_en}, I ask you to erase this data without undue delay, "
            "to tell any other site or search engine you passed it to (Article 17(2)), and to "
            "confirm to me in writing when it is done. I am also sending you a separate "
            "objection under Article 21.",
            f"En application de l'article 17 {law_fr}, je vous demande d'effacer ces données "
            "dans les meilleurs délais, d'en informer les sites ou moteurs de recherche à qui "
            "vous les avez transmises (article 17.2) et de me confirmer l'effacement par écrit. "
            "Je vous adresse également une opposition distincte au titre de l'article 21.",
        ),
        answer_rule=_GDPR_ANSWER,
        objection_basis=Text(
            f"Under Article 21(1) of {law_en}, I object to your processing of my personal "
            "data on grounds relating to my particular situation:",
            f"En application de l'article 21.1 {law_fr}, je m'oppose au traitement de mes "
            "données personnelles pour des raisons tenant à ma situation particulière :",
        ),
        notice_subject=Text(
            "Notice of illegal content (Digital Services Act, Article 16)"
            if not uk
            else "Report of content that breaks the law and your terms",
            "Notification de contenu illicite (règlement sur les services numériques, "
            "article 16)"
            if not uk
            else "Signalement d'un contenu contraire à la loi et à vos conditions",
        ),
        notice_basis=Text(
            f"it publishes my personal data without my consent, in breach of {law_en}, and "
            "exposes me to harassment.",
            f"ce contenu publie mes données personnelles sans mon consentement, en violation "
            f"{law_fr}, et m'expose à du harcèlement.",
        ),
        delisting_basis=Text(
            f"Legal basis: right to erasure and to object (Articles 17 and 21 of {law_en})"
            + ("." if uk else ", as applied to search engines by the Court of Justice of the "
               "EU (Google Spain, C-131/12)."),
            f"Fondement : droit à l'effacement et droit d'opposition (articles 17 et 21 "
            f"{law_fr})"
            + ("." if uk else ", tels qu'appliqués aux moteurs de recherche par la Cour de "
               "justice de l'UE (Google Spain, C-131/12)."),
        ),
        legal_basis=f"{short} Art. 17, Art. 21, Art. 12(3)-(4)",
        notice_legal_basis="" if uk else "DSA Art. 16",
        delisting_legal_basis=f"{short} Art. 17, Art. 21" + ("" if uk else "; CJEU C-131/12"),
        deadline_days=30,
        extension_days=60,
        statutory_delisting=True,
    )


_POLICY_NOTICE = Text(
    "Report of private information published without consent",
    "Signalement d'informations privées publiées sans consentement",
)

_SWISS = Regime(
    key="ch_fadp",
    erasure_subject=Text(
        "Request to delete my personal data (Federal Act on Data Protection)",
        "Demande d'effacement de mes données personnelles (loi fédérale sur la protection des "
        "données)",
    ),
    erasure_basis=Text(
        "I expressly object to this processing. Under the Federal Act on Data Protection "
        "(FADP), processing personal data against the express will of the person concerned is "
        "an unlawful breach of privacy (Article 30(2)(b)), and I may require that the data be "
        "deleted (Article 32(2)(c)). I ask you to delete it and to confirm this in writing.",
        "Je m'oppose expressément à ce traitement. Selon la loi fédérale sur la protection des "
        "données (LPD), traiter des données personnelles contre la volonté expresse de la "
        "personne concernée est une atteinte illicite à la personnalité (art. 30, al. 2, let. "
        "b), et je peux exiger leur effacement (art. 32, al. 2, let. c). Je vous demande de "
        "les effacer et de me le confirmer par écrit.",
    ),
    answer_rule=Text(
        "Please answer within 30 days. Without an answer, I will report the matter to the "
        "Federal Data Protection and Information Commissioner (FDPIC) or go to a civil court.",
        "Merci de répondre sous 30 jours. Sans réponse, je saisirai le Préposé fédéral à la "
        "protection des données et à la transparence (PFPDT) ou le juge civil.",
    ),
    objection_basis=None,
    notice_subject=_POLICY_NOTICE,
    notice_basis=Text(
        "it publishes my personal data against my express will, which the Swiss Federal Act "
        "on Data Protection treats as a breach of privacy, and it breaks your own rules on "
        "private information.",
        "ce contenu publie mes données personnelles contre ma volonté expresse, ce que la loi "
        "fédérale sur la protection des données traite comme une atteinte à la personnalité, "
        "et il enfreint vos propres règles sur les informations privées.",
    ),
    delisting_basis=Text(
        "Basis: the Swiss Federal Act on Data Protection (Articles 30 and 32: processing "
        "against my express will, right to deletion) and your own removal policy.",
        "Fondement : la loi fédérale sur la protection des données (art. 30 et 32 : traitement "
        "contre ma volonté expresse, droit à l'effacement) et votre propre politique de "
        "retrait.",
    ),
    legal_basis="FADP Art. 30(2)(b), Art. 32(2)(c)",
    notice_legal_basis="",
    delisting_legal_basis="FADP Art. 30, Art. 32",
    deadline_days=None,
    extension_days=None,
    statutory_delisting=True,
)

_CANADA = Regime(
    key="ca_pipeda",
    erasure_subject=Text(
        "Request to remove my personal information",
        "Demande de retrait de mes renseignements personnels",
    ),
    erasure_basis=Text(
        "I withdraw any consent to your use and disclosure of this information and ask you to "
        "stop publishing it and to delete it, under the Personal Information Protection and "
        "Electronic Documents Act (PIPEDA) or, if you carry on business in Quebec, section "
        "28.1 of the Act respecting the protection of personal information in the private "
        "sector (cessation of dissemination and de-indexing). Please confirm in writing.",
        "Je retire tout consentement à l'utilisation et à la communication de ces "
        "renseignements et vous demande de cesser de les diffuser et de les supprimer, en "
        "vertu de la Loi sur la protection des renseignements personnels et les documents "
        "électroniques (LPRPDE) ou, si vous exploitez une entreprise au Québec, de l'article "
        "28.1 de la Loi sur la protection des renseignements personnels dans le secteur privé "
        "(cessation de diffusion et désindexation). Merci de me le confirmer par écrit.",
    ),
    answer_rule=Text(
        "Please answer within 30 days. Without an answer, I will complain to the Office of the "
        "Privacy Commissioner of Canada (or, in Quebec, the Commission d'accès à "
        "l'information).",
        "Merci de répondre sous 30 jours. Sans réponse, je porterai plainte auprès du "
        "Commissariat à la protection de la vie privée du Canada (ou, au Québec, de la "
        "Commission d'accès à l'information).",
    ),
    objection_basis=None,
    notice_subject=_POLICY_NOTICE,
    notice_basis=Text(
        "it publishes my personal information without my consent and breaks your own rules "
        "on private information; it exposes me to harassment.",
        "ce contenu publie mes renseignements personnels sans mon consentement et enfreint vos "
        "propres règles sur les informations privées ; il m'expose à du harcèlement.",
    ),
    delisting_basis=Text(
        "Basis: your own policy on removing personal information and, for Quebec residents, "
        "section 28.1 of Quebec's private-sector privacy act (de-indexing).",
        "Fondement : votre propre politique de retrait des informations personnelles et, pour "
        "les résident·es du Québec, l'article 28.1 de la loi québécoise sur le secteur privé "
        "(désindexation).",
    ),
    legal_basis="PIPEDA (consent withdrawal); Quebec P-39.1 s. 28.1",
    notice_legal_basis="",
    delisting_legal_basis="Quebec P-39.1 s. 28.1 (Quebec only); engine policy",
    deadline_days=None,
    extension_days=None,
    statutory_delisting=False,
)

_US = Regime(
    key="us_policy",
    erasure_subject=Text(
        "Request to remove my personal information",
        "Demande de retrait de mes informations personnelles",
    ),
    erasure_basis=Text(
        "No general US law gives me a right to have this removed, so I ask you under your own "
        "privacy policy and terms, and under my state's consumer privacy law where it applies "
        "to you, to stop publishing this information and to delete it. Please confirm in "
        "writing.",
        "Aucune loi générale américaine ne me donne un droit général au retrait : je vous le "
        "demande donc au titre de votre propre politique de confidentialité et de vos "
        "conditions, et de la loi de mon État sur la vie privée des consommateurs si elle "
        "s'applique à vous. Merci de me le confirmer par écrit.",
    ),
    answer_rule=Text(
        "Please answer within 30 days. If the content is an intimate image published without "
        "my consent, the TAKE IT DOWN Act requires a covered platform to remove it within 48 "
        "hours of a valid request.",
        "Merci de répondre sous 30 jours. S'il s'agit d'une image intime publiée sans mon "
        "consentement, le TAKE IT DOWN Act impose à une plateforme concernée de la retirer "
        "dans les 48 heures suivant une demande valable.",
    ),
    objection_basis=None,
    notice_subject=_POLICY_NOTICE,
    notice_basis=Text(
        "it publishes my private information (contact details or location) without my "
        "consent, which breaks your own rules on private information and exposes me to "
        "harassment.",
        "ce contenu publie mes informations privées (coordonnées ou localisation) sans mon "
        "consentement, ce qui enfreint vos propres règles et m'expose à du harcèlement.",
    ),
    delisting_basis=Text(
        "Basis: your own policy on removing personal contact information from results.",
        "Fondement : votre propre politique de retrait des coordonnées personnelles des "
        "résultats.",
    ),
    legal_basis="",
    notice_legal_basis="",
    delisting_legal_basis="",
    deadline_days=None,
    extension_days=None,
    statutory_delisting=False,
)


def regime_for(jurisdiction: str) -> Regime:
    """The regime of a jurisdiction code returned by `kb.jurisdiction_code`."""
    if jurisdiction == "UK":
        return _gdpr(uk=True)
    if jurisdiction == "CH":
        return _SWISS
    if jurisdiction == "CA":
        return _CANADA
    if jurisdiction == "US":
        return _US
    if jurisdiction == "EU" or kb.jurisdiction(jurisdiction).get("in_eu"):
        return _gdpr(uk=False)
    return _US
