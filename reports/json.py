"""The JSON renderer: the canonical, versioned form of a report (`audit.serialize`).

Its schema is `docs/report.schema.json`; key names are a public interface.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from audit import hookimpl
from audit.models import ScanReport
from audit.render import Renderer, RenderOptions
from audit.serialize import report_to_dict


class JsonRenderer(Renderer):
    """Pretty-printed JSON with sorted keys, ISO-8601 UTC times."""

    name = "json"
    extension = "json"
    media_type = "application/json"
    description = "Machine-readable report (schema: docs/report.schema.json)."

    def render(self, report: ScanReport, options: RenderOptions) -> str:
        """Serialise the report."""
        del options
        return (
            json.dumps(report_to_dict(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )


@hookimpl
def register_renderers(register: Callable[[type[Renderer]], None]) -> None:
    """Register the JSON renderer."""
    register(JsonRenderer)
