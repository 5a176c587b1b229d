"""The photos checks write titles and details in the subject's language (fr / en), with the
same fingerprints and `data` in both."""

from __future__ import annotations

from pathlib import Path

from audit import api
from audit.models import CheckResult, Finding, Subject
from audit.settings import Settings
from checks.photos.demo import prepare_files
from checks.photos.texts import count


def _scan(folder: Path, lang: str) -> dict[str, CheckResult]:
    subject = Subject(photo_dirs=(str(folder),), lang=lang)
    report = api.run_scan(subject, Settings(only=("photos",), use_cache=False), save=False)
    return {r.target: r for r in report.results if r.check == "photos"}


def _by_fingerprint(results: dict[str, CheckResult]) -> dict[str, Finding]:
    return {f.fingerprint: f for r in results.values() for f in r.findings}


def test_titles_and_details_follow_the_subject_language(tmp_path: Path) -> None:
    prepare_files(tmp_path)
    en, fr = _scan(tmp_path, "en"), _scan(tmp_path, "fr")
    f_en, f_fr = _by_fingerprint(en), _by_fingerprint(fr)
    assert f_en.keys() == f_fr.keys()  # same fingerprints in both languages
    for fp, finding in f_en.items():
        assert finding.data == f_fr[fp].data  # e.g. data["place"] stays the English text
    titles_en = {f.kind: f.title for f in f_en.values()}
    titles_fr = {f.kind: f.title for f in f_fr.values()}
    assert titles_en["photo_location"].startswith("Photo taken near Lyon")
    assert titles_fr["photo_location"].startswith("Photo prise près de Lyon")
    assert titles_en["photo_identity"].startswith("Name in photo metadata (")
    assert titles_fr["photo_identity"].startswith("Nom dans les métadonnées d'une photo (")
    homes_fr = [f.title for f in f_fr.values() if f.data.get("label") == "home"]
    assert homes_fr
    assert homes_fr[0].startswith("Domicile probable près de Lyon")
    assert " jours" in homes_fr[0]
    homes_en = [f.title for f in f_en.values() if f.data.get("label") == "home"]
    assert homes_en[0].startswith("Likely home near Lyon")
    assert " days" in homes_en[0]
    assert "location found" in en["balcon-soir.png"].detail
    assert "position trouvée" in fr["balcon-soir.png"].detail
    assert en["IMG_0324-damaged.jpg"].detail.startswith("unreadable (jpeg)")
    assert fr["IMG_0324-damaged.jpg"].detail.startswith("illisible (jpeg) : ")
    assert "fichiers : " in fr["clusters"].detail
    assert "domicile (" in fr["clusters"].detail
    assert "files: " in en["clusters"].detail
    assert "home (" in en["clusters"].detail


def test_french_counts_agree_in_number() -> None:
    assert count("fr", 1, "days") == "1 jour"
    assert count("fr", 3, "days") == "3 jours"
    assert count("en", 1, "photos") == "1 photos"  # English text kept as it always was
