"""The row-oriented generic checks on small hand-built ledgers: row_sum (a total row is the sum of
named rows), sub_rows (a 其中 row is at most its parent), year_change (增减额, 增减率)."""

import textwrap
from decimal import Decimal as D

import pytest
from test_engine_checks import audit
from test_engine_ledger import make_ledger

from auditor.engine import load_pack_text, run_rules
from auditor.engine.address import loose_key, match_columns
from auditor.errors import RuleFileError


def rule(check, table, params=""):
    """A rule of one generic check with its parameters (YAML lines)."""
    return f"- id: C199\n  title: 测试\n  severity: error\n  check: {check}\n  table: {table}\n" + textwrap.indent(
        textwrap.dedent(params), "  "
    )


ROW_SUM = rule("row_sum", "财政拨款三公经费支出决算表", """
total: 合计|总计
parts: [因公出国(境)费, 公务用车购置及运行维护费, 公务接待费]
""")

ITEMS = """
# 财政拨款三公经费支出决算表
| 预算数 | 决算数
总计 | 12.50 | {total}
1.因公出国(境)费 | 0.00 | 0.00
2.公务用车购置及运行维护费 | 8.50 | 7.20
其中：(1)公务用车购置费 | 0.00 | 0.00
(2)公务用车运行维护费 | 8.50 | 7.20
3.公务接待费 | 4.00 | 3.16
"""


def test_row_sum_in_every_money_column():
    assert audit(ITEMS.format(total="10.36"), ROW_SUM) == ([], [])
    (f,) = audit(ITEMS.format(total="10.46"), ROW_SUM)[0]
    assert f.message == (
        "财政拨款三公经费支出决算表 行 总计 列 决算数：10.46 ≠ 因公出国(境)费、公务用车购置及运行维护费、公务接待费 之和 "
        "10.36，相差 0.10"
    )
    assert [(loc.line, loc.column) for loc in f.locations] == [(4, "决算数"), (5, "决算数"), (6, "决算数"), (9, "决算数")]


def test_row_sum_finds_qizhong_and_numbered_rows_by_their_item():
    rule = ROW_SUM.replace("total: 合计|总计", "total: 公务用车购置及运行维护费").replace(
        "parts: [因公出国(境)费, 公务用车购置及运行维护费, 公务接待费]", "parts: [公务用车购置费, 公务用车运行维护费]"
    )
    assert audit(ITEMS.format(total="10.36"), rule) == ([], [])
    (f,) = audit(ITEMS.format(total="10.36").replace("| 8.50 | 7.20\n其中", "| 8.50 | 7.30\n其中"), rule)[0]
    assert (f.locations[0].row, f.actual, f.expected) == ("2.公务用车购置及运行维护费", D("7.30"), D("7.20"))


def test_row_sum_does_not_apply_to_a_table_with_a_column_per_item():
    columns = """
    # 财政拨款三公经费支出决算表
    | 合计 | 因公出国(境)费 | 公务用车购置及运行维护费 | 公务接待费
    合计 | 12.50 | 0.00 | 8.50 | 4.00
    """
    assert audit(columns, ROW_SUM) == ([], [])
    # a table listing some of the items as rows lacks the others: skipped with the reason
    some = ITEMS.format(total="10.36").replace("3.公务接待费", "3.会议费")
    findings, skipped = audit(some, ROW_SUM)
    assert findings == [] and [s.reason for s in skipped] == ["缺少行：财政拨款三公经费支出决算表 行 公务接待费"]


SUB_ROWS = rule("sub_rows", "部门预算项目支出表")

PROJECTS = """
# 部门预算项目支出表
| 合计 | 一般公共预算 | 增减额
合计 | 50.00 | 45.00 | -5.00
项目甲 | 30.00 | 30.00 | -10.00
其中：子项目 | {sub} | 20.00 | 0.00
项目乙 | 20.00 | 15.00 | 5.00
"""


def rules_of(rules_yaml):
    return load_pack_text("pack: t\nrules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "), "t.yaml").rules


def run_marked(text, rules_yaml):
    """Like `audit`, with the 其中 row (the third) marked a part of the row above, as the table layer does."""
    ledger = make_ledger(text, "budget")
    rows = ledger.tables[0].rows
    rows[2].part_of = rows[1].key
    return run_rules(ledger, rules_of(rules_yaml))


def test_sub_row_at_most_its_parent_except_in_change_columns():
    # 0.00 > -10.00 in the 增减额 column is not a finding: a part of a change may exceed it
    assert run_marked(PROJECTS.format(sub="20.00"), SUB_ROWS) == ([], [])
    (f,), _ = run_marked(PROJECTS.format(sub="31.00"), SUB_ROWS)
    assert f.message == "部门预算项目支出表 行 其中：子项目 列 合计：31.00 > 部门预算项目支出表 行 项目甲 列 合计 30.00，相差 1.00"


def test_column_total_flat_leaves_out_qizhong_rows():
    flat = rule("column_total", "部门预算项目支出表", "hierarchy: flat\ncolumns: [合计]\n")
    # unmarked, the 其中 row would be counted: 30 + 20 + 20 ≠ 50
    assert len(audit(PROJECTS.format(sub="20.00"), flat, kind="budget")[0]) == 1
    assert run_marked(PROJECTS.format(sub="20.00"), flat) == ([], [])


YEAR_CHANGE = rule("year_change", "三公经费支出表", "change: 增减额\nrate: 增减率\n")

YEARS = """
# 三公经费支出表
| 2025年预算数 | 2024年预算数 | 增减额 | 增减率
合计 | 100.00 | 120.00 | {change} | {rate}
因公出国(境)费 | 0.00 | 0.00 | 0.00 |
"""


def test_year_change_amount_and_rate():
    assert audit(YEARS.format(change="-20.00", rate="-16.67"), YEAR_CHANGE, kind="budget") == ([], [])
    findings, _ = audit(YEARS.format(change="-21.00", rate="-16.67"), YEAR_CHANGE, kind="budget")
    assert [f.message for f in findings] == [
        "三公经费支出表 行 合计 列 增减额：-21.00 ≠ 2025年预算数 − 2024年预算数 -20.00，相差 -1.00",
    ]
    findings, _ = audit(YEARS.format(change="-20.00", rate="-17.67"), YEAR_CHANGE, kind="budget")
    assert [(f.severity, f.message) for f in findings] == [(
        "error",
        "三公经费支出表 行 合计 列 增减率：-17.67 ≠ (2025年预算数 − 2024年预算数) ÷ 2024年预算数 × 100 -16.67，"
        "相差 -1.00",
    )]


def test_year_change_needs_two_years_or_named_columns():
    text = YEARS.format(change="-20.00", rate="-16.67").replace("2025年预算数", "本年预算数")
    findings, skipped = audit(text, YEAR_CHANGE, kind="budget")
    assert findings == [] and [s.reason for s in skipped] == [
        "三公经费支出表：无法确定本年与上年的列（需要两个以年份命名的列，或给出 current、previous）"
    ]
    named = YEAR_CHANGE + "  current: 本年预算数\n  previous: 2024年预算数\n"
    assert audit(text, named, kind="budget") == ([], [])
    # a table without a 增减额 column compares no years
    assert audit("# 三公经费支出表\n| 合计\n合计 | 1.00\n", YEAR_CHANGE, kind="budget") == ([], [])


def test_new_check_parameters_are_validated():
    with pytest.raises(RuleFileError, match="skip_columns 不是有效的正则表达式"):
        rules_of(SUB_ROWS + "  skip_columns: '('\n")
    with pytest.raises(RuleFileError, match="缺少参数 change"):
        rules_of(YEAR_CHANGE.replace("  change: 增减额\n", ""))


def test_loose_key_and_columns_named_without_their_unit():
    assert loose_key("其中：（1）公务用车购置费") == "公务用车购置费"
    assert loose_key("（2）公务用车运行维护费") == "公务用车运行维护费"
    assert loose_key("2.公务用车购置及运行费") == "公务用车购置及运行费"
    assert match_columns("增减率", ["增减额", "增减率(%)"]) == ["增减率(%)"]
    assert match_columns("项目金额", ["项目金额(元)"]) == ["项目金额(元)"]
    # a query that names the unit itself matches only that
    assert match_columns("金额(元)", ["金额(万元)"]) == []
