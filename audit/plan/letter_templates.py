"""The French and English texts of the plan's letters, as `string.Template` sources.

Owns the wording only. The legal sentences come from the person's regime
(`audit.plan.regimes`) as `$subject`, `$basis`, `$answer_rule`, `$objection_basis`; optional
sentences (`$offences`, `$public_role`, `$grounds`) are empty when they do not apply. Rendering
and placeholders live in `audit.plan.letters`.
"""

from __future__ import annotations

from audit.i18n import Messages

_EN: dict[str, str] = {
    "erasure": """To: $recipient
$recipient_address

Subject: $subject

$date

Dear Sir or Madam,

I am $name. The pages listed below, which you publish, show personal data about me:

$items

$basis

$answer_rule

To reach me: $email

Yours faithfully,

$signature
$name
""",
    "objection": """To: $recipient
$recipient_address

Subject: Objection to the processing of my personal data

$date

Dear Sir or Madam,

I am $name. This objection concerns the pages listed below:

$items

$objection_basis
$grounds
I ask you to stop this processing unless you can show compelling legitimate grounds that \
override my interests, rights and freedoms, and to tell me in writing what you have done.

$answer_rule

To reach me: $email

Yours faithfully,

$signature
$name
""",
    "delisting": """Request to delist results for searches on my name: $name

I ask $recipient to stop showing the following pages in results for searches on my name:

$items

Reason for each page (shown next to it): it publishes personal information about me without my \
consent, and its exposure puts my safety at risk (harassment, people finding my home).\
$public_role Where the page is on a site I do not control, I have also asked the site to remove \
it.

$basis

$signature
$date
""",
    "dsa_notice": """To: $recipient

Subject: $subject

$date

1. Exact location of the content:
$items

2. Why this content must be removed: $basis$offences

3. Name and email of the person giving notice: $name, $email

4. I confirm in good faith that the information and allegations in this notice are accurate \
and complete.

$signature
""",
    "dpa_complaint": """To: $recipient

Subject: Complaint: no satisfactory answer to my request about my personal data

On $sent_on I asked $controller to erase my personal data, request reference $reference. \
The time to answer has passed without a satisfactory answer.

Pages concerned:
$items

I attach a copy of my request and any answer received.

$signature
$name
""",
}

_FR: dict[str, str] = {
    "erasure": """À : $recipient
$recipient_address

Objet : $subject

$date

Madame, Monsieur,

Je suis $name. Les pages ci-dessous, que vous publiez, affichent des données personnelles me \
concernant :

$items

$basis

$answer_rule

Pour me répondre : $email

Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

$signature
$name
""",
    "objection": """À : $recipient
$recipient_address

Objet : Opposition au traitement de mes données personnelles

$date

Madame, Monsieur,

Je suis $name. Cette opposition concerne les pages ci-dessous :

$items

$objection_basis
$grounds
Je vous demande de cesser ce traitement, sauf à démontrer des motifs légitimes et impérieux \
qui prévalent sur mes intérêts, droits et libertés, et de m'indiquer par écrit les mesures \
prises.

$answer_rule

Pour me répondre : $email

Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

$signature
$name
""",
    "delisting": """Demande de déréférencement de résultats pour les recherches sur \
mon nom : $name

Je demande à $recipient de ne plus afficher les pages suivantes dans les résultats des \
recherches portant sur mon nom :

$items

Motif pour chaque page (indiqué à côté) : elle publie des informations personnelles me \
concernant sans mon accord, et leur exposition met ma sécurité en danger (harcèlement, \
personnes retrouvant mon domicile).$public_role Lorsque la page est sur un site que je ne \
contrôle pas, j'ai également demandé sa suppression au site.

$basis

$signature
$date
""",
    "dsa_notice": """À : $recipient

Objet : $subject

$date

1. Emplacement exact du contenu :
$items

2. Raisons du retrait demandé : $basis$offences

3. Nom et adresse e-mail de l'auteur de la notification : $name, $email

4. Je déclare de bonne foi que les informations et allégations de cette notification sont \
exactes et complètes.

$signature
""",
    "dpa_complaint": """À : $recipient

Objet : Plainte : absence de réponse satisfaisante à ma demande sur mes données personnelles

Le $sent_on, j'ai demandé à $controller d'effacer mes données personnelles, demande de \
référence $reference. Le délai de réponse est écoulé sans réponse satisfaisante.

Pages concernées :
$items

Je joins une copie de ma demande et des éventuelles réponses reçues.

Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

$signature
$name
""",
}

# One `string.Template` source per letter kind and language; `LETTERS(lang, kind)` gives it
# as written (the letters fill it with `string.Template`, not `str.format`).
LETTERS = Messages(_EN, _FR)
