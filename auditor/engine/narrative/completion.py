"""N: 完成预算的…% = final / budget, for any of the budget figures stated for the same item."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.prose.grammar import YEAR as GRAMMAR_YEAR
from auditor.prose.grammar import family

from ..address import View
from ..evaluate import OK, ROUNDING, Problem, Value, judge
from ..interval import DivisionByZero
from .facts import Output, claim_fact, claim_value, claims_of, context_of, fmt, in_unit, is_money, said
from .lookup import contradicted
from .params import SUBJECT_PARAMS
from .percent import check_percent, percent_value

CLAIM_COMPLETION = SUBJECT_PARAMS
CLAIM_COMPLETION_BASIS = SUBJECT_PARAMS


def claim_completion(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """完成预算的…% = final / budget, for any of the budget figures stated for the same item."""
    for claim, final, tried in _completions(view, p):
        if not tried or any(o == OK for o, _, _ in tried):
            continue
        outcome, b, computed = next((t for t in tried if t[0] == ROUNDING), tried[0])
        yield from check_percent(
            claim_value(claim),
            computed,
            claim.value,
            claim.decimals,
            f"{said(claim)}中的完成率",
            f"{said(final)} ÷ {said(b)} ×100% =",
            context_of(claim),
        )


# Bases that name one budget figure, and the measures that are that figure (全年预算 = 调整预算).
_NAMED_BASES = {
    "年初预算": ("年初预算",),
    "调整预算": ("调整预算", "全年预算"),
    "全年预算": ("全年预算", "调整预算"),
}


def claim_completion_basis(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """`完成年初预算的95.89%` when the 年初预算 is 0 or not given, and the rate is that of another
    budget figure: consistent (any stated budget counts), but the wording names the wrong basis."""
    for claim, final, tried in _completions(view, p):
        names = _NAMED_BASES.get(claim.basis or "")
        if names is None:
            continue
        fits = [b for o, b, _ in tried if o == OK]
        if not fits or any(_is_basis(b, names) for b in fits):
            continue
        named = [b for b in _budgets(claims_of(view), claim, final) if _is_basis(b, names)]
        if any(b.value for b in named):
            continue  # the named basis is stated and not 0: N104 judges the rate
        b = fits[-1]
        state = (
            f"文中{claim.basis}为 {fmt(named[-1].value)}{named[-1].unit}"
            if named
            else f"文中未给出{claim.basis}"
        )
        yield Problem(
            f"{said(claim)}：{state}，完成率 {fmt(claim.value)}% 是按{said(b)}计算的，"
            f"宜写作“完成{_basis_word(b)}的{fmt(claim.value)}%”",
            (claim_fact(claim), claim_fact(b)),
            None,
            claim.value,
        )


def _is_basis(b: Any, names: tuple[str, ...]) -> bool:
    return any(n in (b.measure or "") for n in names)


def _basis_word(b: Any) -> str:
    m = GRAMMAR_YEAR.sub("", b.measure or "").removesuffix("数")
    return m if m.endswith("预算") else "预算"


def _completions(view: View, p: dict[str, Any]) -> Iterator[tuple[Any, Any, list[tuple[str, Any, Value]]]]:
    """Each completion claim with its final amount and (outcome, budget amount, computed rate) per budget."""
    claims = claims_of(view)
    wrong = contradicted(view, claims, p)
    for claim in claims:
        if claim.kind != "completion" or claim.value is None or claim.ref is None or claim.ref in wrong:
            continue
        if claim.repeats is not None:
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
        yield claim, final, tried


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
