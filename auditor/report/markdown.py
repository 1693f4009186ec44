"""`--format markdown`: a job summary (for `$GITHUB_STEP_SUMMARY`): the counts, a table of the
files, then a table of findings for each file that has any."""

from __future__ import annotations

from .model import FileReport, Finding
from .wording import KIND_NAMES, SEVERITY_NAMES, place_text, summary_line


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no `|`, no line break, no HTML."""
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def table(header: tuple[str, ...], rows: list[list[object]], right: int = 0) -> list[str]:
    """A Markdown table; the last `right` columns are right-aligned (figures)."""
    align = ["---"] * (len(header) - right) + ["---:"] * right
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    return lines + ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]


FILE_COLUMNS = ("文件", "部门", "年度", "类型", "错误", "警告", "提示")
FINDING_COLUMNS = ("级别", "规则", "位置", "问题", "应为", "实为", "相差")


def render(reports: list[FileReport], hidden: int = 0) -> str:
    lines = ["## 预算/决算公开审核结果", "", summary_line(reports, hidden), ""]
    lines += table(FILE_COLUMNS, [_file_row(r) for r in reports], right=3)
    for report in reports:
        if report.findings:
            lines += ["", f"### {cell(report.path)}", ""]
            lines += table(FINDING_COLUMNS, [_finding_row(f) for f in report.findings], right=3)
    return "\n".join(lines)


def _file_row(report: FileReport) -> list[object]:
    if report.error:
        return [report.path, "无法审核", "", "", len(report.findings), 0, 0]
    info, counts = report.info, report.counts()
    return [report.path, info.department or "", info.year or "", KIND_NAMES.get(info.kind or "", ""),
            counts["error"], counts["warning"], counts["info"]]


def _finding_row(finding: Finding) -> list[object]:
    where = place_text(finding.locations[0]) if finding.locations else ""
    return [SEVERITY_NAMES.get(finding.severity, finding.severity), finding.rule, where, finding.message,
            *("" if v is None else format(v, "f") for v in (finding.expected, finding.actual, finding.difference))]
