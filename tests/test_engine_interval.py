from decimal import Decimal as D

import pytest

from auditor.engine.interval import (
    DivisionByZero,
    Interval,
    half_unit,
    interval_sum,
    percent_consistent,
    ratio_percent,
)


def test_figure_interval_is_half_a_unit_either_side():
    assert Interval.of(D("263.71"), 2) == Interval(D("263.705"), D("263.715"))
    assert Interval.of(D("12"), 0) == Interval(D("11.5"), D("12.5"))
    assert half_unit(2) == D("0.005") and half_unit(0) == D("0.5")


def test_closed_intervals_meet_at_the_boundary():
    assert Interval.of(D("263.71"), 2).meets(Interval.of(D("263.70"), 2))  # touch at 263.705
    assert not Interval.of(D("263.72"), 2).meets(Interval.of(D("263.70"), 2))


def test_sum_of_rounded_parts_boundary():
    # 84.36 + 3.23 stands for [87.58, 87.60]: 87.58 (±0.005) meets it, 87.57 misses by one unit.
    parts = interval_sum([Interval.of(D("84.36"), 2), Interval.of(D("3.23"), 2)])
    assert parts == Interval(D("87.580"), D("87.600"))
    assert Interval.of(D("87.58"), 2).meets(parts)
    assert Interval.of(D("87.60"), 2).meets(parts)
    assert not Interval.of(D("87.61"), 2).meets(parts)  # [87.605, 87.615] misses 87.600
    assert not Interval.of(D("87.57"), 2).meets(parts)  # [87.565, 87.575] misses 87.580


def test_three_parts_meet_a_total_exactly_at_the_boundary():
    parts = interval_sum([Interval.of(D("1.00"), 2)] * 3)  # [2.985, 3.015]
    assert Interval.of(D("3.02"), 2).meets(parts)  # touches at 3.015
    assert Interval.of(D("2.98"), 2).meets(parts)  # touches at 2.985
    assert not Interval.of(D("3.03"), 2).meets(parts)
    assert not Interval.of(D("2.97"), 2).meets(parts)


def test_sum_over_nothing_is_exact_zero():
    assert interval_sum([]) == Interval.exact(0)


def test_subtraction_multiplication_division_and_abs():
    a, b = Interval(D("1"), D("2")), Interval(D("-3"), D("4"))
    assert a - b == Interval(D("-3"), D("5"))
    assert a * b == Interval(D("-6"), D("8"))
    assert -a == Interval(D("-2"), D("-1"))
    assert abs(b) == Interval(D("0"), D("4"))
    assert Interval(D("6"), D("8")) / Interval(D("2"), D("4")) == Interval(D("1.5"), D("4"))
    with pytest.raises(DivisionByZero):
        a / b
    with pytest.raises(DivisionByZero):
        a / Interval.of(D("0.00"), 2)


def test_division_rounds_outward():
    third = Interval.exact(1) / Interval.exact(3)
    assert third.lo * 3 <= 1 <= third.hi * 3


def test_no_floats_anywhere():
    r = ratio_percent(Interval.of(D("5.39"), 2), Interval.of(D("100.00"), 2))
    assert isinstance(r.lo, D) and isinstance(r.hi, D)


def test_percent_consistent_at_the_edges():
    # 10.00 / 185.53 = 5.3899...%; with the inputs' rounding the rate spans about 5.3870–5.3928 %.
    ratio = Interval.of(D("10.00"), 2) / Interval.of(D("185.53"), 2)
    assert percent_consistent(D("5.39"), 2, ratio)
    assert percent_consistent(D("5.4"), 1, ratio)
    assert not percent_consistent(D("5.38"), 2, ratio)  # 5.385 < lowest possible 5.3870
    assert not percent_consistent(D("5.40"), 2, ratio)
    # exact inputs: 1/8 = 12.5 % exactly; 12.5 with 1 decimal meets, 12.4 misses by one unit
    exact = Interval.exact(1) / Interval.exact(8)
    assert percent_consistent(D("12.5"), 1, exact)
    assert percent_consistent(D("13"), 0, exact)  # [12.5, 13.5] touches 12.5: closed
    assert not percent_consistent(D("12.4"), 1, exact)
