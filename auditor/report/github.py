"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=PATH,line=N,title=RULE TITLE::MESSAGE` (warning → `::warning`, info → `::notice`),
the path relative to the working directory. GitHub reads `%`, `\\r` and `\\n` as escapes in the
message, and also `:` and `,` in the properties, so those are written as `%25`, `%0D`, `%0A`,
`%3A` and `%2C`. A file that could not be audited is an `::error` of its `E` rule on the file.
"""

from __future__ import annotations

from pathlib import Path

from .model import FileReport, Finding, finding_file
from .paths import ci_path
from .wording import message_text

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[FileReport], cwd: Path | None = None) -> str:
    base = Path(cwd or Path.cwd())
    lines = [annotation(f, ci_path(finding_file(r, f), base)) for r in reports for f in r.findings]
    return "\n".join(lines)


def annotation(finding: Finding, path: str) -> str:
    first = finding.locations[0] if finding.locations else None
    properties = [("file", path)]
    if first and first.line is not None and first.line >= 1:
        properties.append(("line", str(first.line)))
    properties.append(("title", f"{finding.rule} {finding.title}"))
    props = ",".join(f"{k}={escape_property(v)}" for k, v in properties)
    return f"::{COMMANDS.get(finding.severity, 'warning')} {props}::{escape_data(message_text(finding))}"
