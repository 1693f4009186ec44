"""What the built-in packs report on the real documents: the real inconsistencies, nothing for rounding."""

from __future__ import annotations

from decimal import Decimal as D

from conftest import BUDGET_SEED, FINAL_SEED, FIXTURES, ledger_from_text

from auditor.audit import AuditOptions, audit_document, audit_file, load_all_rules
from auditor.readers.txt import read_txt_bytes

RULES = load_all_rules()


OPTIONAL_LISTS = {("C201", "缺少表：政府采购合同表"), ("D302", "缺少表：政府采购合同表")}


def unexpected_skips(report):
    """Skips other than those of the rules on procurement lists, which most documents do not have."""
    return [(s.rule, s.reason) for s in report.skipped if (s.rule, s.reason) not in OPTIONAL_LISTS]


def summary(report):
    return [(f.rule, f.severity, f.locations[0].line if f.locations else None) for f in report.findings]


def audit_seed(path, show_rounding=False):
    doc = read_txt_bytes(str(path), path.read_bytes())
    return audit_document(doc, RULES, AuditOptions(show_rounding=show_rounding))


def test_budget_seed_findings():
    report = audit_seed(BUDGET_SEED)
    assert summary(report) == [("D301", "warning", 98), ("D301", "warning", 295)]
    assert unexpected_skips(report) == []


def test_final_seed_findings():
    report = audit_seed(FINAL_SEED)
    assert summary(report) == [("N106", "error", 420), ("N107", "error", 420), ("D302", "warning", 423),
                               ("D302", "warning", 425), ("D302", "warning", 442), ("N103", "error", 478),
                               ("N104", "error", 484)]
    assert [(f.expected, f.actual) for f in report.findings if f.rule.startswith("N")] == [
        (D("643.3348"), D("1017.76")), (D("1017.76"), D("1017")), (D("96.60"), D("91.10")), (D("100.00"), D("91.10"))]


def test_rounding_differences_are_only_infos_on_request():
    plain = audit_seed(FINAL_SEED)
    rounding = audit_seed(FINAL_SEED, show_rounding=True)
    extra = [f for f in rounding.findings if f not in plain.findings]
    assert extra and {f.severity for f in extra} == {"info"}
    # 卫生健康支出 87.58 against 84.36 + 3.23 is one of them
    assert any(f.rule == "F110" and f.actual == D("87.58") and f.expected == D("87.59") for f in extra)
    budget = audit_seed(BUDGET_SEED, show_rounding=True)
    assert [(f.rule, f.actual, f.expected) for f in budget.findings if f.severity == "info"] == [
        ("B104", D("263.71"), D("263.70")), ("B115", D("263.71"), D("263.70"))]


def test_putuo_pdf_findings():
    report = audit_file(FIXTURES / "pdf" / "putuo-social-work-2024-final.pdf", RULES, AuditOptions())
    # N113: 完成年初预算的95.89% with a 年初预算 of 0 (advice on the wording);
    # N110: SMEs won 21.07万元 in reserved and 21.07万元 in other projects, of 21.07万元 procured in all.
    # D103: the template's instruction 无…的，仍保留该表格式，并在本表下方作下述说明 left in two table notes
    assert summary(report) == [("D103", "warning", 7), ("D103", "warning", 7), ("N103", "info", 7),
                               ("N113", "info", 10), ("N110", "error", 7)]
    assert [f.locations[0].page for f in report.findings] == [15, 16, 18, 18, 22]
    assert unexpected_skips(report) == []


def test_template_pdf_has_no_arithmetic_errors():
    report = audit_file(FIXTURES / "pdf" / "national-final-accounts-template.pdf", RULES, AuditOptions())
    assert report.counts()["error"] == 0
    assert {f.rule for f in report.findings} == {"D101", "D102", "D103"}


LAYOUT_B_SANGONG = """测试中心2024年度部门决算公开

财政拨款“三公”经费支出决算表
单位：万元
财政拨款“三公”经费\t\t\t\t\t\t\t\t\t\t\t
合计\t\t因公出国（境）费\t\t公务用车购置及运行维护费\t\t\t\t\t\t公务接待费\t
\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行维护费\t\t\t
预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数
3.00\t2.00\t1.00\t1.00\t1.00\t0.50\t0.00\t0.00\t1.00\t0.50\t1.00\t0.60
"""


def test_sangong_table_with_measures_under_items():
    report = audit_document(read_txt_bytes("x.txt", LAYOUT_B_SANGONG.encode()), RULES, AuditOptions(select=["F"]))
    assert [(f.rule, f.actual, f.expected) for f in report.findings] == [("F130", D("2.00"), D("2.10"))]
    assert ledger_from_text(LAYOUT_B_SANGONG).tables[0].columns[1] == "财政拨款三公经费/合计/决算数"
