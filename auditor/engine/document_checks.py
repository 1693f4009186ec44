"""Checks of the document pack (`D` rules): completeness, template leftovers, years, names.

They read the words and the structure of a disclosure rather than its figures: which tables it
has (ledger.tables), its prose (ledger.prose_lines), table titles, row labels and the
department its tables name. Every pattern and table list comes from the rule's parameters in
rules/document.yaml; this module holds the mechanics only. A finding that no ledger fact
locates carries the line (and page) of the text at fault.

Importing this module registers the checks in `checks.CHECKS`, the one registry of checks
(auditor.engine imports it, so every loaded rule pack can use them).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from auditor.departments import department_key
from auditor.ledger import Table
from auditor.report.model import Location
from auditor.subjects import functional_class
from auditor.tables.families import load_families
from auditor.text import normalize_label, strip_ordinal

from .address import View
from .checks import CheckSpec, Output, Param, ParamError, no_tables, register_checks
from .checks.params import _bool, _choice, _str
from .evaluate import Problem, Skip

# -- parameter converters --------------------------------------------------------------------


def _regex(name: str, value: Any) -> re.Pattern[str]:
    text = _str(name, value)
    try:
        return re.compile(text)
    except re.error as exc:
        raise ParamError(f"参数 {name} 不是有效的正则表达式：{text}（{exc}）") from None


def _regexes(name: str, value: Any) -> list[re.Pattern[str]]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ParamError(f"参数 {name} 应为正则表达式或其列表")
    return [_regex(f"{name}[{i}]", v) for i, v in enumerate(items, 1)]


def _table_sets(name: str, value: Any) -> list[tuple[str, ...]]:
    """Table types; an item that is a list names alternatives, any one of which will do."""
    if not isinstance(value, list) or not value:
        raise ParamError(f"参数 {name} 应为表类型列表（某项为列表时表示其中任一张即可）")
    out: list[tuple[str, ...]] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            out.append((item.strip(),))
        elif isinstance(item, list) and item and all(isinstance(x, str) and x.strip() for x in item):
            out.append(tuple(x.strip() for x in item))
        else:
            raise ParamError(f"参数 {name} 中的 {item!r} 应为表类型或表类型列表")
    return out


def _int(name: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ParamError(f"参数 {name} 应为非负整数")
    return value


# -- places of text --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextSpot:
    """A piece of text of the document and where it is."""

    text: str
    line: int | None
    page: int | None
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def location(self) -> Location:
        return Location(self.line, self.page, self.table, self.row, self.column)


def prose_spots(view: View) -> list[TextSpot]:
    return [
        TextSpot(line.text, line.number, line.page)
        for line in view.ledger.prose_lines
        if not line.is_blank
    ]


def title_spot(table: Table) -> TextSpot:
    return TextSpot(table.title, table.first_line, table.first_page, table.type)


def table_spots(view: View) -> list[TextSpot]:
    """Titles, 部门：/单位： lines, column headers and row labels of the tables."""
    spots: list[TextSpot] = []
    for table in view.ledger.tables:
        spots.append(title_spot(table))
        spots += [TextSpot(text, line, page, table.type) for text, line, page in table.meta]
        for column in table.columns:
            spots.append(TextSpot(column, table.first_line, table.first_page, table.type, None, column))
        for row in table.rows:
            if row.label:
                spots.append(TextSpot(row.label, row.line, row.page, table.type, row.key))
    return spots


def _consecutive(a: TextSpot, b: TextSpot) -> bool:
    """b is the line right after a (a paragraph wrapped over lines, or over a page break)."""
    if a.line is None or b.line is None:
        return False
    if a.page == b.page:
        return b.line == a.line + 1
    return a.page is not None and b.page == a.page + 1 and b.line == 1


def _paragraphs(spots: list[TextSpot]) -> list[list[TextSpot]]:
    out: list[list[TextSpot]] = []
    for spot in spots:
        if out and _consecutive(out[-1][-1], spot):
            out[-1].append(spot)
        else:
            out.append([spot])
    return out


def _matches(
    paragraph: list[TextSpot], patterns: list[re.Pattern[str]]
) -> list[tuple[TextSpot, str, str]]:
    """(spot of the match's start, matched text, context) for every pattern match in the
    paragraph, the lines of which are joined so that a placeholder wrapped over two lines is
    found; overlapping matches keep the longest."""
    text = ""
    starts: list[int] = []
    for spot in paragraph:
        starts.append(len(text))
        text += spot.text
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                spans.append((m.start(), m.end()))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    out = []
    for start, end in kept:
        index = max(i for i, s in enumerate(starts) if s <= start)
        line_start = starts[index]
        line_end = max(end, starts[index + 1] if index + 1 < len(starts) else len(text))
        context = _context(text[line_start:line_end], start - line_start, end - line_start)
        out.append((paragraph[index], text[start:end], context))
    return out


def _context(text: str, start: int, end: int, width: int = 15) -> str:
    """The line the match is in, shortened to `width` characters either side of the match."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


# -- placeholders and template alternatives ---------------------------------------------------

TEXT_PATTERNS = {
    "patterns": Param(_regexes, required=True),
    "scope": Param(_choice("all", "prose", "tables"), default="all"),
    "label": Param(_str, default=None),
}


def _text_patterns(default_label: str) -> Callable[[View, dict[str, Any]], Iterator[Output]]:
    def run(view: View, p: dict[str, Any]) -> Iterator[Output]:
        label = p["label"] or default_label
        spots: list[list[TextSpot]] = []
        if p["scope"] in ("all", "prose"):
            spots += _paragraphs(prose_spots(view))
        if p["scope"] in ("all", "tables"):
            spots += [[s] for s in table_spots(view)]
        by_spot: dict[TextSpot, list[tuple[str, str]]] = {}
        for paragraph in spots:
            for spot, found, context in _matches(paragraph, p["patterns"]):
                by_spot.setdefault(spot, []).append((found, context))
        for spot, found in by_spot.items():
            texts = list(dict.fromkeys(f for f, _ in found))
            quoted = "、".join(f"“{f}”" for f in texts)
            where = f"{spot.table} " if spot.table else ""
            context = found[0][1]
            source = "" if context in texts else f"（原文：{context}）"
            yield Problem(f"{where}{label}：{quoted}{source}", (), places=(spot.location(),))

    return run


# -- required tables --------------------------------------------------------------------------

REQUIRED_TABLES = {
    # without `tables`, the tables the document's template family requires (rules/families.yaml)
    "tables": Param(_table_sets, default=None),
}
KIND_NAMES = {"budget": "部门预算", "final": "部门决算"}


def required_tables(view: View, p: dict[str, Any]) -> Iterator[Output]:
    info = view.ledger.info
    if not view.ledger.tables:
        # the text of a disclosure whose tables are published as a file of their own
        kind = KIND_NAMES.get(info.kind or "", "公开文件")
        yield Problem(f"本文件没有{kind}公开表：公开表另行发布时，请把两个文件放在同一文件夹中一起审核，"
                      "或用 audit --together 文字文件 公开表文件", (), severity="info")
        return
    required = p["tables"]
    family_note = ""
    if required is None:
        family = load_families().get(info.family)
        required = list(family.required.get(info.kind or "", ()))
        family_note = f"（{family.name}）"
        if not required:
            yield Skip(f"{family.name}没有规定{KIND_NAMES.get(info.kind or '', '此类文件')}应有的表")
            return
    kind = KIND_NAMES.get(info.kind or "", "公开文件")
    for alternatives in required:
        if any(view.tables(t) for t in alternatives):
            continue
        name = alternatives[0] + "".join(f"（或{t}）" for t in alternatives[1:])
        yield Problem(f"{kind}缺少{name}{family_note}", (), places=(Location(None, None, alternatives[0], None, None),))


# -- years in headings ------------------------------------------------------------------------

def _year_regex(name: str, value: Any) -> re.Pattern[str]:
    pattern = _regex(name, value)
    if pattern.groups < 1:
        raise ParamError(f"参数 {name} 需要一个捕获年度的分组，如 ((?:19|20)\\d\\d)年")
    return pattern


YEARS = {
    "headings": Param(_regexes, required=True),
    "year": Param(_year_regex, required=True),
    "tables": Param(_bool, default=True),
}


def years(view: View, p: dict[str, Any]) -> Iterator[Output]:
    year = view.ledger.info.year
    if year is None:
        yield Skip("文件年度未知，无法核对标题中的年度")
        return
    spots = [s for s in prose_spots(view) if any(h.search(s.text) for h in p["headings"])]
    if p["tables"]:
        spots += [title_spot(t) for t in view.ledger.tables]
    for spot in spots:
        # a group that caught something other than a year (二〇二三, a wider pattern) names no year
        named = [int(m.group(1)) for m in p["year"].finditer(spot.text) if re.fullmatch(r"[0-9]{4}", m.group(1) or "")]
        wrong = sorted({y for y in named if y != year})
        if wrong:
            shown = "、".join(str(y) for y in wrong)
            yield Problem(
                f"标题“{spot.text}”中的年度 {shown} 与文件年度 {year} 不一致",
                (),
                places=(spot.location(),),
            )


# -- department names -------------------------------------------------------------------------

DEPARTMENT_NAMES = {
    "strip": Param(_regexes, default=[]),
    "department_rows": Param(_bool, default=False),
    "unit_digits": Param(_int, default=6),
}


def _name_key(name: str, strip: list[re.Pattern[str]]) -> str:
    key = department_key(name)  # 中国共产党…委员会 is 中共…委, and 中共 may be left out
    for pattern in strip:
        key = pattern.sub("", key)
    return key


def _difference(document: str, other: str) -> str:
    """What the other name lacks or adds, in words: 少了“市” / 多了“区” / 写作“…”."""
    missing, extra = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, document, other, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            missing.append(document[a1:a2])
        if op in ("insert", "replace"):
            extra.append(other[b1:b2])
    parts = []
    if missing:
        parts.append("少了" + "、".join(f"“{m}”" for m in missing))
    if extra:
        parts.append("多了" + "、".join(f"“{e}”" for e in extra))
    return "，".join(parts)


def department_names(view: View, p: dict[str, Any]) -> Iterator[Output]:
    department = view.ledger.info.department
    if not department:
        yield Skip("文件的部门名称未知，无法核对")
        return
    want = _name_key(department, p["strip"])
    for table in view.ledger.tables:
        if table.department and _name_key(table.department, p["strip"]) != want:
            yield _name_problem(
                f"{table.type} 所列部门“{table.department}”",
                department,
                table.department,
                Location(*(table.department_at or (table.first_line, table.first_page)), table.type, None, None),
            )
        if p["department_rows"]:
            yield from _department_rows(table, department, want, p)


def _department_rows(table: Table, department: str, want: str, p: dict[str, Any]) -> Iterator[Output]:
    """A row whose code has unit codes under it (310 over 310001, 310002) is the department's."""
    digits = p["unit_digits"]
    # every code that stands over a unit code (its prefixes), found once: a lookup per row, not a scan
    over_units = {r.code[:k] for r in table.rows if r.code and len(r.code) == digits for k in range(1, digits)}
    for row in table.rows:
        code = row.code
        if not code or not row.label or len(code) >= digits:
            continue
        if code not in over_units:
            continue
        if _name_key(row.label, p["strip"]) != want:
            yield _name_problem(
                f"{table.type} 部门行 {code}“{row.label}”",
                department,
                row.label,
                Location(row.line, row.page, table.type, row.key, None),
            )


def _name_problem(subject: str, department: str, written: str, where: Location) -> Problem:
    detail = _difference(normalize_label(department), normalize_label(written))
    return Problem(
        f"{subject}与文件的部门名称“{department}”不一致" + (f"（{detail}）" if detail else ""),
        (),
        places=(where,),
    )


# -- names of one functional class across tables ----------------------------------------------------


def class_names(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """A class (by code) written with two different names in the tables of one document."""
    seen: dict[str, dict[str, Location]] = {}  # code -> name as written -> first place
    for table in view.ledger.tables:
        for row in table.rows:
            if row.code is not None and len(row.code) != 3:
                continue
            code = functional_class(row.label)
            if code is None or (row.code is not None and row.code != code):
                continue
            name = strip_ordinal(normalize_label(row.label))
            seen.setdefault(code, {}).setdefault(name, Location(row.line, row.page, table.type, row.key, None))
    for code, names in seen.items():
        if len(names) < 2:
            continue
        (first, where), *others = names.items()
        written = "、".join(f"“{n}”（{loc.table}）" for n, loc in others)
        yield Problem(f"{code} 类在{where.table}中称“{first}”，在其他表中称{written}", (),
                      places=(where, *(loc for _, loc in others)))


# -- registration ------------------------------------------------------------------------------


DOCUMENT_CHECKS: dict[str, CheckSpec] = {
    "required_tables": CheckSpec(REQUIRED_TABLES, required_tables, no_tables),
    "placeholders": CheckSpec(TEXT_PATTERNS, _text_patterns("未填写的模板占位符"), no_tables),
    "template_alternatives": CheckSpec(TEXT_PATTERNS, _text_patterns("未删除的模板选择项"), no_tables),
    "years": CheckSpec(YEARS, years, no_tables),
    "department_names": CheckSpec(DEPARTMENT_NAMES, department_names, no_tables),
    "class_names": CheckSpec({}, class_names, no_tables),
}


def register() -> None:
    """Add the document checks to the registry (once; a name taken by another check is a bug)."""
    register_checks(DOCUMENT_CHECKS)


register()

__all__ = ["DOCUMENT_CHECKS", "register"]
