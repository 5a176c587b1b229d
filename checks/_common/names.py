"""The person's names (current and former), compared in folded form.

A name on a page counts as theirs when it folds to one of them (`is_name`); `names_in` also
finds the directory order "Nom Prénom" inside a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audit.models import Subject
from checks._common.text import fold


@dataclass(frozen=True, slots=True)
class Names:
    """The person's names as they supplied them, current name first."""

    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, subject: Subject) -> Names:
        """The subject's name and former names (empty ones dropped)."""
        return cls(tuple(n for n in (subject.name, *subject.former_names) if n))

    def names_in(self, text: str) -> list[tuple[int, int]]:
        """Positions (in folded text) where one of the person's names appears."""
        folded = fold(text)
        spans = []
        for name in self.names:
            words = fold(name).split()
            # "Prénom Nom" and the directory order "Nom Prénom".
            for needle in {" ".join(words), " ".join(words[1:] + words[:1])}:
                if needle:
                    spans += [(m.start(), m.end()) for m in re.finditer(re.escape(needle), folded)]
        return spans

    def is_name(self, value: str) -> bool:
        """Whether `value` is one of the person's names (folded comparison)."""
        return bool(value) and fold(value) in {fold(n) for n in self.names}
