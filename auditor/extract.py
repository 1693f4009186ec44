"""Document → Ledger: document facts (kind, year, department, unit), tables, facts, coverage."""

from __future__ import annotations

import re
from collections import Counter

from .document import Document, Line
from .errors import InputError
from .ledger import Coverage, DocumentInfo, Ledger
from .tables.build import MONEY_UNITS, build_table
from .tables.families import load_families
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
        info.kind = _kind_from_headings(doc.lines)  # the text of a disclosure whose tables are apart
        if info.kind is None:
            raise InputError(f"{doc.path}: 不是部门预算或决算公开文件：没有找到可识别的预算/决算表格", "E003")
    if info.kind is None:
        info.kind = _kind_from_tables(tables, catalogue)
    if info.year is None:
        info.year = _year_from_titles(tables)
    if info.department is None:
        info.department = _department(regions)
    info.unit = doc_unit
    info.family = load_families().detect([t.title for t in tables], info.department).id
    warnings = list(doc.warnings) + [_untyped_warning(t) for t in tables if t.type == UNKNOWN_TYPE and t.facts]
    ledger = Ledger(path=doc.path, info=info, tables=tables, facts=facts, coverage=Coverage(tokens),
                    paged=doc.paged, warnings=warnings, prose_lines=prose_lines(doc.lines, regions),
                    parts=list(doc.parts))
    if claims:
        from .prose import extract_claims  # the prose layer is only needed when claims are wanted

        ledger.claims = extract_claims(ledger.prose_lines, notes=ledger.warnings)
    return ledger


def detect_info(lines: list[Line]) -> DocumentInfo:
    """Kind, year and department from the cover: the first lines that name 预算/决算, and a
    `预算主管部门：`/`部门：`/`单位名称：` line near them, which names the department better than a
    title that names only the region (`上海市普陀区2023年区级部门预算`)."""
    info = DocumentInfo()
    head: list[str] = []
    named: str | None = None  # the department a cover line names
    after_title = 0
    for line in lines[:40]:
        if line.is_blank or line.is_tabular:
            continue
        text = line.text.replace("*", "").strip()
        if text.startswith(("目录", "目 录")) or (info.kind and _PART.match(text)):
            break
        if named is None and (dept := meta_department(line)):
            named = dept
        if info.kind:
            after_title += 1
            if after_title > _COVER_LINES or named:
                break
            continue
        head.append(text)
        title = "".join(head)
        kind = next((k for word, k in _KIND_WORDS if word in title), None)
        if kind:
            info.kind = kind
            m = _YEAR.search(title)
            if m:
                info.year = int(m.group(1))
                info.department = _title_department(title, m)
    if named:
        info.department = named
    elif info.department and _REGION_ONLY.match(info.department):
        info.department = None  # the region, not the department: the tables' 部门 lines say which
    return info


_COVER_LINES = 2  # lines right after the title that may still be the cover's 部门：… line
# 上海市普陀区, 江苏省, 某县: a place name only, no organ of it
_REGION_ONLY = re.compile(r"^(?:[\u4e00-\u9fa5]{1,8}?(?:省|市|自治区|自治州|地区|区|县|州|盟|旗))+$")
_TITLE_TAIL = re.compile(r"(?:部门|单位)?(?:预算|决算)")
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")


def _title_department(title: str, year: re.Match[str]) -> str | None:
    """The department in a title: before the year (`XX局2024年部门决算`), or after it when the
    year comes first (`2017年度江苏省高级人民法院部门预算公开`)."""
    before = title[: year.start()].strip()
    if before:
        return before
    rest = title[year.end():].lstrip("度 ")
    tail = _TITLE_TAIL.search(rest)
    name = rest[: tail.start()].strip() if tail else ""
    return name or None


def _department(regions: list[Region]) -> str | None:
    """The department most tables' 部门：/单位： lines name."""
    names = Counter(r.department for r in regions if r.department)
    return names.most_common(1)[0][0] if names else None


_DISCLOSURE_HEADING = re.compile(r"(部门|单位)(预算|决算)(情况)?(说明|公开|编制说明)|(预算|决算)公开表|(收支|收入|支出)(预算|决算)(总表|情况)")
_HEADINGS_NEEDED = 3


def _kind_from_headings(lines: list[Line]) -> str | None:
    """预算 or 决算, when the prose speaks of one of them again and again (部门预算情况说明, 收支预算总表 …)
    and never of the other: a disclosure's text without its tables is still a disclosure."""
    counts = Counter(m.group(2) or m.group(5) or m.group(7)
                     for ln in lines if not ln.is_tabular for m in _DISCLOSURE_HEADING.finditer(ln.text))
    budget, final = counts.get("预算", 0), counts.get("决算", 0)
    if budget >= _HEADINGS_NEEDED and final == 0:
        return "budget"
    if final >= _HEADINGS_NEEDED and budget == 0:
        return "final"
    return None


def _untyped_warning(table) -> str:
    where = f"第{table.first_page}页" if table.first_page else f"第{table.first_line}行"
    title = f"“{table.title}”" if table.title != UNKNOWN_TYPE else "（无标题）"
    return f"{where}的表格{title}未能识别类型：只核对其合计和科目层级（C101、C102），需要表格类型的规则不检查它"


def _year_from_titles(tables) -> int | None:
    """A file of tables only (its text published apart) names the year in some titles
    (`2018年政府采购预算表`): the year most titles name."""
    years = Counter(int(m.group(1)) for t in tables for m in _YEAR.finditer(t.title))
    return years.most_common(1)[0][0] if years else None


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
