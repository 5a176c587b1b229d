"""English and French wording of the `photos` and `photos_web` checks: finding titles, place
names and result details.

`say(lang, msg_id, **fields)` returns the sentence in French when `lang` is "fr", in English
otherwise; `count(lang, n, noun)` writes "1 photo" / "3 days" / "3 jours". Only human-readable
text lives here: `data` values (e.g. `place`, `label`), kinds and keys stay as they are.
"""

from __future__ import annotations

from audit.i18n import Messages

_EN: dict[str, str] = {
    "sep": "; ",
    "near": "near {town}, {country} ({km:.0f} km)",
    "far_from_towns": "far from any town",
    "no_town_within": "{country} (no town within {km:g} km)",
    "located_in": "{prefix} in {place}",
    "photo_taken": "Photo taken",
    "published_photo_taken": "Published photo taken",
    "cluster_home": "Likely home",
    "cluster_work": "Likely workplace",
    "cluster_other": "A place that repeats",
    "cluster_title": "{where}: {photos}, {days}",
    "cluster_published": ", {n} published online",
    "name_in_metadata": "Name in photo metadata ({fields})",
    "serial_in_metadata": "Camera serial number in photo metadata ({fields})",
    "place_in_metadata": "Place names in photo metadata ({fields})",
    "text_in_metadata": "Keywords or comments in photo metadata ({fields})",
    "unreadable": "unreadable ({fmt}): {error}",
    "not_media": "not a photo, video or metadata sidecar",
    "location_found": "{fmt}: location found",
    "has_no_location": "{fmt}: no location",
    "other_image": "other image format",
    "no_repeat": "{n} located; no place repeats",
    "label_home": "home",
    "label_work": "work",
    "label_other": "other",
    "cluster_label": "{label} ({photos}, {days})",
    "summary": "{total}: {located} with a location, {rest} without",
    "summary_unread": ", {n} unreadable",
    "summary_other": ", {n} not photos",
    "folder_missing": "folder not found or not readable",
    "not_read": "not read: {why}",
    "empty_folder": "the folder holds no files",
    "over_cap": "larger than the {size} download cap; the part read carries no location",
    "page_status": "page answered HTTP {status}",
    "no_images": "no images linked from this page",
}

_FR: dict[str, str] = {
    "sep": " ; ",
    "near": "près de {town}, {country} ({km:.0f} km)",
    "far_from_towns": "loin de toute ville",
    "no_town_within": "{country}, à plus de {km:g} km de toute ville",
    "located_in": "{prefix} : {place}",
    "photo_taken": "Photo prise",
    "published_photo_taken": "Photo publiée en ligne, prise",
    "cluster_home": "Domicile probable",
    "cluster_work": "Lieu de travail probable",
    "cluster_other": "Un lieu qui revient souvent",
    "cluster_title": "{where} : {photos}, {days}",
    "cluster_published": ", dont {n} publiée(s) en ligne",
    "name_in_metadata": "Nom dans les métadonnées d'une photo ({fields})",
    "serial_in_metadata": "Numéro de série de l'appareil dans les métadonnées d'une photo "
                          "({fields})",
    "place_in_metadata": "Noms de lieux dans les métadonnées d'une photo ({fields})",
    "text_in_metadata": "Mots-clés ou commentaires dans les métadonnées d'une photo ({fields})",
    "unreadable": "illisible ({fmt}) : {error}",
    "not_media": "ni une photo, ni une vidéo, ni un fichier de métadonnées",
    "location_found": "{fmt} : position trouvée",
    "has_no_location": "{fmt} : pas de position",
    "other_image": "autre format d'image",
    "no_repeat": "{n} avec une position ; aucun lieu ne revient",
    "label_home": "domicile",
    "label_work": "travail",
    "label_other": "autre lieu",
    "cluster_label": "{label} ({photos}, {days})",
    "summary": "{total} : {located} avec une position, {rest} sans",
    "summary_unread": ", {n} illisible(s)",
    "summary_other": ", {n} qui ne sont pas des photos",
    "folder_missing": "dossier introuvable ou illisible",
    "not_read": "non lu : {why}",
    "empty_folder": "le dossier ne contient aucun fichier",
    "over_cap": "plus gros que la limite de téléchargement ({size}) ; la partie lue ne contient "
                "pas de position",
    "page_status": "la page a répondu HTTP {status}",
    "no_images": "aucune image liée depuis cette page",
}

# The nouns counted in titles and details, singular (`one_*`) and plural (`many_*`), in the
# same tables as every other text of the check.
_EN.update({
    "one_photos": "photos", "many_photos": "photos",
    "one_days": "days", "many_days": "days",
    "one_files": "files", "many_files": "files",
    "one_answers": "answers", "many_answers": "answers",
})
_FR.update({
    "one_photos": "photo", "many_photos": "photos",
    "one_days": "jour", "many_days": "jours",
    "one_files": "fichier", "many_files": "fichiers",
    "one_answers": "réponse", "many_answers": "réponses",
})

say = Messages(_EN, _FR)
"""`say(lang, msg_id, **fields)`: the message in French for "fr", in English otherwise."""


def count(lang: str, n: int, noun: str) -> str:
    """`n` and the noun ("photos", "days", "files", "answers") in `lang` (English keeps the
    plural form it always used, e.g. "1 photos")."""
    msg_id = f"{'one' if n == 1 else 'many'}_{noun}"
    return f"{n} {say(lang, msg_id) if msg_id in say else noun}"
