"""Stable fingerprints of findings: what a baseline, SARIF and GitLab recognise a finding by.

A fingerprint is made of what the finding is about, never of where it is printed:
- the rule id;
- the figures compared (`expected`, `actual`, as decimal strings);
- every location's table, row key and column path (the row key is the subject code or the
  normalised label, so it survives the line moving);
- the occurrence number among findings of the same file with all of the above equal, counted in
  report order (page, line), so that two identical findings stay apart.

Line and page numbers, messages (which quote line numbers) and titles (which may be reworded)
are left out: moving every line of a file down by one keeps every fingerprint, while a changed
figure changes the fingerprints of exactly the findings that figure takes part in. The file is
not part of the fingerprint (a baseline entry pairs it with the file's path; GitLab's
fingerprint, which must be unique in a report, adds the path, see gitlab.py).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Finding

LENGTH = 16  # hex digits kept of the SHA-256


def finding_key(finding: Finding) -> str:
    """Everything the fingerprint depends on, except the occurrence number."""
    parts = [finding.rule, _figure(finding.expected), _figure(finding.actual)]
    parts += [f"{loc.table or ''}\x1f{loc.row or ''}\x1f{loc.column or ''}" for loc in finding.locations]
    return "\x1e".join(parts)


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """The fingerprint of each finding, in the given (report) order."""
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        key = finding_key(finding)
        seen[key] += 1
        out.append(digest(f"{key}\x1d{seen[key]}"))
    return out


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:LENGTH]


def _figure(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")
