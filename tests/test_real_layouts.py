"""Layouts of real documents from other templates, written as small .txt tables: the ledger and
findings they must give (each case is a shape seen in the corpus, not a copy of a file)."""

from __future__ import annotations

import textwrap
from decimal import Decimal as D

from conftest import ledger_from_text

from auditor.audit import AuditOptions, audit_document, load_all_rules
from auditor.readers.txt import read_txt_bytes

RULES = load_all_rules()


def audit_text(text: str):
    doc = read_txt_bytes("t.txt", textwrap.dedent(text).lstrip("\n").encode("utf-8"))
    return audit_document(doc, RULES, AuditOptions())


def errors(report, prefix: str = ""):
    return [(f.rule, f.actual, f.expected) for f in report.findings
            if f.severity == "error" and f.rule.startswith(prefix)]


JIANGSU_EXPENSES = """
    某某厅2017年度部门预算公开

    支出预算总表

    部门：某某厅\t单位：万元

    合计\t基本支出\t项目支出\t单位预留机动经费\t结转下年资金
    {total}\t17,123.19\t11,543.27\t182.92\t
    """


def test_a_row_total_takes_its_parts_from_the_header():
    # Jiangsu's 支出预算总表 has 单位预留机动经费 and 结转下年资金 beside 基本/项目支出
    assert errors(audit_text(JIANGSU_EXPENSES.format(total="28,849.38")), "B110") == []
    assert errors(audit_text(JIANGSU_EXPENSES.format(total="28,850.38")), "B110") == [
        ("B110", D("28850.38"), D("28849.38"))]


UNIVERSITY_INCOME = """
    某某大学2023年度部门决算

    收入决算表

    单位：万元

    科目编码\t科目名称\t本年收入合计\t财政拨款收入\t上级补助收入\t事业收入\t\t经营收入\t附属单位上缴收入\t其他收入
    \t\t\t\t\t金额\t其中：教育收费\t\t\t
    205\t教育支出\t{total}\t220,752.34\t\t136,385.24\t73,648.19\t\t\t42,555.90
    """


def test_a_group_column_counts_by_its_amount_not_its_other_parts():
    # 事业收入/金额 is the 事业收入 part; 事业收入/其中：教育收费 is a part of it, not of the total
    assert errors(audit_text(UNIVERSITY_INCOME.format(total="399,693.48")), "F105") == []
    assert errors(audit_text(UNIVERSITY_INCOME.format(total="399,694.48")), "F105") == [
        ("F105", D("399694.48"), D("399693.48"))]


def test_a_qualified_label_column_opens_the_other_half():
    ledger = ledger_from_text(textwrap.dedent("""
        某某大学2023年度部门决算

        收支决算总表

        单位：万元

        收入\t\t支出\t
        项目\t决算数\t项目(按功能分类)\t决算数
        一、财政拨款收入\t243,015.38\t一、一般公共服务支出\t
        四、经营收入\t\t五、教育支出\t425,287.27
        本年收入合计\t243,015.38\t本年支出合计\t425,287.27
        """).lstrip("\n"))
    facts = [(f.row, f.column, f.value) for f in ledger.facts]
    assert facts == [("一、财政拨款收入", "收入/决算数", D("243015.38")),
                     ("五、教育支出", "支出/决算数", D("425287.27")),
                     ("本年收入合计", "收入/决算数", D("243015.38")),
                     ("本年支出合计", "支出/决算数", D("425287.27"))]


def test_a_page_number_under_a_table_does_not_end_it():
    from auditor.document import Document, Line
    from auditor.extract import build_ledger

    rows = [(1, ["收入支出决算总表"]), (1, ["单位：万元"]), (1, ["项目", "决算数"]), (1, ["一、财政拨款收入", "10.00"]),
            (1, ["6"]),  # the printed page number, left in by the reader
            (2, ["二、事业收入", "5.00"]), (2, ["本年收入合计", "15.00"]), (2, ["7"])]
    lines, numbers = [], {}
    for page, cells in rows:
        numbers[page] = numbers.get(page, 0) + 1
        lines.append(Line(cells=cells, number=numbers[page], page=page))
    ledger = build_ledger(Document("t.pdf", [Line(["某某局2023年度部门决算"], 1, 1), *lines], paged=True))
    (table,) = ledger.tables
    assert (table.type, table.pages, [r.key for r in table.rows]) == (
        "收入支出决算总表", [1, 2], ["一、财政拨款收入", "二、事业收入", "本年收入合计"])


SHANGHAI_SUMMARY = """
    上海市某区2024年区级部门预算
    预算主管部门：某某局

    2024年部门财务收支预算总表

    单位：元

    收入\t\t支出\t
    项目\t预算数\t项目\t预算数
    一、财政拨款资金\t1,000\t一、社会保障和就业支出\t700
    \t\t二、{health}\t300
    本年收入合计\t1,000\t本年支出合计\t1,000

    2024年部门支出预算总表

    单位：元

    功能分类科目编码\t功能分类科目名称\t支出预算\t\t
    \t\t合计\t基本支出\t项目支出
    \t合计\t1,000\t1,000\t
    208\t社会保障和就业支出\t700\t700\t
    210\t卫生健康支出\t{amount}\t300\t
    """


def test_summary_classes_meet_the_detail_table_by_class_code():
    # `三、医疗卫生与计划生育支出` is the old name of class 210: the amounts still meet by code
    report = audit_text(SHANGHAI_SUMMARY.format(health="医疗卫生与计划生育支出", amount="300"))
    assert errors(report, "B205") == []
    assert [(f.rule, f.severity, f.message) for f in report.findings if f.rule == "D310"] == [
        ("D310", "warning", "210 类在部门收支总表中称“医疗卫生与计划生育支出”，在其他表中称“卫生健康支出”（部门支出总表）")]
    assert [f.rule for f in report.findings if f.rule.startswith("B205")] == []
    # the same name everywhere: nothing to say about names; a different amount is B205's error
    report = audit_text(SHANGHAI_SUMMARY.format(health="卫生健康支出", amount="400"))
    assert [f.rule for f in report.findings if f.rule == "D310"] == []
    assert ("B205", D("300"), D("400")) in errors(report, "B205")


JIANGSU_SANGONG = """
    某某厅2017年度部门预算公开

    收支预算总表

    单位：万元

    收入\t\t支出\t
    项目名称\t金额\t项目名称\t金额
    本年收入合计\t1.00\t本年支出合计\t1.00

    一般公共预算机关运行经费支出预算表

    单位：万元

    科目编码\t科目名称\t金额
    302\t商品和服务支出\t1.00

    “三公”经费、会议费、培训费支出预算表

    单位：万元

    合计\t“三公”经费\t\t\t\t\t\t会议费\t培训费
    \t小计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t\t
    \t\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t
    {total}\t670.12\t180.00\t304.40\t\t304.40\t185.72\t228.00\t1,701.25
    """


def test_jiangsu_sangong_table_totals():
    report = audit_text(JIANGSU_SANGONG.format(total="2,599.37"))
    assert report.info.family == "jiangsu"
    assert errors(report, "B1") == []
    assert errors(audit_text(JIANGSU_SANGONG.format(total="2,600.37")), "B1") == [
        ("B140", D("2600.37"), D("2599.37"))]


def test_a_family_rule_runs_only_for_its_family():
    from auditor.engine import select_rules

    b140 = [r for r in RULES if r.id == "B140"]
    assert select_rules(b140, kind="budget", family="jiangsu") == b140
    assert select_rules(b140, kind="budget", family="national") == []
    assert select_rules(b140, kind="budget") == b140  # family unknown to the caller: not filtered


UNIVERSITY_SUMMARY = """
    某某大学2021年部门预算

    某某大学收支预算总表

    单位：万元

    收入\t\t支出\t
    项目\t预算数\t项目\t预算数
    一、财政拨款\t390,140.45\t一、教育支出\t415,808.40
    本年收入合计\t390,140.45\t本年支出合计\t415,808.40
    使用非财政拨款结余\t18,953.78\t结转下年\t75,000.00
    上年结转\t{carried}\t\t
    收入总计\t490,808.40\t支出总计\t490,808.40
    """


def test_summary_totals_count_used_balances_and_carry_forward():
    assert errors(audit_text(UNIVERSITY_SUMMARY.format(carried="81,714.17")), "B10") == []
    assert errors(audit_text(UNIVERSITY_SUMMARY.format(carried="81,715.17")), "B10") == [
        ("B102", D("490808.40"), D("490809.40"))]


def paged_ledger(rows):
    """A ledger of a paged document given as (page, cells), (page, cells, grid) or (page, cells, grid,
    cell ids) rows; a row with a grid is a ruled row (its cells' ids distinct unless given)."""
    from auditor.document import Document, Line
    from auditor.extract import build_ledger

    lines, numbers = [], {}
    for page, cells, *grid in rows:
        numbers[page] = numbers.get(page, 0) + 1
        ids = grid[1] if len(grid) > 1 else [numbers[page] * 100 + k for k in range(len(cells))]
        ruled = dict(grid=grid[0], cell_ids=ids) if grid else {}
        lines.append(Line(cells=cells, number=numbers[page], page=page, **ruled))
    return build_ledger(Document("t.pdf", lines, paged=True))


def test_a_table_goes_on_over_the_page_with_narrower_rows_and_merged_labels():
    ledger = paged_ledger([
        (1, ["某某院2017年度部门预算公开"]), (1, ["二、收入预算总表"]), (1, ["单位：万元"]),
        (1, ["项目名称", "", "金额"], 0), (1, ["收入总计", "", "100.00"], 0),
        (1, ["一般公共预算资金", "公共财政拨款(补助)资金", "100.00"], 0),
        (2, ["事业收入", ""], 0), (2, ["其他收入", ""], 0),
        (2, ["上年结转和结余资金"]),  # a merged label cell, read as a line of its own
        (2, ["其中：动用上年结转和结余资金", ""], 0),
        (2, ["三、支出预算总表"]), (2, ["单位：万元"]), (2, ["合计", "基本支出", "项目支出"], 1),
        (2, ["100.00", "60.00", "40.00"], 1)])
    assert [(t.type, t.pages) for t in ledger.tables] == [("部门收入总表", [1, 2]), ("部门支出总表", [2])]
    assert [r.label for r in ledger.tables[0].rows][-4:] == [
        "事业收入", "其他收入", "上年结转和结余资金", "其中：动用上年结转和结余资金"]


def test_a_note_wraps_on_its_own_page_only():
    ledger = paged_ledger([
        (1, ["某某厅2018年度部门预算公开"]), (1, ["政府性基金支出预算表"]), (1, ["单位：万元"]),
        (1, ["科目编码", "科目名称", "金额"], 0), (1, ["", "合计", ""], 0), (1, ["注：本部门无相关收支项目"]),
        (2, ["一般公共预算机关运行经费支出预算表"]), (2, ["部门：某某厅 单位：万元"]),
        (2, ["科目编码", "科目名称", "机关运行经费支出"], 0), (2, ["302", "商品和服务支出", "5.00"], 0)])
    assert [(t.type, t.empty) for t in ledger.tables] == [("政府性基金预算支出表", True), ("机关运行经费支出表", False)]


def test_a_department_name_cut_by_the_page_edge_is_joined():
    ledger = paged_ledger([
        (1, ["收入预算总表"]), (1, ["部门：中国共产党江苏省委员会办"]), (1, ["单位：万元"]), (1, ["公厅"]),
        (1, ["项目名称", "", "金额"], 0), (1, ["收入总计", "", "1.00"], 0)])
    (table,) = ledger.tables
    assert (table.type, table.department) == ("部门收入总表", "中国共产党江苏省委员会办公厅")
    assert [ln.text for ln in ledger.prose_lines] == []


def test_forms_with_their_title_in_the_grid():
    form = [(1, ["财政项目支出绩效目标填报表", "", "", ""], 0), (1, ["（2023年度）", "", "", ""], 0),
            (1, ["项目名称", "新建社区中心", "项目性质", "阶段性项目"], 0),
            (1, ["项目资金总额", "4,100,000.00", "年度资金申请总额", "4,100,000.00"], 0),
            (1, ["项目资金（元）", "其中：财政资金", "4,100,000.00", ""], 0), (1, ["", "其他资金", "0.00", ""], 0)]
    ledger = paged_ledger([(1, ["某某街道2023年部门预算"]), *form, *[(2, *r[1:]) for r in form]])
    assert [(t.type, t.pages, t.facts, t.unit) for t in ledger.tables] == [
        ("项目绩效目标填报表", [1], 4, "元"), ("项目绩效目标填报表", [2], 4, "元")]
    assert [(f.row, f.value) for f in ledger.facts[:4]] == [
        ("项目资金总额", D("4100000.00")), ("年度资金申请总额", D("4100000.00")),
        ("其中：财政资金", D("4100000.00")), ("其他资金", D("0.00"))]
    assert ledger.coverage.placed == ledger.coverage.figures == 8


def test_a_summary_table_with_two_expense_halves_keeps_their_labels_apart():
    ledger = paged_ledger([
        (1, ["某某院2017年度部门预算公开"]), (1, ["一、收支预算总表"]), (1, ["单位：万元"]),
        (1, ["收入", "", "支出", "", "", ""], 0, [1, 1, 2, 2, 2, 2]),
        (1, ["", "", "功能分类", "", "支出用途", ""], 0, [1, 1, 3, 3, 4, 4]),
        (1, ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"], 0),
        (1, ["一、财政拨款", "28,849.38", "一、一般公共服务支出", "", "一、基本支出", "17,123.19"], 0),
        (1, ["二、财政专户管理资金", "", "四、公共安全支出", "23,513.11", "二、项目支出", "11,726.19"], 0),
        (1, ["当年收入小计", "28,849.38", "当年支出小计", "", "", "28,849.38"], 0)])
    assert [(f.row, f.column) for f in ledger.facts] == [
        ("一、财政拨款", "收入/金额"), ("一、基本支出", "支出/支出用途/金额"),
        ("四、公共安全支出", "支出/功能分类/金额"), ("二、项目支出", "支出/支出用途/金额"),
        ("本年收入合计", "收入/金额"), ("本年支出合计", "支出/支出用途/金额")]
    # Jiangsu's 当年收入小计 is keyed as the national 本年收入合计, its label kept as printed
    assert [f.label for f in ledger.facts][-2:] == ["当年收入小计", "当年支出小计"]


CARRIED_OVER = """
    某某局2024年度部门决算

    财政拨款收入支出决算总表

    单位：万元

    收入\t\t支出\t
    项目\t金额\t项目\t金额
    一、一般公共预算财政拨款\t100.00\t一、一般公共服务支出\t110.00
    二、政府性基金预算财政拨款\t\t\t
    本年收入合计\t100.00\t本年支出合计\t110.00
    年初财政拨款结转和结余\t{carried}\t年末财政拨款结转和结余\t0.00
    一、一般公共预算财政拨款\t10.00\t\t
    二、政府性基金预算财政拨款\t0.00\t\t
    总计\t110.00\t总计\t110.00
    """


def test_items_named_again_under_the_carry_over_are_its_parts():
    # the national template numbers them like the income rows above; they are 年初…'s parts
    ledger = ledger_from_text(textwrap.dedent(CARRIED_OVER.format(carried="10.00")).lstrip("\n"))
    (table,) = ledger.tables
    assert [(r.key, r.part_of) for r in table.rows if r.part_of] == [
        ("一、一般公共预算财政拨款#2", "年初财政拨款结转和结余"), ("二、政府性基金预算财政拨款#2", "年初财政拨款结转和结余")]
    assert errors(audit_text(CARRIED_OVER.format(carried="10.00")), "F1") == []
    assert ("F113", D("11.00"), D("10.00")) in errors(audit_text(CARRIED_OVER.format(carried="11.00")), "F1")


UNTYPED = """
    某某局2024年部门预算公开

    某某专项资金安排情况表

    单位：万元

    科目编码\t科目名称\t合计\t基本支出\t项目支出
    \t合计\t{total}\t20.00\t10.00
    201\t一般公共服务支出\t30.00\t20.00\t10.00
    20101\t人大事务\t30.00\t20.00\t10.00
    2010101\t行政运行\t20.00\t20.00\t
    2010102\t一般行政管理事务\t{item}\t\t10.00
    """


def test_an_untyped_table_gets_the_checks_that_need_no_type():
    report = audit_text(UNTYPED.format(total="30.00", item="10.00"))
    assert [t.type for t in report.tables] == ["未识别表格"]
    assert report.warnings == ["第3行的表格“某某专项资金安排情况表”未能识别类型：只核对其合计和科目层级（C101、C102），"
                               "需要表格类型的规则不检查它"]
    assert errors(report, "C") == []
    assert errors(audit_text(UNTYPED.format(total="31.00", item="10.00")), "C") == [("C101", D("31.00"), D("30.00"))]
    assert errors(audit_text(UNTYPED.format(total="30.00", item="11.00")), "C") == [("C102", D("30.00"), D("31.00"))]


def test_a_cell_that_is_not_there_is_never_a_zero():
    # the last row, on the next page, was read without its 项目支出 cell (a merged cell narrowed it)
    rows = [(1, ["某某厅2017年度部门预算公开"]), (1, ["部门支出总表"]), (1, ["单位：万元"]),
            (1, ["科目编码", "科目名称", "合计", "基本支出", "项目支出"], 0),
            (1, ["201", "一般公共服务支出", "30.00", "20.00", "10.00"], 0),
            (2, ["20101", "人大事务", "30.00", "20.00"], 0)]
    ledger = paged_ledger(rows)
    (table,) = ledger.tables
    assert [r.absent for r in table.rows] == [(), ("项目支出",)]
    from auditor.engine import run_rules

    findings, skipped = run_rules(ledger, [r for r in RULES if r.id in ("B110", "B112")])
    assert [f.rule for f in findings if f.severity == "error"] == []
    assert ("B110", "部门支出总表 行 人大事务：有的列没有这一格（不按 0 计）") in [(s.rule, s.reason) for s in skipped]
    assert ("B112", "部门支出总表 列 项目支出：有的行没有这一格（不按 0 计）") in [(s.rule, s.reason) for s in skipped]


def test_a_unit_label_that_wraps_is_a_unit_not_a_department():
    ledger = paged_ledger([
        (1, ["某某局2024年部门预算公开"]), (1, ["部门收支总表"]), (1, ["部门：某某局"]), (1, ["单位：万"]), (1, ["元"]),
        (1, ["收入", "预算数"], 0), (1, ["本年收入合计", "1.00"], 0)])
    (table,) = ledger.tables
    assert (table.type, table.unit, table.department) == ("部门收支总表", "万元", "某某局")
    assert [ln.text for ln in ledger.prose_lines] == ["某某局2024年部门预算公开"]


def test_a_title_at_the_foot_of_a_page_and_a_total_alone_on_the_next():
    ledger = paged_ledger([
        (1, ["某某局2024年度部门决算"]), (1, ["一、部门职责。"]), (1, ["支出决算表"]), (1, ["单位：万元"]),
        (2, ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"], 0),
        (2, ["201", "一般公共服务支出", "30.00", "20.00", "10.00"], 0),
        (2, ["20101", "人大事务", "30.00", "20.00", "10.00"], 0),
        (3, ["", "合计", "30.00", "20.00", "10.00"], 1), (3, ["注：本表反映部门本年度各项支出情况。"])])
    (table,) = ledger.tables
    assert (table.type, table.unit, table.pages, [r.key for r in table.rows]) == (
        "支出决算表", "万元", [2, 3], ["201", "20101", "合计"])


SHIFTED = """
    某某局2024年部门预算公开

    部门支出总表

    单位：万元

    科目编码\t科目名称\t合计\t基本支出\t项目支出
    合计\t30.00\t20.00\t{project}
    201\t一般公共服务支出\t30.00\t20.00\t10.00
    """


def test_no_error_from_a_figure_whose_column_was_guessed():
    # the 合计 row lost its merged code cell: its figures were moved right to fit the header
    report = audit_text(SHIFTED.format(project="10.00"))
    assert errors(report, "B1") == []
    report = audit_text(SHIFTED.format(project="11.00"))
    assert errors(report, "B1") == []
    assert ("B110", "部门支出总表 第8行的数字所在列是推断的，不据此报告") in [(s.rule, s.reason) for s in report.skipped]


def test_a_row_of_another_grid_goes_under_the_header_by_position():
    """swu-deptfinal 表4: on the next page the code cell spans 类/款/项 and the row has six cells
    for eight columns; each goes under the header column its middle stands in, no guess."""
    from auditor.document import Document, Line
    from auditor.extract import build_ledger

    head = [(100.9, 173.7)] * 3 + [(173.7, 271.7), (271.7, 386.7), (386.7, 501.7)]
    own = [(100.9, 122.9), (122.9, 144.7), (144.7, 173.7), (173.7, 271.7), (271.7, 386.7), (386.7, 501.7)]
    narrow = [(100.9, 173.7), (173.7, 271.7), (271.7, 386.7), (386.7, 501.7)]
    lines = [Line(["某某大学2023年度部门决算"], 1, 1), Line(["表4：财政拨款支出决算表"], 2, 1), Line(["单位：万元"], 3, 1),
             Line(["科目编码", "", "", "科目名称", "合计", "基本支出"], 4, 1, 0, [1, 1, 1, 2, 3, 4], head),
             Line(["类", "款", "项", "合计", "30.00", "30.00"], 5, 1, 0, [5, 6, 7, 8, 9, 10], own),
             Line(["205", "", "", "教育支出", "20.00", "20.00"], 6, 1, 0, [11, 11, 11, 12, 13, 14], head),
             Line(["206", "科学技术支出", "10.00", "10.00"], 1, 2, 0, [1, 2, 3, 4], narrow)]
    ledger = build_ledger(Document("t.pdf", lines, paged=True))
    (table,) = ledger.tables
    assert [(r.key, r.label, r.code) for r in table.rows] == [
        ("合计", "合计", None), ("205", "教育支出", "205"), ("206", "科学技术支出", "206")]
    assert [(f.row, f.column, str(f.value), f.guessed) for f in ledger.facts if f.row == "206"] == [
        ("206", "合计", "10.00", False), ("206", "基本支出", "10.00", False)]
