"""Workshop mode: `redact_report` masks the audited person's details everywhere in a report.

Names become "Person A", handles "handle-1", "handle-2"... (the same handle always gets the
same pseudonym), emails "c***@***", phones "phone-1", own sites "site-1.example", account IDs
"id-1", photo folders "[photos-1]", exact coordinates are rounded to 0.1 degree (the town).
The report keeps its structure, statuses, severities and fingerprints, so every renderer shows
a readable report that can be projected on a wall. Values are gathered from the subject and
from the findings (usernames, display names, account IDs, own contact details, link nodes,
photo identity fields), then replaced in every string: titles, URLs (percent-decoded first),
excerpts, data, the action plan (checklist, requests, letters), extras (evidence, comparison)
and the request log.

The pattern tables are in `patterns`, the masking of strings in `redactor` (`Redactor`), the
copy of a whole report in `report` (`redact_report`).
"""

from __future__ import annotations

from audit.redact.patterns import ADDRESS, NAME
from audit.redact.redactor import Redactor
from audit.redact.report import redact_report

__all__ = ["ADDRESS", "NAME", "Redactor", "redact_report"]
