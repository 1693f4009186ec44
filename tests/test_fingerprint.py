"""Finding fingerprints: made of rule, figures and table/row/column keys, never of line numbers."""

from decimal import Decimal as D

from auditor.report import FileReport, Finding, Location
from auditor.report.fingerprint import digest, fingerprints
from auditor.report.model import report_from_json


def finding(line: int, actual: str = "20.00", rule: str = "F108", row: str = "208") -> Finding:
    return Finding(rule, "error", "t", f"第{line}行：{actual}", D("21.00"), D(actual), None,
                   [Location(line, None, "支出决算表", row, "本年支出合计"),
                    Location(line + 1, None, "支出决算表", row, "基本支出")])


def test_the_fingerprint_is_the_hash_of_rule_figures_and_location_keys():
    key = "\x1e".join(["F108", "21.00", "20.00", "支出决算表\x1f208\x1f本年支出合计", "支出决算表\x1f208\x1f基本支出"])
    assert fingerprints([finding(30)]) == [digest(key + "\x1d1")]
    assert len(fingerprints([finding(30)])[0]) == 16


def test_lines_and_messages_do_not_count_figures_and_keys_do():
    (base,) = fingerprints([finding(30)])
    assert fingerprints([finding(31)]) == [base]  # the file moved down a line: same finding
    assert fingerprints([finding(30, actual="20.50")]) != [base]  # another figure: a new finding
    assert fingerprints([finding(30, rule="F110")]) != [base]
    assert fingerprints([finding(30, row="209")]) != [base]


def test_identical_findings_are_told_apart_by_their_order():
    first, second = fingerprints([finding(30), finding(40)])
    assert first != second and first == fingerprints([finding(30)])[0]


def test_reports_carry_fingerprints_through_their_json_form():
    report = FileReport("a.txt", findings=[finding(40), finding(30, actual="19.00")])
    data = report.to_json()
    prints = [f["fingerprint"] for f in data["findings"]]
    assert prints == fingerprints([finding(30, actual="19.00"), finding(40)])
    again = report_from_json(data)
    assert [f.fingerprint for f in again.findings] == prints
    # a thinned-out report keeps the fingerprints counted over all findings of the file
    data["findings"] = data["findings"][1:]
    assert [f.fingerprint for f in report_from_json(data).findings] == prints[1:]
