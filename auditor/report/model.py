"""The report model: finished findings for one file, and its stable JSON form.

Renderers (text, JSON, SARIF …) read these objects only. The JSON contract of `to_json()` is
stable: keys may be added, never renamed or removed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from auditor.document import part_page
from auditor.errors import INPUT_ERROR_TITLES
from auditor.ledger import Coverage, DocumentInfo, Ledger, Table

from .fingerprint import fingerprints

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Location:
    line: int | None
    page: int | None
    table: str | None
    row: str | None  # the row key: subject/department code, else the normalised label
    column: str | None
    label: str | None = None  # the row label, when the row has a code as key
    file: str | None = None  # the file, when the disclosure is several files (else the report's path)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "page": self.page,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "label": self.label,
            "file": self.file,
        }


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str  # error | warning | info
    title: str
    message: str
    expected: Decimal | None = None  # the right side of the identity, as shown
    actual: Decimal | None = None  # the left side
    difference: Decimal | None = None  # actual − expected
    locations: list[Location] = field(default_factory=list)
    fingerprint: str | None = None  # set with the file's other findings (fingerprint.py)

    def sort_key(self) -> tuple[Any, ...]:
        first = self.locations[0] if self.locations else None
        page = first.page if first and first.page is not None else 0
        line = first.line if first and first.line is not None else 0
        return (page, line, self.rule, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "expected": _dec(self.expected),
            "actual": _dec(self.actual),
            "difference": _dec(self.difference),
            "locations": [loc.to_json() for loc in self.locations],
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    rule: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Suspect:
    """A figure that stands in two or more errors: the likeliest wrong one of them."""

    location: Location
    errors: int

    def to_json(self) -> dict[str, Any]:
        return {"errors": self.errors, **self.location.to_json()}


def suspects(findings: list[Finding]) -> list[Suspect]:
    """Figures involved in at least two errors, most often involved first.

    One wrong figure breaks every identity it takes part in (its row total, its parent code, the
    table's total, the same figure in another table): the figure those errors share is the one
    to look at first.
    """
    counts: Counter[Location] = Counter(
        loc for f in findings if f.severity == "error" for loc in dict.fromkeys(f.locations) if loc.line is not None
    )
    ranked = sorted((loc for loc, n in counts.items() if n >= 2),
                    key=lambda loc: (-counts[loc], loc.page or 0, loc.line or 0, loc.column or ""))
    return [Suspect(loc, counts[loc]) for loc in ranked]


@dataclass(slots=True)
class FileReport:
    path: str
    info: DocumentInfo = field(default_factory=DocumentInfo)
    tables: list[Table] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None  # the input could not be audited (exit status 2)
    warnings: list[str] = field(default_factory=list)  # read problems that did not stop the audit
    files: list[str] = field(default_factory=list)  # the files of a disclosure published as several
    claims: int = 0  # figures and statements read from the prose

    @classmethod
    def from_ledger(cls, ledger: Ledger, findings: list[Finding], skipped: list[Skipped]) -> FileReport:
        tables = ledger.tables
        if ledger.parts:  # a disclosure of several files: every place back to its file and page
            findings = [_in_parts(f, ledger.parts) for f in findings]
            tables = [_table_in_parts(t, ledger.parts) for t in tables]
        return cls(ledger.path, ledger.info, tables, ledger.coverage, with_fingerprints(findings), skipped,
                   warnings=list(ledger.warnings), files=[p.path for p in ledger.parts],
                   claims=len(ledger.claims))

    @classmethod
    def failed(cls, path: str, error: str, code: str = "E001") -> FileReport:
        """A file that could not be audited: its error, also as an `E` finding for CI formats."""
        finding = Finding(code, "error", INPUT_ERROR_TITLES.get(code, "文件无法审核"), error)
        return cls(path, findings=with_fingerprints([finding]), error=error)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITY_ORDER, 0)
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.info.kind,
            "year": self.info.year,
            "department": self.info.department,
            "unit": self.info.unit,
            "family": self.info.family,
            "tables": [_table_json(t) for t in self.tables],
            "coverage": {"figures": self.coverage.figures, "placed": self.coverage.placed},
            "findings": [f.to_json() for f in with_fingerprints(self.findings)],
            "skipped": [s.to_json() for s in self.skipped],
            "error": self.error,
            "warnings": list(self.warnings),
            "suspects": [s.to_json() for s in suspects(self.findings)],
            "files": list(self.files) or [self.path],
            "claims": self.claims,
        }


def finding_file(report: FileReport, finding: Finding) -> str:
    """The file a finding is in: its first location's, in a disclosure of several files."""
    first = finding.locations[0] if finding.locations else None
    return first.file if first is not None and first.file else report.path


def _in_parts(finding: Finding, parts: list) -> Finding:
    def moved(loc: Location) -> Location:
        file, page = part_page(parts, loc.page)
        return replace(loc, file=file, page=page) if file else loc

    return replace(finding, locations=[moved(loc) for loc in finding.locations])


def _table_in_parts(table: Table, parts: list) -> Table:
    file, first = part_page(parts, table.first_page)
    _, last = part_page(parts, table.last_page)
    pages = [part_page(parts, p)[1] for p in table.pages]
    return replace(table, file=file, first_page=first, last_page=last, pages=[p for p in pages if p is not None])


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Deterministic order: by the first location (page, line), then rule id, then message."""
    return sorted(findings, key=Finding.sort_key)


def with_fingerprints(findings: list[Finding]) -> list[Finding]:
    """The findings sorted, each with its fingerprint (those already set are kept: a report that a
    baseline has thinned out keeps the fingerprints counted over all of the file's findings)."""
    ordered = sort_findings(findings)
    if any(f.fingerprint is None for f in ordered):
        for finding, fingerprint in zip(ordered, fingerprints(ordered), strict=True):
            if finding.fingerprint is None:
                finding.fingerprint = fingerprint
    return ordered


def _table_json(table: Table) -> dict[str, Any]:
    return {
        "type": table.type,
        "title": table.title,
        "pages": list(table.pages),
        "lines": [table.first_line, table.last_line],
        "facts": table.facts,
        "file": table.file,
    }


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


# -- reading a report back from its JSON form (batch logs, worker processes) ------------------


@dataclass(frozen=True, slots=True)
class StoredCoverage:
    """The coverage counts of a report read back from JSON (the tokens themselves are not kept)."""

    figures: int = 0
    placed: int = 0


_LOCATION_FIELDS = tuple(f.name for f in fields(Location))


def report_from_json(data: dict[str, Any]) -> FileReport:
    """The FileReport whose `to_json()` is `data` (what the renderers need; coverage as counts)."""
    info = DocumentInfo(data.get("kind"), data.get("year"), data.get("department"), data.get("unit"),
                        data.get("family"))
    tables = [_table_from_json(i, t) for i, t in enumerate(data.get("tables") or [], start=1)]
    coverage = data.get("coverage") or {}
    return FileReport(
        data["path"], info, tables,
        StoredCoverage(coverage.get("figures", 0), coverage.get("placed", 0)),  # type: ignore[arg-type]
        with_fingerprints([_finding_from_json(f) for f in data.get("findings") or []]),
        [Skipped(s["rule"], s["reason"]) for s in data.get("skipped") or []],
        error=data.get("error"), warnings=list(data.get("warnings") or []),
        files=list(data.get("files") or []) if len(data.get("files") or []) > 1 else [],
        claims=data.get("claims", 0),
    )


def _table_from_json(number: int, data: dict[str, Any]) -> Table:
    first, last = (list(data.get("lines") or []) + [0, 0])[:2]
    pages = list(data.get("pages") or [])
    return Table(id=number, type=data["type"], title=data.get("title", ""), unit=None, first_line=first,
                 last_line=last, pages=pages, facts=data.get("facts", 0), file=data.get("file"),
                 first_page=pages[0] if pages else None, last_page=pages[-1] if pages else None)


def _finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(
        data["rule"], data["severity"], data["title"], data["message"],
        *(None if data.get(k) is None else Decimal(data[k]) for k in ("expected", "actual", "difference")),
        locations=[Location(**{k: loc.get(k) for k in _LOCATION_FIELDS}) for loc in data.get("locations") or []],
        fingerprint=data.get("fingerprint"),
    )
