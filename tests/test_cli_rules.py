"""`audit rules`, `audit explain` and broken rule files, in-process through the typer app."""

from __future__ import annotations

import json

import pytest
from conftest import FINAL_SEED
from typer.testing import CliRunner

from auditor.audit import builtin_pack_paths, load_all_rules
from auditor.cli import app

runner = CliRunner()

EXTRA = """\
pack: extra
kinds: [final]
description: 本地补充规则
rules:
  # 本地规则
  - id: F901
    title: 收入合计为正
    severity: info
    description: 示例
    expr: 收入支出决算总表[本年收入合计, 收入/金额] > 0
"""

BROKEN = """\
pack: broken
rules:
  - id: F902
    title: 坏规则
    severity: error
    expr: 支出决算表[合计, 合计 == 1
"""


@pytest.fixture
def extra(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_rules_lists_every_builtin_rule():
    result = runner.invoke(app, ["rules", "--no-color"])
    assert result.exit_code == 0
    builtin = load_all_rules()
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["编号", "级别", "适用", "标题", "规则包"]
    assert [line.split()[0] for line in lines[1:-1]] == [r.id for r in builtin]
    assert lines[-1] == f"共 {len(builtin)} 条规则；audit explain 编号 查看规则的说明和定义"
    row = next(line for line in lines if line.startswith("D101"))
    assert row.split() == ["D101", "warning", "预算、决算", "未填写的模板占位符", "document"]


def test_rules_json_with_an_extra_file(extra):
    result = runner.invoke(app, ["rules", "--rules", str(extra), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)["rules"]
    assert len(data) == len(load_all_rules()) + 1
    assert data[-1] == {
        "id": "F901",
        "title": "收入合计为正",
        "severity": "info",
        "kinds": ["final"],
        "families": [],
        "pack": "extra",
        "file": str(extra),
        "line": 6,
        "description": "示例",
        "check": None,
        "params": None,
        "expr": "收入支出决算总表[本年收入合计, 收入/金额] > 0",
        "for_each": None,
        "message": None,
        "supersedes": [],
    }
    d001 = next(r for r in data if r["id"] == "D001")
    assert (d001["kinds"], d001["check"], d001["file"]) == (["final"], "required_tables", "rules/document.yaml")
    assert d001["params"] == {}  # the tables come from the template family (rules/families.yaml)
    assert next(r for r in data if r["id"] == "D101")["kinds"] == ["budget", "final"]
    assert next(r for r in data if r["id"] == "B140")["families"] == ["jiangsu"]


def test_rules_markdown_is_the_docs_page():
    result = runner.invoke(app, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# 规则一览\n")
    assert "### D301\n\n**部门名称与文件一致**\n" in result.stdout


def test_explain_shows_the_rule_as_written():
    result = runner.invoke(app, ["explain", "d301"])
    assert result.exit_code == 0
    out = result.stdout
    rule = next(r for r in load_all_rules() if r.id == "D301")
    assert out.startswith(
        "D301 部门名称与文件一致\n"
        "级别：warning（警告）\n"
        "适用：预算、决算\n"
        f"规则包：document（rules/document.yaml 第 {rule.line} 行）\n"
        "检查：department_names\n"
        "\n说明：\n"
    )
    assert rule.description in out
    assert out.endswith("\n定义：\n" + rule.source_text + "\n")
    assert rule.source_text.startswith("- id: D301\n  title: 部门名称与文件一致\n")
    assert "department_rows: true" in rule.source_text


def test_explain_an_expression_rule_of_an_extra_file(extra):
    result = runner.invoke(app, ["explain", "F901", "--rules", str(extra)])
    assert result.exit_code == 0
    assert result.stdout == (
        "F901 收入合计为正\n"
        "级别：info（提示）\n"
        "适用：决算\n"
        f"规则包：extra（{extra} 第 6 行）\n"
        "表达式：收入支出决算总表[本年收入合计, 收入/金额] > 0\n"
        "\n说明：\n示例\n"
        "\n定义：\n"
        "- id: F901\n"
        "  title: 收入合计为正\n"
        "  severity: info\n"
        "  description: 示例\n"
        "  expr: 收入支出决算总表[本年收入合计, 收入/金额] > 0\n"
    )


def test_explain_unknown_rule_exits_2():
    result = runner.invoke(app, ["explain", "D999"])
    assert result.exit_code == 2
    assert "未知的规则编号：D999" in result.output
    assert "D001" in result.output  # the ids of that letter are suggested
    result = runner.invoke(app, ["explain", "Q123"])
    assert result.exit_code == 2
    assert "未知的规则编号：Q123（audit rules 列出全部规则）" in " ".join(result.output.split())


@pytest.mark.parametrize("command", [["rules"], ["explain", "D001"], ["check", str(FINAL_SEED)]])
def test_a_broken_rule_file_exits_2_naming_file_rule_and_position(broken, command):
    result = runner.invoke(app, [*command, "--rules", str(broken)])
    assert result.exit_code == 2
    message = "".join(result.output.split())  # rich may wrap the long line
    expected = f'错误：{broken}:第6行:规则F902:表达式第14个字符处:缺少"]"'
    assert expected in message


def test_a_broken_yaml_file_names_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\nrules:\n  - id: F903\n    title: [\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(FINAL_SEED), "--rules", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:第5行:YAML格式错误" in "".join(result.output.split())


def test_source_text_of_every_builtin_rule_is_its_own_yaml():
    for path in builtin_pack_paths():
        text = path.read_text(encoding="utf-8").splitlines()
        from auditor.engine import load_pack

        for rule in load_pack(path).rules:
            first = rule.source_text.splitlines()[0]
            assert first.endswith(f"id: {rule.id}"), (path, rule.id)
            assert text[rule.line - 1].strip().lstrip("- ").startswith(f"id: {rule.id}")
            assert not rule.source_text.endswith("\n") and "\n\n\n" not in rule.source_text
