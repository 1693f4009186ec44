"""Findings in words, shared by the renderers that print plain text (SARIF, JUnit, GitHub, …)."""

from __future__ import annotations

from pathlib import Path

from .model import FileReport, Finding, Location

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
KIND_NAMES = {"budget": "预算", "final": "决算"}


def message_text(finding: Finding) -> str:
    """The finding's message with what was expected, found and the difference; a PDF page first."""
    text = finding.message
    values = values_text(finding)
    if values:
        text += f"（{values}）"
    first = finding.locations[0] if finding.locations else None
    if first and first.page is not None:
        text = f"第{first.page}页：{text}"
    return text


def values_text(finding: Finding) -> str:
    pairs = (("应为", finding.expected), ("实为", finding.actual), ("相差", finding.difference))
    return "，".join(f"{name} {value}" for name, value in pairs if value is not None)


def place_text(loc: Location) -> str:
    """Where a figure is, in words: table, page, line, row and column."""
    return " ".join(part for part in (loc.table, location_text(loc)) if part)


def location_text(loc: Location) -> str:
    parts = [f"{Path(loc.file).name} "] if loc.file else []  # a disclosure of several files
    if loc.page is not None:
        parts.append(f"第{loc.page}页")
    if loc.line is not None:
        parts.append(f"第{loc.line}行")
    place = "".join(parts)
    if loc.row:
        label = f" {loc.label}" if loc.label and loc.label != loc.row else ""
        place += f" 行[{loc.row}{label}]"
    if loc.column:
        place += f" 列[{loc.column}]"
    return place.strip()


def summary_line(reports: list[FileReport], hidden: int = 0) -> str:
    """`共 2 个文件：4 个错误，3 个警告，0 条提示`, then files not audited and what a baseline hid."""
    totals = {"error": 0, "warning": 0, "info": 0}
    for r in reports:
        for k, v in r.counts().items():
            totals[k] = totals.get(k, 0) + v
    failed = sum(1 for r in reports if r.error)
    line = (
        f"共 {len(reports)} 个文件：{totals['error']} 个错误，{totals['warning']} 个警告，"
        f"{totals['info']} 条提示"
    )
    if failed:
        line += f"；{failed} 个文件无法审核"
    if hidden:
        line += f"；基线隐藏 {hidden} 个已知问题"
    return line
