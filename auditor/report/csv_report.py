"""`--format csv`: one row per finding, for spreadsheets (UTF-8 with a BOM, so Excel reads Chinese).

Columns: path, department, year, kind, rule, severity, title, page, line, table, row, column,
expected, actual, difference, message. The place is the finding's first location; a file that
could not be audited is one row of its `E` rule with empty document fields.
"""

from __future__ import annotations

import csv
import io

from .model import FileReport, Finding, finding_file

COLUMNS = ("path", "department", "year", "kind", "rule", "severity", "title", "page", "line", "table", "row",
           "column", "expected", "actual", "difference", "message")
BOM = "\ufeff"


def render(reports: list[FileReport]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for report in reports:
        for finding in report.findings:
            writer.writerow(row(report, finding))
    return BOM + out.getvalue()


def row(report: FileReport, finding: Finding) -> list[str]:
    first = finding.locations[0] if finding.locations else None
    info = report.info
    return [_text(v) for v in (
        finding_file(report, finding), info.department, info.year, info.kind, finding.rule, finding.severity, finding.title,
        first.page if first else None, first.line if first else None, first.table if first else None,
        first.row if first else None, first.column if first else None,
        _decimal(finding.expected), _decimal(finding.actual), _decimal(finding.difference), finding.message)]


def _decimal(value) -> str | None:
    return None if value is None else format(value, "f")


def _text(value) -> str:
    return "" if value is None else str(value)
