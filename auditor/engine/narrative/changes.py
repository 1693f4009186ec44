"""N: 增减额、增减率与增减方向 — last year = this year ∓ change; rate = change / last year."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from auditor.prose.grammar import direction_of

from ..address import View
from ..evaluate import Instance, Problem, Value
from ..interval import DivisionByZero, Interval
from .facts import (
    Output,
    claim_fact,
    claim_value,
    claims_of,
    context_of,
    fmt,
    in_unit,
    is_money,
    rate_value,
    said,
)
from .lookup import contradicted
from .params import SUBJECT_PARAMS
from .percent import check_percent, percent_value

CLAIM_CHANGE = SUBJECT_PARAMS


def claim_change(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """增减额、增减率与增减方向: last year = this year ∓ change; rate = change / last year."""
    claims = claims_of(view)
    flats = {c.ref: c for c in claims if c.kind == "change" and c.direction == "持平" and c.ref is not None}
    wrong = contradicted(view, claims, p)
    for claim in claims:
        if claim.kind != "change" or claim.reason or claim.repeats is not None or claim.base_ref in wrong:
            continue
        if claim.direction == "持平":
            if claim.ref not in wrong:
                yield from _flat_with_base(claims, claim)
            continue
        this = _money(claims, claim.ref)
        if claim.ref in wrong:
            # `…职业年金…220.63万元…2023年预算安排441.25万元（抄自上一项）…增加60.54%`: N101 reports
            # the wrong 441.25; the rate is still judged on the item's own figure.
            this = _same_item(claims, claims[claim.ref], wrong) if claim.value is None else None
            if this is None:
                continue
        base = _money(claims, claim.base_ref)
        if base is not None:
            yield from _against_base(claims, claim, this, base)
            continue
        yield from _one_change(claim, this, flats.get(claim.ref))


def _money(claims: list[Any], i: int | None) -> Any:
    c = claims[i] if i is not None else None
    return c if c is not None and c.kind == "amount" and is_money(c) else None


def _same_item(claims: list[Any], amount: Any, wrong: set[int]) -> Any:
    """Another figure the same item states for the same subject and year, that the tables do not contradict."""
    for c in claims:
        if (
            c.kind == "amount"
            and c.id not in wrong
            and c.id != amount.id
            and c.paragraph == amount.paragraph
            and c.canonical
            and c.canonical == amount.canonical
            and not c.period
            and is_money(c)
        ):
            return c
    return None


def _against_base(claims: list[Any], claim: Any, this: Any, base: Any) -> Iterator[Output]:
    """A change measured against a stated earlier figure: `（2016年度…为8,648.07万元），增加498.72万元，
    增长5.77%` (the base only) or `2022年…执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数
    增加314.82%` (both figures, a rate only)."""
    last = in_unit(base, this.unit if this is not None else base.unit)
    unit = this.unit if this is not None else base.unit
    if claim.value is not None:
        change = in_unit(claim, unit)
    elif this is not None:
        change = claim_value(this) - last
        if claim.direction and (change.interval.hi < 0 if claim.direction == "增加" else change.interval.lo > 0):
            yield Problem(
                f"{said(claim)}：{said(this)}比{said(base)}"
                f"{'少' if claim.direction == '增加' else '多'}，却说“{claim.direction}”",
                (claim_fact(claim), claim_fact(this), claim_fact(base)),
                None,
                claim.rate,
            )
            return
        change = Value(abs(change.interval), abs(change.shown), change.facts)
    else:
        return
    if claim.rate is None or claim.rate == 0 and change.shown == 0:
        return
    if last.interval.lo <= 0 <= last.interval.hi:
        return  # a change from 0: the rate is not computed
    try:
        exact = percent_value(change, last, claim.rate_decimals)
    except DivisionByZero:
        return
    facts = (claim_fact(claim), *(claim_fact(x) for x in (this, base) if x is not None))
    computed = Value(exact.interval, exact.shown, facts)
    what = f"（{fmt(this.value)} − {fmt(base.value)}）" if claim.value is None else fmt(claim.value)
    yield from check_percent(
        rate_value(claim),
        computed,
        claim.rate,
        claim.rate_decimals,
        f"{said(claim)}中的增减率{_copied_note(claims, claim)}",
        f"{what} ÷ {said(base)} ×100% =",
        context_of(claim),
    )


def _copied_note(claims: list[Any], claim: Any) -> str:
    """`（与上一项的增减率相同，似为照抄）` when the stated rate is that of the change just before."""
    prev = next(
        (c for c in reversed(claims[: claim.id]) if c.kind == "change" and c.rate is not None and not c.reason),
        None,
    )
    if prev is not None and prev.rate == claim.rate and prev.rate_decimals == claim.rate_decimals:
        return f"（所写增减率与{said(prev)}的相同，似照抄上一项）"
    return ""


def _flat_with_base(claims: list[Any], flat: Any) -> Iterator[Output]:
    """`决算数与全年预算数持平`: the two figures it names are equal."""
    if flat.ref is None or flat.base_ref is None:
        return
    a, b = claims[flat.ref], claims[flat.base_ref]
    if not (is_money(a) and is_money(b)):
        return
    here = Value(Interval.exact(0), Decimal(0), (claim_fact(flat, value=Decimal(0), decimals=0),))
    yield Instance(
        here + claim_value(a),
        in_unit(b, a.unit),
        "==",
        f"{said(flat)}：{said(a)}",
        f"{said(b)}",
        context_of(flat),
    )


def _one_change(claim: Any, this: Any, flat: Any) -> Iterator[Output]:
    amount = claim.value
    rate = claim.rate
    # 增加0.00万元 with any direction word, and a rate of nothing, are not findings.
    if flat is not None and amount is not None and amount != 0:
        yield Problem(
            f"{said(flat)}称与上年持平，但{said(claim)}的增减额为 {fmt(amount)}{claim.unit}，并非零",
            (claim_fact(claim), claim_fact(flat, value=Decimal(0), decimals=0)),
            None,
            amount,
        )
        return
    if flat is not None and amount is None and rate is not None and rate != 0:
        yield Problem(
            f"{said(flat)}称与上年持平，但增减率为 {fmt(rate)}%，并非零",
            (rate_value(claim).facts[0], claim_fact(flat, value=Decimal(0), decimals=0)),
            None,
            rate,
        )
        return
    if (
        claim.rate_word
        and claim.direction
        and amount is not None
        and amount != 0
        and rate is not None
        and rate != 0
        and direction_of(claim.rate_word) != claim.direction
    ):
        yield Problem(
            f"{said(claim)}：增减额说“{claim.direction}”，增减率却说“{claim.rate_word}{fmt(rate)}%”，方向自相矛盾",
            (claim_fact(claim),),
            None,
            rate,
        )
        return
    if amount is None or this is None:
        return
    change = claim_value(claim)
    if amount < 0:
        return  # `减少-5万元`: a signed change, left to the reader
    now = claim_value(this)
    last = now - change if claim.direction == "增加" else now + change
    if last.interval.hi < 0:
        yield Problem(
            f"{said(claim)}：本年 {fmt(this.value)}{this.unit}{claim.direction} {fmt(amount)}{claim.unit}，"
            f"推算上年为 {fmt(last.shown)}{this.unit}，不可能为负数",
            (claim_fact(claim), claim_fact(this)),
            None,
            last.shown,
        )
        return
    if rate is None:
        return
    stated = rate_value(claim)
    if amount == 0:
        if rate != 0:  # no change, yet a rate
            yield Problem(
                f"{said(claim)}：增减额为 0，增减率却为 {fmt(rate)}%，应为 0",
                (stated.facts[0], claim_fact(claim)),
                None,
                rate,
            )
        return
    if last.shown == 0 or last.interval.lo <= 0 <= last.interval.hi:
        return  # a change from 0: the rate is not computed (conventions: zero bases)
    try:
        exact = percent_value(change, last, claim.rate_decimals)
    except DivisionByZero:
        return
    computed = Value(
        exact.interval,
        exact.shown,
        (claim_fact(claim), claim_fact(this)),
    )
    yield from check_percent(
        stated,
        computed,
        claim.rate,
        claim.rate_decimals,
        f"{said(claim)}中的增减率",
        f"{fmt(amount)} ÷ 上年 {fmt(last.shown)}（本年 {fmt(this.value)} {'−' if claim.direction == '增加' else '+'} "
        f"{fmt(amount)}）×100% =",
        context_of(claim),
    )
