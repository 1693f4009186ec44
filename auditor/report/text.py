"""The human report: per file a header, the findings grouped by table, then a summary line."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from .model import FileReport, Finding, suspects
from .wording import KIND_NAMES, SEVERITY_NAMES, location_text, summary_line, values_text

SUSPECTS_SHOWN = 5
OTHERS_SHOWN = 6
SEVERITY_STYLE = {k: (colour, SEVERITY_NAMES[k]) for k, colour in (("error", "red"), ("warning", "yellow"),
                                                                    ("info", "cyan"))}


def render(reports: list[FileReport], console: Console, verbose: bool = False, quiet: bool = False,
           hidden: int = 0) -> None:
    """The report; `hidden`: findings a baseline left out (said in the summary line)."""
    if quiet:
        for report in reports:
            render_findings_only(report, console)
        return
    for report in reports:
        render_file(report, console, verbose)
    console.print(summary_line(reports, hidden))


def render_findings_only(report: FileReport, console: Console) -> None:
    """`--quiet`: the path and the findings of a file that has any, nothing else."""
    if not report.findings and not report.error:
        return
    console.print(f"[bold]{escape(report.path)}[/]")
    if report.error:
        console.print(f"  [red]无法审核[/]：{escape(report.error)}")
    for finding in report.findings:
        _render_finding(finding, console)


def render_file(report: FileReport, console: Console, verbose: bool = False) -> None:
    console.print(f"[bold]{escape(report.path)}[/]")
    if report.error:
        console.print(f"  [red]无法审核[/]：{escape(report.error)}")
        console.print()
        return
    info = report.info
    family = f" · {family_name(info.family)}" if info.family else ""
    console.print(
        f"  {escape(info.department or '部门未知')} · {info.year or '年度未知'}年度 · "
        f"{KIND_NAMES.get(info.kind or '', '类型未知')}{family} · 金额单位 {info.unit or '未知'}"
    )
    if report.files:
        parts = " ＋ ".join(Path(f).name for f in report.files)
        console.print(f"  合并审核（文字与公开表分别发布）：{escape(parts)}")
    tables = "、".join(f"{t.type}({t.facts})" for t in report.tables)
    console.print(f"  表格 {len(report.tables)} 张：{escape(tables)}")
    cov = report.coverage
    console.print(f"  数字归位 {cov.placed}/{cov.figures}")
    for warning in report.warnings:
        console.print(f"  [yellow]读取问题[/]：{escape(warning)}")
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        table = next((loc.table for loc in finding.locations if loc.table), None) or "情况说明"
        groups[table].append(finding)
    for table, findings in groups.items():
        console.print(f"  [bold]{escape(table)}[/]")
        for finding in findings:
            _render_finding(finding, console)
    if verbose and report.skipped:
        console.print("  [dim]未执行的规则：[/]")
        for s in report.skipped:
            console.print(f"    [dim]{s.rule} {escape(s.reason)}[/]")
    likely = suspects(report.findings)[:SUSPECTS_SHOWN]
    if likely:
        console.print("  [bold]最可能有误的数字[/]（同时出现在多条错误中）：")
        for s in likely:
            place = f"{s.location.table} {location_text(s.location)}" if s.location.table else location_text(s.location)
            console.print(f"    {escape(place)}：涉及 {s.errors} 条错误")
    counts = report.counts()
    console.print(f"  {counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 条提示")
    console.print()


def family_name(family_id: str) -> str:
    from auditor.tables.families import load_families

    return load_families().get(family_id).name


def _render_finding(finding: Finding, console: Console) -> None:
    style, name = SEVERITY_STYLE.get(finding.severity, ("white", finding.severity))
    where = location_text(finding.locations[0]) if finding.locations else ""
    console.print(f"    [{style}]{name}[/] {finding.rule} {escape(where)}")
    console.print(f"      {escape(finding.message)}")
    if finding.expected is not None or finding.actual is not None:
        console.print(f"      {values_text(finding)}")
    others = [location_text(loc) for loc in finding.locations[1:]]
    if len(others) > OTHERS_SHOWN:  # a list of 22 contracts: the first few, then how many in all
        others = [*others[:OTHERS_SHOWN], f"…共 {len(others)} 处（完整列表见 --format json）"]
    if others:
        console.print(f"      [dim]涉及：{escape('；'.join(others))}[/]")
