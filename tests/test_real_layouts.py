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
