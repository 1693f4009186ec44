"""Baselines: the findings a team has accepted, so that a run reports only new ones.

A PDF cannot carry `noqa` comments, so accepted findings live in a JSON file beside the
disclosures. Each entry is the file's path plus the finding's fingerprint
(report/fingerprint.py: rule, figures, table/row/column keys, never a line number), with the
rule and message for the reader and an optional `reason`.

The file is identified by its path, not by a hash of its content: a hash changes whenever any
figure changes, which would throw away every accepted finding of the file, while a path keeps
all entries whose figures did not change. The path is relative to the baseline file's folder
(with `/`), so the baseline works from any working directory and in any checkout.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .report.model import FileReport, Finding

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Entry:
    path: str  # relative to the baseline's folder, with /
    fingerprint: str
    rule: str = ""
    message: str = ""
    reason: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.path, self.fingerprint

    def to_json(self) -> dict[str, Any]:
        out = {"path": self.path, "fingerprint": self.fingerprint, "rule": self.rule, "message": self.message}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(slots=True)
class Baseline:
    path: Path
    entries: list[Entry]

    @property
    def folder(self) -> Path:
        return Path(os.path.abspath(self.path)).parent


@dataclass(slots=True)
class Applied:
    reports: list[FileReport]  # with the baselined findings left out
    hidden: int
    stale: list[Entry]  # entries that no longer occur (their file was audited, or is gone)


def read_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"基线文件不存在：{path}（用 --write-baseline {path} 生成）") from None
    except OSError as exc:
        raise BaselineError(f"无法读取基线文件 {path}（{exc.strerror or exc}）") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"基线文件 {path} 不是有效的 JSON：{exc}") from None
    items = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise BaselineError(f"基线文件 {path} 缺少 findings 列表")
    entries = []
    for number, item in enumerate(items, start=1):
        if not (isinstance(item, dict) and isinstance(item.get("path"), str)
                and isinstance(item.get("fingerprint"), str)):
            raise BaselineError(f"基线文件 {path} 第 {number} 条记录缺少 path 或 fingerprint")
        reason = item.get("reason")
        entries.append(Entry(item["path"], item["fingerprint"], str(item.get("rule", "")),
                             str(item.get("message", "")), reason if isinstance(reason, str) else None))
    return Baseline(path, entries)


def entry_path(report_path: str, folder: Path, cwd: Path | None = None) -> str:
    """A report's path as a baseline records it: relative to the baseline's folder, with /."""
    absolute = os.path.abspath(os.path.join(cwd or os.getcwd(), report_path))
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive
        return Path(absolute).as_posix()


def recordable(finding: Finding) -> bool:
    """Inputs that could not be audited (`E` rules) are never accepted into a baseline."""
    return not finding.rule.startswith("E") and finding.fingerprint is not None


RulesRun = dict[str, set[str]]  # report path → ids of the rules chosen for it


def apply_baseline(baseline: Baseline, reports: list[FileReport], ran: RulesRun | None = None) -> Applied:
    """Leave out the findings the baseline records. An entry is stale when its file is gone, or
    when its file was audited with its rule chosen (`ran`; every rule when None) and it did not occur:
    a run with `--select F` says nothing about the N entries."""
    known = {e.key for e in baseline.entries}
    seen: set[tuple[str, str]] = set()
    audited: dict[str, set[str] | None] = {}
    out, hidden = [], 0
    for report in reports:
        if report.error:
            out.append(report)
            continue
        path = entry_path(report.path, baseline.folder)
        audited[path] = None if ran is None else ran.get(report.path, set())
        kept = []
        for finding in report.findings:
            key = (path, finding.fingerprint or "")
            if recordable(finding) and key in known:
                seen.add(key)
                hidden += 1
            else:
                kept.append(finding)
        out.append(replace(report, findings=kept) if len(kept) != len(report.findings) else report)
    stale = [e for e in baseline.entries
             if e.key not in seen and (_checked(e, audited) or not (baseline.folder / e.path).exists())]
    return Applied(out, hidden, stale)


def _checked(entry: Entry, audited: dict[str, set[str] | None]) -> bool:
    """Whether this run audited the entry's file with the entry's rule."""
    if entry.path not in audited:
        return False
    rules = audited[entry.path]
    return rules is None or not entry.rule or entry.rule in rules


def baseline_of(path: Path, reports: list[FileReport], previous: Baseline | None = None,
                ran: RulesRun | None = None) -> Baseline:
    """A baseline of the reports' findings. The reasons of entries that persist are kept, and so are
    the entries of `previous` that this run did not check (another file, a rule not chosen)."""
    folder = Path(os.path.abspath(path)).parent
    reasons = {e.key: e.reason for e in previous.entries} if previous else {}
    entries: list[Entry] = []
    audited: dict[str, set[str] | None] = {}
    for report in sorted(reports, key=lambda r: entry_path(r.path, folder)):
        if report.error:
            continue
        name = entry_path(report.path, folder)
        audited[name] = None if ran is None else ran.get(report.path, set())
        entries += [Entry(name, f.fingerprint or "", f.rule, f.message, reasons.get((name, f.fingerprint or "")))
                    for f in report.findings if recordable(f)]
    if previous:
        entries += [e for e in previous.entries if not _checked(e, audited)]
        entries.sort(key=lambda e: e.path)  # stable: each file's entries keep their order
    return Baseline(path, entries)


def without(baseline: Baseline, stale: list[Entry]) -> Baseline:
    drop = {e.key for e in stale}
    return Baseline(baseline.path, [e for e in baseline.entries if e.key not in drop])


def write_baseline(baseline: Baseline) -> None:
    data = {"version": VERSION, "tool": "auditor", "findings": [e.to_json() for e in baseline.entries]}
    try:
        baseline.path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"无法写入基线文件 {baseline.path}（{exc.strerror or exc}）") from None
