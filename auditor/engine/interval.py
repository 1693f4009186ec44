"""Closed-interval arithmetic over Decimal for figures rounded to a number of decimals.

A figure `v` shown with `d` decimals stands for every exact amount that rounds to it, that is
the closed interval [v − ½·10^−d, v + ½·10^−d]. An identity between rounded figures holds
when the intervals of its two sides meet (the XBRL Calculations 1.1 rule). Floats are never
used: every bound is an exact Decimal, and the only inexact operation (division) rounds its
lower bound down and its upper bound up, so an interval never shrinks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal

# Division is the one operation whose result may not be exact; 40 digits is far beyond any
# figure in a disclosure, and outward rounding keeps the interval a safe enclosure.
_DOWN = Context(prec=40, rounding=ROUND_FLOOR)
_UP = Context(prec=40, rounding=ROUND_CEILING)
ZERO = Decimal(0)


def half_unit(decimals: int) -> Decimal:
    """½·10^−d as an exact Decimal: 0.005 for two decimals, 0.5 for none."""
    return Decimal(5).scaleb(-decimals - 1)


class DivisionByZero(ArithmeticError):
    """The divisor's interval contains 0, so the quotient is unbounded."""


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    # -- construction --------------------------------------------------------------
    @classmethod
    def exact(cls, value: Decimal | int | str) -> Interval:
        v = Decimal(value)
        return cls(v, v)

    @classmethod
    def of(cls, value: Decimal | int | str, decimals: int) -> Interval:
        """The interval a figure shown with `decimals` decimals stands for."""
        v = Decimal(value)
        h = half_unit(decimals)
        return cls(v - h, v + h)

    # -- arithmetic -------------------------------------------------------------------
    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise DivisionByZero(f"divisor interval [{other.lo}, {other.hi}] contains 0")
        lows = [_DOWN.divide(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        highs = [_UP.divide(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(lows), max(highs))

    def __abs__(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(ZERO, max(-self.lo, self.hi))

    def minimum(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), min(self.hi, other.hi))

    def maximum(self, other: Interval) -> Interval:
        return Interval(max(self.lo, other.lo), max(self.hi, other.hi))

    # -- comparison ---------------------------------------------------------------------
    def meets(self, other: Interval) -> bool:
        """True when the closed intervals share at least one point (touching counts)."""
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def may_be_le(self, other: Interval) -> bool:
        """Some choice of exact amounts makes self <= other."""
        return self.lo <= other.hi

    def may_be_lt(self, other: Interval) -> bool:
        return self.lo < other.hi

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    def __str__(self) -> str:
        return f"[{self.lo}, {self.hi}]"


def interval_sum(items: list[Interval] | tuple[Interval, ...]) -> Interval:
    """Σ of intervals; the sum over nothing is an exact 0 (not a rounded one)."""
    total = Interval.exact(0)
    for item in items:
        total = total + item
    return total


def percent_consistent(stated: Decimal, decimals: int, ratio: Interval) -> bool:
    """Is a stated percentage `stated` (shown with `decimals`) a rounding of ratio × 100?

    `ratio` is the exact-ratio interval computed from the rounded inputs (part / whole); the
    statement is consistent when its own rounding interval meets ratio × 100.
    """
    return Interval.of(stated, decimals).meets(ratio * Interval.exact(100))


def ratio_percent(part: Interval, whole: Interval) -> Interval:
    """part / whole × 100 as an interval (raises DivisionByZero when whole may be 0)."""
    return (part / whole) * Interval.exact(100)
