"""column_total: a total row (合计/总计) equals the sum of the rows at the top of its hierarchy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import Place, View, label_key, ordinal_level
from ..evaluate import Skip
from .helpers import (
    Output,
    _code_parents,
    _compare_rows,
    _excluded,
    _first_by_code,
    _is_excluded,
    _is_total,
    money_table,
)
from .params import Param, _bool, _choice, _str, _strs

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


@money_table
def column_total(view: View, p: dict[str, Any]) -> Iterator[Output]:
    places = view.places(p["table"])
    wanted = {label_key(t) for t in p["total"]}
    totals = [pl for pl in places if label_key(pl.row.label or pl.row.key) in wanted or pl.row.key in wanted]
    if not totals:
        if not view.all_empty(p["table"]):
            yield Skip(f"缺少行：{p['table']} 行 {'/'.join(p['total'])}")
        return
    excluded = _excluded(p["exclude"])
    usable = [pl for pl in places if not _is_excluded(pl, excluded)]
    usable_ids = {id(pl) for pl in usable}
    position = {id(pl): i for i, pl in enumerate(places)}
    # The parts of a total depend on its group, not on which total it is (a total is never a part):
    # a table of many totals costs one pass per group, not one pass per total.
    by_group: dict[int, tuple[list[Place], str] | None] = {}
    for total_place in totals:
        group = total_place.row.group
        own = total_place.row.code is not None and not _is_total(total_place)  # its own scope holds it
        if group not in by_group or own:
            scope = [pl for pl in usable if pl is not total_place and (not p["by_group"] or pl.row.group == group)]
            found = _coded_or_flat(scope, total_place, p["hierarchy"])
            if own:
                by_group.pop(group, None)
            else:
                by_group[group] = found
        else:
            found = by_group[group]
        if found is None:  # a summary table: the 一、 lines above this total
            def in_scope(pl: Place, group: int = group) -> bool:
                return id(pl) in usable_ids and (not p["by_group"] or pl.row.group == group)

            found = _ordinal_lines(places, position[id(total_place)], total_place, in_scope)
        parts, kind = found
        if not parts:
            yield Skip(
                f"{p['table']} 行 {total_place.row.label}：无法确定要相加的行（没有科目编码或一、二、…序号行）"
            )
            continue
        yield from _compare_rows(view, total_place, parts, p["columns"], _PARTS_WORD[kind])


def _coded_or_flat(scope: list[Place], total: Place, hierarchy: str) -> tuple[list[Place], str] | None:
    """The parts of a list (flat) or of a coded table; None when the parts are ordinal lines."""
    if hierarchy == "flat":  # a list (projects, contracts): the total is the sum of every other row
        # but its `其中：` rows, which are parts of the row above them
        return [
            pl for pl in scope if not _is_total(pl) and pl.row.group == total.row.group and pl.row.part_of is None
        ], "flat"
    coded = [pl for pl in scope if pl.row.code and not _is_total(pl)]
    if hierarchy in ("subject", "department") or (hierarchy == "auto" and coded):
        parents = _code_parents(coded)
        firsts = _first_by_code(coded)
        roots = [pl for code, pl in firsts.items() if parents[code] is None]  # in table order
        if hierarchy == "auto":
            hierarchy = "department" if any(len(c) == 6 for c in firsts) else "subject"
        return roots, hierarchy
    return None


def _ordinal_lines(places: list[Place], start: int, total: Place, in_scope) -> tuple[list[Place], str]:
    """Summary tables: the 一、 lines of the total's half above the total, below the previous total."""
    lines: list[Place] = []
    for i in range(start - 1, -1, -1):  # by index: a slice per total would copy the table each time
        pl = places[i]
        if pl.row.group != total.row.group:
            continue
        if _is_total(pl):
            break
        if in_scope(pl):
            lines.append(pl)
    lines.reverse()
    for level in (1, 2):
        chosen = [pl for pl in lines if ordinal_level(pl.row.label) == level]
        if chosen:
            return chosen, "ordinal"
    return [], "ordinal"
