"""Rule files: strict validation with exact messages, loading, selection by id prefix."""

import textwrap

import pytest

from auditor.engine import load_pack, load_pack_text, load_rules, select_rules
from auditor.engine.checks import CHECKS
from auditor.engine.expr import RowSpec
from auditor.engine.rules import ForEach
from auditor.errors import RuleFileError

GOOD = """
pack: demo
kinds: final
rules:
  - id: F101
    title: 合计
    severity: error
    check: column_total
    table: 支出决算表
  - id: F102
    title: 每类
    severity: warning
    expr: 支出决算表[$row, 本年支出合计] >= 0
    for_each: {table: 支出决算表, rows: "code:3", exclude: [合计]}
"""


def test_a_good_pack_loads():
    pack = load_pack_text(GOOD, "rules/x.yaml")
    assert (pack.name, pack.kinds, pack.path) == ("demo", ("final",), "rules/x.yaml")
    r1, r2 = pack.rules
    assert (r1.id, r1.check, r1.params["table"], r1.params["total"], r1.kinds) == (
        "F101",
        "column_total",
        "支出决算表",
        ["合计", "总计"],
        ("final",),
    )
    assert r2.for_each == ForEach("支出决算表", RowSpec("level", "3"), None, ["合计"])
    assert r2.expr is not None and r2.expr.op == ">=" and r2.source == "rules/x.yaml"


def rule_error(body: str) -> str:
    text = "pack: demo\nrules:\n" + textwrap.indent(textwrap.dedent(body), "  ")
    with pytest.raises(RuleFileError) as info:
        load_pack_text(text, "rules/x.yaml")
    return str(info.value)


BASE = """
- id: F201
  title: 表间
  severity: error
"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "  expr: 支出总表[合计, 合计 == 支出总表[合计, 基本支出]\n",
            'rules/x.yaml: 第 7 行: 规则 F201: 表达式第 13 个字符处: 缺少 "]"',
        ),
        ("  expr: 1 == 1\n  colour: red\n", "rules/x.yaml: 第 8 行: 规则 F201: 未知的键 colour"),
        (
            "  check: column_sum\n  table: 表\n",
            "rules/x.yaml: 第 7 行: 规则 F201: 未知检查 column_sum（可用：" + "、".join(CHECKS) + "）",
        ),
        ("", "rules/x.yaml: 第 4 行: 规则 F201: 缺少 expr 或 check"),
        ("  expr: 1 == 1\n  check: row_total\n", "rules/x.yaml: 第 8 行: 规则 F201: expr 与 check 只能有一个"),
        ("  check: row_total\n  table: 表\n", "rules/x.yaml: 第 4 行: 规则 F201: 缺少参数 total"),
        (
            "  check: row_total\n  table: 表\n  total: 合计\n  colums: [a]\n",
            "rules/x.yaml: 第 10 行: 规则 F201: 未知的键 colums",
        ),
        (
            "  check: agreement\n  left: {table: 甲, column: 合计, row: x}\n  right: {table: 乙, column: 合计}\n",
            "rules/x.yaml: 第 4 行: 规则 F201: 未知参数 left.row（可用：table、column、rows、group）",
        ),
        (
            "  check: agreement\n  left: {table: 甲, column: 合计}\n  right: {table: 乙, column: 合计}\n  missing: fatal\n",
            "rules/x.yaml: 第 4 行: 规则 F201: 参数 missing 应为 error / warning / info / ignore 之一，却是 'fatal'",
        ),
        (
            "  check: column_total\n  table: 表\n  by_group: 1\n",
            "rules/x.yaml: 第 4 行: 规则 F201: 参数 by_group 应为 true 或 false",
        ),
        ("  expr: 表[$row, a] == 0\n", "rules/x.yaml: 第 7 行: 规则 F201: 变量 $row 没有由 for_each 定义"),
        (
            "  expr: 表[$col, a] == 0\n  for_each: {table: 表}\n",
            "rules/x.yaml: 第 7 行: 规则 F201: 变量 $col 没有由 for_each 定义",
        ),
        (
            "  expr: 1 == 1\n  for_each: {tabel: 表}\n",
            "rules/x.yaml: 第 8 行: 规则 F201: for_each 中未知的键 tabel（可用：table、rows、columns、exclude）",
        ),
        (
            "  expr: 1 == 1\n  for_each: {rows: code:3}\n",
            "rules/x.yaml: 第 8 行: 规则 F201: for_each.rows 为行集合时需要 for_each.table",
        ),
        (
            "  expr: 1 == 1\n  message: '{actual} {foo}'\n",
            "rules/x.yaml: 第 8 行: 规则 F201: message 中有未知占位符 {foo}（可用：actual、expected、difference、subject、object、table、row、label、code、col）",
        ),
        (
            "  expr: 1 == 1\n  kinds: [annual]\n",
            "rules/x.yaml: 第 8 行: 规则 F201: kinds 只能是 budget、final 或它们的列表，却是 ['annual']",
        ),
    ],
)
def test_rule_errors(extra, message):
    assert rule_error(BASE + extra) == message


def test_bad_id_severity_title_and_duplicates():
    assert rule_error("- id: F1\n  title: t\n  severity: error\n  expr: 1 == 1\n") == (
        "rules/x.yaml: 第 3 行: 规则 F1: 编号应为一个字母（B/F/C/N/D）加三位数字，如 F101"
    )
    assert rule_error("- title: t\n  severity: error\n  expr: 1 == 1\n") == (
        "rules/x.yaml: 第 3 行: 第 1 条规则: 编号应为一个字母（B/F/C/N/D）加三位数字，如 F101"
    )
    assert rule_error("- id: X101\n  title: t\n  severity: error\n  expr: 1 == 1\n").startswith(
        "rules/x.yaml: 第 3 行: 规则 X101: 编号应为"
    )
    assert rule_error("- id: F101\n  title: t\n  severity: fatal\n  expr: 1 == 1\n") == (
        "rules/x.yaml: 第 5 行: 规则 F101: severity 应为 error、warning 或 info，却是 'fatal'"
    )
    assert (
        rule_error("- id: F101\n  severity: error\n  expr: 1 == 1\n")
        == "rules/x.yaml: 第 3 行: 规则 F101: 缺少 title（规则标题）"
    )
    twice = "- id: F101\n  title: t\n  severity: error\n  expr: 1 == 1\n"
    assert rule_error(twice + twice) == "rules/x.yaml: 第 7 行: 规则 F101: 编号重复"


def test_pack_level_errors():
    with pytest.raises(
        RuleFileError, match=r"^rules/x.yaml: 未知的键 rule（可用：pack、kinds、description、rules）$"
    ):
        load_pack_text("pack: a\nrule: []\n", "rules/x.yaml")
    with pytest.raises(RuleFileError, match=r"^rules/x.yaml: 缺少 pack（规则包名称）$"):
        load_pack_text("rules: []\n", "rules/x.yaml")
    with pytest.raises(RuleFileError, match=r"^rules/x.yaml: 第 3 行: YAML 格式错误：重复的键 id$"):
        load_pack_text("pack: a\nrules:\n- {id: F101, id: F102}\n", "rules/x.yaml")
    with pytest.raises(RuleFileError, match=r"^rules/x.yaml: 第 3 行: YAML 格式错误："):
        load_pack_text("pack: a\nrules: [\n", "rules/x.yaml")


def test_load_rules_across_files_rejects_duplicate_ids(tmp_path):
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(GOOD, encoding="utf-8")
    b.write_text(GOOD.replace("pack: demo", "pack: other"), encoding="utf-8")
    assert [r.id for r in load_rules([a])] == ["F101", "F102"]
    assert load_pack(a).name == "demo"
    with pytest.raises(RuleFileError) as info:
        load_rules([tmp_path])
    assert str(info.value) == f"{b}: 第 5 行: 规则 F101: 编号与 {a} 第 5 行 中的规则重复"
    with pytest.raises(RuleFileError, match="无法读取规则文件"):
        load_pack(tmp_path / "missing.yaml")


def _rules(*ids):
    text = "pack: p\nrules:\n" + "".join(
        f"- {{id: {i}, title: t, severity: error, expr: 1 == 1{', kinds: [budget]' if i[0] == 'B' else ''}}}\n"
        for i in ids
    )
    return load_pack_text(text).rules


def test_select_and_ignore_by_prefix():
    rules = _rules("F101", "F102", "F150", "F201", "N101", "N205", "B101", "C101")
    ids = lambda **kw: [r.id for r in select_rules(rules, **kw)]  # noqa: E731
    assert ids() == ["F101", "F102", "F150", "F201", "N101", "N205", "B101", "C101"]
    assert ids(select=["F1"]) == ["F101", "F102", "F150"]
    assert ids(select=["N"]) == ["N101", "N205"]
    assert ids(select=["F1", "N2"]) == ["F101", "F102", "F150", "N205"]
    assert ids(ignore=["F1", "n"]) == ["F201", "B101", "C101"]
    assert ids(select=["F"], ignore=["F1"]) == ["F201"]
    assert ids(select=["F101"], ignore=["F1"]) == ["F101"]  # the longer prefix decides
    assert ids(select=["F1"], ignore=["F1"]) == []  # tie: ignore wins
    assert ids(select=["ALL"], ignore=["F"]) == ["N101", "N205", "B101", "C101"]
    assert ids(kind="final") == ["F101", "F102", "F150", "F201", "N101", "N205", "C101"]
    with pytest.raises(ValueError, match="^未知的规则编号或前缀：X1$"):
        select_rules(rules, select=["X1"])


def test_rules_keep_their_line_and_yaml_as_written():
    text = (
        "pack: p\nrules:\n  # first\n  - id: F101\n    title: a   # note\n    severity: error\n"
        "    expr: 1 == 1\n\n  # the next one\n  - {id: F102, title: b, severity: info, expr: 2 == 2}\n"
    )
    r1, r2 = load_pack_text(text, "p.yaml").rules
    assert (r1.line, r1.source_text) == (4, "- id: F101\n  title: a   # note\n  severity: error\n  expr: 1 == 1")
    assert (r2.line, r2.source_text) == (10, "- {id: F102, title: b, severity: info, expr: 2 == 2}")
    assert r1.data == {"id": "F101", "title": "a", "severity": "error", "expr": "1 == 1"}
