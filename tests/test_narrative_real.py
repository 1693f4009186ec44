"""The N and D rules on sentences taken from real disclosures (fixtures/corpus), against small tables.

Each test names the document and page the sentence comes from, and pins the exact finding
(rule, severity, line) or that there is none.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_narrative_rules import L, audit_text, prose, summary

from auditor.audit import load_all_rules
from auditor.engine import select_rules

D = Decimal


@pytest.fixture(scope="module")
def n_rules():
    return select_rules(load_all_rules(), ["N"])


@pytest.fixture(scope="module")
def nd_rules():
    return select_rules(load_all_rules(), ["N", "D1", "D2", "D4"])


# -- subjects ------------------------------------------------------------------------------------


def test_an_item_under_a_class_heading_is_looked_up_under_that_class(n_rules):
    # jiangsu-shengwei p8: （一）一般公共服务（类） / 1．…（款）…（项）支出…
    ok = prose("（一）一般公共服务（类）", "1．政府办公厅（室）及相关机构事务（款）事业运行（项）支出300.00万元。")
    assert summary(audit_text(ok, n_rules)) == []
    wrong = ok.replace("支出300.00万元", "支出310.00万元")
    assert summary(audit_text(wrong, n_rules)) == [("N101", "error", L + 2)]


def test_a_kuan_and_xiang_written_as_one_name(n_rules):
    # jiangsu-renda p26: 一般公共服务 / 1. 人大事务行政运行（项）支出10528.33万元 (that is the 款's figure)
    wrong = prose("其中：", "一般公共服务", "1. 政府办公厅（室）及相关机构事务事业运行（项）支出310.00万元。")
    found = audit_text(wrong, n_rules)
    assert summary(found) == [("N101", "error", L + 4)] and found[0].expected == D("300.00")


def test_an_item_named_by_its_code(n_rules):
    # swu-deptfinal p17: 1.小学教育（2050202），2023年度决算数为7,970.38万元
    ok = prose("1.事业运行（2010350），2023年度决算数为300.00万元。")
    assert summary(audit_text(ok, n_rules)) == []
    found = audit_text(ok.replace("300.00万元", "303.00万元"), n_rules)
    assert summary(found) == [("N101", "error", L)]
    coded = prose("一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）事业运行（50项）303.00万元。")
    assert summary(audit_text(coded, n_rules)) == [("N101", "error", L)]


def test_numbered_items_are_not_one_quantity_stated_many_times(n_rules):
    # swu-deptfinal p17-18: twelve items each `2023年度决算数为X万元`, after 项目支出…
    text = prose(
        "学校2023年度支出总计为300.00万元，其中基本支出100.00万元；项目支出200.00万元。具体包括：",
        "1.小学教育（2050202），2023年度决算数为120.00万元，比2022年度决算数增长0.39%。",
        "2.高中教育（2050204），2023年度决算数为180.00万元，比2022年度决算数增长17.14%。",
    )
    assert summary(audit_text(text, n_rules)) == []  # the items make up the 300.00, each is its own
    wrong = text.replace("180.00万元", "190.00万元")
    assert summary(audit_text(wrong, n_rules)) == [("N105", "error", L)]


def test_a_qualified_subject_is_not_the_total(n_rules):
    # jiangsu-jianchayuan p18: 1．财政拨款收入预算总计 / 2．其他资金收入预算总计 under （一）收入预算总计
    text = prose(
        "（一）收入预算总计300.00万元。包括：1．财政拨款收入预算总计285.00万元。2．其他资金收入预算总计15万元。"
    )
    assert [r for r, _, _ in summary(audit_text(text, n_rules))] == []


def test_a_class_under_a_fiscal_appropriations_heading_is_not_the_departments(n_rules):
    # swu-deptbudget p12: （四）财政拨款支出预算情况说明 … 其中教育支出预算数为207,796.18万元 (the
    # 财政拨款 table's 205), not the 部门支出总表's 398,593.09
    plain = prose("其中一般公共服务支出决算数为250.00万元。")
    assert summary(audit_text(plain, n_rules)) == [("N101", "error", L)]
    scoped = prose("（四）财政拨款支出决算表说明", "其中一般公共服务支出决算数为250.00万元。")
    assert summary(audit_text(scoped, n_rules)) == []  # no 财政拨款支出决算表 to compare it with
