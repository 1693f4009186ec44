"""The N and D rules on sentences taken from real disclosures (fixtures/corpus), against small tables.

Each test names the document and page the sentence comes from, and pins the exact finding
(rule, severity, line) or that there is none.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_narrative_rules import FINAL_HEAD, L, audit_text, ledger_of, prose, summary

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


# -- reasons and changes -------------------------------------------------------------------------


def test_amounts_in_a_reason_are_changes_not_levels(n_rules):
    # jiangsu-gaoyuan p19/p23: 增加人员经费1408.29万元 is 基本支出's increase, not the level of 人员经费
    text = prose(
        "基本支出100.00万元，比上年决算数增加20.00万元，增长25.00%。主要原因是基本支出增加人员经费20.00万元、"
        "项目经费支出安排增加云平台租赁费5万元。",
        "（一）人员经费80.00万元。",
        "（二）人员经费80.00万元。",
    )
    assert summary(audit_text(text, n_rules)) == []
    claims = ledger_of(text).claims
    reasons = [c for c in claims if c.reason]
    assert [(c.kind, c.value, c.direction, c.ref) for c in reasons] == [
        ("change", D("20.00"), "增加", None),
        ("change", D(5), "增加", None),
    ]


def test_a_percentage_in_a_reason_is_not_the_subjects_rate(n_rules):
    text = prose("基本支出100.00万元，比上年决算数减少20.00万元，下降16.67%，主要原因是公用经费统一压减10%。")
    assert summary(audit_text(text, n_rules)) == []
    (change,) = [c for c in ledger_of(text).claims if c.kind == "change"]
    assert change.rate == D("16.67")


def test_a_comparison_on_another_basis_is_not_checked_against_this_years_figure(n_rules):
    # jiangsu-gaoyuan p24: the old-口径 comparison has its own, unstated current figure
    text = prose(
        "机关运行经费100.00万元，比上年增加60.00万元，增长150.00%。按与上年统计口径一致相比，本年比上年减少4.00万元，"
        "下降了10.00%，主要原因为在编人员减少。"
    )
    assert summary(audit_text(text, n_rules)) == []


def test_last_years_level_in_brackets_is_the_base(n_rules):
    # jiangsu-zhengxie p6: 与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%
    ok = "2023年度支出决算与2022年度相比（2022年度支出决算为240.00万元），增加60.00万元，增长25.00%。"
    assert summary(audit_text(prose(ok), n_rules)) == []
    found = audit_text(prose(ok.replace("25.00%", "20.00%")), n_rules)
    assert summary(found) == [("N102", "error", L)] and found[0].expected == D("25.00")


def test_a_rate_between_two_stated_figures(n_rules):
    # putuo-wanli p6 item 3: 2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比…增加314.82%
    item = (
        "3. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）”300.00万元。2022年当年预算执行数"
        "为240.00万元，2023年决算300.00万元，比2022年预算执行数增加{}%。"
    )
    assert summary(audit_text(prose(item.format("25.00")), n_rules)) == []
    found = audit_text(prose(item.format("35.00")), n_rules)
    assert summary(found) == [("N102", "error", L)] and found[0].expected == D("25.00")
    # the word must agree with the two figures
    found = audit_text(prose(item.format("25.00").replace("增加25.00", "减少25.00")), n_rules)
    assert summary(found) == [("N102", "error", L)] and "却说“减少”" in found[0].message


def test_a_rate_copied_from_the_item_before(n_rules):
    # putuo-wanli p7 items 15-16: item 16 repeats item 15's 预算安排 and rate; its own figure is 220.63
    items = [
        "1. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）事业运行（项）”250.00万元。2022年当年预算执行数"
        "为200.00万元，2023年决算250.00万元，比2022年预算执行数增加25.00%。",
        "2. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）机关服务（项）”50.00万元。2022年当年预算执行数"
        "为45.00万元，2023年决算250.00万元，比2022年预算执行数增加25.00%。",
    ]
    head = FINAL_HEAD.replace(
        "2010350\t事业运行\t300.00\t100.00\t200.00",
        "2010350\t事业运行\t250.00\t100.00\t150.00\n2010302\t机关服务\t50.00\t0.00\t50.00",
    )
    found = audit_text(head + "\n\n".join(items) + "\n", n_rules)
    # the copied 250.00 is N101's; the rate is judged on the item's own 50.00: 11.11 %, not 25.00 %
    assert [(f.rule, f.locations[0].line) for f in found] == [("N101", L + 3), ("N102", L + 3)]
    assert found[1].expected == D("11.11") and "照抄上一项" in found[1].message


# -- severities ----------------------------------------------------------------------------------


def test_an_amount_cut_instead_of_rounded_is_consistent_with_one_info(n_rules):
    head = FINAL_HEAD.replace("\t合计\t300.00\t100.00\t200.00", "\t合计\t300.00\t100.46\t199.54")
    text = head + "基本支出100.4万元，项目支出199.5万元。\n"
    assert summary(audit_text(text, n_rules)) == [("N101", "info", L)]  # one per document, at the first
    found = audit_text(text, n_rules, show_rounding=True)
    assert [(f.rule, f.severity) for f in found] == [("N101", "info")] * 3
    # a figure off by more than the cut is still an error
    assert summary(audit_text(head + "基本支出100.3万元。\n", n_rules)) == [("N101", "error", L)]


def test_a_percentage_one_hundredth_off_is_a_warning(n_rules):
    # 200.00 / 800.00 = 25.00 %; 25.01 % is one last digit off, 25.04 % more
    text = prose("事业收入1000.00万元，比上年决算数增加200.00万元，增长{}%。")
    assert summary(audit_text(text.format("25.01"), n_rules)) == [("N102", "warning", L)]
    assert summary(audit_text(text.format("25.04"), n_rules)) == [("N102", "error", L)]


def test_shares_of_a_breakdown_by_classification_complete_the_total(n_rules):
    # swu-deptfinal p17: 按照支出功能科目划分，… the five shares add to 100.00 with 0.56 % nudged from 0.55 %
    text = prose(
        "（三）支出决算表说明",
        "学校2023年度各项支出总计457,676.75万元。",
        "按照支出功能科目划分，教育支出425,287.27万元，占总支出的92.92%；科学技术支出2,536.65万元，占总支出的0.56%；"
        "社会保障和就业支出13,465.06万元，占总支出的2.94%；住房保障支出16,278.27万元，占总支出的3.56%；"
        "其他支出109.50万元，占总支出的0.02%。",
    )
    found = [f for f in audit_text(text, n_rules) if f.rule != "N101"]
    assert summary(found) == [("N103", "info", L + 4)] and found[0].actual == D("0.56")


# -- one defect, one finding ---------------------------------------------------------------------


def test_of_two_different_statements_the_one_no_table_shows_is_wrong(n_rules):
    # jiangsu-jianchayuan p19: 基本支出预算数为12323.46万元 (l7) … 基本支出12323.48万元 (l23, as the tables)
    text = prose("此外，人员经费为100.02万元。", "（一）人员经费100.00万元。")
    found = audit_text(text, n_rules)
    assert summary(found) == [("N107", "error", L)] and found[0].actual == D("100.02")


def test_shares_of_sangong_whose_total_is_stated_nowhere(n_rules):
    # jiangsu-jianchayuan p22: shares of the 三公 total 584.35 (the three items added), not stated in the prose
    text = prose(
        "十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明",
        "因公出国（境）费支出110.00万元，占“三公”经费的18.85%；公务用车购置及运行费支出317.80万元，占“三公”经费的"
        "54.43%；公务接待费支出156.55万元，占“三公”经费的26.72%。",
    )
    found = audit_text(text, n_rules)
    assert [(f.rule, f.severity) for f in found] == [("N103", "error")] * 3
    assert sorted(f.expected for f in found) == [D("18.82"), D("26.79"), D("54.39")]
    right = text.replace("18.85", "18.82").replace("54.43", "54.39").replace("26.72", "26.79")
    assert summary(audit_text(right, n_rules)) == []


def test_running_costs_over_office_costs_explained_by_the_document(n_rules):
    # jiangsu-zhengxie p17: 机关运行经费 3,348.98 > 公用经费 1,131.92, and the text says why
    over = prose(
        "（二）公用经费100.00万元。",
        "机关运行经费支出300.00万元，比2022年增加200.00万元，增长200.00%。",
        "主要原因是根据财政部统一规定，项目支出中部分预算开支金额统计在行政运行经费中。",
    )
    rules = [r for r in n_rules if r.id == "N111"]
    assert summary(audit_text(over, rules)) == []
    unexplained = over.replace("项目支出中部分预算开支金额统计在行政运行经费中", "人员增加")
    assert summary(audit_text(unexplained, rules)) == [("N111", "warning", L + 2)]


def test_a_sentence_repeated_word_for_word_is_checked_once(n_rules):
    # jiangsu-gaoyuan p23/p24, jiangsu-zhengxie §五/§八: a section repeated for a second table
    sentence = "基本支出101.00万元，比上年决算数增加20.00万元，增长20.00%。"
    found = audit_text(prose("三、支出决算表情况说明", sentence, "四、支出决算明细情况说明", sentence), n_rules)
    assert summary(found) == [("N101", "error", L + 2)]
    claims = ledger_of(prose(sentence, sentence)).claims
    assert [c.repeats for c in claims] == [None, None, 0, 1]


def test_an_item_restating_its_own_amount_differently(n_rules):
    # putuo-wanli p7 item 16 (no table to compare with): 220.63万元 … 2023年预算安排441.25万元
    text = "测试街道2023年部门预算\n\n" + (
        "16. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”220.63万元，"
        "主要用于机关事业单位职业年金缴费支出。2022年当年预算执行数为132.59万元，2023年预算安排441.25万元。\n"
    )
    found = audit_text(text, n_rules)
    assert summary(found) == [("N107", "error", 3)] and found[0].actual == D("441.25")


def test_one_change_stated_twice_with_two_figures(n_rules):
    text = prose(
        "事业收入1000.00万元，比上年决算数增加200.00万元，增长25.00%。",
        "其中：事业收入比上年决算数增加210.00万元，主要是科研收入增加。",
    )
    found = audit_text(text, n_rules)
    assert summary(found) == [("N107", "error", L + 2)] and found[0].expected == D("200.00")
    # on another basis it is another change
    other = text.replace("其中：事业收入比上年决算数增加210.00万元", "其中：事业收入比年初预算数增加210.00万元")
    assert summary(audit_text(other, n_rules)) == []


@pytest.mark.parametrize("which", [0, 1])
def test_one_of_two_repeated_figures_changed_gives_a_finding_at_its_line(n_rules, which):
    lines = ["人员经费为95.36万元。", "（一）人员经费95.36万元。"]
    assert summary(audit_text(prose(*lines), n_rules)) == []
    lines[which] = lines[which].replace("95.36", "96.36")
    found = audit_text(prose(*lines), n_rules)
    assert [f.rule for f in found] == ["N107"]
    assert L + 2 * which in {loc.line for loc in found[0].locations}


def test_one_total_given_two_increases_on_two_names_of_one_basis(n_rules):
    # in a 2023 budget, 比上年 and 比2022年预算 are the same basis
    text = "测试街道2023年部门预算\n\n一、收支预算情况\n\n" + (
        "收入预算300.00万元，比上年增加20.00万元。\n\n支出预算300.00万元。收入预算比2022年预算增加30.00万元。\n"
    )
    found = [f for f in audit_text(text, n_rules) if f.rule == "N107"]
    assert summary(found) == [("N107", "error", 7)]
    executed = text.replace("比2022年预算增加30.00万元", "比2022年执行数增加30.00万元")
    assert [f for f in audit_text(executed, n_rules) if f.rule == "N107"] == []


def test_a_total_under_a_kuan_heading_is_checked_against_that_kuan(n_rules):
    ok = prose("（一）政府办公厅（室）及相关机构事务（款）", "合计300.00万元。")
    assert summary(audit_text(ok, n_rules)) == []
    found = audit_text(ok.replace("合计300.00", "合计310.00"), n_rules)
    assert summary(found) == [("N101", "error", L + 2)] and "20103" in found[0].message
