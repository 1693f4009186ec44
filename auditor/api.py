"""The Python API, for notebooks and scripts: `auditor.check(...)` returns the report model.

    import auditor
    report = auditor.check("x.pdf", select=["F", "N"])      # a FileReport
    reports = auditor.check("disclosures/")                  # a Reports list, one per file
    report.findings[0].expected, reports.to_json()["summary"]

No config file is read: what the call says is what runs. Bad arguments (an unknown rule prefix,
a broken rule file) raise ValueError; a file that cannot be audited is a report with `error`.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import Any

from .report.model import FileReport

PathArg = str | PathLike[str]


class Reports(list[FileReport]):
    """The reports of several files, sorted by path; `to_json()` is the `--format json` document."""

    def to_json(self, hidden: int = 0) -> dict[str, Any]:
        from .report.json_report import document

        return document(list(self), hidden)

    def counts(self) -> dict[str, int]:
        from .report.json_report import summary

        return summary(list(self))


def check(
    paths: PathArg | Iterable[PathArg],
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rules: Iterable[PathArg] = (),
    kind: str | None = None,
    show_rounding: bool = False,
    pdf_engine: str = "auto",
    exclude: Iterable[str] = (),
    jobs: int = 1,
) -> FileReport | Reports:
    """Audit one file (a FileReport) or folders and lists of files (Reports, sorted by path).

    `select`/`ignore` take rule ids or prefixes as on the command line; `rules` adds rule packs;
    `exclude` takes .gitignore-style patterns (relative to the current folder) for folders."""
    from .audit import AuditOptions, load_all_rules
    from .batch import run_batch
    from .discover import discover
    from .engine import select_rules
    from .errors import RuleFileError
    from .ignorefile import parse_lines

    single = isinstance(paths, (str, PathLike)) and not Path(paths).is_dir()
    given = [Path(paths)] if isinstance(paths, (str, PathLike)) else [Path(p) for p in paths]
    if kind not in (None, "budget", "final"):
        raise ValueError(f"kind 应为 budget 或 final（现为 {kind!r}）")
    options = AuditOptions(extra_rules=[Path(p) for p in rules], select=list(select), ignore=list(ignore),
                           kind=kind, show_rounding=show_rounding, pdf_engine=pdf_engine)
    try:
        all_rules = load_all_rules(options.extra_rules)
        select_rules(all_rules, options.select, options.ignore)
    except RuleFileError as exc:
        raise ValueError(str(exc)) from None
    files = discover(given, parse_lines(list(exclude), str(Path.cwd()))).files
    reports = run_batch(files, all_rules, options, jobs=jobs).reports
    if single:
        return reports[0]
    return Reports(reports)
