"""row_total: in every row, a total column equals the sum of its part columns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import MissingColumn, Place, SkipInstance, View, describe_fact
from ..evaluate import Instance, Skip, Value, sum_facts
from ..expr import RowSpec
from .helpers import Output, _column, _context, _select, money_column
from .params import Param, _rows, _str, _strs

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
        total_col = _column(view, place, p["total"])
        if total_col is None:
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
        if not all(view.present(place, c) for c in (total_col, *part_cols)):
            reason = f"{place.table.type} 行 {place.row.label or place.row.key}：有的列没有这一格（不按 0 计）"
            if reason not in reasons:
                reasons.append(reason)
            continue
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
        if all(_column(view, pl, p["total"]) is None for pl in places):
            yield Skip(f"缺少列：{p['table']} 列 {p['total']}")


def _part_columns(
    view: View, place: Place, total_col: str, parts: list[str] | None, optional: list[str]
) -> list[str]:
    if parts is None:
        # The parts are the columns the header puts beside the total, whatever the template
        # names them: 基本支出/小计 → 基本支出/人员经费 …; a top-level 合计 → every other
        # top-level column (单位预留机动经费 and 结转下年资金 in a Jiangsu 支出总表 too).
        pool = view.group_columns(place.table, place.row.group) or place.table.columns
        pool = list(dict.fromkeys(pool + place.table.columns))
        siblings = sibling_columns(pool, total_col)
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


_SUBTOTALS = ("小计", "合计")


def sibling_columns(columns: list[str], total_col: str) -> list[str]:
    """The columns at the total's level of the header, one per sibling: a sibling that is a group
    of columns stands as its own 小计/合计 column when it has one, else as its leaves. `其中`
    columns are parts of a sibling, never siblings."""
    parent = total_col.split("/")[:-1]
    depth = len(parent)
    out: list[str] = []
    groups: dict[str, list[str]] = {}
    for col in columns:
        segs = col.split("/")
        if col == total_col or segs[:depth] != parent or len(segs) <= depth:
            continue
        if segs[depth].startswith("其中"):
            continue
        groups.setdefault(segs[depth], []).append(col)
    for name, cols in groups.items():
        own = "/".join([*parent, name])
        if own in cols:
            out.append(own)
            continue
        sub = next((c for c in cols if c.split("/")[depth + 1:] and c.split("/")[depth + 1] in _SUBTOTALS), None)
        out += [sub] if sub else [c for c in cols if not any(s.startswith("其中") for s in c.split("/")[depth + 1:])]
    return out
