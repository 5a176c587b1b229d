"""The checks' own `scan` options: each check declares them (`Check.options`, a tuple of
`CheckOption`); this module turns them into click options of `scan`, shows them under
`checks`, and collects the values the user gave into the options the checks receive.

`scan` is a `ScanCommand`: its check options are added when click asks for its parameters
(parsing or `--help`), from the registered checks, so plugins' checks get their options too
and `exposure-audit --version` loads no check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import click

from audit.check import Check, CheckOption

KINDS = ("text", "int", "file", "flag", "switch")


def param_name(option: CheckOption) -> str:
    """The name click gives the value (and the environment variable's suffix)."""
    if option.dest:
        return option.dest
    return option.flag.split("/")[0].lstrip("-").replace("-", "_")


def to_click(check: str, option: CheckOption) -> click.Option:
    """The click option for one check option; its help says which check it belongs to."""
    if option.kind not in KINDS:
        raise ValueError(f"check {check!r}: option {option.flag} has unknown kind {option.kind!r}")
    help_text = f"[{check}] {option.help}"
    name = param_name(option)
    if option.kind == "flag":
        return click.Option([option.flag, name], is_flag=True, help=help_text)
    if option.kind == "switch":
        return click.Option([option.flag, name], default=bool(option.default),
                            show_default=True, help=help_text)
    kind: Any = None
    if option.kind == "int":
        kind = click.IntRange(min=option.minimum, max=option.maximum)
    elif option.kind == "file":
        kind = click.Path(exists=True, dir_okay=False)
    return click.Option([option.flag, name], type=kind, multiple=option.multiple,
                        metavar=option.metavar or None, help=help_text)


def declared(checks: Mapping[str, type[Check]]) -> list[tuple[str, CheckOption]]:
    """Every check's options, by stage then check name; an option two checks declare comes once."""
    seen: set[str] = set()
    out = []
    for name, cls in sorted(checks.items(), key=lambda item: (item[1].stage, item[0])):
        for option in cls.options:
            if option.flag in seen:
                continue
            seen.add(option.flag)
            out.append((name, option))
    return out


def values(kw: Mapping[str, Any], options: Iterable[tuple[str, CheckOption]]) -> dict[str, Any]:
    """The checks' option values from click's: only what the user gave (a switch always)."""
    out: dict[str, Any] = {}
    for _check, option in options:
        value = kw.get(param_name(option))
        if option.kind == "switch":
            out[option.key] = bool(value)
        elif option.kind == "flag":
            if value:
                out[option.key] = option.set_to
        elif option.multiple:
            if value:
                out[option.key] = list(value)
        elif value is not None:
            out[option.key] = value
    return out


def registered() -> Mapping[str, type[Check]]:
    from audit import api

    return api.registry().checks


class ScanCommand(click.Command):
    """A click command that adds the registered checks' options to its own when click asks
    for its parameters (so they follow the registry in use, plugins included)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._core = list(self.params)
        self._for: tuple[int, list[click.Parameter]] | None = None

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        checks = registered()
        if self._for is None or self._for[0] != id(checks):
            taken = {n for p in self._core for n in (*p.opts, *p.secondary_opts)}
            added = [to_click(check, option) for check, option in declared(checks)]
            added = [p for p in added if not taken & {*p.opts, *p.secondary_opts}]
            cut = _after_skip(self._core)  # grouped by check, after --only/--skip
            self._for = (id(checks), [*self._core[:cut], *added, *self._core[cut:]])
        self.params = self._for[1]
        return super().get_params(ctx)


def _after_skip(params: list[click.Parameter]) -> int:
    names = [p.name for p in params]
    return names.index("skip") + 1 if "skip" in names else len(params)
