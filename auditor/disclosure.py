"""Disclosures published as several files: the text (情况说明) in one PDF, the tables in another.

The readers return one Document per file; `join_documents` makes one Document of them, the
files' pages following one another (every line keeps its file through `Document.parts`), so
tables, prose and rules see one disclosure and never know how many files there were. The report
maps each location back to its file and page (`FileReport.from_ledger`).

`find_pairs` finds such pairs among the reports of a batch: a file with prose and no table and
a file with tables and no prose, of the same kind, year and department.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .departments import same_department
from .document import Document, Part


def join_documents(docs: list[Document]) -> Document:
    """One document of several files, in the order given (the text first reads best)."""
    lines, parts, warnings = [], [], []
    offset = 0
    for doc in docs:
        pages = doc.page_count or max((ln.page or 1 for ln in doc.lines), default=1)
        parts.append(Part(doc.path, offset + 1, pages, doc.paged))
        lines += [replace(ln, page=offset + (ln.page or 1)) for ln in doc.lines]
        warnings += [f"{Path(doc.path).name}：{w}" for w in doc.warnings]
        offset += pages
    return Document(path=docs[0].path, lines=lines, paged=True, page_count=offset, warnings=warnings,
                    parts=parts)


# -- pairing the files of a batch --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Candidate:
    path: str
    kind: str | None
    year: int | None
    department: str | None
    tables: int
    claims: int


def is_text_only(c: Candidate) -> bool:
    return c.tables == 0 and c.claims > 0 and c.kind is not None


def is_tables_only(c: Candidate) -> bool:
    return c.tables > 0 and c.claims == 0


def find_pairs(candidates: list[Candidate]) -> list[tuple[str, str]]:
    """(text file, tables file) pairs: same kind and year, matching departments, and no other
    file that would match as well (an ambiguous pair is left unpaired)."""
    texts = [c for c in candidates if is_text_only(c)]
    tables = [c for c in candidates if is_tables_only(c)]

    def fits(t: Candidate, s: Candidate) -> bool:
        return (t.kind == s.kind and t.year is not None and t.year == s.year
                and same_department(t.department, s.department))

    pairs = []
    for t in texts:
        matches = [s for s in tables if fits(t, s)]
        if len(matches) == 1 and sum(1 for o in texts if fits(o, matches[0])) == 1:
            pairs.append((t.path, matches[0].path))
    return pairs


def pair_reports(reports: list, rules: list, options) -> list:
    """The reports of a batch with each text/tables pair found among them audited as one
    disclosure: the joined report takes the text file's place, the tables file's goes."""
    from .audit import audit_together

    candidates = [Candidate(r.path, r.info.kind, r.info.year, r.info.department, len(r.tables), r.claims)
                  for r in reports if not r.error and not r.files]
    pairs = find_pairs(candidates)
    if not pairs:
        return reports
    joined = {text: audit_together([Path(text), Path(tables)], rules, options) for text, tables in pairs}
    gone = {tables for _, tables in pairs}
    return [joined.get(r.path, r) for r in reports if r.path not in gone]
