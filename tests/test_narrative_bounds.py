"""N110–N113: procurement parts within their totals, 机关运行经费 within 公用经费, zeros said in
words (无…/没有…) against the tables, and the wording of a completion rate's basis."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from test_narrative_rules import FINAL_HEAD, L, audit_text, prose, summary

from auditor.audit import load_all_rules
from auditor.document import Line
from auditor.engine import select_rules
from auditor.prose import extract_claims


@pytest.fixture(scope="module")
def n_rules():
    return select_rules(load_all_rules(), ["N"])


def rules_of(findings, prefix="N11"):
    return [(f.rule, f.severity, f.locations[0].line) for f in findings if f.rule.startswith(prefix)]


# -- procurement: subjects read from the whole clause group ------------------------------------------

AWARDS = (
    "2023年度本部门面向中小企业预留政府采购项目预算金额{a}万元，面向小微企业预留政府采购项目预算金额{b}万元。"
    "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额{c}万元；"
    "在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额{d}万元；"
    "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额{e}万元。"
)


def test_award_amounts_take_their_subject_from_the_clause_group():
    text = AWARDS.format(a="21.07", b="21.07", c="21.07", d="21.07", e="0")
    claims = [c for c in extract_claims([Line([text], 1)]) if c.kind == "amount"]
    assert [c.canonical for c in claims] == [
        "面向中小企业预留",
        "面向小微企业预留",
        "预留项目中小企业中标金额",
        "预留项目小微企业中标金额",
        "非预留项目中小企业中标金额",
    ]
    # A plain subject in the last clause is still read as before.
    plain = extract_claims([Line(["在其他项目中，政府采购货物支出5.00万元。"], 1)])
    assert plain[0].canonical == "政府采购货物"


def test_awards_by_how_they_were_awarded_do_not_exceed_the_total(n_rules):
    total = "政府采购金额（以合同签订为准）为21.07万元，其中：货物采购金额21.07万元。"
    putuo = prose(total, AWARDS.format(a="21.07", b="21.07", c="21.07", d="21.07", e="21.07"))
    found = audit_text(putuo, n_rules)
    assert rules_of(found) == [("N110", "error", L + 2)]
    assert (found[0].actual, found[0].expected) == (D("42.14"), D("21.07"))
    assert "非预留项目中小企业中标金额" in found[0].message and "政府采购总额" in found[0].message
    fixed = prose(total, AWARDS.format(a="21.07", b="21.07", c="21.07", d="21.07", e="0"))
    assert rules_of(audit_text(fixed, n_rules)) == []


def test_small_and_micro_within_small_and_medium(n_rules):
    reserved = prose(AWARDS.format(a="10.00", b="12.00", c="8.00", d="8.00", e="0"))
    assert rules_of(audit_text(reserved, n_rules)) == [("N110", "error", L)]
    won = prose(AWARDS.format(a="10.00", b="10.00", c="8.00", d="9.00", e="0"))
    assert rules_of(audit_text(won, n_rules)) == [("N110", "error", L)]
    granted = prose(
        "政府采购支出总额100.00万元。授予中小企业合同金额90.00万元，其中：授予小微企业合同金额95.00万元。"
    )
    assert rules_of(audit_text(granted, n_rules)) == [("N110", "error", L)]
    over = prose("政府采购支出总额100.00万元。授予中小企业合同金额120.00万元。")
    assert rules_of(audit_text(over, n_rules)) == [("N110", "error", L)]
    ok = prose(
        "政府采购支出总额100.00万元。授予中小企业合同金额100.00万元，其中：授予小微企业合同金额100.00万元。"
    )
    assert rules_of(audit_text(ok, n_rules)) == []


def test_budget_and_final_figures_are_not_compared():
    """A reserved 预算金额 is no part of the contracts signed: only figures of one kind are compared."""
    rules = select_rules(load_all_rules(), ["N110"])
    text = prose("政府采购支出总额10.00万元。授予中小企业合同金额预算数为20.00万元。")
    assert rules_of(audit_text(text, rules)) == []


# -- 机关运行经费 ≤ 公用经费 -------------------------------------------------------------------------


def test_running_costs_within_public_funds(n_rules):
    text = prose("其中：人员经费80.00万元，公用经费20.00万元。", "机关运行经费支出25.00万元。")
    found = audit_text(text, n_rules)
    assert rules_of(found) == [("N111", "warning", L + 2)]
    assert (found[0].actual, found[0].expected) == (D("25.00"), D("20.00"))
    assert rules_of(audit_text(text.replace("25.00万元", "20.00万元"), n_rules)) == []
    # The document's own glossary puts it inside 公用经费: an error.
    glossary = "机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"
    found = audit_text(text + "\n" + glossary + "\n", n_rules)
    assert rules_of(found) == [("N111", "error", L + 2)] and "名词解释" in found[0].message


def test_running_costs_against_the_table(n_rules):
    head = FINAL_HEAD.replace(
        "第三部分 情况说明",
        "一般公共预算财政拨款基本支出决算表\n\n单位：万元\n\n科目编码\t科目名称\t决算数\n"
        "\t人员经费合计\t80.00\n301\t工资福利支出\t80.00\n\t公用经费合计\t20.00\n302\t商品和服务支出\t20.00\n\n"
        "第三部分 情况说明",
    )
    line = head.count("\n") + 1
    found = audit_text(head + "机关运行经费支出25.00万元。\n", n_rules)
    assert rules_of(found) == [("N111", "warning", line)]
    assert found[0].expected == D("20.00") and "公用经费合计" in found[0].message


# -- zeros said in words --------------------------------------------------------------------------------

SANGONG = """2023年度部门决算公开说明

财政拨款“三公”经费支出决算表

单位：万元

预算数\t\t\t\t\t\t决算数\t\t\t\t\t
合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
{budget}\t0.00\t0.00\t0.00\t0.00\t{budget}\t{final}\t0.00\t0.00\t0.00\t0.00\t{final}

第三部分 情况说明

"""


def test_denials_become_zero_claims():
    claims = extract_claims(
        [
            Line(["本部门2024年度无“三公”经费财政拨款支出。"], 1),
            Line(["本部门2024年度无政府性基金预算财政拨款收入和支出。"], 2),
            Line(["本部门没有国有资本经营预算。"], 3),
            Line(
                ["无“三公”经费财政拨款支出的部门，作下述说明：上海市XX局2024年度无“三公”经费财政拨款支出。"],
                4,
            ),
            Line(["本年度无重点项目，无增减变化，无法按原计划实施。"], 5),
        ]
    )
    assert [(c.kind, c.line, c.canonical, c.period) for c in claims if c.kind == "none"] == [
        ("none", 1, "三公经费", "2024年度"),
        ("none", 2, "政府性基金预算财政拨款收入", "2024年度"),
        ("none", 2, "政府性基金预算财政拨款支出", "2024年度"),
        ("none", 3, "国有资本经营预算财政拨款收入", None),
        ("none", 3, "国有资本经营预算财政拨款支出", None),
    ]
    assert str(claims[0]) == "#0 第1行 称无 “三公”经费财政拨款支出［三公经费］"


def test_a_denial_against_the_table(n_rules):
    line = SANGONG.count("\n") + 1
    denial = "本部门2023年度无“三公”经费财政拨款支出。\n"
    assert rules_of(audit_text(SANGONG.format(budget="0.00", final="0.00") + denial, n_rules), "N") == []
    # A budget of 1.00 and nothing spent: the denial is about spending, still true.
    assert rules_of(audit_text(SANGONG.format(budget="1.00", final="0.00") + denial, n_rules), "N") == []
    found = audit_text(SANGONG.format(budget="1.00", final="0.60") + denial, n_rules)
    assert rules_of(found, "N") == [("N112", "error", line)]
    assert found[0].expected == D("0.60") and "称无三公经费" in found[0].message


def test_a_denial_against_an_amount_elsewhere_in_the_prose(n_rules):
    text = prose("本单位机关运行经费支出1.00万元。", "本单位是事业单位，无机关运行经费。")
    found = audit_text(text, n_rules)
    assert summary(found) == [("N108", "error", L)] and "却说没有" in found[0].message
    assert {loc.line for loc in found[0].locations} == {L, L + 2}


# -- the basis a completion rate names -------------------------------------------------------------------


def test_completion_of_a_zero_or_missing_initial_budget_is_advised(n_rules):
    zero = "一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。"
    found = audit_text(prose(zero), n_rules)
    assert rules_of(found) == [("N113", "info", L)]
    assert "年初预算为 0万元" in found[0].message and "完成全年预算的95.89%" in found[0].message
    missing = "项目支出全年预算为250.00万元，支出决算为200.00万元，完成年初预算的80.00%。"
    found = audit_text(prose(missing), n_rules)
    assert rules_of(found) == [("N113", "info", L)] and "未给出年初预算" in found[0].message
    # The named basis is stated and fits, or none is named, or 调整预算 = 全年预算: nothing to advise.
    named = (
        "项目支出年初预算为200.00万元，全年预算为250.00万元，支出决算为200.00万元，完成年初预算的100.00%。"
    )
    assert rules_of(audit_text(prose(named), n_rules)) == []
    plain = missing.replace("完成年初预算", "完成预算")
    assert rules_of(audit_text(prose(plain), n_rules)) == []
    adjusted = missing.replace("完成年初预算", "完成调整预算")
    assert rules_of(audit_text(prose(adjusted), n_rules)) == []
