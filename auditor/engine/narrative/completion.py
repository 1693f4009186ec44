"""N: 完成预算的…% = final / budget, for any of the budget figures stated for the same item."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.prose.grammar import family

from ..address import View
from ..evaluate import OK, ROUNDING, judge
from ..interval import DivisionByZero
from .facts import Output, claim_value, claims_of, context_of, in_unit, is_money, said
from .lookup import contradicted
from .params import SUBJECT_PARAMS
from .percent import check_percent, percent_value

CLAIM_COMPLETION = SUBJECT_PARAMS


def claim_completion(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """完成预算的…% = final / budget, for any of the budget figures stated for the same item."""
    claims = claims_of(view)
    wrong = contradicted(view, claims, p)
    for claim in claims:
        if claim.kind != "completion" or claim.value is None or claim.ref is None or claim.ref in wrong:
            continue
        final = claims[claim.ref]
        if not is_money(final):
            continue
        budgets = [b for b in _budgets(claims, claim, final) if b.id not in wrong]
        if not budgets:
            continue
        stated = claim_value(claim)
        tried = []
        for b in budgets:
            whole = in_unit(b, final.unit)
            if whole.interval.lo <= 0 <= whole.interval.hi:
                continue
            try:
                computed = percent_value(claim_value(final), whole, claim.decimals)
            except DivisionByZero:
                continue
            tried.append((judge("==", stated, computed), b, computed))
        if not tried or any(o == OK for o, _, _ in tried):
            continue
        outcome, b, computed = next((t for t in tried if t[0] == ROUNDING), tried[0])
        yield from check_percent(
            stated,
            computed,
            claim.value,
            claim.decimals,
            f"{said(claim)}中的完成率",
            f"{said(final)} ÷ {said(b)} ×100% =",
            context_of(claim),
        )


def _budgets(claims: list[Any], claim: Any, final: Any) -> list[Any]:
    out = []
    if claim.base_ref is not None and claim.base_ref != final.id:
        out.append(claims[claim.base_ref])
    for c in claims:
        if (
            c.kind == "amount"
            and c.id not in (final.id, claim.base_ref)
            and c.section == claim.section
            and c.canonical
            and c.canonical == final.canonical
            and family(c.measure) == "budget"
            and is_money(c)
        ):
            out.append(c)
    return [c for c in out if is_money(c)]
