"""Choosing the renderer of `--format`, and the text report (or `--statistics`) on a console."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console

from .model import FileReport


@dataclass(frozen=True, slots=True)
class Context:
    rules: list  # every rule loaded (SARIF and JUnit describe those chosen for each file)
    options: Any  # AuditOptions: which rules were chosen for each file
    fail_on: str = "error"
    hidden: int = 0  # findings a baseline left out
    verbose: bool = False
    quiet: bool = False
    statistics: bool = False


def render_machine(fmt: str, reports: list[FileReport], context: Context) -> str:
    """The report in a format other than text, ending in a line break (empty when there is nothing
    to say in a line-per-finding format)."""
    text = _render(fmt, reports, context)
    return text + "\n" if text and not text.endswith("\n") else text


def _render(fmt: str, reports: list[FileReport], context: Context) -> str:
    if fmt == "json":
        from . import json_report

        return json_report.render(reports, context.hidden)
    if fmt in ("sarif", "junit"):
        from ..batch import rules_by_path
        from . import junit, sarif

        chosen = rules_by_path(reports, context.rules, context.options)
        return sarif.render(reports, chosen) if fmt == "sarif" else junit.render(reports, chosen, context.fail_on)
    if fmt == "github":
        from . import github

        return github.render(reports)
    if fmt == "gitlab":
        from . import gitlab

        return gitlab.render(reports)
    if fmt == "csv":
        from . import csv_report

        return csv_report.render(reports)
    if fmt == "markdown":
        from . import markdown

        return markdown.render(reports, context.hidden)
    raise ValueError(f"未知的输出格式：{fmt}")


def render_text(reports: list[FileReport], context: Context, console: Console) -> None:
    """The text report, or with `--statistics` the count of findings per rule and the summary line."""
    from . import text

    if context.statistics:
        from .statistics import statistics_lines
        from .wording import summary_line

        for line in statistics_lines(reports):
            console.print(line, markup=False)
        if not context.quiet:
            console.print(summary_line(reports, context.hidden), markup=False)
        return
    text.render(reports, console, verbose=context.verbose, quiet=context.quiet, hidden=context.hidden)
