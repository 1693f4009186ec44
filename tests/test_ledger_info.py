"""Kind, year, department and template family of a document, read from its cover and tables."""

from __future__ import annotations

import textwrap

from conftest import ledger_from_text

TABLE = "部门收支总表\n\n{dept}单位：万元\n\n收入\t预算数\n本年收入合计\t1.00\n"


def info(text: str):
    return ledger_from_text(textwrap.dedent(text).lstrip("\n")).info


def test_a_cover_line_names_the_department_when_the_title_names_the_region():
    got = info("上海市普陀区2023年区级部门预算\n预算主管部门：上海市普陀区人民政府万里街道办事处\n\n" + TABLE.format(dept=""))
    assert (got.kind, got.year, got.department) == ("budget", 2023, "上海市普陀区人民政府万里街道办事处")
    got = info("上海市2025年市级单位预算\n预算单位：上海市财政局\n\n" + TABLE.format(dept=""))
    assert got.department == "上海市财政局"


def test_a_region_only_title_leaves_the_department_to_the_tables():
    got = info("江苏省2018年度\n省级部门预算公开报表\n江苏省财政厅印制\n\n" + TABLE.format(dept="部门：中共江苏省委办公厅 "))
    assert (got.year, got.department) == (2018, "中共江苏省委办公厅")


def test_the_department_after_a_leading_year():
    got = info("2017年度江苏省高级人民法院部门预算公开\n\n" + TABLE.format(dept=""))
    assert (got.kind, got.year, got.department) == ("budget", 2017, "江苏省高级人民法院")


def test_a_table_unit_line_is_not_the_cover_department():
    got = info("某某中心2023年度部门决算公开\n\n第二部分 2023年度部门决算表\n\n收入支出决算总表\n\n单位：某中心\n\n"
               "单位：万元\n\n项目\t金额\n本年收入合计\t10.00\n")
    assert got.department == "某某中心"


def test_a_file_of_tables_only_takes_its_year_from_the_titles():
    text = (TABLE.format(dept="部门：江苏省政协办公厅 ")
            + "\n2018年政府采购预算表\n\n单位：万元\n\n项目\t金额\n合计\t2.00\n")
    got = info(text)
    assert (got.kind, got.year, got.department) == ("budget", 2018, "江苏省政协办公厅")


def test_the_text_of_a_disclosure_is_never_e003_when_its_headings_say_what_it_is():
    text = ("目录\n第一部分 部门概况\n第二部分 部门预算情况说明\n一、收支预算总体情况说明\n收支预算总表附后。\n"
            "二、收入预算情况说明\n三、支出预算情况说明\n本部门收入预算总计100.00万元。\n")
    got = info(text)
    assert got.kind == "budget"
    import pytest

    from auditor.errors import InputError

    with pytest.raises(InputError) as exc:
        info("会议纪要\n一、会议情况\n本次会议讨论了若干事项。\n")
    assert exc.value.code == "E003"
