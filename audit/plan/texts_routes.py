"""English and French wording of the plan's requests (`audit.plan.routes`): titles,
recipients, what the person needs and the next step when there is no answer.

The tables are merged into the plan's one table, `audit.plan.texts.say`.
"""

from __future__ import annotations

ROUTES_EN: dict[str, str] = {
    "esc_no_law": "No answer: send a reminder, then ask a lawyer or a victim-support line what "
                  "else the law allows where you live.",
    "esc_extension": "No answer within one month (or within three if they told you, with "
                     "reasons, that they need two more): complain to {who} with a copy of "
                     "your request and its reference.",
    "esc_30_days": "No answer within 30 days, or a refusal: complain to {who} with a copy of "
                   "your request.",
    "offences": " Publishing it may also be an offence under French law: {named}",
    "removal_recipient": "the publisher of {host}",
    "removal_title": "Ask {host} to erase your data",
    "report_escalation": "Ignored or refused: use the platform's appeal and ask a helpline "
                         "listed in this plan for help.",
    "report_title": "Report the page to {name}",
    "no_public_role": " This information is not of public interest, and I have no public "
                      "role that would justify showing it.",
    "public_role_hint": "If you have no public role (elected office, public figure, job in "
                        "the news), say so in the form: it weighs in your favour. The letter "
                        "does not claim it for you; run the scan again with --no-public-role "
                        "to have it say so.",
    "delist_dpa": "Refused or no answer after one month: complain to {who} (delisting "
                  "refusals are in its remit).",
    "delist_policy": "Refused: the engine applies its own policy; ask again with more detail "
                     "on the risk, or have the page removed at its source.",
    "delist_bing": " Yahoo, DuckDuckGo and Ecosia mostly show Bing's results.",
    "broker_title": "Opt out of {name}",
    "broker_relist": "Check again in a few weeks: these sites re-list people. ",
    "register_recipient": "Guichet unique of business formalities (INPI), for the company "
                          "register",
    "register_title": "Hide your home address in the company register (online formality)",
    "register_needs": "Log in to the guichet unique as the company's officer and file the "
                      "request to keep your personal address confidential. It is paid unless "
                      "you file it with another formality (transfer, change of officer...). "
                      "For documents already filed (articles, minutes), upload copies where "
                      "you blacked out your address yourself. Keep the receipt.",
    "register_next": "The registry has 5 working days to decide; without a decision, the "
                     "judge supervising the register can be asked. Once hidden at the source, "
                     "send erasure requests to the sites that copied the address.",
}

ROUTES_FR: dict[str, str] = {
    "esc_no_law": "Sans réponse : relancez, puis demandez à un·e avocat·e ou une ligne d'aide "
                  "aux victimes ce que permet la loi de votre pays.",
    "esc_extension": "Sans réponse sous un mois (ou trois s'ils vous ont informé·e, motifs à "
                     "l'appui, d'une prolongation de deux mois) : plainte auprès de {who} "
                     "avec la copie de votre demande et sa référence.",
    "esc_30_days": "Sans réponse sous 30 jours, ou en cas de refus : plainte auprès de {who} "
                   "avec la copie de votre demande.",
    "offences": " Sa publication peut aussi constituer une infraction : {named}",
    "removal_recipient": "l'éditeur du site {host}",
    "removal_title": "Demander à {host} d'effacer vos données",
    "report_escalation": "Ignoré ou refusé : utilisez l'appel de la plateforme et demandez "
                         "l'aide d'une ligne indiquée dans ce plan.",
    "report_title": "Signaler la page à {name}",
    "no_public_role": " Ces informations ne présentent aucun intérêt public, et je n'exerce "
                      "aucun rôle public qui justifierait leur affichage.",
    "public_role_hint": "Si vous n'exercez aucun rôle public (mandat, personnalité publique, "
                        "fonction médiatisée), dites-le dans le formulaire : cela joue en "
                        "votre faveur. La lettre ne l'affirme pas à votre place ; relancez "
                        "l'analyse avec --no-public-role pour qu'elle le dise.",
    "delist_dpa": "Refus ou pas de réponse après un mois : plainte auprès de {who} (les "
                  "refus de déréférencement relèvent d'elle).",
    "delist_policy": "Refus : le moteur applique sa propre politique ; redemandez en "
                     "détaillant le risque, ou faites retirer la page à la source.",
    "delist_bing": " Yahoo, DuckDuckGo et Ecosia reprennent surtout les résultats de Bing.",
    "broker_title": "Se retirer de {name}",
    "broker_relist": "Revérifiez dans quelques semaines : ces sites réinscrivent les "
                     "personnes. ",
    "register_recipient": "Guichet unique des formalités d'entreprises (INPI), pour le "
                          "registre",
    "register_title": "Faire occulter votre adresse personnelle au registre (formalité en "
                      "ligne)",
    "register_needs": "Connectez-vous au guichet unique comme dirigeant·e et déposez la "
                      "demande de confidentialité de votre adresse personnelle. C'est payant "
                      "sauf si vous la joignez à une autre formalité (transfert, changement de "
                      "dirigeant...). Pour les actes déjà déposés (statuts, PV), téléversez "
                      "des copies où vous avez vous-même masqué votre adresse. Gardez le "
                      "récépissé.",
    "register_next": "Le greffe a 5 jours ouvrables pour statuer ; à défaut, le juge commis à "
                     "la surveillance du registre peut être saisi. Une fois l'adresse occultée "
                     "à la source, demandez l'effacement aux sites qui l'ont recopiée.",
}
