"""The generic checks on small hand-built ledgers."""

import textwrap
from decimal import Decimal as D

from test_engine_ledger import make_ledger

from auditor.engine import load_pack_text, run_rules
from auditor.report import Location


def audit(ledger_text, rules_yaml, show_rounding=False, kind="final"):
    pack = load_pack_text("pack: t\nrules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "), "t.yaml")
    return run_rules(make_ledger(ledger_text, kind), pack.rules, show_rounding)


HIERARCHY = """
- id: F103
  title: 科目层级
  severity: error
  check: code_hierarchy
  table: 支出决算表
"""

EXPENSE = """
# 支出决算表
| 本年支出合计 | 基本支出 | 项目支出
210 卫生健康支出 | 87.58 | 84.36 | 3.22
21001 卫生健康管理事务 | 84.36 | 84.36 |
21002 公立医院 | {x} | | {x}
"""


def test_hierarchy_difference_rounding_explains_gives_nothing():
    findings, skipped = audit(EXPENSE.format(x="3.23"), HIERARCHY)
    assert findings == [] and skipped == []


def test_hierarchy_rounding_difference_is_info_when_asked():
    findings, _ = audit(EXPENSE.format(x="3.23"), HIERARCHY, show_rounding=True)
    assert [(f.severity, f.locations[0].column, f.difference) for f in findings] == [
        ("info", "本年支出合计", D("-0.01")),
        ("info", "项目支出", D("-0.01")),
    ]
    assert findings[0].message == (
        "支出决算表 行 210 卫生健康支出 列 本年支出合计：87.58 ≠ 各款之和 87.59，相差 -0.01（在舍入误差范围内）"
    )


def test_hierarchy_error_with_expected_actual_difference_and_locations():
    findings, _ = audit(EXPENSE.format(x="4.23"), HIERARCHY)
    by_column = {f.locations[0].column: f for f in findings}
    assert set(by_column) == {"本年支出合计", "项目支出"}
    f = by_column["本年支出合计"]
    assert (f.rule, f.severity, f.title) == ("F103", "error", "科目层级")
    assert (f.expected, f.actual, f.difference) == (D("88.59"), D("87.58"), D("-1.01"))
    assert f.message == "支出决算表 行 210 卫生健康支出 列 本年支出合计：87.58 ≠ 各款之和 88.59，相差 -1.01"
    assert f.locations == [
        Location(4, None, "支出决算表", "210", "本年支出合计", "卫生健康支出"),
        Location(5, None, "支出决算表", "21001", "本年支出合计", "卫生健康管理事务"),
        Location(6, None, "支出决算表", "21002", "本年支出合计", "公立医院"),
    ]
    g = by_column["项目支出"]  # 3.22 vs blank (0 ± 0.005) + 4.23
    assert (g.expected, g.actual, g.difference) == (D("4.23"), D("3.22"), D("-1.01"))


def test_hierarchy_three_levels_children_anywhere_and_leaf_parents():
    text = """
    # 支出决算表
    | 本年支出合计
    201 一般公共服务支出 | 30.00
    2010101 行政运行 | 10.00
    20101 人大事务 | 30.00
    208 社会保障和就业支出 | 5.00
    2010102 一般行政管理事务 | 21.00
    """
    findings, _ = audit(text, HIERARCHY)
    # 201 = 20101 (30.00) holds; 208 has no children (a leaf); 20101 ≠ 10.00 + 21.00
    assert [(f.locations[0].row, f.expected, f.actual) for f in findings] == [
        ("20101", D("31.00"), D("30.00"))
    ]
    assert (
        findings[0].message
        == "支出决算表 行 20101 人大事务 列 本年支出合计：30.00 ≠ 各项之和 31.00，相差 -1.00"
    )


def test_hierarchy_department_over_units():
    text = """
    # 部门收入总表
    | 合计
    310 区民政局 | 100.00
    310001 区民政局（本级） | 60.00
    310002 区社会福利院 | 40.05
    """
    rule = HIERARCHY.replace("支出决算表", "部门收入总表").replace("F103", "B103")
    (f,) = audit(text, rule, kind="budget")[0]
    assert f.message == "部门收入总表 行 310 区民政局 列 合计：100.00 ≠ 各单位之和 100.05，相差 -0.05"
    assert f.severity == "error"


COLUMN_TOTAL = """
- id: F101
  title: 合计等于各类之和
  severity: error
  check: column_total
  table: 支出决算表
"""


def test_column_total_sums_top_level_codes_only():
    # Counting the 款 rows too would give 235.16 / 180.00 and two errors.
    text = """
    # 支出决算表
    | 本年支出合计 | 基本支出
    合计 | 117.58 | 90.00
    201 一般公共服务支出 | 30.00 | 5.64
    20101 人大事务 | 30.00 | 5.64
    210 卫生健康支出 | 87.58 | 84.36
    21001 卫生健康管理事务 | 87.58 | 84.36
    """
    assert audit(text, COLUMN_TOTAL) == ([], [])


def test_column_total_error_names_both_sides():
    text = """
    # 支出决算表
    | 本年支出合计 | 基本支出 | 项目支出
    合计 | 117.58 | 90.00 | 27.70
    201 一般公共服务支出 | 30.00 | 5.64 | 24.36
    210 卫生健康支出 | 87.58 | 84.36 | 3.23
    """
    findings, _ = audit(text, COLUMN_TOTAL)
    (f,) = findings
    assert f.message == "支出决算表 行 合计 列 项目支出：27.70 ≠ 各类科目之和 27.59，相差 0.11"
    assert (f.expected, f.actual, f.difference) == (D("27.59"), D("27.70"), D("0.11"))
    assert [(loc.line, loc.row) for loc in f.locations] == [(4, "合计"), (5, "201"), (6, "210")]


def test_blank_cells_count_as_zero_with_the_tables_rounding():
    # 3.25 ([3.245, 3.255]) against blank + blank + 3.23 ([3.215, 3.245]) touches at 3.245;
    # were blanks an exact 0 the parts would be [3.225, 3.235] and this an error.
    text = """
    # 支出决算表
    | 项目支出
    合计 | {total}
    201 一般公共服务支出 |
    205 教育支出 |
    210 卫生健康支出 | 3.23
    """
    assert audit(text.format(total="3.25"), COLUMN_TOTAL) == ([], [])
    (f,) = audit(text.format(total="3.26"), COLUMN_TOTAL)[0]
    assert (f.expected, f.actual) == (D("3.23"), D("3.26"))
    assert [loc.row for loc in f.locations] == ["合计", "201", "205", "210"]  # blanks located too


SUMMARY = """
# 收入支出决算总表
| 收入/决算数
一、一般公共预算财政拨款收入 | 100.00
二、事业收入 | 20.00
本年收入合计 | 120.00
| 支出/决算数
g1: 一、一般公共服务支出 | 50.00
g1: （一）人大事务 | 10.00
g1: （二）政府办公厅 | 40.00
g1: 二、卫生健康支出 | {health}
g1: 本年支出合计 | 120.00
g1: 年末结转和结余 | 0.00
g1: 总计 | 120.00
"""


def test_column_total_over_roman_numbered_lines_of_each_half():
    rule = """
    - id: F102
      title: 总表合计
      severity: error
      check: column_total
      table: 收入支出决算总表
      total: [本年收入合计, 本年支出合计]
    """
    assert audit(SUMMARY.format(health="70.00"), rule) == ([], [])
    findings, _ = audit(SUMMARY.format(health="71.00"), rule)
    (f,) = findings
    assert (
        f.message == "收入支出决算总表 行 本年支出合计 列 支出/决算数：120.00 ≠ 各分项之和 121.00，相差 -1.00"
    )
    assert [loc.row for loc in f.locations] == ["本年支出合计", "一、一般公共服务支出", "二、卫生健康支出"]


def test_column_total_without_hierarchy_is_skipped_with_reason():
    rule = """
    - id: F102
      title: 总表总计
      severity: error
      check: column_total
      table: 收入支出决算总表
      total: 总计
    """
    findings, skipped = audit(SUMMARY.format(health="70.00"), rule)
    assert findings == []
    assert [(s.rule, s.reason) for s in skipped] == [
        ("F102", "收入支出决算总表 行 总计：无法确定要相加的行（没有科目编码或一、二、…序号行）")
    ]


def test_column_total_skips_non_money_tables_and_missing_tables():
    text = """
    # 部门整体绩效表 nomoney
    | 指标值
    合计 | 3
    1 一级指标 | 1
    """
    rule = COLUMN_TOTAL.replace("支出决算表", "部门整体绩效表")
    assert audit(text, rule)[1][0].reason == "部门整体绩效表 不是金额表，不做加总"
    assert audit(text, COLUMN_TOTAL)[1][0].reason == "缺少表：支出决算表"


def test_column_total_per_side_by_side_group():
    text = """
    # 一般公共预算财政拨款基本支出决算表
    | 人员经费/决算数
    301 工资福利支出 | 10.00
    303 对个人和家庭的补助 | 2.00
    人员经费合计 | 12.00
    | 公用经费/决算数
    g1: 302 商品和服务支出 | 5.00
    g1: 310 资本性支出 | 1.00
    g1: 公用经费合计 | 7.00
    """
    rule = """
    - id: F104
      title: 经费合计
      severity: error
      check: column_total
      table: 一般公共预算财政拨款基本支出决算表
      total: [人员经费合计, 公用经费合计]
      by_group: true
    """
    findings, _ = audit(text, rule)
    (f,) = findings
    assert f.message == (
        "一般公共预算财政拨款基本支出决算表 行 公用经费合计 列 公用经费/决算数：7.00 ≠ 各类科目之和 6.00，相差 1.00"
    )


ROW_TOTAL = """
- id: F105
  title: 支出合计等于各项之和
  severity: error
  check: row_total
  table: 支出决算表
  total: 本年支出合计
  parts: [基本支出, 项目支出, 经营支出]
  optional: [经营支出]
"""


def test_row_total_every_row():
    text = """
    # 支出决算表
    | 本年支出合计 | 基本支出 | 项目支出
    合计 | 117.58 | 90.00 | 27.59
    201 一般公共服务支出 | 30.00 | 5.64 | 24.46
    210 卫生健康支出 | 87.58 | 84.36 | 3.23
    """
    findings, skipped = audit(text, ROW_TOTAL)
    assert skipped == []
    (f,) = findings
    assert (
        f.message
        == "支出决算表 行 201 一般公共服务支出 列 本年支出合计：30.00 ≠ 基本支出、项目支出 之和 30.10，相差 -0.10"
    )
    assert [loc.column for loc in f.locations] == ["本年支出合计", "基本支出", "项目支出"]


def test_row_total_missing_required_part_is_skipped():
    text = """
    # 支出决算表
    | 本年支出合计 | 基本支出
    合计 | 90.00 | 90.00
    """
    findings, skipped = audit(text, ROW_TOTAL)
    assert findings == []
    assert [s.reason for s in skipped] == ["缺少列：支出决算表 列 项目支出"]


def test_row_total_siblings_under_the_same_header():
    text = """
    # 一般公共预算支出表
    | 合计 | 基本支出/小计 | 基本支出/人员经费 | 基本支出/公用经费 | 项目支出
    合计 | 100.00 | 60.00 | 50.00 | 10.00 | 40.00
    201 一般公共服务支出 | 100.00 | 60.00 | 50.00 | 10.01 | 40.00
    """
    rule = """
    - id: B105
      title: 基本支出小计
      severity: error
      check: row_total
      table: 一般公共预算支出表
      total: 基本支出/小计
    """
    findings, _ = audit(text, rule, kind="budget")
    assert findings == []  # 60.00 vs 60.01 is rounding
    findings, _ = audit(text.replace("10.01", "10.02"), rule, kind="budget")
    (f,) = findings
    assert (
        f.message
        == "一般公共预算支出表 行 201 一般公共服务支出 列 基本支出/小计：60.00 ≠ 人员经费、公用经费 之和 60.02，相差 -0.02"
    )


AGREEMENT = """
- id: F201
  title: 总表支出与支出决算表一致
  severity: error
  check: agreement
  left: {table: 收入支出决算总表, column: 支出/决算数, rows: "ordinal:1"}
  right: {table: 支出决算表, column: 本年支出合计, rows: "code:3"}
  missing: warning
"""

EXPENSE_CLASSES = """
# 支出决算表
| 本年支出合计
合计 | 120.00
201 一般公共服务支出 | 50.00
210 卫生健康支出 | 69.00
"""


def test_agreement_by_class_name_reports_both_locations():
    findings, skipped = audit(SUMMARY.format(health="70.00") + EXPENSE_CLASSES, AGREEMENT)
    assert skipped == []
    (f,) = findings
    assert f.message == (
        "收入支出决算总表 行 二、卫生健康支出 列 支出/决算数：70.00 ≠ 支出决算表 行 210 卫生健康支出 列 本年支出合计 69.00，相差 1.00"
    )
    assert [(loc.table, loc.row) for loc in f.locations] == [
        ("收入支出决算总表", "二、卫生健康支出"),
        ("支出决算表", "210"),
    ]


def test_agreement_missing_keys_and_label_map():
    summary = (
        SUMMARY.format(health="70.00").replace("二、卫生健康支出", "二、卫生健康")
        + "g1: 三、教育支出 | 0.00\n"
    )
    findings, _ = audit(summary + EXPENSE_CLASSES.replace("69.00", "70.00"), AGREEMENT)
    # 二、卫生健康 has no row in 支出决算表 and 210 none in the summary; 三、教育支出 is 0: no finding
    assert [(f.severity, f.message) for f in findings] == [
        ("warning", "收入支出决算总表 行 二、卫生健康 列 支出/决算数 为 70.00，支出决算表 中没有对应的行"),
        (
            "warning",
            "支出决算表 行 210 卫生健康支出 列 本年支出合计 为 70.00，收入支出决算总表 中没有对应的行",
        ),
    ]
    mapped = AGREEMENT + "  map: {卫生健康: 卫生健康支出}\n"
    assert audit(summary + EXPENSE_CLASSES.replace("69.00", "70.00"), mapped) == ([], [])


def test_hierarchy_children_in_another_half_with_its_own_column_header():
    # 302 sits in the middle half, two of its children continue in the right half.
    text = """
    # 一般公共预算财政拨款基本支出决算表
    | 人员经费/决算数
    301 工资福利支出 | 10.00
    30101 基本工资 | 10.00
    | 公用经费/决算数
    g1: 302 商品和服务支出 | 6.00
    g1: 30201 办公费 | 1.00
    | 公用经费(续)/决算数
    g2: 30202 印刷费 | 2.00
    g2: 30217 公务接待费 | {x}
    """
    assert audit(
        text.format(x="3.00"), HIERARCHY.replace("支出决算表", "一般公共预算财政拨款基本支出决算表")
    ) == ([], [])
    (f,) = audit(
        text.format(x="3.50"), HIERARCHY.replace("支出决算表", "一般公共预算财政拨款基本支出决算表")
    )[0]
    assert (f.expected, f.actual) == (D("6.50"), D("6.00"))
    assert [(loc.row, loc.column) for loc in f.locations] == [
        ("302", "公用经费/决算数"),
        ("30201", "公用经费/决算数"),
        ("30202", "公用经费(续)/决算数"),
        ("30217", "公用经费(续)/决算数"),
    ]


def test_agreement_by_code_between_two_tables():
    text = """
    # 支出决算表
    | 本年支出合计 | 基本支出
    201 一般公共服务支出 | 50.00 | 20.00
    210 卫生健康支出 | 70.00 | 30.00
    # 一般公共预算财政拨款支出决算表
    | 小计 | 基本支出
    201 一般公共服务 | 50.00 | 20.00
    210 卫生健康 | 70.00 | 30.05
    """
    rule = """
    - id: F210
      title: 基本支出一致
      severity: error
      check: agreement
      key: code
      left: {table: 支出决算表, column: 基本支出}
      right: {table: 一般公共预算财政拨款支出决算表, column: 基本支出}
    """
    (f,) = audit(text, rule)[0]
    assert f.message == (
        "支出决算表 行 210 卫生健康支出 列 基本支出：30.00 ≠ 一般公共预算财政拨款支出决算表 行 210 卫生健康 列 基本支出 30.05，相差 -0.05"
    )


def test_agreement_by_name_ignores_a_trailing_zhichu():
    text = """
    # 支出决算表
    | 本年支出合计
    201 一般公共服务支出 | 50.00
    # 一般公共预算财政拨款支出决算表
    | 小计
    201 一般公共服务 | 50.10
    """
    rule = """
    - id: F211
      title: 名称对照
      severity: error
      check: agreement
      key: name
      left: {table: 支出决算表, column: 本年支出合计}
      right: {table: 一般公共预算财政拨款支出决算表, column: 小计}
    """
    (f,) = audit(text, rule)[0]
    assert (f.expected, f.actual, f.difference) == (D("50.10"), D("50.00"), D("-0.10"))


def test_a_large_table_runs_quickly():
    import time

    rows = "\n".join(f"{200 + i // 20}{i % 20:02d} 款{i} | 1.00" for i in range(600))
    classes = "\n".join(f"{200 + c} 类{c} | 20.00" for c in range(30))
    text = f"# 支出决算表\n| 本年支出合计\n合计 | 600.00\n{classes}\n{rows}\n"
    start = time.perf_counter()
    findings, skipped = audit(text, HIERARCHY + COLUMN_TOTAL)
    assert findings == [] and skipped == []
    assert time.perf_counter() - start < 2
