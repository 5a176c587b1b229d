"""The masker looks for phone numbers only in text with nine digits close together: the
quick test never hides a number the full search would have found."""

from __future__ import annotations

import random

from audit.models import CheckResult, ScanReport, Status, Subject, utcnow
from audit.sanitize.thirdparty import _NINE_DIGITS, _PHONE_RE, _is_phone_like, mask_third_parties


def _phones(text: str) -> list[str]:
    return [m.group(0).strip() for m in _PHONE_RE.finditer(text)
            if _is_phone_like(m.group(0).strip())]


def test_numbers_in_every_layout_pass_the_quick_test() -> None:
    for text in ("+33 (0)4 76 12 34 56", "(0) 4 76 12 34 56", "04.76.12.34.56", "0476123456",
                 "+1 212-555-0100", "06/12/34/56/78", "tel +44 20 7946 0958 now",
                 "+49 (0)30 123 456 78", "0 800 - 123 - 456"):
        assert _phones(text), text
        assert _NINE_DIGITS(text), text


def test_text_the_quick_test_turns_away_holds_no_number() -> None:
    rng = random.Random(9)
    alphabet = "0123456789" * 3 + " .-/()+*_a\t,:"
    turned_away = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        if not _NINE_DIGITS(text):
            turned_away += 1
            assert not _phones(text), text
    assert turned_away > 1_000
    # what a photo report is made of: paths, dates, coordinates
    for text in ("/tmp/photos/d00/heic_00560.heic", "2024-03-02T21:15:00",
                 "exif GPS 35.68500, 139.64278", "IMG_20240302_211500.jpg"):
        assert not _NINE_DIGITS(text), text


def test_a_number_is_still_masked_in_a_report() -> None:
    now = utcnow()
    report = ScanReport(
        scan_id="s1", tool_version="t", subject=Subject(name="Ana"), started_at=now,
        finished_at=now, results=(CheckResult(check="c", target="t", status=Status.NOT_FOUND,
                                        detail="call 04 76 12 34 56"),),
    )
    assert mask_third_parties(report).results[0].detail == "call 04 ** ** ** 56"
