"""The first-24-hours page (`reports.first24`) as plain text: the first screen of the terminal
output, `report.txt` and `exposure-audit summary`. Emergency number and helplines come first.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from audit import hookimpl
from audit.render import Renderer, RenderOptions
from reports.i18n import duration, severity_label, t

if TYPE_CHECKING:
    from audit.models import ScanReport
    from reports.first24 import FirstDay, Line


def _numbers(lines: tuple[Line, ...], lang: str) -> str:
    parts = [f"{x.number} ({x.name})" if x.name != x.number else x.number
             for x in lines if x.number]
    return f" {t(lang, 'or_word')} ".join(parts)


def _wrap(text: str, width: int, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_on_hyphens=False, break_long_words=False) or [indent]


def help_lines(fd: FirstDay, lang: str, width: int) -> list[str]:
    """The emergency number and the helplines, one each (the first lines of every output)."""
    out: list[str] = []
    if fd.emergency:
        out += _wrap("!! " + t(lang, "danger_now", numbers=_numbers(fd.emergency, lang)), width, "")
    if fd.helplines:
        out.append(t(lang, "help_short") + t(lang, "colon"))
        for h in fd.helplines:
            number = h.number if h.number and h.number not in h.name else ""
            bits = [h.name, number or ("" if h.number else h.url), h.hours]
            text = "- " + " · ".join(b for b in bits if b)
            out += _wrap(text, width, "")
    return out


def first_day_text(fd: FirstDay, lang: str, width: int = 80) -> list[str]:
    """The whole first-24-hours page as lines of at most `width` characters (URLs apart)."""
    width = max(width, 40)
    title = t(lang, "first_heading")
    out = [title, "=" * len(title), *help_lines(fd, lang, width), ""]
    out.append(t(lang, "matters_heading") + t(lang, "colon"))
    if not fd.top:
        out.append("  " + t(lang, "no_top"))
    for f in fd.top:
        where = f" — {f.where}" if f.where and f.where not in f.title else ""
        out += _wrap(f"[{severity_label(f.severity, lang)}] {f.title}{where}", width)
    out += ["", t(lang, "first_steps") + t(lang, "colon")]
    for n, step in enumerate(fd.steps, start=1):
        time = f" ({duration(step.minutes)})" if step.minutes else ""
        out += _wrap(f"{n}. [ ] {step.title}{time}  [{step.id}]", width)
    out += ["", *_wrap(t(lang, "first_counts", found=fd.found, unknown=fd.unknown), width, "")]
    if fd.steps_total:
        out.append(t(lang, "steps_progress", done=fd.steps_done, total=fd.steps_total))
    out += _wrap(t(lang, "mark_done_hint").replace("`", ""), width, "")
    return out


class SummaryRenderer(Renderer):
    """`-f summary` and `exposure-audit summary`: the first-24-hours page alone."""

    name = "summary"
    extension = "summary.txt"
    description = "The first 24 hours: helplines, what matters most, first steps (one page)."
    in_folder = False

    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """The first-24-hours page as text."""
        from reports.first24 import first_day

        return "\n".join(first_day_text(first_day(report), options.lang, options.width)) + "\n"


@hookimpl
def register_renderers(register: Callable[[type[Renderer]], None]) -> None:
    """Register the summary renderer."""
    register(SummaryRenderer)
