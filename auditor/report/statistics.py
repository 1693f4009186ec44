"""`--statistics`: how many findings each rule gave, most first."""

from __future__ import annotations

from collections import Counter

from .model import FileReport
from .wording import SEVERITY_NAMES


def statistics_lines(reports: list[FileReport]) -> list[str]:
    """`   3  D302  警告  名称前后不一致` per rule (count, id, severity, title), most first, then by id."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, str]] = {}
    for report in reports:
        for finding in report.findings:
            counts[finding.rule] += 1
            first.setdefault(finding.rule, (finding.severity, finding.title))
    width = len(str(max(counts.values(), default=0)))
    return [f"{n:>{width}}  {rule}  {SEVERITY_NAMES.get(first[rule][0], first[rule][0])}  {first[rule][1]}"
            for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
