"""N: each amount of the prose equals the table figure its subject names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import View
from ..checks import Param
from ..evaluate import OK, ROUNDING, Instance, judge
from .facts import Output, claim_value, claims_of, context_of, is_money, said
from .lookup import table_values
from .params import functional_param, subjects_param

CLAIM_TABLE = {
    "subjects": Param(subjects_param, required=True),
    "functional": Param(functional_param, default=None),
}


def claim_table(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Each amount equals the table figure its subject names (any of the listed alternatives)."""
    for claim in claims_of(view):
        if claim.kind != "amount" or not is_money(claim):
            continue
        found = table_values(view, claim, p)
        if not found:
            continue
        mine = claim_value(claim)
        outcomes = [(judge("==", mine, value), desc, value) for desc, value in found]
        if any(o == OK for o, _, _ in outcomes):
            continue
        outcome, desc, value = next((x for x in outcomes if x[0] == ROUNDING), outcomes[0])
        yield Instance(
            mine,
            value,
            "==",
            f"{said(claim)}中的{claim.subject or claim.canonical}（{claim.unit}）",
            desc,
            context_of(claim),
        )
