"""The document pack's wording rules (D104 blanks, D105 editing notes, D101 chart labels, D202 years,
D401 comparison words) on sentences taken from real disclosures (fixtures/corpus, fixtures/pdf).

Each test pins the exact finding (rule, severity, line) or that there is none; the mutation tests
change a comparison word, a year, or one of two figures and expect a finding at that line.
"""

from __future__ import annotations

import pytest
from conftest import ledger_from_text
from test_narrative_rules import FINAL_HEAD

from auditor.audit import load_all_rules
from auditor.engine import run_rules, select_rules

FINAL_TITLE = "测试中心2024年度部门决算公开\n\n"
BUDGET_TITLE = "测试中心2026年部门预算公开\n\n"


@pytest.fixture(scope="module")
def d_rules():
    return select_rules(load_all_rules(), ["D104", "D105", "D101", "D202", "D401"])


def findings(text: str, rules):
    return run_rules(ledger_from_text(text), rules)[0]


def summary(found):
    return [(f.rule, f.severity, f.locations[0].line if f.locations else None) for f in found]


# -- blanks and editing notes --------------------------------------------------------------------


def test_a_reason_left_blank(d_rules):
    # putuo-fuliyuan p16
    text = BUDGET_TITLE + "（二）公务用车购置及运行费6.40万元，与2025年预算持平，主要原因是。其中：公务用车购置费0.00万元。\n"
    found = findings(text, d_rules)
    assert summary(found) == [("D104", "warning", 3)] and "“原因是。”" in found[0].message
    filled = text.replace("主要原因是。", "主要原因是按实际需要安排。")
    assert findings(filled, d_rules) == []


def test_an_amount_left_blank(d_rules):
    text = BUDGET_TITLE + "本部门2026年支出预算 万元，比2025年预算增加 万元，增长 %。\n"
    found = findings(text, d_rules)
    assert summary(found) == [("D104", "warning", 3)]
    assert "“预算 万元”、“增加 万元”、“增长 %”" in found[0].message  # one finding for the line, every blank of it
    # a figure padded with spaces, a threshold and a unit line are not blanks
    ok = BUDGET_TITLE + "单位：万元\n支出预算   1463.8   万元，增长 8.85    %；单价100万元以上设备0台。\n"
    assert findings(ok, d_rules) == []


def test_an_editing_note_in_a_heading(d_rules):
    # putuo-fuliyuan p16: 五、国有资产占有使用情况（增加内容）
    text = BUDGET_TITLE + "五、国有资产占有使用情况（增加内容）\n截至2025年12月31日，共有车辆2辆。\n"
    found = findings(text, d_rules)
    assert summary(found) == [("D105", "warning", 3)] and "（增加内容）" in found[0].message


def test_a_chart_label_left_from_the_template(d_rules):
    # swu-deptbudget p10: 预算收入构成情况[值]财政拨款16.65%…
    text = BUDGET_TITLE + "预算收入构成情况[值]财政拨款16.65%事业收入44.12%\n"
    assert summary(findings(text, d_rules)) == [("D101", "warning", 3)]


# -- years ------------------------------------------------------------------------------------


def test_a_budget_compared_with_its_own_year(d_rules):
    text = BUDGET_TITLE + "2026年收入预算263.71万元，比2026年预算减少15.01万元。\n"
    found = findings(text, d_rules)
    assert summary(found) == [("D202", "warning", 3)]
    assert "比较的年度 2026" in found[0].message and "不晚于 2025" in found[0].message
    assert findings(text.replace("比2026年", "比2025年"), d_rules) == []


def test_a_final_account_states_its_assets_at_the_year_end(d_rules):
    # in a 2024 final account the stock is at 2024-12-31, not 2023-12-31
    text = FINAL_TITLE + "截至2023年12月31日，本单位共有车辆2辆。\n"
    found = findings(text, d_rules)
    assert summary(found) == [("D202", "warning", 3)] and "为 2024" in found[0].message
    assert findings(text.replace("2023年12月31日", "2024年12月31日"), d_rules) == []
    # putuo-wanli p29: a 2023 budget states the stock at the end of 2022
    budget = "测试中心2023年部门预算\n\n截止2022年12月31日，本部门流动资产448.82万元。\n"
    assert findings(budget, d_rules) == []


def test_a_project_whose_period_ended_before_the_budget_year(d_rules):
    text = BUDGET_TITLE + "智慧城市平台运维项目，实施期限：2023年-2025年，预算安排83.48万元。\n"
    found = findings(text, d_rules)
    assert summary(found) == [("D202", "warning", 3)] and "实施期的结束年度 2025" in found[0].message
    assert findings(text.replace("2023年-2025年", "2025年-2027年"), d_rules) == []


def test_final_account_comparisons_with_last_years_final(d_rules):
    # swu-deptfinal p17: 比2022年度决算数增长0.39% in a 2023 final is right; 比2023年度决算数 is not
    text = "测试中心2023年度部门决算\n\n小学教育2023年度决算数为7,970.38万元，比2022年度决算数增长0.39%。\n"
    assert findings(text, d_rules) == []
    found = findings(text.replace("比2022年度", "比2023年度"), d_rules)
    assert summary(found) == [("D202", "warning", 3)]
    # a final compared with the same year's budget is what finals do
    assert findings(text.replace("比2022年度决算数", "比2023年预算"), d_rules) == []


# -- comparison words ------------------------------------------------------------------------------

ITEM = (
    "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。\n"
    "主要用于：行政单位人员支出。全年预算为52.00万元，支出决算为51.32万元，完成全年预算数的98.69%。"
    "决算数{word}全年预算数的主要原因：人员变动。\n"
)


def test_final_smaller_than_budget_in_words_and_figures(d_rules):
    # fixtures/pdf/putuo-social-work-2024-final.pdf p18: 决算数小于全年预算数 with 51.32 < 52.00
    assert findings(FINAL_TITLE + ITEM.format(word="小于"), d_rules) == []
    found = findings(FINAL_TITLE + ITEM.format(word="大于"), d_rules)
    assert summary(found) == [("D401", "error", 4)]
    assert "小于" in found[0].message and "“决算数大于全年预算数”" in found[0].message
    assert summary(findings(FINAL_TITLE + ITEM.format(word="等于"), d_rules)) == [("D401", "error", 4)]


def test_a_plain_budget_figure_may_be_any_of_the_items(d_rules):
    # putuo p18: 年初预算0万元，全年预算321.02万元，支出决算307.82万元 … 决算数小于预算数 (the 全年 one)
    text = FINAL_TITLE + (
        "一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。"
        "决算数小于预算数的主要原因：人员经费支出数小于预算数。\n"
    )
    assert findings(text, d_rules) == []


def test_this_year_equal_to_last_years_budget_without_that_figure_is_not_judged(d_rules):
    # jiangsu-jianchayuan p23: 会议费预算支出168万元，本年数等于上年预算数 (last year's figure not stated)
    text = BUDGET_TITLE + "省检察院2026年度一般公共预算拨款安排的会议费预算支出168万元，本年数等于上年预算数。\n"
    assert findings(text, d_rules) == []


# -- mutations ---------------------------------------------------------------------------------------


SOURCE = BUDGET_TITLE + "\n".join(
    [
        "2026年收入预算263.71万元，比2025年预算减少15.01万元。",
        "截止2025年12月31日，本部门共有车辆2辆。",
        "项目实施期限：2026年-2027年。",
    ]
) + "\n"


@pytest.mark.parametrize(
    "old,new,line",
    [
        ("比2025年预算", "比2026年预算", 3),
        ("截止2025年12月31日", "截止2026年12月31日", 4),
        ("2026年-2027年", "2024年-2025年", 5),
    ],
)
def test_a_changed_year_gives_a_finding_at_its_line(d_rules, old, new, line):
    assert findings(SOURCE, d_rules) == []
    assert summary(findings(SOURCE.replace(old, new), d_rules)) == [("D202", "warning", line)]


@pytest.mark.parametrize("word", ["大于", "等于"])
def test_a_changed_comparison_word_gives_a_finding_at_its_line(d_rules, word):
    text = FINAL_TITLE + ITEM.format(word="小于")
    assert findings(text, d_rules) == []
    assert summary(findings(text.replace("决算数小于", f"决算数{word}"), d_rules)) == [("D401", "error", 4)]


# -- names of functional subjects ------------------------------------------------------------------

# the small final account of test_narrative_rules, its 项 split in two
TABLE = FINAL_HEAD.replace(
    "2010350\t事业运行\t300.00\t100.00\t200.00",
    "2010301\t行政运行\t100.00\t100.00\t0.00\n2010302\t一般行政管理事务\t200.00\t0.00\t200.00",
) + "（一）一般公共服务（类）\n"


def test_an_item_the_table_names_otherwise(d_rules):
    # jiangsu-gaoyuan p21: 法院（款）一般行政事务管理（项）支出6432.89万元, the table's 2040502 一般行政管理事务
    rules = select_rules(load_all_rules(), ["D320", "N"])
    line = TABLE.count("\n") + 1
    text = TABLE + "2．政府办公厅（室）及相关机构事务（款）一般行政事务管理（项）支出200.00万元。\n"
    found = findings(text, rules)
    assert summary(found) == [("D320", "warning", line)] and "2010302“一般行政管理事务”" in found[0].message
    # the table's name, or another amount, or a name nothing like it: no finding of D320
    assert findings(text.replace("一般行政事务管理", "一般行政管理事务"), rules) == []
    assert [f.rule for f in findings(text.replace("支出200.00", "支出150.00"), rules) if f.rule == "D320"] == []
    assert [f.rule for f in findings(text.replace("一般行政事务管理", "信息化建设"), rules) if f.rule == "D320"] == []


def test_a_year_named_beside_with_is_no_comparison(d_rules):
    text = BUDGET_TITLE + "本部门与2026年度部门预算同步公开绩效目标。2026年收入预算与2025年预算相比减少15.01万元。\n"
    assert findings(text, d_rules) == []
    wrong = text.replace("与2025年预算相比", "与2026年预算相比")
    assert summary(findings(wrong, d_rules)) == [("D202", "warning", 3)]


def test_unit_statements_and_percent_headers_are_no_blanks(d_rules):
    text = BUDGET_TITLE + "本表金额单位为万元，增长率（%）按上年预算数计算。\n"
    assert findings(text, d_rules) == []
