"""Generic checks: parameterised identities that every disclosure table family shares.

Each check validates its YAML parameters once (at load time) and, run on a View, yields
Instances (two sides to compare), Problems (findings stated directly) and Skips (reasons).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from auditor.ledger import Fact, Table

from .address import (
    MONEY_UNITS,
    MissingColumn,
    MissingTable,
    Place,
    SkipInstance,
    View,
    blank_fact,
    describe_fact,
    describe_row,
    label_key,
    match_columns,
    ordinal_level,
)
from .evaluate import Instance, Problem, Skip, Value, sum_facts
from .expr import ExprSyntaxError, RowSpec, parse_row

Output = Instance | Problem | Skip
SEVERITIES = ("error", "warning", "info")
TOTAL_WORDS = ("合计", "总计", "小计")


class ParamError(ValueError):
    """A check parameter is missing or malformed; the message is Chinese and names the parameter."""


# -- parameter validation ------------------------------------------------------------------


def _str(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParamError(f"参数 {name} 应为非空字符串")
    return value.strip()


def _strs(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [_str(name, value)]
    if isinstance(value, list) and value and all(isinstance(v, str | int) for v in value):
        return [str(v).strip() for v in value]
    raise ParamError(f"参数 {name} 应为字符串或字符串列表")


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ParamError(f"参数 {name} 应为 true 或 false")
    return value


def _rows(name: str, value: Any) -> RowSpec | list[str]:
    """A row set (`*`, `code:3`, `301*`, `~正则`, `ordinal:1`) or a list of row names."""
    if isinstance(value, list):
        return _strs(name, value)
    text = _str(name, str(value) if isinstance(value, int) else value)
    try:
        spec = parse_row(text)
    except ExprSyntaxError as exc:
        raise ParamError(f"参数 {name}：{exc.message}") from None
    if spec.kind == "var":
        raise ParamError(f"参数 {name} 不能是变量")
    return spec if spec.is_set else [spec.text]


def _choice(*choices: str) -> Callable[[str, Any], str]:
    def check(name: str, value: Any) -> str:
        if value not in choices:
            raise ParamError(f"参数 {name} 应为 {' / '.join(choices)} 之一，却是 {value!r}")
        return value

    return check


def _mapping(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ParamError(f"参数 {name} 应为“左表名称: 右表名称”的映射")
    return {label_key(k): label_key(v) for k, v in value.items()}


def _side(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ParamError(f"参数 {name} 应为含 table、column 的映射")
    return _validate(SIDE_PARAMS, value, prefix=f"{name}.")


@dataclass(frozen=True, slots=True)
class Param:
    convert: Callable[[str, Any], Any]
    required: bool = False
    default: Any = None


def _validate(spec: dict[str, Param], raw: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    unknown = [k for k in raw if k not in spec]
    if unknown:
        raise ParamError(f"未知参数 {prefix}{unknown[0]}（可用：{'、'.join(spec)}）")
    out: dict[str, Any] = {}
    for name, param in spec.items():
        if name in raw and raw[name] is not None:
            out[name] = param.convert(prefix + name, raw[name])
        elif param.required:
            raise ParamError(f"缺少参数 {prefix}{name}")
        else:
            out[name] = param.default
    return out


SIDE_PARAMS = {
    "table": Param(_str, required=True),
    "column": Param(_str, required=True),
    "rows": Param(_rows, default=RowSpec("all", "*")),
    "group": Param(lambda n, v: v if isinstance(v, int) else _fail(n, "整数"), default=None),
}


def _fail(name: str, what: str) -> Any:
    raise ParamError(f"参数 {name} 应为{what}")


# -- helpers -----------------------------------------------------------------------------------


def money_column(table: Table, column: str) -> bool:
    unit = table.column_units.get(column)
    return table.money and (unit is None or unit in MONEY_UNITS)


def _wanted(columns: list[str], queries: list[str] | None) -> list[str]:
    if not queries:
        return columns
    chosen: list[str] = []
    for q in queries:
        chosen += [c for c in match_columns(q, columns) if c not in chosen]
    return chosen


def _ordered_columns(table: Table, found: set[str]) -> list[str]:
    ordered = [c for c in table.columns if c in found]
    return ordered + sorted(found.difference(ordered))


def _context(fact: Fact) -> dict[str, str]:
    return {
        "table": fact.table,
        "row": fact.row,
        "label": fact.label,
        "code": fact.code or "",
        "col": fact.column,
    }


def _is_total(place: Place) -> bool:
    text = label_key(place.row.label or place.row.key)
    return any(w in text for w in TOTAL_WORDS)


def _code_parents(places: list[Place]) -> dict[str, str | None]:
    """Each code's nearest listed ancestor (its longest proper prefix among the codes), or None."""
    codes = {p.row.code for p in places if p.row.code}
    parents: dict[str, str | None] = {}
    for code in codes:
        parent = None
        for n in range(len(code) - 1, 0, -1):
            if code[:n] in codes:
                parent = code[:n]
                break
        parents[code] = parent
    return parents


def _first_by_code(places: list[Place]) -> dict[str, Place]:
    found: dict[str, Place] = {}
    for p in places:
        if p.row.code and p.row.code not in found:
            found[p.row.code] = p
    return found


def _cell_like(view: View, place: Place, column: str, parent: Place) -> Fact:
    """The child's cell for the parent's column: same path, else the same leaf name in another
    half (side-by-side halves repeat the column under different headers), else a blank."""
    facts = view.row_facts(place)
    if column in facts:
        return facts[column]
    if place.row.group != parent.row.group:
        leaf = column.split("/")[-1]
        same_leaf = [c for c in facts if c.split("/")[-1] == leaf]
        if len(same_leaf) == 1:
            return facts[same_leaf[0]]
    return blank_fact(place.table, place.row, column)


def _not_money(view: View, table: str) -> Skip | None:
    """Tables of targets or counts are never summed by money rules."""
    if all(t.money for t in view.tables(table)):
        return None
    return Skip(f"{table} 不是金额表，不做加总")


# -- column_total ---------------------------------------------------------------------------

COLUMN_TOTAL = {
    "table": Param(_str, required=True),
    "total": Param(_strs, default=["合计", "总计"]),
    "hierarchy": Param(_choice("auto", "subject", "department", "ordinal", "flat"), default="auto"),
    "columns": Param(_strs, default=None),
    "by_group": Param(_bool, default=False),
    "exclude": Param(_strs, default=[]),
}

_PARTS_WORD = {"subject": "各类科目之和", "department": "各部门（单位）之和", "ordinal": "各分项之和",
               "flat": "各行之和"}


def column_total(view: View, p: dict[str, Any]) -> Iterator[Output]:
    places = view.places(p["table"])
    if (skip := _not_money(view, p["table"])) is not None:
        yield skip
        return
    wanted = {label_key(t) for t in p["total"]}
    totals = [pl for pl in places if label_key(pl.row.label or pl.row.key) in wanted]
    if not totals:
        if not view.all_empty(p["table"]):
            yield Skip(f"缺少行：{p['table']} 行 {'/'.join(p['total'])}")
        return
    excluded = {label_key(x) for x in p["exclude"]} | set(p["exclude"])
    for total_place in totals:
        scope = [
            pl
            for pl in places
            if pl is not total_place
            and (not p["by_group"] or pl.row.group == total_place.row.group)
            and pl.row.key not in excluded
            and label_key(pl.row.label) not in excluded
        ]
        parts, kind = _top_level(scope, places, total_place, p["hierarchy"])
        if not parts:
            yield Skip(
                f"{p['table']} 行 {total_place.row.label}：无法确定要相加的行（没有科目编码或一、二、…序号行）"
            )
            continue
        yield from _compare_rows(view, total_place, parts, p["columns"], _PARTS_WORD[kind])


def _top_level(
    scope: list[Place], places: list[Place], total: Place, hierarchy: str
) -> tuple[list[Place], str]:
    if hierarchy == "flat":  # a list (projects, contracts): the total is the sum of every other row
        return [pl for pl in scope if not _is_total(pl) and pl.row.group == total.row.group], "flat"
    coded = [pl for pl in scope if pl.row.code and not _is_total(pl)]
    if hierarchy in ("subject", "department") or (hierarchy == "auto" and coded):
        parents = _code_parents(coded)
        firsts = _first_by_code(coded)
        roots = [pl for code, pl in firsts.items() if parents[code] is None]
        order = {id(pl): i for i, pl in enumerate(places)}
        roots.sort(key=lambda pl: order[id(pl)])
        if hierarchy == "auto":
            hierarchy = "department" if any(len(c) == 6 for c in firsts) else "subject"
        return roots, hierarchy
    # Summary tables: the 一、 lines of the total's half above the total, below the previous total.
    start = places.index(total)
    in_scope = {id(pl) for pl in scope}
    lines: list[Place] = []
    for pl in reversed(places[:start]):
        if pl.row.group != total.row.group:
            continue
        if _is_total(pl):
            break
        if id(pl) in in_scope:
            lines.append(pl)
    lines.reverse()
    for level in (1, 2):
        chosen = [pl for pl in lines if ordinal_level(pl.row.label) == level]
        if chosen:
            return chosen, "ordinal"
    return [], "ordinal"


def _compare_rows(
    view: View, total: Place, parts: list[Place], queries: list[str] | None, word: str
) -> Iterator[Output]:
    found = set(view.row_facts(total))
    for pl in parts:
        if pl.row.group == total.row.group:
            found |= set(view.row_facts(pl))
    if not view.row_facts(total):
        yield Skip(f"{total.table.type} 行 {total.row.label or total.row.key} 没有数字")
        return
    columns = _wanted(_ordered_columns(total.table, found), queries)
    for column in columns:
        if not money_column(total.table, column):
            continue
        total_fact = view.cell(total, column)
        if not _money(total_fact):
            continue
        children = [_cell_like(view, pl, column, total) for pl in parts]
        yield Instance(
            Value.of_fact(total_fact),
            sum_facts(children),
            "==",
            describe_fact(total_fact),
            word,
            _context(total_fact),
        )


def _money(fact: Fact) -> bool:
    return not fact.unit or fact.unit in MONEY_UNITS


# -- row_total ------------------------------------------------------------------------------

ROW_TOTAL = {
    "table": Param(_str, required=True),
    "total": Param(_str, required=True),
    "parts": Param(_strs, default=None),
    "optional": Param(_strs, default=[]),  # parts a template may lack (经营支出): absent is fine
    "rows": Param(_rows, default=RowSpec("all", "*")),
}


def row_total(view: View, p: dict[str, Any]) -> Iterator[Output]:
    places = _select(view, p["table"], p["rows"])
    reasons: list[str] = []
    compared = False
    for place in places:
        try:
            total_col = view.column(place, p["total"])
        except MissingColumn:
            continue  # the other half of a side-by-side table
        try:
            part_cols = _part_columns(view, place, total_col, p["parts"], p["optional"])
        except SkipInstance as exc:
            if str(exc) not in reasons:
                reasons.append(str(exc))
            continue
        facts = view.row_facts(place)
        if total_col not in facts and not any(c in facts for c in part_cols):
            continue  # a heading row without figures
        if not money_column(place.table, total_col):
            continue
        compared = True
        total_fact = view.cell(place, total_col)
        parts = [view.cell(place, c) for c in part_cols]
        yield Instance(
            Value.of_fact(total_fact),
            sum_facts(parts),
            "==",
            describe_fact(total_fact),
            "、".join(c.split("/")[-1] for c in part_cols) + " 之和",
            _context(total_fact),
        )
    for reason in reasons:
        yield Skip(reason)
    if not compared and not reasons and places and not view.all_empty(p["table"]):
        if not any(_has_column(view, pl, p["total"]) for pl in places):
            yield Skip(f"缺少列：{p['table']} 列 {p['total']}")


def _has_column(view: View, place: Place, query: str) -> bool:
    try:
        view.column(place, query)
    except MissingColumn:
        return False
    return True


def _part_columns(
    view: View, place: Place, total_col: str, parts: list[str] | None, optional: list[str]
) -> list[str]:
    if parts is None:
        # The siblings of the total under its header parent: 基本支出/小计 → 基本支出/人员经费 …
        segments = total_col.split("/")
        if len(segments) < 2:
            raise SkipInstance(f"规则错误：{place.table.type} 列 {total_col} 没有上级表头，请给出 parts")
        parent = segments[:-1]
        pool = view.group_columns(place.table, place.row.group) or place.table.columns
        pool = list(dict.fromkeys(pool + place.table.columns))
        siblings = [c for c in pool if c.split("/")[:-1] == parent and c != total_col]
        if not siblings:
            raise SkipInstance(f"缺少列：{place.table.type} 列 {total_col} 没有同级的组成列")
        return siblings
    columns: list[str] = []
    for part in parts:
        try:
            columns.append(view.column(place, part))
        except MissingColumn:
            if part not in optional:
                raise
    return columns


def _select(view: View, table: str, rows: RowSpec | list[str]) -> list[Place]:
    if isinstance(rows, RowSpec):
        return view.row_set(table, rows)
    chosen: list[Place] = []
    for name in rows:
        chosen += [pl for pl in view.find_rows(table, name) if pl not in chosen]
    return chosen


# -- code_hierarchy -------------------------------------------------------------------------

CODE_HIERARCHY = {
    "table": Param(_str, required=True),
    "columns": Param(_strs, default=None),
}


def code_hierarchy(view: View, p: dict[str, Any]) -> Iterator[Output]:
    places = view.places(p["table"])
    if (skip := _not_money(view, p["table"])) is not None:
        yield skip
        return
    coded = [pl for pl in places if pl.row.code]
    firsts = _first_by_code(coded)
    parents = _code_parents(coded)
    children: dict[str, list[Place]] = {}
    for code, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(firsts[code])
    order = {id(pl): i for i, pl in enumerate(places)}
    for code, place in firsts.items():
        kids = sorted(children.get(code, []), key=lambda pl: order[id(pl)])
        if not kids or not view.row_facts(place):
            continue  # a leaf, or a heading row without figures
        yield from _compare_rows(view, place, kids, p["columns"], _children_word(code, kids))


def _children_word(code: str, kids: list[Place]) -> str:
    lengths = {len(k.row.code or "") for k in kids}
    if len(code) == 3 and lengths == {6}:
        return "各单位之和"  # a department code over its unit codes: 310 = 310001 + 310002
    if lengths == {5}:
        return "各款之和"
    if lengths == {7}:
        return "各项之和"
    return "各下级科目之和"


# -- ordinal_hierarchy ----------------------------------------------------------------------

ORDINAL_HIERARCHY = {
    "table": Param(_str, required=True),
    "columns": Param(_strs, default=None),
}


def ordinal_hierarchy(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """In a summary table each `一、` line with `（一）` lines under it equals their sum."""
    places = view.places(p["table"])
    if (skip := _not_money(view, p["table"])) is not None:
        yield skip
        return
    for group in sorted({pl.row.group for pl in places}):
        parent: Place | None = None
        kids: list[Place] = []
        for pl in [pl for pl in places if pl.row.group == group] + [None]:
            level = ordinal_level(pl.row.label) if pl is not None else None
            if level == 2 and parent is not None:
                kids.append(pl)
                continue
            if parent is not None and kids and view.row_facts(parent):
                yield from _compare_rows(view, parent, kids, p["columns"], "各分项之和")
            parent, kids = (pl, []) if level == 1 else (None, [])


# -- agreement ------------------------------------------------------------------------------

AGREEMENT = {
    "left": Param(_side, required=True),
    "right": Param(_side, required=True),
    "key": Param(_choice("label", "code", "name"), default="label"),
    "map": Param(_mapping, default={}),
    "missing": Param(_choice(*SEVERITIES, "ignore"), default="warning"),
    "exclude": Param(_strs, default=[]),
}


def _key(place: Place, how: str) -> str | None:
    if how == "code":
        return place.row.code
    text = label_key(place.row.label or place.row.key)
    if how == "name":
        # Class names differ by a trailing 支出/收入 between tables: compare the stem.
        for suffix in ("支出", "收入"):
            if text.endswith(suffix) and len(text) > len(suffix):
                return text[: -len(suffix)]
    return text or None


def _side_cells(view: View, side: dict[str, Any], how: str, excluded: set[str]) -> dict[str, Fact]:
    cells: dict[str, Fact] = {}
    for place in _select(view, side["table"], side["rows"]):
        if side["group"] is not None and place.row.group != side["group"]:
            continue
        if place.row.key in excluded or label_key(place.row.label) in excluded or _is_total(place):
            continue
        key = _key(place, how)
        if key is None or key in cells:
            continue
        try:
            column = view.column(place, side["column"])
        except MissingColumn:
            continue  # the other half of a side-by-side table
        cells[key] = view.cell(place, column)
    return cells


def agreement(view: View, p: dict[str, Any]) -> Iterator[Output]:
    left, right = p["left"], p["right"]
    for side in (left, right):
        view.require(side["table"])
    excluded = {label_key(x) for x in p["exclude"]} | set(p["exclude"])
    lcells = _side_cells(view, left, p["key"], excluded)
    rcells = _side_cells(view, right, p["key"], excluded)
    mapping = p["map"]
    if p["key"] == "name":
        mapping = {_stem(k): _stem(v) for k, v in mapping.items()}
    lcells = {mapping.get(k, k): f for k, f in lcells.items()}
    if not lcells and not rcells:
        if not (view.all_empty(left["table"]) or view.all_empty(right["table"])):
            yield Skip(f"{left['table']} 与 {right['table']} 中没有可对照的行")
        return
    for key, lf in lcells.items():
        rf = rcells.get(key)
        if rf is None:
            if p["missing"] != "ignore" and lf.value != 0:
                yield _missing(lf, right["table"], p["missing"])
            continue
        yield Instance(
            Value.of_fact(lf), Value.of_fact(rf), "==", describe_fact(lf), describe_fact(rf), _context(lf)
        )
    for key, rf in rcells.items():
        if key not in lcells and p["missing"] != "ignore" and rf.value != 0:
            yield _missing(rf, left["table"], p["missing"])


def _stem(text: str) -> str:
    for suffix in ("支出", "收入"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _missing(fact: Fact, other: str, severity: str) -> Problem:
    row = describe_row(fact.code, fact.label, fact.row)
    return Problem(
        f"{fact.table} 行 {row} 列 {fact.column} 为 {_fmt(fact.value)}，{other} 中没有对应的行",
        (fact,),
        severity,
        fact.value,
    )


def _fmt(value: Decimal) -> str:
    return format(value, "f")


# -- registry -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckSpec:
    params: dict[str, Param]
    run: Callable[[View, dict[str, Any]], Iterator[Output]]
    tables: Callable[[dict[str, Any]], list[str]]


CHECKS: dict[str, CheckSpec] = {
    "column_total": CheckSpec(COLUMN_TOTAL, column_total, lambda p: [p["table"]]),
    "row_total": CheckSpec(ROW_TOTAL, row_total, lambda p: [p["table"]]),
    "code_hierarchy": CheckSpec(CODE_HIERARCHY, code_hierarchy, lambda p: [p["table"]]),
    "ordinal_hierarchy": CheckSpec(ORDINAL_HIERARCHY, ordinal_hierarchy, lambda p: [p["table"]]),
    "agreement": CheckSpec(AGREEMENT, agreement, lambda p: [p["left"]["table"], p["right"]["table"]]),
}


def validate_params(check: str, raw: dict[str, Any]) -> dict[str, Any]:
    return _validate(CHECKS[check].params, raw)


def run_check(check: str, view: View, params: dict[str, Any]) -> Iterator[Output]:
    spec = CHECKS[check]
    missing = [t for t in spec.tables(params) if not view.tables(t)]
    if missing:
        yield Skip(str(MissingTable(missing[0])))
        return
    try:
        yield from spec.run(view, params)
    except SkipInstance as exc:
        yield Skip(str(exc))
