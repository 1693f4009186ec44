"""The ledger of the two seed disclosures: tables, document facts, figures, coverage."""

from __future__ import annotations

from decimal import Decimal

from conftest import BUDGET_SEED, FINAL_SEED, fact

from auditor.extract import build_ledger
from auditor.readers.txt import read_txt_bytes


def test_budget_seed_document_and_tables(budget_ledger):
    info = budget_ledger.info
    assert (info.kind, info.year, info.department, info.unit) == ("budget", 2025, "漠河市智慧城市服务中心", "万元")
    assert [t.type for t in budget_ledger.tables] == [
        "机构设置表", "部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表",
        "一般公共预算基本支出表", "三公经费支出表", "政府性基金预算支出表", "国有资本经营预算支出表",
        "一般公共预算项目支出表", "部门预算项目支出表", "部门整体绩效表", "项目绩效目标表",
    ]
    cov = budget_ledger.coverage
    assert (cov.placed, cov.figures) == (448, 448)
    assert cov.counts() == {"fact": 448, "index": 1, "code": 78, "identifier": 0, "unplaced": 0}


def test_final_seed_document_and_tables(final_ledger):
    info = final_ledger.info
    assert (info.kind, info.year, info.department, info.unit) == (
        "final", 2023, "哈尔滨市平房区智慧城市发展中心", "万元")
    assert [t.type for t in final_ledger.tables] == [
        "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表", "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表", "财政拨款三公经费支出决算表", "政府采购合同表", "中小企业预留项目表",
    ]
    cov = final_ledger.coverage
    assert cov.placed == cov.figures == 679
    assert cov.counts()["unplaced"] == 0


def test_budget_economic_classification_figure(budget_ledger):
    f = fact(budget_ledger, "一般公共预算基本支出表", "30216", "公用经费")
    assert (f.label, f.column, f.value, f.decimals, f.unit, f.line) == (
        "培训费", "一般公共预算基本支出/公用经费", Decimal("1.53"), 2, "万元", 216)


def test_final_expense_table_project_column(final_ledger):
    f = fact(final_ledger, "支出决算表", "2100410", "项目支出")
    assert (f.value, f.line, f.label) == (Decimal("84.36"), 186, "突发公共卫生事件应急处理")
    # the rows after the repeated header on the continuation belong to the same table
    f = fact(final_ledger, "支出决算表", "2210202", "基本支出")
    assert (f.value, f.line, f.table_id) == (Decimal("4.34"), 196, 2)


def test_final_procurement_list_in_yuan(final_ledger):
    rows = [f for f in final_ledger.facts if f.table == "政府采购合同表"]
    assert len(rows) == 22
    assert all(f.unit == "元" and f.column == "项目金额(元)" and f.decimals == 0 for f in rows)
    amounts = [648000, 99800, 680000, 549800, 255000, 300000, 149500, 299900, 499980, 150000, 100000, 91200,
               36500, 72300, 100000, 533168, 499000, 164800, 184800, 349800, 599800, 70000]
    assert [(f.line, f.value) for f in rows] == list(zip(range(423, 445), amounts, strict=True))
    assert rows[15].label == "平房区人武部军地联合作战指挥室建设项目"
    assert sum(f.value for f in rows) == Decimal("6433348")
    # the same label three times gets numbered keys
    assert [f.row for f in rows if f.label == "电子卖场采购合同ups电源"] == [
        "电子卖场采购合同ups电源", "电子卖场采购合同ups电源#2", "电子卖场采购合同ups电源#3"]


def test_final_summary_table_halves(final_ledger):
    left = fact(final_ledger, "收入支出决算总表", "一、一般公共预算财政拨款收入", "金额")
    right = fact(final_ledger, "收入支出决算总表", "九、卫生健康支出", "金额")
    assert (left.column, left.value, left.group, left.line) == ("收入/金额", Decimal("1376.70"), 0, 82)
    assert (right.column, right.value, right.group, right.line) == ("支出/金额", Decimal("87.58"), 1, 90)
    # a 行次 figure is an index, never a fact
    assert not [f for f in final_ledger.facts if f.table == "收入支出决算总表" and "行次" in f.column]


def test_final_economic_table_three_groups(final_ledger):
    table = final_ledger.tables_of("一般公共预算财政拨款基本支出决算表")[0]
    assert table.columns == ["决算数"]
    assert fact(final_ledger, table.type, "30239", "决算数").value == Decimal("2.45")
    assert fact(final_ledger, table.type, "30239", "决算数").group == 1
    assert fact(final_ledger, table.type, "人员经费合计", "决算数").value == Decimal("72.38")
    assert fact(final_ledger, table.type, "公用经费合计", "决算数").group == 2
    assert table.facts == 83


def test_empty_tables_flagged(final_ledger, budget_ledger):
    empty = [t.type for t in final_ledger.tables if t.empty]
    assert empty == ["政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表", "财政拨款三公经费支出决算表"]
    assert [t.type for t in budget_ledger.tables if t.empty] == [
        "政府性基金预算支出表", "国有资本经营预算支出表", "项目绩效目标表"]


def test_performance_targets_keep_their_units(budget_ledger):
    table = budget_ledger.tables_of("部门整体绩效表")[0]
    assert not table.money
    assert fact(budget_ledger, "部门整体绩效表", "预算实施进度", "目标值").unit == "%"  # a shifted row, realigned
    assert fact(budget_ledger, "部门整体绩效表", "调剂次数", "目标值").unit == "次"


def test_gbk_and_utf16_give_the_identical_ledger(budget_ledger):
    text = BUDGET_SEED.read_text(encoding="utf-8")
    for data in (text.encode("gb18030"), text.encode("utf-16"), text.replace("\n", "\r\n").encode("utf-8-sig")):
        other = build_ledger(read_txt_bytes(str(BUDGET_SEED), data))
        assert other.facts == budget_ledger.facts
        assert other.info == budget_ledger.info


def test_final_seed_utf16_be_without_bom(final_ledger):
    data = FINAL_SEED.read_text(encoding="utf-8").encode("utf-16-be")
    assert build_ledger(read_txt_bytes(str(FINAL_SEED), data)).facts == final_ledger.facts


def test_procurement_tables_keep_their_own_unit(final_ledger):
    assert [(t.type, t.unit) for t in final_ledger.tables[-2:]] == [("政府采购合同表", "元"), ("中小企业预留项目表", "元")]
    assert final_ledger.info.unit == "万元"
