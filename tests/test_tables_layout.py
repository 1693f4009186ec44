"""Each layout feature of .txt tables, on small tables written here."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import fact, ledger_from_text

from auditor.errors import InputError
from auditor.extract import build_ledger
from auditor.readers.txt import read_txt_bytes

HEAD = "测试单位2024年部门决算公开\n\n"


def rows_of(ledger, table_type):
    return [(f.row, f.column, f.value) for f in ledger.facts if f.table == table_type]


def test_titles_with_ordinals_and_toc_lines_that_are_not_titles():
    text = HEAD + (
        "目 录\n- 一、支出决算表\n- 二、收入决算表\n\n"
        "三、支出决算表\n\n支出决算表\n\n公开03表\n\n单位：测试单位\n\n单位：万元\n\n"
        "科目代码\t科目名称\t本年支出合计\n201\t一般公共服务支出\t5.00\n"
    )
    ledger = ledger_from_text(text)
    assert [(t.type, t.title, t.first_line) for t in ledger.tables] == [("支出决算表", "支出决算表", 9)]
    assert ledger.info.department == "测试单位"


def test_title_after_a_table_number_line_and_department_meta():
    text = HEAD.replace("决算", "预算") + (
        "表1\n\n部门收支总表\n\n部门：测试单位\n\n单位：万元\n\n"
        "收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n一、一般公共预算拨款收入\t5.00\t一、一般公共服务支出\t5.00\n"
    )
    ledger = ledger_from_text(text)
    assert [(t.type, t.title, t.first_line, t.unit) for t in ledger.tables] == [("部门收支总表", "部门收支总表", 5, "万元")]
    assert (ledger.info.kind, ledger.info.department) == ("budget", "测试单位")
    assert ledger.tables[0].columns == ["收入/预算数", "支出/预算数"]


def test_longest_alias_wins():
    text = HEAD + "财政拨款收入支出决算总表\n单位：万元\n项目\t金额\n本年收入合计\t3.00\n"
    assert ledger_from_text(text).tables[0].type == "财政拨款收入支出决算总表"


def test_multi_row_header_gives_column_paths():
    text = HEAD + (
        "一般公共预算财政拨款支出决算表\n单位：万元\n"
        "项目\t\t本年支出\t\t\n科目代码\t科目名称\t小计\t基本支出\t项目支出\n"
        "201\t一般公共服务支出\t3.00\t1.00\t2.00\n"
    )
    table = ledger_from_text(text).tables[0]
    assert table.columns == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]


def test_blank_header_cell_belongs_to_the_group_on_its_left_or_the_cell_below():
    text = HEAD + (
        "一般公共预算财政拨款支出决算表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\n"
        "\t\t\t小计\t人员经费\t公用经费\t\n"
        "201\t一般公共服务支出\t3.00\t1.00\t0.60\t0.40\t2.00\n"
    )
    table = ledger_from_text(text).tables[0]
    assert table.columns == ["合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]


def test_column_without_header_is_numbered():
    text = HEAD + "支出决算表\n单位：万元\n科目代码\t科目名称\t合计\t\n201\t一般公共服务支出\t3.00\t3.00\n"
    assert ledger_from_text(text).tables[0].columns == ["合计", "列4"]


def test_repeated_header_on_continuation_is_one_table_and_index_rows_are_not_figures():
    text = HEAD + (
        "收入决算表\n单位：万元\n"
        "项目\t\t本年收入合计\n科目代码\t科目名称\t\n\t栏次\t1\n\t合计\t3.00\n201\t一般公共服务支出\t1.00\n\n"
        "项目\t\t本年收入合计\n科目代码\t科目名称\t\n\t栏次\t1\n208\t社会保障和就业支出\t2.00\n\n"
        "注：本表反映单位本年度取得的各项收入情况。\n"
    )
    ledger = ledger_from_text(text)
    assert len(ledger.tables) == 1
    assert rows_of(ledger, "收入决算表") == [
        ("合计", "本年收入合计", Decimal("3.00")),
        ("201", "本年收入合计", Decimal("1.00")),
        ("208", "本年收入合计", Decimal("2.00")),
    ]
    assert ledger.coverage.counts() == {"fact": 3, "index": 2, "code": 2, "identifier": 0, "unplaced": 0}
    assert ledger.tables[0].last_line == 14


def test_empty_table_note():
    text = HEAD + (
        "政府性基金预算财政拨款收入支出决算表\n单位：万元\n项目\t\t本年支出\n科目代码\t科目名称\t小计\n"
        "\t合计\t\n\n注：本单位没有政府性基金预算财政拨款收支，故本表为空表。\n"
    )
    table = ledger_from_text(text).tables[0]
    assert table.empty and table.facts == 0 and [r.key for r in table.rows] == ["合计"]


def test_codes_in_class_section_item_columns_are_joined():
    text = HEAD + (
        "支出决算表\n单位：万元\n"
        "类\t款\t项\t科目名称\t合计\n"
        "208\t\t\t社会保障和就业支出\t3.00\n208\t05\t\t行政事业单位养老支出\t3.00\n"
        "208\t05\t02\t事业单位离退休\t1.00\n\t\t05\t机关事业单位基本养老保险缴费支出\t2.00\n"
    )
    ledger = ledger_from_text(text)
    assert [r.code for r in ledger.tables[0].rows] == ["208", "20805", "2080502", "2080505"]
    assert ledger.coverage.counts()["code"] == 7


def test_wrapped_label_is_joined():
    text = HEAD + (
        "支出决算表\n单位：万元\n科目代码\t科目名称\t合计\n"
        "2080505\t机关事业单位基本养老保险缴费\t2.00\n\t支出\t\n2101102\t事业单位医疗\t1.00\n"
    )
    rows = ledger_from_text(text).tables[0].rows
    assert [(r.key, r.label) for r in rows] == [("2080505", "机关事业单位基本养老保险缴费支出"),
                                               ("2101102", "事业单位医疗")]


def test_side_by_side_income_and_expense_become_separate_rows():
    text = HEAD + (
        "收入支出决算总表\n单位：万元\n收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t金额\n"
        "栏次\t\t1\t栏次\t\t2\n"
        "一、一般公共预算财政拨款收入\t1\t10.00\t一、一般公共服务支出\t31\t10.00\n"
        "\t2\t\t二、外交支出\t32\t0.00\n"
        "总计\t3\t10.00\t总计\t33\t10.00\n"
    )
    ledger = ledger_from_text(text)
    assert [(r.key, r.group) for r in ledger.tables[0].rows] == [
        ("一、一般公共预算财政拨款收入", 0), ("一、一般公共服务支出", 1), ("二、外交支出", 1), ("总计", 0), ("总计#2", 1)]
    assert fact(ledger, "收入支出决算总表", "总计#2", "金额").column == "支出/金额"
    assert ledger.coverage.counts() == {"fact": 5, "index": 8, "code": 0, "identifier": 0, "unplaced": 0}


def test_economic_table_in_three_column_groups():
    text = HEAD + (
        "一般公共预算财政拨款基本支出决算表\n单位：万元\n"
        "科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\n"
        "301\t工资福利支出\t1.00\t302\t商品和服务支出\t2.00\t310\t资本性支出\t0.00\n"
        "\t人员经费合计\t1.00\t\t\t\t\t公用经费合计\t2.00\n"
    )
    ledger = ledger_from_text(text)
    assert [(r.key, r.group) for r in ledger.tables[0].rows] == [
        ("301", 0), ("302", 1), ("310", 2), ("人员经费合计", 0), ("公用经费合计", 2)]


@pytest.mark.parametrize(
    ("cell", "value", "decimals"),
    [("1,376.70", "1376.70", 2), ("-5.00", "-5.00", 2), ("(5.00)", "-5.00", 2), ("0.00", "0.00", 2),
     ("-", "0", 0), ("—", "0", 0), ("１，３７６．７０", "1376.70", 2), ("12", "12", 0)],
)
def test_cell_figures(cell, value, decimals):
    text = HEAD + f"支出决算表\n单位：万元\n科目代码\t科目名称\t合计\n201\t一般公共服务支出\t{cell}\n"
    f = fact(ledger_from_text(text), "支出决算表", "201", "合计")
    assert (f.value, f.decimals) == (Decimal(value), decimals)


def test_blank_cell_gives_no_fact_but_the_row_exists():
    text = HEAD + "支出决算表\n单位：万元\n科目代码\t科目名称\t合计\t基本支出\n201\t一般公共服务支出\t1.00\t\n"
    ledger = ledger_from_text(text)
    assert rows_of(ledger, "支出决算表") == [("201", "合计", Decimal("1.00"))]
    assert ledger.tables[0].columns == ["合计", "基本支出"]


def test_percent_and_table_of_its_own_unit():
    text = HEAD + (
        "说明文字。\n\n序号\t项目名称\t项目金额(元)\t预留比例(%)\t预留金额(元)\t合同编号\n"
        "1\t设备维护\t648000\t100%\t648000\t2023001\n"
    )
    ledger = ledger_from_text(text)
    assert ledger.tables[0].type == "中小企业预留项目表"
    assert [(f.column, f.value, f.unit) for f in ledger.facts] == [
        ("项目金额(元)", Decimal("648000"), "元"), ("预留比例(%)", Decimal("100"), "%"),
        ("预留金额(元)", Decimal("648000"), "元")]
    assert ledger.coverage.counts() == {"fact": 3, "index": 1, "code": 0, "identifier": 1, "unplaced": 0}


def test_unknown_table_keeps_its_figures():
    text = HEAD + "支出决算表\n单位：万元\n科目代码\t科目名称\t合计\n201\t一般公共服务支出\t1.00\n\n" \
        "一段说明。\n\n甲\t乙\n丙\t7.50\n"
    ledger = ledger_from_text(text)
    assert [t.type for t in ledger.tables] == ["支出决算表", "未识别表格"]
    assert fact(ledger, "未识别表格", "丙", "乙").value == Decimal("7.50")


def test_crlf_and_full_width_digits_in_prose_lines():
    text = HEAD.replace("2024", "２０２４") + "支出决算表\r\n单位：万元\r\n科目代码\t科目名称\t合计\r\n201\t一般\t1.00\r\n"
    ledger = ledger_from_text(text)
    assert ledger.info.year == 2024 and ledger.facts[0].line == 6


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "文件为空"), (b"\x00\x01\x02\x03binary\xff\xfe\x00" * 50, "不是文本文件"),
     ("很久很久以前，有一座山。\n山里有一座庙。\n".encode(), "不是部门预算或决算公开文件")],
)
def test_not_a_disclosure(data, message):
    with pytest.raises(InputError, match=message):
        build_ledger(read_txt_bytes("x.txt", data))
