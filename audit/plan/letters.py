"""Ready-to-send letters of the action plan, in French and English.

Owns the letter texts (GDPR Art. 17 erasure request to a host or broker, delisting reasons for a
search engine form, DSA Art. 16 notice to a platform, address-hiding request to a company
register, complaint to the data-protection authority) and their rendering with
`string.Template`. A rendered letter never contains template syntax: what the tool cannot know
is left as a bracketed placeholder a person fills in, such as ``[your signature]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from string import Template

LETTER_KINDS = ("erasure", "delisting", "dsa_notice", "register_address", "dpa_complaint")

# What the person fills in by hand; the tool never knows these.
PLACEHOLDERS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "date": "[date]",
        "signature": "[your signature]",
        "name": "[your full name]",
        "email": "[your email address]",
        "recipient_address": (
            "[the publisher's contact address, from its legal notice or privacy page]"
        ),
        "reference": "[the reference number of your request]",
        "sent_on": "[date you sent the request]",
        "recipient": "[name of the site or organisation]",
        "controller": "[name of the site or organisation]",
        "authority": "[the data-protection authority]",
    },
    "fr": {
        "date": "[date]",
        "signature": "[votre signature]",
        "name": "[vos nom et prénom]",
        "email": "[votre adresse e-mail]",
        "recipient_address": (
            "[adresse de contact de l'éditeur, voir ses mentions légales ou sa politique "
            "de confidentialité]"
        ),
        "reference": "[numéro de référence de votre demande]",
        "sent_on": "[date d'envoi de votre demande]",
        "recipient": "[nom du site ou de l'organisme]",
        "controller": "[nom du site ou de l'organisme]",
        "authority": "[autorité de protection des données]",
    },
}

_TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "erasure": """To: $recipient
$recipient_address

Subject: Request to erase my personal data (GDPR Article 17)

$date

Hello,

I am $name. The pages listed below, which you publish, show personal data about me:

$items

Under Article 17 of the General Data Protection Regulation (and Article 21, as I object to \
this processing), I ask you to erase this data without undue delay, to tell any other site or \
search engine you passed it to (Article 17(2)), and to confirm to me in writing when it is done.

Under Article 12(3) you must answer within one month of receiving this request. Without an \
answer, I will refer the matter to the data-protection authority ($authority).

To reach me: $email

$signature
$name
""",
        "delisting": """Request to delist results for searches on my name: $name

I ask $recipient to stop showing the following pages in results for searches on my name:

$items

Reason for each page (shown next to it): it publishes personal information about me without my \
consent. This information is not of public interest, I do not have a public role that would \
justify it, and its exposure puts my safety at risk (harassment, people finding my home). Where \
the page is on a site I do not control, I have also asked the site to remove it.

Legal basis: right to erasure and to object (GDPR Articles 17 and 21), as applied to search \
engines by the Court of Justice of the EU (Google Spain, C-131/12).

$signature
$date
""",
        "dsa_notice": """To: $recipient

Subject: Notice of illegal content (Digital Services Act, Article 16)

$date

1. Exact location of the content:
$items

2. Why this content is illegal: it publishes my personal data (contact details or location) \
without my consent, which breaches the GDPR and exposes me to harassment.

3. Name and email of the person giving notice: $name, $email

4. I confirm in good faith that the information and allegations in this notice are accurate \
and complete.

$signature
""",
        "register_address": """To: $recipient

Subject: Request to hide my personal address in the company register

$date

I am $name, an officer or partner of a company listed in the register. I ask that my personal \
home address be hidden in the public versions of the register documents, as the rules now allow \
(décret n° 2025-840). It currently appears on:

$items

$signature
$name
""",
        "dpa_complaint": """To: $recipient

Subject: Complaint: no answer to my request to erase personal data

On $sent_on I asked $controller to erase my personal data (GDPR Article 17), request \
reference $reference. More than one month has passed without a satisfactory answer.

Pages concerned:
$items

I attach a copy of my request and any answer received.

$signature
$name
""",
    },
    "fr": {
        "erasure": """À : $recipient
$recipient_address

Objet : Demande d'effacement de mes données personnelles (article 17 du RGPD)

$date

Madame, Monsieur,

Je suis $name. Les pages ci-dessous, que vous publiez, affichent des données personnelles me \
concernant :

$items

En application de l'article 17 du Règlement général sur la protection des données (et de \
l'article 21, car je m'oppose à ce traitement), je vous demande d'effacer ces données dans les \
meilleurs délais, d'en informer les autres sites ou moteurs de recherche à qui vous les avez \
transmises (article 17.2) et de me confirmer l'effacement par écrit.

L'article 12.3 vous impose de répondre dans un délai d'un mois à compter de la réception de \
cette demande. Sans réponse, je saisirai l'autorité de protection des données ($authority).

Pour me répondre : $email

$signature
$name
""",
        "delisting": """Demande de déréférencement de résultats pour les recherches sur \
mon nom : $name

Je demande à $recipient de ne plus afficher les pages suivantes dans les résultats des \
recherches portant sur mon nom :

$items

Motif pour chaque page (indiqué à côté) : elle publie des informations personnelles me \
concernant sans mon accord. Ces informations ne présentent aucun intérêt public, je n'exerce \
aucun rôle public qui le justifierait, et leur exposition met ma sécurité en danger \
(harcèlement, personnes retrouvant mon domicile). Lorsque la page est sur un site que je ne \
contrôle pas, j'ai également demandé sa suppression au site.

Fondement : droit à l'effacement et droit d'opposition (articles 17 et 21 du RGPD), tels \
qu'appliqués aux moteurs de recherche par la Cour de justice de l'UE (Google Spain, C-131/12).

$signature
$date
""",
        "dsa_notice": """À : $recipient

Objet : Notification de contenu illicite (règlement sur les services numériques, article 16)

$date

1. Emplacement exact du contenu :
$items

2. Raisons de l'illicéité : ce contenu publie mes données personnelles (coordonnées ou \
localisation) sans mon consentement, en violation du RGPD, et m'expose à du harcèlement.

3. Nom et adresse e-mail de l'auteur de la notification : $name, $email

4. Je déclare de bonne foi que les informations et allégations de cette notification sont \
exactes et complètes.

$signature
""",
        "register_address": """À : $recipient

Objet : Demande d'occultation de mon adresse personnelle au registre

$date

Je suis $name, dirigeant·e ou associé·e d'une société immatriculée. Je demande l'occultation \
de mon adresse personnelle dans les versions publiques des documents du registre, comme le \
permet le décret n° 2025-840. Elle apparaît actuellement sur :

$items

$signature
$name
""",
        "dpa_complaint": """À : $recipient

Objet : Plainte : absence de réponse à ma demande d'effacement de données personnelles

Le $sent_on, j'ai demandé à $controller d'effacer mes données personnelles (article 17 du \
RGPD), demande de référence $reference. Plus d'un mois s'est écoulé sans réponse satisfaisante.

Pages concernées :
$items

Je joins une copie de ma demande et des éventuelles réponses reçues.

$signature
$name
""",
    },
}

_LEFTOVER = re.compile(r"\$[A-Za-z_{]|\{\{|\}\}|\{%|%\}|\{[A-Za-z_][A-Za-z0-9_]*\}")


def bullet_list(lines: Sequence[str]) -> str:
    """Lines as a dash list, one per line."""
    return "\n".join(f"- {line}" for line in lines) if lines else "-"


def leftover_syntax(letter: str) -> list[str]:
    """Any template syntax left in a rendered letter (should always be empty)."""
    return _LEFTOVER.findall(letter)


def render(kind: str, lang: str, values: Mapping[str, str], items: Sequence[str]) -> str:
    """Render a letter; unknown values fall back to the person-facing placeholders."""
    if kind not in LETTER_KINDS:
        raise KeyError(f"no letter named {kind!r}")
    lang = lang if lang in _TEMPLATES else "en"
    mapping: dict[str, str] = dict(PLACEHOLDERS[lang])
    mapping.update({k: v for k, v in values.items() if v})
    mapping["items"] = bullet_list(items)
    template = Template(_TEMPLATES[lang][kind])
    # The template itself must leave nothing behind (values from the web may contain anything,
    # so the check runs on the template filled with neutral text).
    bad = leftover_syntax(template.substitute(dict.fromkeys(mapping, "x")))
    if bad:
        raise ValueError(f"letter {kind}/{lang} kept template syntax: {bad}")
    return template.substitute(mapping)
