"""Claims as pseudo-facts of the table 情况说明, and the small value helpers every N check uses.

A claim enters the engine as a Fact of the table `情况说明` (row: the canonical subject,
label: a short quote, column: the claim kind), so that a finding points at the sentence's
line and page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from auditor.ledger import Fact
from auditor.prose.figures import MONEY_SCALE

from ..address import View
from ..evaluate import Instance, Problem, Skip, Value
from ..interval import Interval, interval_sum

Output = Instance | Problem | Skip
PROSE_TABLE = "情况说明"
KIND_COLUMN = {"amount": "金额", "change": "增减额", "share": "占比", "completion": "完成率", "count": "数量"}


def claims_of(view: View) -> list[Any]:
    return list(getattr(view.ledger, "claims", None) or [])


_CLAUSE = re.compile(r"[，,；;。！？!?：:]")


def short_quote(claim: Any, width: int = 36) -> str:
    """The clause of the sentence that holds the figure (or 持平), shortened to `width`."""
    text = claim.sentence
    at = getattr(claim, "offset", None)
    if at is None or not 0 <= at < len(text) or (claim.text and not text.startswith(claim.text, at)):
        at = text.find(claim.text) if claim.text else text.find("持平")
    if at < 0:
        return text[:width] + ("…" if len(text) > width else "")
    end = at + max(len(claim.text), 2)
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    m = _CLAUSE.search(text, end)
    stop = m.start() if m else len(text)
    clause = text[start:stop].strip("…")
    at -= start
    if len(clause) > width:
        a = max(0, min(end - start - width, len(clause) - width))
        clause = ("…" if a else "") + clause[a : a + width] + ("…" if a + width < len(clause) else "")
    return clause


def where(claim: Any) -> str:
    return f"第{claim.page}页第{claim.line}行" if claim.page else f"第{claim.line}行"


def claim_fact(
    claim: Any,
    column: str | None = None,
    value: Decimal | None = None,
    decimals: int | None = None,
    unit: str | None = None,
) -> Fact:
    """A claim as a Fact of the pseudo-table 情况说明, so that findings point at its sentence."""
    return Fact(
        table=PROSE_TABLE,
        table_id=-1,
        row=claim.canonical or claim.subject or "（未指明科目）",
        label=short_quote(claim),
        column=column or KIND_COLUMN.get(claim.kind, claim.kind),
        value=claim.value if value is None and claim.value is not None else (value or Decimal(0)),
        decimals=claim.decimals if decimals is None else decimals,
        unit=claim.unit if unit is None else unit,
        line=claim.line,
        page=claim.page,
    )


def claim_value(claim: Any) -> Value:
    """A claim's figure as the interval it stands for; counts and a bare `0万元` are exact."""
    fact = claim_fact(claim)
    if exact(claim):
        return Value(Interval.exact(fact.value), fact.value, (fact,))
    return Value(Interval.of(fact.value, fact.decimals), fact.value, (fact,))


def exact(claim: Any) -> bool:
    """Counts (18个, 0辆) are whole numbers, not roundings; `工程采购金额0万元` written without
    decimals means none at all, not anything under 0.5万元."""
    if claim.kind == "count":
        return True
    return claim.value == 0 and claim.decimals == 0 and claim.unit in MONEY_SCALE


def rate_value(claim: Any) -> Value:
    """A change claim's rate (增长5.39%) as a value of its own."""
    fact = claim_fact(claim, column="增减率", value=claim.rate, decimals=claim.rate_decimals, unit="%")
    return Value(Interval.of(fact.value, fact.decimals), fact.value, (fact,))


def said(claim: Any) -> str:
    """`第398行“比上年决算数减少280.34万元”` — where and what, for messages."""
    return f"{where(claim)}“{short_quote(claim)}”"


def fmt(value: Decimal) -> str:
    if value == 0:
        value = abs(value)
    return format(value, "f")


def is_money(claim: Any) -> bool:
    return claim.value is not None and claim.unit in MONEY_SCALE


def scale(value: Value, from_unit: str, to_unit: str) -> Value:
    """A money value expressed in another unit (元 → 万元 divides by 10,000)."""
    if from_unit == to_unit or from_unit not in MONEY_SCALE or to_unit not in MONEY_SCALE:
        return value
    shift = MONEY_SCALE[from_unit] - MONEY_SCALE[to_unit]
    factor = Decimal(1).scaleb(shift)
    return Value(value.interval * Interval.exact(factor), value.shown.scaleb(shift), value.facts)


def in_unit(claim: Any, unit: str) -> Value:
    return scale(claim_value(claim), claim.unit, unit)


def value_sum(values: Iterable[Value]) -> Value:
    """Σ values: intervals added, shown figures added, facts kept."""
    values = list(values)
    return Value(
        interval_sum([v.interval for v in values]),
        sum((v.shown for v in values), Decimal(0)),
        tuple(f for v in values for f in v.facts),
    )


def context_of(claim: Any) -> dict[str, str]:
    """The message placeholders ({table}, {row}, {label} …) of a finding about `claim`."""
    return {
        "table": PROSE_TABLE,
        "row": claim.canonical or claim.subject,
        "label": short_quote(claim),
        "code": "",
        "col": KIND_COLUMN.get(claim.kind, claim.kind),
    }
