"""Document → Ledger: document facts (kind, year, department, unit), tables, facts, coverage."""

from __future__ import annotations

import re
from collections import Counter

from .document import Document, Line
from .errors import InputError
from .ledger import Coverage, DocumentInfo, Ledger
from .tables.build import MONEY_UNITS, build_table
from .tables.kinds import UNKNOWN_TYPE, Catalogue, load_catalogue
from .tables.segment import Region, find_regions, meta_department

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_KIND_WORDS = (("决算", "final"), ("预算", "budget"))


def build_ledger(doc: Document, catalogue: Catalogue | None = None, claims: bool = True) -> Ledger:
    """The ledger of a document: its tables' facts and, unless `claims` is False, the prose's claims."""
    catalogue = catalogue or load_catalogue()
    info = detect_info(doc.lines)
    regions = find_regions(doc.lines, catalogue, info.kind)
    doc_unit = _usual_unit(regions)
    tables, facts, tokens = [], [], []
    for region in regions:
        built = build_table(region, len(tables), catalogue, doc_unit)
        tables.append(built.table)
        facts += built.facts
        tokens += built.tokens
    if not any(t.type != UNKNOWN_TYPE for t in tables) and info.kind is None:
        raise InputError(f"{doc.path}: 不是部门预算或决算公开文件：没有找到可识别的预算/决算表格", "E003")
    if info.kind is None:
        info.kind = _kind_from_tables(tables, catalogue)
    if info.department is None:
        info.department = _department(doc.lines, regions)
    info.unit = doc_unit
    ledger = Ledger(path=doc.path, info=info, tables=tables, facts=facts, coverage=Coverage(tokens),
                    paged=doc.paged, warnings=list(doc.warnings), prose_lines=prose_lines(doc.lines, regions))
    if claims:
        from .prose import extract_claims  # the prose layer is only needed when claims are wanted

        ledger.claims = extract_claims(ledger.prose_lines)
    return ledger


def detect_info(lines: list[Line]) -> DocumentInfo:
    """Kind, year and department from the document title (the first lines that name 预算/决算)."""
    info = DocumentInfo()
    head: list[str] = []
    for line in lines[:40]:
        if line.is_blank or line.is_tabular:
            continue
        text = line.text.replace("*", "").strip()
        if text.startswith(("目录", "目 录")):
            break
        head.append(text)
        title = "".join(head)
        kind = next((k for word, k in _KIND_WORDS if word in title), None)
        if kind:
            info.kind = kind
            m = _YEAR.search(title)
            if m:
                info.year = int(m.group(1))
                dept = title[: m.start()].strip()
                info.department = dept or None
            break
    return info


def _department(lines: list[Line], regions: list[Region]) -> str | None:
    names = Counter(d for r in regions for d in map(meta_department, r.meta) if d)
    return names.most_common(1)[0][0] if names else None


def _usual_unit(regions: list[Region]) -> str | None:
    units = Counter(r.unit for r in regions if r.unit in MONEY_UNITS)
    return units.most_common(1)[0][0] if units else None


def _kind_from_tables(tables, catalogue: Catalogue) -> str | None:
    kinds = Counter(k.kind for t in tables if (k := catalogue.by_type(t.type)) and k.kind != "any")
    return kinds.most_common(1)[0][0] if kinds else None


def prose_lines(lines: list[Line], regions: list[Region]) -> list[Line]:
    """Lines outside every table region (its notes included: they state zeros such as 本表为空)."""
    taken = set()
    for r in regions:
        for line in [*r.rows, *r.meta, *r.title_lines]:
            taken.add(id(line))
    return [ln for ln in lines if id(ln) not in taken and not ln.is_tabular]
