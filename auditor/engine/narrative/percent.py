"""A stated percentage (share, rate, completion) against the one computed from its figures."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..evaluate import FAIL, OK, Instance, Problem, Value, judge
from ..interval import Interval
from .facts import Output, fmt

HUNDRED = Interval.exact(100)


def round_to(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent_value(part: Value, whole: Value, decimals: int) -> Value:
    """part / whole × 100 as a Value; shown rounded like the stated percentage (raises DivisionByZero)."""
    interval = (part.interval / whole.interval) * HUNDRED
    shown = round_to(part.shown / whole.shown * 100, decimals) if whole.shown else Decimal(0)
    return Value(interval, shown, part.facts + whole.facts)


def truncated(stated: Decimal, decimals: int, exact: Interval) -> bool:
    """The stated percentage is the exact rate cut off (not rounded) at `decimals`."""
    step = Decimal(1).scaleb(-decimals)
    if stated >= 0:
        return Interval(stated, stated + step).meets(exact)
    return Interval(stated - step, stated).meets(exact)


def check_percent(
    stated: Value,
    computed: Value,
    value: Decimal,
    decimals: int,
    subject: str,
    obj: str,
    context: dict[str, str],
    balanced: bool = False,
) -> Iterator[Output]:
    """A stated percentage against the computed one.

    Near misses have severities of their own (conventions): a share one last digit off in a list
    of shares that add up to exactly 100 % (`balanced`: nudged so that they do) is an info; a
    percentage cut off instead of rounded, or 0.01 point off, is a warning.
    """
    outcome = judge("==", stated, computed)
    step = Decimal(1).scaleb(-decimals)
    if outcome == FAIL and balanced and abs(value - computed.shown) == step:
        yield Problem(
            f"{subject}：{fmt(value)}% 与四舍五入的结果差一个末位（{obj} {fmt(computed.shown)}%），"
            f"似为使各部分占比之和恰为 100% 而作的调整",
            stated.facts + computed.facts,
            "info",
            value,
        )
        return
    if outcome == FAIL and truncated(value, decimals, computed.interval):
        cut = computed.interval.lo.quantize(step, rounding=ROUND_DOWN)
        yield Problem(
            f"{subject}：{fmt(value)}% 是截断而非四舍五入的结果（{obj} {fmt(computed.shown)}%，"
            f"截断为 {fmt(cut)}%）",
            stated.facts + computed.facts,
            "warning",
            value,
        )
        return
    if outcome == FAIL and step <= ONE_HUNDREDTH and _one_step_off(value, step, computed.interval):
        yield Problem(
            f"{subject}为 {fmt(value)}%，按 {obj} {fmt(computed.shown)}%，相差一个末位（{fmt(step)} 个百分点）",
            stated.facts + computed.facts,
            "warning",
            value,
        )
        return
    if outcome != OK:
        yield Instance(stated, computed, "==", subject, obj, context)


ONE_HUNDREDTH = Decimal("0.01")


def _one_step_off(stated: Decimal, step: Decimal, exact: Interval) -> bool:
    """The stated percentage is one unit of its last digit away from every rounding of the exact one."""
    half = step / 2
    return Interval(stated - step - half, stated + step + half).meets(exact)
