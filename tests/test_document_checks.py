"""The document pack (rules/document.yaml, D rules) and its checks (auditor/engine/document_checks.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import FIXTURES, ledger_from_text

from auditor.audit import AuditOptions, audit_file
from auditor.engine import CHECKS, load_pack, load_pack_text, run_rules
from auditor.engine.document_checks import DOCUMENT_CHECKS, register
from auditor.engine.wording import WORDING_CHECKS
from auditor.errors import RuleFileError
from auditor.paths import RULES_DIR
from auditor.report import Location

PACK = RULES_DIR / "document.yaml"
TEMPLATE_PDF = FIXTURES / "pdf" / "national-final-accounts-template.pdf"
PUTUO_PDF = FIXTURES / "pdf" / "putuo-social-work-2024-final.pdf"


@pytest.fixture(scope="module")
def rules():
    # D302 compares two procurement lists (tests/test_lists.py); these tests leave it out
    return [r for r in load_pack(PACK).rules if r.check != "paired_lists"]


def audit(path: Path, rules):
    report = audit_file(path, rules, AuditOptions())
    assert report.error is None
    return report


def brief(findings):
    """(rule, severity, page, line, message) of each finding, in report order."""
    out = []
    for f in findings:
        loc = f.locations[0] if f.locations else Location(None, None, None, None, None)
        out.append((f.rule, f.severity, loc.page, loc.line, f.message))
    return out


def run_text(text: str, rules):
    ledger = ledger_from_text(textwrap.dedent(text).lstrip("\n"))
    return run_rules(ledger, rules)


# -- the pack -------------------------------------------------------------------------------


def test_pack_loads_and_registers_its_checks(rules):
    assert [r.id for r in rules] == ["D001", "D002", "D101", "D102", "D103", "D104", "D106", "D105", "D201", "D202", "D301", "D310", "D320", "D401"]
    assert {r.check for r in rules} <= set(DOCUMENT_CHECKS) | set(WORDING_CHECKS)
    for name, spec in {**DOCUMENT_CHECKS, **WORDING_CHECKS}.items():
        assert CHECKS[name] is spec  # one registry: the engine's
    register()  # registering again is harmless
    assert [r.kinds for r in rules[:2]] == [("final",), ("budget",)]
    # wording and names are warnings; a comparison word the figures contradict is an error
    assert {r.id: r.severity for r in rules[2:] if r.severity != "warning"} == {"D401": "error"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "  check: placeholders\n  patterns: ['XX(']\n",
            "t.yaml: 第 1 行: 规则 D900: 参数 patterns[1] 不是有效的正则表达式：XX(",
        ),
        ("  check: required_tables\n  tables: 甲\n",
         "t.yaml: 第 1 行: 规则 D900: 参数 tables 应为表类型列表（某项为列表时表示其中任一张即可）"),
        (
            "  check: required_tables\n  tables: [甲, [乙, 3]]\n",
            "t.yaml: 第 1 行: 规则 D900: 参数 tables 中的 ['乙', 3] 应为表类型或表类型列表",
        ),
        (
            "  check: placeholders\n  patterns: [x]\n  scope: body\n",
            "t.yaml: 第 1 行: 规则 D900: 参数 scope 应为 all / prose / tables 之一，却是 'body'",
        ),
    ],
)
def test_parameters_are_validated_at_load(body, message):
    text = "- id: D900\n  title: t\n  severity: warning\n" + body
    with pytest.raises(RuleFileError) as info:
        load_pack_text("pack: t\nrules:\n" + textwrap.indent(text, "  "), "t.yaml")
    assert str(info.value).startswith(message.replace("第 1 行", "第 3 行"))


# -- the seeds and the real PDFs --------------------------------------------------------------


def test_budget_seed_department_name_without_its_prefix(rules):
    report = audit(FIXTURES / "seeds" / "mohe-smart-city-2025-budget.txt", rules)
    assert brief(report.findings) == [
        (
            "D301",
            "warning",
            None,
            98,
            "部门收入总表 部门行 310“漠河智慧城市服务中心”与文件的部门名称“漠河市智慧城市服务中心”不一致（少了“市”）",
        ),
        (
            "D301",
            "warning",
            None,
            295,  # the 部门： line under the title, where the name is written
            "部门整体绩效表 所列部门“漠河智慧城市服务中心”与文件的部门名称“漠河市智慧城市服务中心”不一致（少了“市”）",
        ),
    ]
    assert report.findings[0].locations == [Location(98, None, "部门收入总表", "310", None)]
    assert report.findings[1].locations == [Location(295, None, "部门整体绩效表", None, None)]
    assert report.skipped == []


def test_final_seed_is_complete_and_clean(rules):
    report = audit(FIXTURES / "seeds" / "pingfang-smart-city-2023-final.txt", rules)
    assert report.findings == [] and report.skipped == []


def test_filled_pdf_left_the_template_instruction_in_two_table_notes(rules):
    report = audit(PUTUO_PDF, rules)
    assert [(f.rule, f.locations[0].page, f.locations[0].line) for f in report.findings] == [
        ("D103", 15, 7), ("D103", 16, 7)]
    assert "仍保留该表格式" in report.findings[0].message and report.skipped == []


def test_unfilled_template_pdf_warns_of_placeholders_and_alternatives(rules):
    report = audit(TEMPLATE_PDF, rules)
    found = brief(report.findings)
    # all nine tables are there (blank): no missing-table error, no error at all
    assert {f.severity for f in report.findings} == {"warning"}
    assert {f.rule for f in report.findings} == {"D101", "D102", "D103"}
    assert report.skipped == []
    expected = [
        ("D101", "warning", 1, 1, "未填写的模板占位符：“XX”（原文：上海市XX局）"),
        (
            "D101",
            "warning",
            15,
            4,
            "未填写的模板占位符：“XXX万元”、“XX%”（原文：…相比，收入支出总计增加（减少）XXX万元，增长（下降）XX%。）",
        ),
        (
            "D102",
            "warning",
            15,
            4,
            "未删除的模板选择项：“增加（减少）”、“增长（下降）”（原文：度相比，收入支出总计增加（减少）XXX万元，增长（下降）XX%…）",
        ),
        ("D103", "warning", 15, 5, "未删除的模板填写说明：“（如持平作持平表述）”（原文：主要原因：XXXXXXXX。（如持平作持平表述））"),
        # 减 | 少（增加） wrapped over two lines: found, reported where it starts
        ("D102", "warning", 17, 12, "未删除的模板选择项：“减少（增加）”（原文：…政拨款支出决算数比2023年度减少（增加））"),
        ("D101", "warning", 18, 5, "未填写的模板占位符：“XX个”、“XX人次”、“XXXXXXXX”（原文：团组XX个、累计XX人次。开支内容包括：…）"),
    ]
    for item in expected:
        assert item in found
    # a table cell: the unit list of the template
    cell = next(f for f in report.findings if f.locations[0].table == "单位构成表")
    assert cell.locations == [Location(10, 4, "单位构成表", "上海市XX局(本级)", None)]
    assert cell.message == "单位构成表 未填写的模板占位符：“XX”（原文：上海市XX局(本级)）"
    # one finding per line and rule
    keys = [(f.rule, f.locations[0].page, f.locations[0].line, f.locations[0].row) for f in report.findings]
    assert len(keys) == len(set(keys))


# -- small texts --------------------------------------------------------------------------------

SMALL_FINAL = """
哈尔滨市平房区智慧城市发展中心2023年度部门决算公开

第二部分 2022年度部门决算表

收入支出决算总表

单位：平房区智慧城市发展中心

单位：万元

项目\t金额
本年收入合计\t10.00
（单位名称）\t0.00

注：本表为示例。

第三部分 2023年度部门决算情况说明

本年收入合计XXX万元，比上年增加/减少XX%，全年安排团组X个。截至2022年12月31日，共有车辆0辆。
主要原因是【】。
"""


def test_small_final_document(rules):
    findings, skipped = run_text(SMALL_FINAL, rules)
    assert skipped == []
    # one table says nothing of the template: only the 收支总表 every family has is required
    assert [f for f in findings if f.rule == "D001"] == []
    assert brief(f for f in findings if f.rule != "D001") == [
        ("D201", "warning", None, 3, "标题“第二部分 2022年度部门决算表”中的年度 2022 与文件年度 2023 不一致"),
        (
            "D301",
            "warning",
            None,
            7,  # the 单位： line that writes the name, not the title
            "收入支出决算总表 所列部门“平房区智慧城市发展中心”与文件的部门名称“哈尔滨市平房区智慧城市发展中心”不一致（少了“哈尔滨市”）",
        ),
        ("D101", "warning", None, 13, "收入支出决算总表 未填写的模板占位符：“(单位名称)”"),
        (
            "D101",
            "warning",
            None,
            19,
            "未填写的模板占位符：“XXX万元”、“XX%”、“X个”（原文：本年收入合计XXX万元，比上年增加/减少XX%，全年…）",
        ),
        (
            "D102",
            "warning",
            None,
            19,
            "未删除的模板选择项：“增加/减少”（原文：本年收入合计XXX万元，比上年增加/减少XX%，全年安排团组X个。截至…）",
        ),
        (  # a 2023 final account states its stock at the end of 2023
            "D202",
            "warning",
            None,
            19,
            "“截至2022年12月31日”（原文：…减少XX%，全年安排团组X个。截至2022年12月31日，共有车辆0辆。）："
            "资产等数据的时点 2022 与 2023 年度决算不符（应为 2023）",
        ),
        ("D101", "warning", None, 20, "未填写的模板占位符：“【】”（原文：主要原因是【】。）"),
    ]


NATIONAL_BUDGET_TITLES = ["部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表",
                          "一般公共预算基本支出表", "一般公共预算“三公”经费支出表", "政府性基金预算支出表"]
SHANGHAI_BUDGET_TITLES = ["2024年预算单位财务收支预算总表", "2024年预算单位收入预算总表", "2024年预算单位支出预算总表",
                          "2024年预算单位财政拨款收支预算总表", "2024年预算单位一般公共预算支出功能分类预算表",
                          "2024年预算单位政府性基金预算支出功能分类预算表",
                          "2024年预算单位国有资本经营预算支出功能分类预算表",
                          "2024年预算单位一般公共预算基本支出部门预算经济分类预算表",
                          "单位“三公”经费和机关运行经费预算表"]
UNIVERSITY_BUDGET_TITLES = ["某某大学收支预算总表", "某某大学收入预算表", "某某大学支出预算表", "某某大学财政拨款支出预算表"]


def budget_with_tables(titles: list[str]) -> str:
    """A budget document with one small table under each title."""
    body = "".join(f"{title}\n\n单位：万元\n\n项目\t预算数\n合计\t1.00\n\n" for title in titles)
    return "某某局2024年部门预算公开\n\n" + body


def required_findings(titles: list[str], rules) -> list[str]:
    findings, _ = run_rules(ledger_from_text(budget_with_tables(titles)), rules)
    return [f.message for f in findings if f.rule == "D002"]


def test_the_family_decides_which_tables_a_budget_needs(rules):
    # the national template: eight tables; one left out is reported, with the template named
    assert required_findings(NATIONAL_BUDGET_TITLES[:6] + NATIONAL_BUDGET_TITLES[7:], rules) == [
        "部门预算缺少三公经费支出表（财政部统一模板）"]
    assert required_findings(NATIONAL_BUDGET_TITLES, rules) == []
    # Shanghai: nine, 国有资本经营 included
    assert required_findings(SHANGHAI_BUDGET_TITLES[:6] + SHANGHAI_BUDGET_TITLES[7:], rules) == [
        "部门预算缺少国有资本经营预算支出表（上海市部门（单位）预算模板）"]
    assert required_findings(SHANGHAI_BUDGET_TITLES, rules) == []
    # the education-ministry universities: four tables, no 三公 or fund tables
    assert required_findings(UNIVERSITY_BUDGET_TITLES, rules) == []
    assert required_findings(UNIVERSITY_BUDGET_TITLES[:3], rules) == [
        "部门预算缺少财政拨款支出表（教育部直属高校模板）"]


def test_an_unknown_template_needs_only_the_summary_table(rules):
    assert required_findings(["部门收支总表"], rules) == []
    assert required_findings(["某某情况表"], rules) == ["部门预算缺少部门收支总表（未识别的模板）"]


def test_the_budget_list_applies_to_budgets_only(rules):
    findings, _ = run_text(budget_with_tables(NATIONAL_BUDGET_TITLES[:7]).replace("部门预算公开", "部门决算"), rules)
    assert [f.rule for f in findings if f.rule == "D002"] == []
    assert len([f for f in findings if f.rule == "D001"]) == 9  # a 决算 needs the 决算 tables


def test_family_detection_from_titles():
    from auditor.tables.families import load_families

    families = load_families()
    assert families.detect(NATIONAL_BUDGET_TITLES).id == "national"
    assert families.detect(SHANGHAI_BUDGET_TITLES).id == "shanghai"
    assert families.detect(UNIVERSITY_BUDGET_TITLES, "某某大学").id == "university"
    assert families.detect(["收支预算总表", "一般公共预算机关运行经费支出预算表",
                            "“三公”经费、会议费、培训费支出预算表"]).id == "jiangsu"
    assert families.detect(["部门收支总表"]).id == "unknown"
    assert families.detect([]).id == "unknown"


def test_years_in_prose_and_correct_headings_are_fine(rules):
    text = """
    某某局2023年度部门决算

    第三部分 2023年度部门决算情况说明

    一、2023年度决算收支增减变化情况

    2023年度收入比2022年度决算数增加1.00万元。截至2023年12月31日，共有车辆0辆。
    二、2022年度财政拨款“三公”经费支出情况
    """
    findings, skipped = run_text(text, [r for r in rules if r.id == "D201"])
    assert skipped == []
    assert brief(findings) == [
        ("D201", "warning", None, 8, "标题“二、2022年度财政拨款“三公”经费支出情况”中的年度 2022 与文件年度 2023 不一致")
    ]


def test_unknown_year_or_department_is_a_skip(rules):
    text = """
    收入支出决算总表

    项目\t金额
    本年收入合计\t1.00
    """
    ledger = ledger_from_text(textwrap.dedent(text).lstrip("\n"))
    ledger.info.year = None
    ledger.info.department = None
    findings, skipped = run_rules(ledger, [r for r in rules if r.id in ("D201", "D301")])
    assert findings == []
    assert [(s.rule, s.reason) for s in skipped] == [
        ("D201", "文件年度未知，无法核对标题中的年度"),
        ("D301", "文件的部门名称未知，无法核对"),
    ]


def test_a_document_free_of_leftovers_gives_nothing(rules):
    text = """
    某某局2023年度部门决算

    本年收入合计1,376.70万元，比上年减少280.34万元，下降16.92%。合同编号FWHTHLJGCYC2312990020231503295。
    XBRL 与 Excel（.xlsx）格式同时公开。
    """
    findings, _ = run_text(text, [r for r in rules if r.id in ("D101", "D102", "D103")])
    assert findings == []


def test_findings_on_identical_lines_are_not_merged(rules):
    text = """
    某某局2023年度部门决算

    第二部分 2022年度部门决算表

    第二部分 2022年度部门决算表
    """
    findings, _ = run_text(text, [r for r in rules if r.id == "D201"])
    assert [f.locations[0].line for f in findings] == [3, 5]
    assert findings[0].to_json()["locations"] == [
        {"line": 3, "page": None, "table": None, "row": None, "column": None, "label": None, "file": None}
    ]


def test_a_blank_unit_name_above_a_table(rules):
    text = """
    某某大学2023年度部门决算

    收入支出决算总表

    单位名称：　　　单位：万元

    项目\t金额
    本年收入合计\t10.00
    """
    findings, _ = run_text(text, rules)
    assert brief(f for f in findings if f.rule == "D106") == [
        ("D106", "warning", None, 5, "收入支出决算总表 表头的单位名称留空：“单位名称：”（原文：单位名称：   单位：万元）")]
    filled, _ = run_text(text.replace("单位名称：　　　", "单位名称：某某大学　"), rules)
    assert [f for f in filled if f.rule == "D106"] == []
