"""Expression rules end to end: for_each, skipping, messages, dedupe, the example pack."""

import textwrap
from decimal import Decimal as D
from pathlib import Path

from test_engine_ledger import make_ledger

from auditor.engine import dedupe_findings, load_pack, load_pack_text, run_rules
from auditor.report import Finding, Location

PACK = Path(__file__).with_name("engine_example_pack.yaml")


def audit(ledger_text, rules_yaml, show_rounding=False, kind="final"):
    pack = load_pack_text("pack: t\nrules:\n" + textwrap.indent(textwrap.dedent(rules_yaml), "  "), "t.yaml")
    return run_rules(make_ledger(ledger_text, kind), pack.rules, show_rounding)


EXPENSE = """
# 支出决算表
| 本年支出合计 | 基本支出 | 项目支出
合计 | 117.58 | 90.00 | 27.59
201 一般公共服务支出 | 30.00 | 5.64 | 24.36
20101 人大事务 | 30.00 | 5.64 | 24.36
210 卫生健康支出 | 87.58 | 84.36 | 4.23
"""


def test_expression_for_each_row_of_a_level():
    rule = """
    - id: F103
      title: 合计等于基本加项目
      severity: error
      expr: 支出决算表[$row, 本年支出合计] == 支出决算表[$row, 基本支出] + 支出决算表[$row, 项目支出]
      for_each: {table: 支出决算表, rows: "code:3"}
    """
    findings, skipped = audit(EXPENSE, rule)
    assert skipped == []
    (f,) = findings
    assert f.message == (
        "支出决算表 行 210 卫生健康支出 列 本年支出合计：87.58 ≠ "
        "支出决算表[210, 基本支出] + 支出决算表[210, 项目支出] = 88.59，相差 -1.01"
    )
    assert (f.expected, f.actual, f.difference) == (D("88.59"), D("87.58"), D("-1.01"))
    assert [(loc.line, loc.column) for loc in f.locations] == [
        (7, "本年支出合计"),
        (7, "基本支出"),
        (7, "项目支出"),
    ]


def test_for_each_columns_and_message_template():
    rule = """
    - id: F104
      title: 合计行等于各类之和
      severity: warning
      expr: 支出决算表[合计, $col] == sum(支出决算表[code:3, $col])
      for_each: {columns: [本年支出合计, 基本支出, 项目支出]}
      message: "{col}：合计 {actual}，各类之和 {expected}，相差 {difference}"
    """
    findings, _ = audit(EXPENSE, rule)
    assert [(f.severity, f.message) for f in findings] == [
        ("warning", "项目支出：合计 27.59，各类之和 28.59，相差 -1.00")
    ]
    assert [loc.row for loc in findings[0].locations] == ["合计", "201", "210"]


def test_for_each_label_list_binds_label_and_skips_missing_rows():
    rule = """
    - id: F105
      title: 指定行
      severity: error
      expr: 支出决算表[$label, 基本支出] <= 支出决算表[$label, 本年支出合计]
      for_each: {table: 支出决算表, rows: [一般公共服务支出, 教育支出]}
    """
    findings, skipped = audit(EXPENSE, rule)
    assert findings == []
    assert [(s.rule, s.reason) for s in skipped] == [("F105", "缺少行：支出决算表 行 教育支出")]


def test_missing_table_skips_the_rule_once():
    rule = """
    - id: F201
      title: 表间
      severity: error
      expr: 收入支出决算总表[本年支出合计, 决算数] == 支出决算表[$row, 本年支出合计]
      for_each: {table: 支出决算表}
    """
    findings, skipped = audit(EXPENSE, rule)
    assert findings == [] and [(s.rule, s.reason) for s in skipped] == [("F201", "缺少表：收入支出决算总表")]


def test_missing_row_is_skipped_never_passed():
    rule = """
    - id: F106
      title: 行缺失
      severity: error
      expr: 支出决算表[2080501, 本年支出合计] == 0
    """
    findings, skipped = audit(EXPENSE, rule)
    assert findings == [] and [s.reason for s in skipped] == ["缺少行：支出决算表 行 2080501"]


def test_empty_table_counts_as_zero():
    text = (
        EXPENSE
        + """
    # 政府性基金预算财政拨款收入支出决算表 empty
    | 本年支出/合计
    """
    )
    rule = """
    - id: F107
      title: 空表为零
      severity: error
      expr: 政府性基金预算财政拨款收入支出决算表[合计, 本年支出/合计] + 支出决算表[合计, 本年支出合计] == 117.58
    """
    assert audit(text, rule) == ([], [])
    (f,) = audit(text, rule.replace("117.58", "117.60"))[0]
    assert (f.actual, f.expected) == (D("117.58"), D("117.60"))


def test_ambiguous_column_suffix_is_a_rule_error():
    text = """
    # 一般公共预算支出表
    | 合计 | 基本支出/合计 | 项目支出/合计
    201 一般公共服务支出 | 10.00 | 6.00 | 4.00
    """
    rule = """
    - id: B101
      title: 歧义
      severity: error
      expr: 一般公共预算支出表[201, 支出/合计] == 0
    """
    findings, skipped = audit(text, rule, kind="budget")
    assert findings == []
    assert [s.reason for s in skipped] == ["缺少列：一般公共预算支出表 列 支出/合计"]
    findings, skipped = audit(
        text, rule.replace("支出/合计", "基本支出/合计").replace("== 0", "== 6"), kind="budget"
    )
    assert (findings, skipped) == ([], [])
    rule2 = rule.replace("[201, 支出/合计] == 0", "[201, 合计] == sum(一般公共预算支出表[*, 合计])")
    assert audit(text, rule2, kind="budget") == ([], [])  # the exact path 合计 wins over suffixes
    text3 = text.replace("| 合计 |", "| 总额 |")
    findings, skipped = audit(text3, rule2, kind="budget")
    assert [s.reason for s in skipped] == [
        "规则错误：一般公共预算支出表 的列名“合计”有歧义，可指：基本支出/合计、项目支出/合计"
    ]


def test_comparisons_and_rounding_outcomes():
    text = """
    # 表
    | a | b
    x | 1.00 | 1.01
    """

    def run(expr, show=False):
        rule = f"""
        - id: C101
          title: 比较
          severity: error
          expr: "{expr}"
        """
        return [(f.severity, f.message) for f in audit(text, rule, show_rounding=show)[0]]

    assert run("表[x, a] == 表[x, b]") == []  # 1.00 vs 1.01 touch at 1.005
    assert run("表[x, a] == 表[x, b]", show=True) == [
        ("info", "表 行 x 列 a：1.00 ≠ 表 行 x 列 b 1.01，相差 -0.01（在舍入误差范围内）")
    ]
    assert run("表[x, b] <= 表[x, a]") == []
    # 1.01 < 1.00 would need both at 1.005, which is not "<": an error, not rounding
    assert run("表[x, b] < 表[x, a]") == [("error", "表 行 x 列 b：1.01 ≥ 表 行 x 列 a 1.00，相差 0.01")]
    assert run("表[x, b] + 0.01 <= 表[x, a]") == [
        ("error", "表[x, b] + 0.01：1.02 > 表 行 x 列 a 1.00，相差 0.02")
    ]
    assert run("表[x, a] != 1") == [("error", "表 行 x 列 a：1.00 = 1，相差 0.00")]
    assert run("abs(表[x, a] - 表[x, b]) > 0.5") == [
        ("error", "abs(表[x, a] - 表[x, b])：0.01 ≤ 0.5，相差 -0.49")
    ]
    assert run("表[x, a] / 表[x, b] * 100 == 99") == []  # 99.0099…% with rounded inputs spans 99
    assert run("表[x, a] / (表[x, b] - 1.01) == 1") == []  # division by a maybe-zero is skipped


def test_division_by_maybe_zero_is_skipped_with_reason():
    rule = """
    - id: C102
      title: 除零
      severity: error
      expr: 支出决算表[合计, 本年支出合计] / (支出决算表[201, 本年支出合计] - 30) == 1
    """
    assert audit(EXPENSE, rule)[1][0].reason == "除数可能为零，无法计算"


def test_kinds_filter_rules_at_run_time():
    rule = """
    - id: B106
      title: 预算专用
      severity: error
      kinds: [budget]
      expr: 支出决算表[合计, 本年支出合计] == 0
    """
    assert audit(EXPENSE, rule, kind="final") == ([], [])
    assert len(audit(EXPENSE, rule, kind="budget")[0]) == 1


def test_findings_sorted_by_location_then_rule():
    rules = """
    - id: F302
      title: b
      severity: error
      expr: 支出决算表[合计, 本年支出合计] == 0
    - id: F301
      title: a
      severity: error
      expr: 支出决算表[210, 本年支出合计] == 0
    - id: F300
      title: c
      severity: warning
      expr: 支出决算表[合计, 基本支出] == 0
    """
    findings, _ = audit(EXPENSE, rules)
    assert [(f.locations[0].line, f.rule) for f in findings] == [(4, "F300"), (4, "F302"), (7, "F301")]


def test_supersedes_keeps_the_more_specific_finding():
    rules = """
    - id: F101
      title: 通用
      severity: error
      check: column_total
      table: 支出决算表
      columns: [项目支出]
    - id: F110
      title: 专门
      severity: error
      supersedes: [F101]
      expr: 支出决算表[合计, 项目支出] == sum(支出决算表[code:3, 项目支出])
    """
    findings, _ = audit(EXPENSE, rules)
    assert [f.rule for f in findings] == ["F110"]
    assert len(audit(EXPENSE, rules.replace("      supersedes: [F101]\n", ""))[0]) == 2


def test_dedupe_drops_exact_repeats():
    loc = Location(1, None, "表", "x", "a")
    f = Finding("F101", "error", "t", "m", D(1), D(2), D(1), [loc])
    assert dedupe_findings([f, f]) == [f]


def test_example_pack_on_a_small_final_account():
    text = (
        EXPENSE
        + """
    # 收入支出决算总表
    | 支出/决算数
    g1: 本年支出合计 | 117.58
    # 财政拨款“三公”经费支出决算表
    | 合计 | 因公出国(境)费 | 公务用车购置及运行维护费/小计 | 公务用车购置及运行维护费/公务用车购置费 | 公务接待费
    决算数 | 3.00 | 1.00 | 1.50 | 0.50 | 0.60
    """
    )
    pack = load_pack(PACK)
    assert pack.name == "example-final" and pack.kinds == ("final",)
    findings, skipped = run_rules(make_ledger(text), pack.rules)
    assert skipped == []
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("F101", "error", "支出决算表 行 合计 列 项目支出：27.59 ≠ 各类科目之和 28.59，相差 -1.00"),
        (
            "F103",
            "error",
            "支出决算表 210 卫生健康支出：本年支出合计 87.58 ≠ 基本支出与项目支出之和 88.59，相差 -1.01",
        ),
        (
            "F202",
            "error",
            "财政拨款“三公”经费支出决算表 行 决算数 列 合计：3.00 ≠ "
            '财政拨款“三公”经费支出决算表[决算数, "因公出国（境）费"]'
            " + 财政拨款“三公”经费支出决算表[决算数, 公务用车购置及运行维护费/小计]"
            " + 财政拨款“三公”经费支出决算表[决算数, 公务接待费] = 3.10，相差 -0.10",
        ),
    ]
    # a budget document runs none of the final pack
    assert run_rules(make_ledger(text, kind="budget"), pack.rules) == ([], [])


def test_row_set_patterns_regex_count_and_code_variable():
    text = """
    # 一般公共预算财政拨款基本支出决算表
    | 决算数
    301 工资福利支出 | 10.00
    30101 基本工资 | 6.00
    30102 津贴补贴 | 4.00
    3010201 特殊津贴 | 1.00
    302 商品和服务支出 | 3.00
    30201 办公费 | 3.00
    人员经费合计 | 10.00
    """
    rules = """
    - id: F120
      title: 工资福利支出
      severity: error
      expr: 一般公共预算财政拨款基本支出决算表[301, 决算数] == sum(一般公共预算财政拨款基本支出决算表[301??, 决算数])
    - id: F121
      title: 款的个数
      severity: error
      expr: count(一般公共预算财政拨款基本支出决算表[code:5, 决算数]) == 3
    - id: F122
      title: 合计行
      severity: error
      expr: sum(一般公共预算财政拨款基本支出决算表[~合计$, 决算数]) == 一般公共预算财政拨款基本支出决算表[301, 决算数]
    - id: F123
      title: 以 301 开头
      severity: error
      expr: sum(一般公共预算财政拨款基本支出决算表[301*, 决算数]) == 21
    - id: F124
      title: 每类不超过 9
      severity: warning
      expr: 一般公共预算财政拨款基本支出决算表[$code, 决算数] <= 9
      for_each: {table: 一般公共预算财政拨款基本支出决算表, rows: "code:3", exclude: [302]}
      message: "{code} {label} 为 {actual}"
    """
    findings, skipped = audit(text, rules)
    assert skipped == []
    assert [(f.rule, f.message) for f in findings] == [("F124", "301 工资福利支出 为 10.00")]


def test_for_each_plain_list_without_table():
    rule = """
    - id: F125
      title: 清单
      severity: error
      expr: 支出决算表[$row, 本年支出合计] > 50
      for_each: {rows: [201, 210, 299]}
    """
    findings, skipped = audit(EXPENSE, rule)
    assert [f.message for f in findings] == [
        "支出决算表 行 201 一般公共服务支出 列 本年支出合计：30.00 ≤ 50，相差 -20.00"
    ]
    assert [s.reason for s in skipped] == ["缺少行：支出决算表 行 299"]


def test_sum_of_an_unlisted_row_is_zero_but_a_bare_missing_row_skips():
    from auditor.engine import load_pack_text, run_rules
    from auditor.extract import build_ledger
    from auditor.readers.txt import read_txt_bytes

    text = ("测试2024年度部门决算公开\n\n支出决算表\n单位：万元\n科目代码\t科目名称\t本年支出合计\n"
            "\t合计\t5.00\n201\t一般公共服务支出\t5.00\n")
    ledger = build_ledger(read_txt_bytes("t.txt", text.encode()))
    pack = load_pack_text(
        "pack: t\nrules:\n"
        "  - {id: C901, title: t, severity: error, expr: '支出决算表[合计, 本年支出合计] == sum(支出决算表[208, 本年支出合计])'}\n"
        "  - {id: C902, title: t, severity: error, expr: '支出决算表[合计, 本年支出合计] == 支出决算表[208, 本年支出合计]'}\n")
    findings, skipped = run_rules(ledger, pack.rules)
    assert [(f.rule, f.actual, f.expected) for f in findings] == [("C901", D("5.00"), D("0"))]
    assert [(s.rule, s.reason) for s in skipped] == [("C902", "缺少行：支出决算表 行 208")]
