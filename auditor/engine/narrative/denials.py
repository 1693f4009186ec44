"""N: a zero said in words (`无“三公”经费财政拨款支出`, `没有政府性基金预算`) agrees with the tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import View
from ..evaluate import OK, ROUNDING, Instance, Value, judge
from .facts import Output, claim_fact, claims_of, context_of, said
from .lookup import Probe, table_values
from .params import SUBJECT_PARAMS

CLAIM_ZERO = SUBJECT_PARAMS


def claim_zero(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """Each subject the prose says there is none of reads 0 in the tables (any listed address)."""
    for claim in claims_of(view):
        if claim.kind != "none" or not claim.canonical or claim.repeats is not None:
            continue
        found = table_values(view, Probe(claim.canonical, "万元", claim.period, claim.measure), p)
        if not found:
            continue
        zero = Value.exact(0)
        outcomes = [(judge("==", value, zero), desc, value) for desc, value in found]
        if any(o == OK for o, _, _ in outcomes):
            continue
        _, desc, value = next((x for x in outcomes if x[0] == ROUNDING), outcomes[0])
        here = Value(zero.interval, zero.shown, (claim_fact(claim, column="称无", unit="万元"),))
        yield Instance(here, value, "==", f"{said(claim)}称无{claim.canonical}", desc, context_of(claim))
