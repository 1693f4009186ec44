"""N: the parts listed after 其中/如下 add up to their stated total."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import View
from ..evaluate import Instance
from .facts import Output, claim_value, claims_of, context_of, in_unit, is_money, said, value_sum
from .lookup import contradicted
from .params import SUBJECT_PARAMS

CLAIM_PARTS = SUBJECT_PARAMS


def claim_parts(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """The parts listed after 其中/如下 add up to their total (all of it when the list is complete)."""
    claims = claims_of(view)
    wrong = contradicted(view, claims, p)
    groups: dict[int, list[Any]] = {}
    for c in claims:
        if c.part_of is not None and c.value is not None:
            groups.setdefault(c.part_of.group, []).append(c)
    for members in groups.values():
        parent = claims[members[0].part_of.parent]
        if parent.value is None or parent.id in wrong or any(m.id in wrong for m in members):
            continue
        if parent.repeats is not None and all(m.repeats is not None for m in members):
            continue  # the same total and list stated again word for word: checked once
        money = is_money(parent)
        if money and not all(is_money(m) for m in members):
            continue
        if not money and any(m.unit != parent.unit for m in members):
            continue
        parts = [in_unit(m, parent.unit) if money else claim_value(m) for m in members]
        total = value_sum(parts)
        complete = members[0].part_of.complete
        names = "、".join(m.subject or m.canonical or "?" for m in members)
        yield Instance(
            claim_value(parent),
            total,
            "==" if complete else ">=",
            f"{said(parent)}中的{parent.subject or parent.canonical}",
            f"其中所列 {names} 之和" + ("" if complete else "（应不大于总数）"),
            context_of(parent),
        )
