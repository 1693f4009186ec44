"""paired_lists: two tables listing the same items agree in names (D302) and amounts (C201)."""

from __future__ import annotations

from decimal import Decimal as D

from auditor.audit import AuditOptions, audit_document, load_all_rules
from auditor.readers.txt import read_txt_bytes

RULES = load_all_rules()
HEAD = "测试中心2023年度部门决算公开\n\n说明。\n\n"
CONTRACTS = "序号\t项目名称\t项目金额(元)\t合同编号\n1\t光缆维护\t1000\tHT1\n2\t摄像头维护\t2000\tHT2\n\n"


def audit(text: str):
    doc = read_txt_bytes("lists.txt", (HEAD + text).encode())
    return audit_document(doc, RULES, AuditOptions(select=["C2", "D302"]))


def reserved(rows: str) -> str:
    return "序号\t项目名称\t项目金额(元)\t预留比例(%)\t预留金额(元)\n" + rows


def test_same_lists_agree():
    report = audit(CONTRACTS + reserved("1\t光缆维护\t1000\t100%\t1000\n2\t摄像头维护\t2000\t100%\t2000\n"))
    assert report.findings == []


def test_a_renamed_item_is_a_warning_and_a_changed_amount_an_error():
    report = audit(CONTRACTS + reserved("1\t光缆维修\t1000\t100%\t1000\n2\t摄像头维护\t2500\t100%\t2500\n"))
    assert [(f.rule, f.severity, f.locations[0].line, f.message) for f in report.findings] == [
        ("D302", "warning", 6, "政府采购合同表 第 1 项“光缆维护”在中小企业预留项目表中写作“光缆维修”"),
        ("C201", "error", 7, "政府采购合同表 行 摄像头维护 列 项目金额(元)：2000 ≠ 中小企业预留项目表 行 摄像头维护 "
                             "列 项目金额(元) 2500，相差 -500"),
    ]
    assert (report.findings[1].expected, report.findings[1].actual) == (D("2500"), D("2000"))


def test_lists_of_different_lengths_pair_by_name():
    report = audit(CONTRACTS + reserved("1\t摄像头维护\t2000\t100%\t2000\n"))
    assert [(f.rule, f.message) for f in report.findings] == [
        ("D302", "政府采购合同表 列出 2 项，中小企业预留项目表 列出 1 项")]


def test_final_seed_names_differ_in_three_items():
    from conftest import FINAL_SEED

    report = audit_document(read_txt_bytes(str(FINAL_SEED), FINAL_SEED.read_bytes()), RULES,
                            AuditOptions(select=["C2", "D302"]))
    assert [(f.rule, f.locations[0].line, f.locations[1].line) for f in report.findings] == [
        ("D302", 423, 447), ("D302", 425, 449), ("D302", 442, 466)]
