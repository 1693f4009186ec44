"""N: what the prose says twice agrees with itself — the same amount, and no 无X beside an amount of X."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from auditor.prose.figures import MONEY_SCALE

from ..address import View
from ..checks import Param
from ..evaluate import Instance, Problem
from .facts import Output, claim_fact, claims_of, context_of, fmt, in_unit, is_money, said
from .lookup import role_of, table_values
from .params import SUBJECT_PARAMS, strs_param

CLAIM_REPEAT = SUBJECT_PARAMS


def claim_repeat(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """An amount the prose states more than once is the same each time (the majority wins), and so
    is the change of one subject against one basis (`比上年增加…` said twice).

    Subjects whose table figure is known are left to the table check, which points at the
    wrong statement itself. Figures of this year count as one whatever the words that date them
    (`220.63万元` and `2023年预算安排441.25万元` in a 2023 budget are the same figure).
    """
    claims = claims_of(view)
    info = view.ledger.info
    amounts: dict[tuple[Any, ...], list[Any]] = {}
    changes: dict[tuple[Any, ...], list[Any]] = {}
    for c in claims:
        if not is_money(c) or not c.canonical or c.repeats is not None:
            continue
        if c.kind == "amount":
            key = (c.canonical, c.scope, _measure_key(c.measure, info.kind, info.year), _year(c.period, info.year))
            amounts.setdefault(key, []).append(c)
        elif c.kind == "change" and not c.reason and c.direction in ("增加", "减少") and c.basis:
            key = (c.canonical, c.scope, _basis_key(c.basis, info.year, info.kind), c.direction)
            changes.setdefault(key, []).append(c)
    for members in amounts.values():
        if len(members) >= 2 and not table_values(view, members[0], p):
            yield from _disagreeing(view, members, "所述的同一数额")
    for members in changes.values():
        yield from _disagreeing(view, members, "所述同一科目相对同一基数的增减额")


def _disagreeing(view: View, members: list[Any], what: str) -> Iterator[Output]:
    """Each member that differs from the majority (on a tie: from the one a table shows, else the first)."""
    if len(members) < 2:
        return
    unit = members[0].unit
    counts: dict[Decimal, int] = {}
    for m in members:
        v = in_unit(m, unit).shown
        counts[v] = counts.get(v, 0) + 1
    majority = max(counts.values())
    leaders = [v for v, n in counts.items() if n == majority]
    if len(leaders) > 1:
        # a tie: the figure a table also shows is the right one, when only one of them is there
        shown = [v for v in leaders if _in_tables(view, v, unit)]
        leaders = shown if len(shown) == 1 else leaders
    reference = next(m for m in members if in_unit(m, unit).shown in leaders) if len(leaders) == 1 else members[0]
    for m in members:
        if m is reference:
            continue
        yield Instance(
            in_unit(m, unit),
            in_unit(reference, unit),
            "==",
            f"{said(m)}中的{m.subject or m.canonical}",
            f"{said(reference)}{what}",
            context_of(m),
        )


def _year(period: str | None, year: int | None) -> str | None:
    """The year a figure is dated, None for the document's own."""
    if period and period[:4].isdigit() and (year is None or int(period[:4]) != year):
        return period[:4]
    return None


def _basis_key(basis: str, year: int | None, kind: str | None) -> str:
    """上年, 上一年, 去年, 上年度 and the document's year − 1 are one basis, and so are 上年 and 上年预算
    in a budget (上年决算 in a final account); 上年执行数 stays another."""
    b = basis.removesuffix("相比").removesuffix("数")
    if year is not None:
        b = b.replace(f"{year - 1}年度", "上年").replace(f"{year - 1}年", "上年")
    b = re.sub(r"^(?:上一年|去年|上年度)", "上年", b).replace("上年度", "上年")
    own = {"budget": "预算", "final": "决算"}.get(kind or "")
    if own and b.startswith("上年"):
        b = re.sub(rf"^上年(?:部门|单位)?{own}$", "上年", b)
    return b


def _in_tables(view: View, value: Decimal, unit: str) -> bool:
    """Some money table of the document shows `value` (in `unit`)."""
    for fact in view.ledger.facts:
        if fact.unit in MONEY_SCALE and fact.value.scaleb(MONEY_SCALE[fact.unit] - MONEY_SCALE.get(unit, 0)) == value:
            return True
    return False


_GENERIC_MEASURES = {"final": ("决算", "支出决算"), "budget": ("预算",)}


def _measure_key(measure: str | None, kind: str | None, year: int | None = None) -> str | None:
    """Which figure an amount is, for telling repeats apart: 年初预算 ≠ 全年预算; 预算 in a budget (or
    2023年预算 in a 2023 budget) = none said."""
    if not measure:
        return None
    m = measure.removesuffix("数")
    if year is not None:
        m = re.sub(rf"^(?:{year}年度?|本年度?|当年)", "", m)
    return None if not m or m in _GENERIC_MEASURES.get(kind or "", ()) else m


CLAIM_NONE = {"words": Param(strs_param, default=["无", "没有", "未发生", "不存在"])}


def claim_none(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """`机关运行经费支出1.00万元，……无机关运行经费`: a sentence that denies what it quantifies."""
    words = "|".join(re.escape(w) for w in p["words"])
    claims = claims_of(view)
    denied = {(c.canonical, role_of(c, view)): c for c in claims if c.kind == "none" and c.canonical}
    for claim in claims:
        if claim.kind != "amount" or not is_money(claim) or claim.value == 0 or claim.repeats is not None:
            continue
        other = denied.get((claim.canonical, role_of(claim, view)))
        if other is not None and other.sentence_id != claim.sentence_id:
            yield Problem(
                f"{said(claim)}写明{claim.canonical}为 {fmt(claim.value)}{claim.unit}，{said(other)}却说没有",
                (claim_fact(claim), claim_fact(other, value=Decimal(0), decimals=0)),
                None,
                claim.value,
            )
            continue
        names = {n for n in (claim.canonical, claim.subject) if n}
        stems = {re.sub(r"(?:支出|预算|金额|总额)+$", "", n) for n in names}
        stems = {s for s in stems | names if len(s) >= 2}
        text = claim.sentence
        for stem in stems:
            if re.search(rf"(?:{words})(?:任何)?{re.escape(stem)}", text):
                yield Problem(
                    f"{said(claim)}：同一句话又说“无{stem}”，金额却为 {fmt(claim.value)}{claim.unit}",
                    (claim_fact(claim),),
                    None,
                    claim.value,
                )
                break
