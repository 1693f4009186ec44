"""N: each amount of the prose equals the table figure its subject names."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..address import View
from ..checks import Param
from ..evaluate import FAIL, OK, ROUNDING, Instance, Problem, Value, judge
from ..interval import Interval
from .facts import Output, claim_fact, claim_value, claims_of, context_of, fmt, is_money, said
from .lookup import table_values, truncates
from .params import functional_param, subjects_param

CLAIM_TABLE = {
    "subjects": Param(subjects_param, required=True),
    "functional": Param(functional_param, default=None),
}


def claim_table(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Each amount equals the table figure its subject names (any of the listed alternatives).

    A figure that is the table's cut (not rounded) to the decimals the prose shows is consistent:
    its difference is explained like a rounding (an info with --show-rounding), and one info per
    document says that the prose truncates."""
    told = False
    for claim in claims_of(view):
        if claim.kind != "amount" or not is_money(claim) or claim.repeats is not None:
            continue
        found = table_values(view, claim, p)
        if not found:
            continue
        mine = claim_value(claim)
        outcomes = [(judge("==", mine, value), desc, value) for desc, value in found]
        if any(o == OK for o, _, _ in outcomes):
            continue
        subject = f"{said(claim)}中的{claim.subject or claim.canonical}（{claim.unit}）"
        cut = next(((d, v) for o, d, v in outcomes if o == FAIL and truncates(claim, v)), None)
        if cut is not None and not any(o == ROUNDING for o, _, _ in outcomes):
            desc, value = cut
            yield Instance(_cut_range(claim), value, "==", subject, desc, context_of(claim))
            if not told:
                told = True
                yield Problem(
                    f"情况说明中的金额按截断而非四舍五入取位：如{said(claim)}的 {fmt(claim.value)}{claim.unit}，"
                    f"{desc} 为 {fmt(value.shown)}",
                    (claim_fact(claim), *value.facts),
                    "info",
                    claim.value,
                )
            continue
        outcome, desc, value = next((x for x in outcomes if x[0] == ROUNDING), outcomes[0])
        yield Instance(mine, value, "==", subject, desc, context_of(claim))


def _cut_range(claim: Any) -> Value:
    """The figures a truncated amount stands for: [v, v + one unit of its last digit)."""
    step = Decimal(1).scaleb(-claim.decimals)
    value = claim_value(claim)
    low, high = (claim.value, claim.value + step) if claim.value >= 0 else (claim.value - step, claim.value)
    return Value(Interval(low, high), value.shown, value.facts)
