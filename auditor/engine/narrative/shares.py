"""N: 占…% = part / whole, as rounded; no part over 100 %; the shares of a partition add to 100 %."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..address import View
from ..evaluate import FAIL, Instance, Problem, Value, judge
from ..interval import DivisionByZero
from .facts import Output, claim_value, claims_of, context_of, fmt, in_unit, is_money, said, scale, value_sum
from .lookup import Probe, contradicted, table_values
from .params import SUBJECT_PARAMS
from .percent import HUNDRED, check_percent, percent_value

CLAIM_SHARE = SUBJECT_PARAMS


def claim_share(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """占…% = part / total, as rounded; a part's share never exceeds 100 %; partitions add to 100 %."""
    claims = claims_of(view)
    wrong = contradicted(view, claims, p)
    groups = _partition_shares(claims)
    balanced = {s.id for shares in groups for s in shares if sum(x.value for x in shares) == 100}
    for claim in claims:
        if claim.kind != "share" or claim.value is None or claim.repeats is not None or {claim.ref, claim.base_ref} & wrong:
            continue
        stated = claim_value(claim)
        part = claims[claim.ref] if claim.ref is not None else None
        base, base_desc = _share_base(view, claims, claim, p)
        if base is not None and part is not None and is_money(part):
            part_value = _sharpest(view, part, p, base[1])
            whole = base[0]
            if whole.shown == 0 and whole.interval.lo <= 0 <= whole.interval.hi:
                yield from _zero_base_share(claim, stated)
                continue
            try:
                computed = percent_value(part_value, whole, claim.decimals)
            except DivisionByZero:
                continue
            yield from check_percent(
                stated,
                computed,
                claim.value,
                claim.decimals,
                f"{said(claim)}中的占比",
                f"{said(part)} ÷ {base_desc} {fmt(whole.shown)}{base[1]} ×100% =",
                context_of(claim),
                balanced=claim.id in balanced,
            )
            continue
        if base is not None and base[0].shown == 0 and base[0].interval.hi < 1:
            yield from _zero_base_share(claim, stated)
            continue
        if stated.interval.lo > 100:
            yield Problem(
                f"{said(claim)}：部分占整体的比例 {fmt(claim.value)}% 超过 100%",
                stated.facts,
                None,
                claim.value,
            )
    yield from _partitions(groups)


def _sharpest(view: View, part: Any, p: dict[str, Any], unit: str) -> Value:
    """The part as precisely as the document knows it: `110万元` that the table shows as 110.00 is
    110.00 ± 0.005, not 110 ± 0.5 (the share is judged on what the figure is, not how it is written)."""
    mine = in_unit(part, unit)
    for _, value in table_values(view, part, p):
        value = scale(value, part.unit, unit)
        if value.interval.width < mine.interval.width and judge("==", mine, value) != FAIL:
            return Value(value.interval, mine.shown, mine.facts)
    return mine


def _zero_base_share(claim: Any, stated: Value) -> Iterator[Output]:
    """A share of a zero whole is not computed; only 0 % or 100 % can be said of it."""
    if claim.value not in (Decimal(0), Decimal(100)):
        yield Problem(
            f"{said(claim)}：所占的总额为 0，占比只能写 0% 或 100%，却为 {fmt(claim.value)}%",
            stated.facts,
            None,
            claim.value,
        )


def _share_base(
    view: View, claims: list[Any], claim: Any, p: dict[str, Any]
) -> tuple[tuple[Value, str], str] | tuple[None, str]:
    """The whole a share is of: the stated amount, else the table figure of its canonical subject."""
    if claim.base_ref is not None:
        b = claims[claim.base_ref]
        if is_money(b):
            return (claim_value(b), b.unit), said(b)
    if claim.of_canonical:
        ref = claims[claim.ref] if claim.ref is not None else None
        unit = ref.unit if ref is not None and is_money(ref) else "万元"
        probe = Probe(claim.of_canonical, unit, ref.period if ref else None, ref.measure if ref else None)
        found = table_values(view, probe, p)
        if found:
            desc, value = found[0]
            return (value, unit), desc
        parts = _components_stated(claims, claim)
        if parts:
            total = value_sum(in_unit(c, unit) for c in parts)
            return (total, unit), "、".join(said(c) for c in parts) + " 之和"
    return None, ""


def _components_stated(claims: list[Any], share: Any) -> list[Any]:
    """The amounts of the section that state each component of the share's whole (三公经费 =
    因公出国(境)费 + 公务用车购置及运行维护费 + 公务接待费), the first of each; [] unless all are stated."""
    from auditor.prose import load_vocabulary

    wanted = load_vocabulary().components(share.of_canonical)
    first: dict[str, Any] = {}
    for c in claims:
        if c.section == share.section and c.kind == "amount" and is_money(c) and c.canonical in wanted:
            first.setdefault(c.canonical, c)
    return [first[w] for w in wanted] if wanted and len(first) == len(wanted) else []


def _partition_shares(claims: list[Any]) -> list[list[Any]]:
    """The shares of the parts of each complete group of two or more parts that all state one."""
    groups: dict[int, list[Any]] = {}
    for c in claims:
        if c.part_of is not None and c.part_of.complete:
            groups.setdefault(c.part_of.group, []).append(c)
    out = []
    for members in groups.values():
        ids = {m.id for m in members}
        by_part = {c.ref: c for c in claims if c.kind == "share" and c.ref in ids and c.value is not None}
        if len(by_part) == len(ids) >= 2 and not all(s.repeats is not None for s in by_part.values()):
            out.append(list(by_part.values()))
    return out


def _partitions(groups: list[list[Any]]) -> Iterator[Output]:
    """Shares of every part of a complete group add up to 100 % within rounding."""
    for shares in groups:
        total = value_sum(claim_value(s) for s in shares)
        if not total.interval.meets(HUNDRED):
            yield Instance(total, Value.exact(100), "==", "各组成部分的占比之和", "", {})
