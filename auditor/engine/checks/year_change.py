"""year_change: in a table comparing two years, 增减额 = 本年 − 上年 and 增减率 = 增减额 ÷ 上年.

The two years are named columns (`current`, `previous`), else the two columns whose headers
name a year (`2024年预算数`, `2025年预算数`: the later one is 本年). A rate is a percentage and
is never summed; over a base that may be 0 it is not computed. A rate that is the truncation,
not the rounding, of the exact one is a warning."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from auditor.ledger import Fact

from ..address import Place, SkipInstance, View, describe_fact
from ..evaluate import FAIL, Instance, Problem, Skip, Value, judge
from ..expr import RowSpec
from ..interval import DivisionByZero, Interval, ratio_percent
from .helpers import Output, _column, _context, _select, money_column
from .params import Param, _rows, _str

YEAR_CHANGE = {
    "table": Param(_str, required=True),
    "change": Param(_str, required=True),  # the 增减额 column (`增减额|增减数` alternatives)
    "rate": Param(_str, default=None),  # the 增减率 column, if the table may have one
    "current": Param(_str, default=None),  # 本年 column; default: the later year-named column
    "previous": Param(_str, default=None),  # 上年 column; default: the earlier one
    "rows": Param(_rows, default=RowSpec("all", "*")),
}

_YEAR = re.compile(r"((?:19|20)\d\d)年")


def year_change(view: View, p: dict[str, Any]) -> Iterator[Output]:
    table = p["table"]
    places = _select(view, table, p["rows"])
    if not any(_column(view, pl, p["change"]) for pl in places):
        return  # a table without a 增减 column compares no years: nothing to check
    reasons: list[str] = []
    for place in places:
        change = _column(view, place, p["change"])
        if change is None:
            continue
        rate = _column(view, place, p["rate"]) if p["rate"] else None
        try:
            current, previous = _years(view, place, p, {change, rate})
        except SkipInstance as exc:
            if str(exc) not in reasons:
                reasons.append(str(exc))
            continue
        facts = view.row_facts(place)
        if not any(c in facts for c in (current, previous, change)):
            continue  # a heading row without figures
        cur, prev = Value.of_fact(view.cell(place, current)), Value.of_fact(view.cell(place, previous))
        names = _leaf(current), _leaf(previous)
        stated = view.cell(place, change)
        if money_column(place.table, change):
            yield Instance(Value.of_fact(stated), cur - prev, "==", describe_fact(stated),
                           f"{names[0]} − {names[1]}", _context(stated))
        if rate is not None and rate in facts:  # the rate column holds percentages, `%` shown or not
            yield from _rate(facts[rate], cur, prev, Value.of_fact(stated), names)
    for reason in reasons:
        yield Skip(reason)


def _years(view: View, place: Place, p: dict[str, Any], taken: set[str | None]) -> tuple[str, str]:
    if p["current"] and p["previous"]:
        return view.column(place, p["current"]), view.column(place, p["previous"])
    pool = view.group_columns(place.table, place.row.group) or place.table.columns
    by_year: dict[str, list[str]] = {}
    for column in pool:
        m = _YEAR.search(column)
        if m and column not in taken and money_column(place.table, column):
            by_year.setdefault(m.group(1), []).append(column)
    if len(by_year) != 2 or any(len(cols) != 1 for cols in by_year.values()):
        raise SkipInstance(f"{place.table.type}：无法确定本年与上年的列（需要两个以年份命名的列，或给出 current、previous）")
    (_, [earlier]), (_, [later]) = sorted(by_year.items())
    return later, earlier


def _rate(fact: Fact, cur: Value, prev: Value, change: Value, names: tuple[str, str]) -> Iterator[Output]:
    """增减率 (a percentage) against (本年 − 上年) ÷ 上年 × 100, not computed over a base that may
    be 0. A rate that agrees with the stated 增减额 and either year (增减额 ÷ 上年, or 增减额 ÷
    (本年 − 增减额)) is not at fault: a wrong year figure or 增减额 is found by the 增减额 itself."""
    left = Value.of_fact(fact)
    step = Decimal(1).scaleb(-fact.decimals)
    candidates = [_percent(fact, cur - prev, prev, step), _percent(fact, change, prev, step),
                  _percent(fact, change, cur - change, step)]
    found = [c for c in candidates if c is not None]
    if not found:
        return
    right = next((c for c in found if judge("==", left, c) != FAIL), found[0])
    formula = f"({names[0]} − {names[1]}) ÷ {names[1]} × 100"
    if judge("==", left, right) == FAIL and _truncated(fact, right.interval):
        yield Problem(
            f"{describe_fact(fact)}：{fact.value} 是 {formula} 截断所得，四舍五入应为 {right.shown}",
            (fact, *right.facts),
            "warning",
            fact.value,
        )
        return
    yield Instance(left, right, "==", describe_fact(fact), formula, _context(fact))


def _percent(fact: Fact, part: Value, base: Value, step: Decimal) -> Value | None:
    """part ÷ base × 100 (its shown value rounded like the rate), or None when base may be 0."""
    try:
        exact = ratio_percent(part.interval, base.interval)
    except DivisionByZero:
        return None
    shown = (part.shown / base.shown * 100).quantize(step, rounding=ROUND_HALF_UP) if base.shown else Decimal(0)
    return Value(exact, shown, part.facts + base.facts)


def _truncated(fact: Fact, exact: Interval) -> bool:
    """The shown rate is the exact one cut (not rounded) to its decimals."""
    step = Decimal(1).scaleb(-fact.decimals)
    v = fact.value
    cut = Interval(v, v + step) if v > 0 else Interval(v - step, v) if v < 0 else Interval(-step, step)
    return cut.meets(exact)


def _leaf(column: str) -> str:
    return column.split("/")[-1]
