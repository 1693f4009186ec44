"""The reviewed expectations of the real corpus (fixtures/corpus/expected.yaml) and how a finding
is matched against them: by rule, page and the figures involved, never by message text or line.

Used by tests/test_corpus.py, and runnable on its own to see where the auditor stands:

    .venv/bin/python tests/corpus_expectations.py [FILE.pdf ...]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
EXPECTED_FILE = CORPUS / "expected.yaml"
SERIOUS = ("error", "warning")
UNKNOWN_TYPE = "未识别表格"
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@dataclass(slots=True)
class Expected:
    rule: str | list[str]
    page: int | None
    figures: list[Decimal]
    reason: str
    count: int = 1  # how many findings this one defect may give (normally one)
    file: str | None = None  # in a disclosure of several files: the file of that page


@dataclass(slots=True)
class FileExpectations:
    name: str
    info: dict
    expected: list[Expected] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    pending: str | None = None  # why the file is not held to its expectations yet
    joined_with: str | None = None  # audited as one disclosure with this file (whose entry holds all)
    files: list[str] = field(default_factory=list)  # the files of the disclosure this entry covers


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", ""))
    except InvalidOperation:
        return None


def load_expectations(path: Path = EXPECTED_FILE) -> dict[str, FileExpectations]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, FileExpectations] = {}
    for name, entry in data["files"].items():
        expected = [Expected(rule=e["rule"], page=e.get("page"), figures=[_decimal(x) for x in e.get("figures", [])],
                             reason=e["reason"], count=e.get("count", 1), file=e.get("file"))
                    for e in entry.get("expected") or []]
        info = {k: entry[k] for k in ("kind", "year", "department", "family") if k in entry}
        out[name] = FileExpectations(name, info, expected, entry.get("missed") or [], entry.get("pending"),
                                     entry.get("joined_with"), list(entry.get("files") or []))
    return out


def finding_figures(finding: dict) -> set[Decimal]:
    """Every figure a finding names: its expected, actual and difference, and the numbers of its message."""
    values = {_decimal(finding.get(k)) for k in ("expected", "actual", "difference") if finding.get(k) is not None}
    values |= {_decimal(m) for m in _NUMBER.findall(finding.get("message", ""))}
    values.discard(None)
    return values | {-v for v in values}


def finding_page(finding: dict) -> int | None:
    locations = finding.get("locations") or []
    return locations[0].get("page") if locations else None


def finding_file(finding: dict) -> str | None:
    locations = finding.get("locations") or []
    file = locations[0].get("file") if locations else None
    return Path(file).name if file else None


def matches(exp: Expected, finding: dict) -> bool:
    rules = exp.rule if isinstance(exp.rule, list) else [exp.rule]
    if finding["rule"] not in rules or finding_page(finding) != exp.page:
        return False
    if exp.file and finding_file(finding) not in (None, exp.file):
        return False
    figures = finding_figures(finding)
    return all(f in figures for f in exp.figures)


def compare(report: dict, exp: FileExpectations) -> list[str]:
    """What differs from the reviewed expectations: unexpected findings and expected ones not reported."""
    problems: list[str] = []
    serious = [f for f in report["findings"] if f["severity"] in SERIOUS]
    used = [0] * len(exp.expected)
    for finding in serious:
        k = next((k for k, e in enumerate(exp.expected) if used[k] < e.count and matches(e, finding)), None)
        if k is None:
            problems.append(f"unexpected {finding['rule']} {finding['severity']} p{finding_page(finding)}: "
                            f"{finding['message']}")
        else:
            used[k] += 1
    for k, e in enumerate(exp.expected):
        if used[k] == 0:
            figures = ", ".join(str(f) for f in e.figures)
            problems.append(f"missing {e.rule} p{e.page} [{figures}]: {e.reason}")
    for key, want in exp.info.items():
        if report.get(key) != want:
            problems.append(f"{key}: {report.get(key)!r}, expected {want!r}")
    for table in report.get("tables") or []:
        if table["type"] == UNKNOWN_TYPE:
            problems.append(f"untyped table p{(table.get('pages') or [None])[0]}: {table['title']}")
    coverage = report.get("coverage") or {}
    if coverage.get("placed") != coverage.get("figures"):
        problems.append(f"coverage {coverage.get('placed')}/{coverage.get('figures')}")
    files = [Path(f).name for f in report.get("files") or []]
    if exp.files and files != exp.files:
        problems.append(f"files: {files}, expected {exp.files}")
    return problems


def audit_json(paths: list[Path]) -> dict[str, dict]:
    """The JSON report of each file, audited as `audit` would (one batch, so pairs are joined)."""
    from auditor.audit import AuditOptions, load_all_rules
    from auditor.batch import run_batch
    from auditor.disclosure import pair_reports

    rules, options = load_all_rules(), AuditOptions()
    reports = pair_reports(run_batch(paths, rules, options, jobs=1).reports, rules, options)
    return {Path(r.path).name: r.to_json() for r in reports}


def corpus_problems(reports: dict[str, dict], expectations: dict[str, FileExpectations]) -> dict[str, list[str]]:
    """Per expected disclosure (a file, or the text file of a pair), what differs from its review."""
    out: dict[str, list[str]] = {}
    for name, exp in expectations.items():
        if exp.joined_with:
            if name in reports:
                out[name] = [f"audited alone, expected together with {exp.joined_with}"]
            continue
        report = reports.get(name)
        out[name] = compare(report, exp) if report else ["no report"]
    for name in reports.keys() - expectations.keys():
        out[name] = ["no reviewed expectations for this file"]
    return out


def main(argv: list[str]) -> int:
    expectations = load_expectations()
    paths = [Path(a) for a in argv] or sorted(CORPUS.glob("*.pdf"))
    names = {p.name for p in paths}
    reports = audit_json(paths)
    chosen = {n: e for n, e in expectations.items() if n in names}
    bad = 0
    for name, problems in sorted(corpus_problems(reports, chosen).items()):
        exp = chosen.get(name)
        status = "pending" if exp and exp.pending else ("ok" if not problems else "FAIL")
        print(f"{name}: {status}" + (f" ({len(problems)})" if problems else ""))
        for p in problems:
            print(f"    {p}")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
