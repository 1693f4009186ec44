"""N: last year's income and spending implied by the prose's changes agree (given the carry-overs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import View
from ..checks import Param
from ..evaluate import Problem, Value
from .facts import Output, claim_value, claims_of, fmt, is_money, said, scale, value_sum
from .lookup import contradicted
from .params import SUBJECT_PARAMS, strs_param

CLAIM_LAST_YEAR = {
    **SUBJECT_PARAMS,
    "income": Param(strs_param, default=["收入总计", "本年收入合计"]),
    "spending": Param(strs_param, default=["支出总计", "本年支出合计"]),
    "carry_in": Param(strs_param, default=["年初结转和结余"]),
    "carry_out": Param(strs_param, default=["年末结转和结余"]),
}


def claim_last_year(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Last year's income and spending implied by the changes agree, when carry-overs are given.

    Without the carry-over figures on both sides they may differ legitimately: an info at most.
    """
    claims = claims_of(view)
    wrong = contradicted(view, claims, p)
    if any(c.ref in wrong for c in claims if c.kind == "change"):
        return  # a wrong figure is reported once, by the table check
    income = _implied_side(claims, p["income"])
    spending = _implied_side(claims, p["spending"])
    if income is None or spending is None:
        return
    (inc_value, inc_parts, inc_parent), (sp_value, sp_parts, sp_parent) = income, spending
    if inc_value.interval.meets(sp_value.interval):
        return
    carried = any(c.canonical in p["carry_in"] for c in inc_parts) and any(
        c.canonical in p["carry_out"] for c in sp_parts
    )
    severity = "error" if carried else "info"
    note = "" if carried else "（文中未给出上年的结转和结余，二者可能因结转结余而不同）"
    yield Problem(
        f"按{said(inc_parent)}等增减额推算，上年收入为 {fmt(inc_value.shown)}{inc_parent.unit}；"
        f"按{said(sp_parent)}等增减额推算，上年支出为 {fmt(sp_value.shown)}{sp_parent.unit}，二者不一致{note}",
        inc_value.facts + sp_value.facts,
        severity,
        inc_value.shown - sp_value.shown,
    )


def _implied_side(claims: list[Any], totals: list[str]) -> tuple[Value, list[Any], Any] | None:
    """Σ last-year figures of the complete group of parts under a total whose every part states its change."""
    changes: dict[int, Any] = {}
    for c in claims:
        if c.kind == "change" and c.ref is not None and c.direction in ("增加", "减少", "持平"):
            if c.direction != "持平" and c.value is None:
                continue
            if c.ref not in changes or changes[c.ref].direction == "持平":
                changes[c.ref] = c
    for parent in claims:
        if parent.kind != "amount" or parent.canonical not in totals or not is_money(parent):
            continue
        if parent.id in changes and changes[parent.id].direction != "持平":
            return _last(parent, changes[parent.id]), [parent], parent
        groups: dict[int, list[Any]] = {}
        for c in claims:
            if c.part_of is not None and c.part_of.parent == parent.id and c.part_of.complete:
                groups.setdefault(c.part_of.group, []).append(c)
        for members in groups.values():
            if all(is_money(m) and m.id in changes for m in members):
                values = [_last(m, changes[m.id]) for m in members]
                values = [scale(v, m.unit, parent.unit) for v, m in zip(values, members, strict=True)]
                total = value_sum(values)
                return total, members, parent
    return None


def _last(amount: Any, change: Any) -> Value:
    now = claim_value(amount)
    if change.direction == "持平":
        return now
    delta = scale(claim_value(change), change.unit, amount.unit)
    return now - delta if change.direction == "增加" else now + delta
