"""Row and column utilities the generic checks share: which rows are totals, code parents,
which columns to compare, and the comparison of a total row with the sum of its parts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from typing import Any

from auditor.ledger import Fact, Table

from ..address import (
    MONEY_UNITS,
    MissingColumn,
    Place,
    View,
    blank_fact,
    describe_fact,
    label_key,
    match_columns,
)
from ..evaluate import Instance, Problem, Skip, Value, sum_facts
from ..expr import RowSpec

Output = Instance | Problem | Skip
Check = Callable[[View, dict[str, Any]], Iterator[Output]]
SEVERITIES = ("error", "warning", "info")
TOTAL_WORDS = ("合计", "总计", "小计")


# -- money -----------------------------------------------------------------------------------


def money_column(table: Table, column: str) -> bool:
    unit = table.column_units.get(column)
    return table.money and (unit is None or unit in MONEY_UNITS)


def _money(fact: Fact) -> bool:
    return not fact.unit or fact.unit in MONEY_UNITS


def _not_money(view: View, table: str) -> Skip | None:
    """Tables of targets or counts are never summed by money rules."""
    if all(t.money for t in view.tables(table)):
        return None
    return Skip(f"{table} 不是金额表，不做加总")


def money_table(check: Check) -> Check:
    """A check of the sums of `p["table"]`: skipped, with the reason, when it is not a money table."""

    @wraps(check)
    def run(view: View, p: dict[str, Any]) -> Iterator[Output]:
        if (skip := _not_money(view, p["table"])) is not None:
            yield skip
            return
        yield from check(view, p)

    return run


# -- rows ------------------------------------------------------------------------------------


def _is_total(place: Place) -> bool:
    text = label_key(place.row.label or place.row.key)
    return any(w in text for w in TOTAL_WORDS)


def _excluded(names: Iterable[str]) -> set[str]:
    """The `exclude` parameter as the row keys and label keys it may name."""
    names = list(names)
    return {label_key(x) for x in names} | set(names)


def _is_excluded(place: Place, excluded: set[str]) -> bool:
    return place.row.key in excluded or label_key(place.row.label) in excluded


def _select(view: View, table: str, rows: RowSpec | list[str]) -> list[Place]:
    if isinstance(rows, RowSpec):
        return view.row_set(table, rows)
    chosen: list[Place] = []
    for name in rows:
        chosen += [pl for pl in view.find_rows(table, name) if pl not in chosen]
    return chosen


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
    """The first row of each code, in the order of `places` (so callers need not sort)."""
    found: dict[str, Place] = {}
    for p in places:
        if p.row.code and p.row.code not in found:
            found[p.row.code] = p
    return found


# -- columns and cells -----------------------------------------------------------------------


def _column(view: View, place: Place, query: str) -> str | None:
    """The column `query` names for this row, or None where the row's half of a side-by-side
    table lacks it."""
    try:
        return view.column(place, query)
    except MissingColumn:
        return None


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


# -- a total row against the sum of its parts --------------------------------------------------


def _compare_rows(
    view: View, total: Place, parts: list[Place], queries: list[str] | None, word: str,
    skip: re.Pattern[str] | None = None,
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
        if not money_column(total.table, column) or (skip is not None and skip.search(column)):
            continue
        if not all(view.present(pl, column) for pl in (total, *parts)):
            yield Skip(f"{total.table.type} 列 {column}：有的行没有这一格（不按 0 计）")
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
