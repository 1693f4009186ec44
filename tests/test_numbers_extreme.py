"""Numbers of any length or precision: up to 30 digits they are exact figures (sums never round),
longer ones are refused with a read warning, and no arithmetic raises."""

from __future__ import annotations

from decimal import Decimal

from conftest import FIXTURES

from auditor.audit import AuditOptions, audit_bytes, bounded, load_all_rules
from auditor.engine.interval import Interval, interval_sum
from auditor.numbers import MAX_DIGITS, overlong_numbers, parse_number
from auditor.prose.figures import scan

RULES = load_all_rules()
FINAL = FIXTURES / "seeds" / "pingfang-smart-city-2023-final.txt"


def test_thirty_digits_parse_exactly_and_more_are_refused():
    thirty = "1" * 28 + ".25"
    assert parse_number(thirty).value == Decimal(thirty) and parse_number(thirty).decimals == 2
    assert parse_number("1" * 31) is None
    assert parse_number("0." + "0" * 39 + "1") is None
    assert parse_number("1,234,567,890,123,456,789,012,345,678.90").value == Decimal("1234567890123456789012345678.90")
    assert MAX_DIGITS == 30


def test_overlong_runs_are_found_in_any_text():
    assert overlong_numbers("共计" + "9" * 31 + "万元，增长1.5%") == ["9" * 31]
    assert overlong_numbers("统一社会信用代码 91230100MA1ABCDE12，账号 6222020200112233445") == []


def test_prose_figures_skip_overlong_numbers():
    figures = scan("支出" + "1" * 40 + "万元，其中基本支出12.50万元")
    assert [(f.value, f.unit) for f in figures] == [(Decimal("12.50"), "万元")]


def test_sums_of_thirty_digit_figures_stay_exact():
    big = "9" * 28 + ".99"
    with bounded(AuditOptions()):
        total = interval_sum([Interval.of(big, 2)] * 1000)
    assert str(total.lo) == "9" * 28 + "985.000"  # 1000 × big − 1000 × 0.005, not rounded to 28 digits
    assert str(total.hi) == "9" * 28 + "995.000"


def test_a_disclosure_of_extreme_figures_is_audited_with_read_warnings():
    text = FINAL.read_text(encoding="utf-8")
    tiny = "0." + "0" * 39 + "1"
    huge = "1" * 45 + "." + "0" * 40 + "1"
    hostile = text.replace("\t3.23\t", f"\t{tiny}\t", 3).replace("1,254.29万元", huge + "万元", 1)
    hostile = hostile.replace("91.10%", "0." + "0" * 50 + "1%", 1)
    report = audit_bytes("extreme.txt", hostile.encode("utf-8"), RULES, AuditOptions())
    assert report.error is None
    overlong = [w for w in report.warnings if "超过 30 位，未作为数字核对" in w]
    assert len(overlong) == 5, overlong
    assert any(w.startswith("第") and f"有 {len(huge) - 1} 位" in w for w in overlong)
    big_figures = text.replace("\t3.23\t", "\t" + "1" * 26 + ".00\t", 2)  # 28 digits: figures, exactly
    report = audit_bytes("big.txt", big_figures.encode("utf-8"), RULES, AuditOptions())
    assert report.error is None and not [w for w in report.warnings if "位，未作为数字核对" in w]


def test_a_rule_whose_arithmetic_overflows_is_skipped_not_a_crash(monkeypatch):
    import decimal

    from auditor.engine import run as engine_run

    real = engine_run.to_finding

    def overflowing(rule, out, show_rounding):
        if rule.id == "F109":
            raise decimal.InvalidOperation([decimal.InvalidOperation])
        return real(rule, out, show_rounding)

    monkeypatch.setattr(engine_run, "to_finding", overflowing)
    report = audit_bytes("x.txt", (FIXTURES / "tricky" / "final-small-errors.txt").read_bytes(), RULES,
                         AuditOptions())
    assert report.error is None
    assert "F109" not in {f.rule for f in report.findings}
    assert ("F109", engine_run.OUT_OF_RANGE) in {(s.rule, s.reason) for s in report.skipped}
    assert {"F108", "F110"} <= {f.rule for f in report.findings}  # the other rules still ran
