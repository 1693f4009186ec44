"""`--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`).

A JSON array with one object per finding, with the fields GitLab documents: `description`,
`check_name` (the rule id), `fingerprint` (unique in the report: the file's path and the
finding's fingerprint, see fingerprint.py), `severity` (`info`, `minor`, `major`, `critical` or
`blocker`: error → major, warning → minor, info → info, an input that could not be audited →
critical) and `location` (`path` relative to the working directory, `lines.begin`; 1 when the
finding has no line).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .fingerprint import digest
from .model import FileReport, Finding, finding_file
from .paths import ci_path
from .wording import message_text

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
NOT_AUDITED = "critical"


def render(reports: list[FileReport], cwd: Path | None = None) -> str:
    base = Path(cwd or Path.cwd())
    issues = [issue(f, ci_path(finding_file(r, f), base), bool(r.error)) for r in reports for f in r.findings]
    return json.dumps(issues, ensure_ascii=False, indent=2)


def issue(finding: Finding, path: str, not_audited: bool = False) -> dict[str, Any]:
    first = finding.locations[0] if finding.locations else None
    line = first.line if first and first.line is not None and first.line >= 1 else 1
    return {
        "description": f"{finding.title}：{message_text(finding)}",
        "check_name": finding.rule,
        "fingerprint": digest(f"{path}\x1d{finding.fingerprint or finding.rule}"),
        "severity": NOT_AUDITED if not_audited else SEVERITIES.get(finding.severity, "minor"),
        "location": {"path": path, "lines": {"begin": line}},
    }
