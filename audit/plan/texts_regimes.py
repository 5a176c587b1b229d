"""English and French wording of the legal regimes (`audit.plan.regimes`): the sentences a
letter takes from the person's law, through the one translation mechanism
(`audit.i18n.Messages`).

A regime names its sentences by id (`regimes.Text`); a sentence's fields are themselves ids of
this table, said in the same language (the GDPR's name differs between the EU and the UK, and
French puts an article before it). The articles cited are sourced in `kb/jurisdictions.json`.
"""

from __future__ import annotations

from audit.i18n import Messages

_EN: dict[str, str] = {
    # GDPR (EU and UK): {law} and {article} are said in the same language
    "law_eu": "the General Data Protection Regulation (GDPR)",
    "law_uk": "the UK General Data Protection Regulation (UK GDPR)",
    "article_17_eu": "GDPR Article 17",
    "article_17_uk": "UK GDPR Article 17",
    "cjeu_eu": ", as applied to search engines by the Court of Justice of the EU (Google Spain, "
               "C-131/12).",
    "cjeu_uk": ".",
    "gdpr_erasure_subject": "Request to erase my personal data ({article})",
    "gdpr_erasure_basis": "Under Article 17 of {law}, I ask you to erase this data without "
                          "undue delay, to tell any other site or search engine you passed it "
                          "to (Article 17(2)), and to confirm to me in writing when it is done. "
                          "I am also sending you a separate objection under Article 21.",
    "gdpr_answer": "Under Article 12(3) you must answer within one month of receiving this "
                   "request; you may extend this by two further months only for complex or "
                   "numerous requests, and you must tell me so, with reasons, within the first "
                   "month. If you refuse, Article 12(4) requires you to tell me why, and that "
                   "I may complain to a supervisory authority or go to court.",
    "gdpr_objection_basis": "Under Article 21(1) of {law}, I object to your processing of my "
                            "personal data on grounds relating to my particular situation:",
    "dsa_notice_subject": "Notice of illegal content (Digital Services Act, Article 16)",
    "uk_notice_subject": "Report of content that breaks the law and your terms",
    "gdpr_notice_basis": "it publishes my personal data without my consent, in breach of "
                         "{law}, and exposes me to harassment.",
    "gdpr_delisting_basis": "Legal basis: right to erasure and to object (Articles 17 and 21 "
                            "of {law}){cjeu}",
    # where no law gives a right: the platform's own rules
    "policy_notice_subject": "Report of private information published without consent",
    # Switzerland (FADP)
    "ch_erasure_subject": "Request to delete my personal data (Federal Act on Data Protection)",
    "ch_erasure_basis": "I expressly object to this processing. Under the Federal Act on Data "
                        "Protection (FADP), processing personal data against the express will "
                        "of the person concerned is an unlawful breach of privacy (Article "
                        "30(2)(b)), and I may require that the data be deleted (Article "
                        "32(2)(c)). I ask you to delete it and to confirm this in writing.",
    "ch_answer": "Please answer within 30 days. Without an answer, I will report the matter to "
                 "the Federal Data Protection and Information Commissioner (FDPIC) or go to a "
                 "civil court.",
    "ch_notice_basis": "it publishes my personal data against my express will, which the Swiss "
                       "Federal Act on Data Protection treats as a breach of privacy, and it "
                       "breaks your own rules on private information.",
    "ch_delisting_basis": "Basis: the Swiss Federal Act on Data Protection (Articles 30 and "
                          "32: processing against my express will, right to deletion) and "
                          "your own removal policy.",
    # Canada (PIPEDA, Quebec's private-sector act)
    "ca_erasure_subject": "Request to remove my personal information",
    "ca_erasure_basis": "I withdraw any consent to your use and disclosure of this information "
                        "and ask you to stop publishing it and to delete it, under the "
                        "Personal Information Protection and Electronic Documents Act "
                        "(PIPEDA) or, if you carry on business in Quebec, section 28.1 of the "
                        "Act respecting the protection of personal information in the private "
                        "sector (cessation of dissemination and de-indexing). Please confirm "
                        "in writing.",
    "ca_answer": "Please answer within 30 days. Without an answer, I will complain to the "
                 "Office of the Privacy Commissioner of Canada (or, in Quebec, the Commission "
                 "d'accès à l'information).",
    "ca_notice_basis": "it publishes my personal information without my consent and breaks "
                       "your own rules on private information; it exposes me to harassment.",
    "ca_delisting_basis": "Basis: your own policy on removing personal information and, for "
                          "Quebec residents, section 28.1 of Quebec's private-sector privacy "
                          "act (de-indexing).",
    # United States (no general law)
    "us_erasure_subject": "Request to remove my personal information",
    "us_erasure_basis": "No general US law gives me a right to have this removed, so I ask you "
                        "under your own privacy policy and terms, and under my state's "
                        "consumer privacy law where it applies to you, to stop publishing this "
                        "information and to delete it. Please confirm in writing.",
    "us_answer": "Please answer within 30 days. If the content is an intimate image published "
                 "without my consent, the TAKE IT DOWN Act requires a covered platform to "
                 "remove it within 48 hours of a valid request.",
    "us_notice_basis": "it publishes my private information (contact details or location) "
                       "without my consent, which breaks your own rules on private "
                       "information and exposes me to harassment.",
    "us_delisting_basis": "Basis: your own policy on removing personal contact information "
                          "from results.",
}

_FR: dict[str, str] = {
    "law_eu": "du Règlement général sur la protection des données (RGPD)",
    "law_uk": "du RGPD britannique (UK GDPR)",
    "article_17_eu": "article 17 du Règlement général sur la protection des données (RGPD)",
    "article_17_uk": "article 17 du RGPD britannique (UK GDPR)",
    "cjeu_eu": ", tels qu'appliqués aux moteurs de recherche par la Cour de justice de l'UE "
               "(Google Spain, C-131/12).",
    "cjeu_uk": ".",
    "gdpr_erasure_subject": "Demande d'effacement de mes données personnelles ({article})",
    "gdpr_erasure_basis": "En application de l'article 17 {law}, je vous demande d'effacer ces "
                          "données dans les meilleurs délais, d'en informer les sites ou "
                          "moteurs de recherche à qui vous les avez transmises (article 17.2) "
                          "et de me confirmer l'effacement par écrit. Je vous adresse "
                          "également une opposition distincte au titre de l'article 21.",
    "gdpr_answer": "L'article 12.3 vous impose de répondre dans un délai d'un mois à compter "
                   "de la réception de cette demande ; ce délai ne peut être prolongé de deux "
                   "mois que pour des demandes complexes ou nombreuses, et vous devez m'en "
                   "informer, motifs à l'appui, dans le premier mois. En cas de refus, "
                   "l'article 12.4 vous oblige à m'en donner les motifs et à m'indiquer que je "
                   "peux saisir une autorité de contrôle ou un juge.",
    "gdpr_objection_basis": "En application de l'article 21.1 {law}, je m'oppose au "
                            "traitement de mes données personnelles pour des raisons tenant à "
                            "ma situation particulière :",
    "dsa_notice_subject": "Notification de contenu illicite (règlement sur les services "
                          "numériques, article 16)",
    "uk_notice_subject": "Signalement d'un contenu contraire à la loi et à vos conditions",
    "gdpr_notice_basis": "ce contenu publie mes données personnelles sans mon consentement, "
                         "en violation {law}, et m'expose à du harcèlement.",
    "gdpr_delisting_basis": "Fondement : droit à l'effacement et droit d'opposition (articles "
                            "17 et 21 {law}){cjeu}",
    "policy_notice_subject": "Signalement d'informations privées publiées sans consentement",
    "ch_erasure_subject": "Demande d'effacement de mes données personnelles (loi fédérale sur "
                          "la protection des données)",
    "ch_erasure_basis": "Je m'oppose expressément à ce traitement. Selon la loi fédérale sur la "
                        "protection des données (LPD), traiter des données personnelles contre "
                        "la volonté expresse de la personne concernée est une atteinte "
                        "illicite à la personnalité (art. 30, al. 2, let. b), et je peux "
                        "exiger leur effacement (art. 32, al. 2, let. c). Je vous demande de "
                        "les effacer et de me le confirmer par écrit.",
    "ch_answer": "Merci de répondre sous 30 jours. Sans réponse, je saisirai le Préposé "
                 "fédéral à la protection des données et à la transparence (PFPDT) ou le juge "
                 "civil.",
    "ch_notice_basis": "ce contenu publie mes données personnelles contre ma volonté expresse, "
                       "ce que la loi fédérale sur la protection des données traite comme une "
                       "atteinte à la personnalité, et il enfreint vos propres règles sur les "
                       "informations privées.",
    "ch_delisting_basis": "Fondement : la loi fédérale sur la protection des données (art. 30 "
                          "et 32 : traitement contre ma volonté expresse, droit à "
                          "l'effacement) et votre propre politique de retrait.",
    "ca_erasure_subject": "Demande de retrait de mes renseignements personnels",
    "ca_erasure_basis": "Je retire tout consentement à l'utilisation et à la communication de "
                        "ces renseignements et vous demande de cesser de les diffuser et de "
                        "les supprimer, en vertu de la Loi sur la protection des "
                        "renseignements personnels et les documents électroniques (LPRPDE) "
                        "ou, si vous exploitez une entreprise au Québec, de l'article 28.1 de "
                        "la Loi sur la protection des renseignements personnels dans le "
                        "secteur privé (cessation de diffusion et désindexation). Merci de me "
                        "le confirmer par écrit.",
    "ca_answer": "Merci de répondre sous 30 jours. Sans réponse, je porterai plainte auprès du "
                 "Commissariat à la protection de la vie privée du Canada (ou, au Québec, de "
                 "la Commission d'accès à l'information).",
    "ca_notice_basis": "ce contenu publie mes renseignements personnels sans mon consentement "
                       "et enfreint vos propres règles sur les informations privées ; il "
                       "m'expose à du harcèlement.",
    "ca_delisting_basis": "Fondement : votre propre politique de retrait des informations "
                          "personnelles et, pour les résident·es du Québec, l'article 28.1 de "
                          "la loi québécoise sur le secteur privé (désindexation).",
    "us_erasure_subject": "Demande de retrait de mes informations personnelles",
    "us_erasure_basis": "Aucune loi générale américaine ne me donne un droit général au "
                        "retrait : je vous le demande donc au titre de votre propre politique "
                        "de confidentialité et de vos conditions, et de la loi de mon État sur "
                        "la vie privée des consommateurs si elle s'applique à vous. Merci de "
                        "me le confirmer par écrit.",
    "us_answer": "Merci de répondre sous 30 jours. S'il s'agit d'une image intime publiée sans "
                 "mon consentement, le TAKE IT DOWN Act impose à une plateforme concernée de "
                 "la retirer dans les 48 heures suivant une demande valable.",
    "us_notice_basis": "ce contenu publie mes informations privées (coordonnées ou "
                       "localisation) sans mon consentement, ce qui enfreint vos propres "
                       "règles et m'expose à du harcèlement.",
    "us_delisting_basis": "Fondement : votre propre politique de retrait des coordonnées "
                          "personnelles des résultats.",
}

REGIMES = Messages(_EN, _FR)
