"""Hostile or broken rule files: each is a one-line rule-file error naming the file, the line and the
key (exit status 2), found when the file is loaded, never a traceback or an E099 at run time."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app

runner = CliRunner()
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
HEAD = "pack: x\nrules:\n"


def rule(body: str) -> str:
    return HEAD + "  - id: C990\n    title: t\n    severity: error\n" + body


LAUGHS = "".join(f"{a}: &{a} [{', '.join([f'*{p}'] * 9 if p else ['lol'] * 9)}]\n"
                 for p, a in zip(["", *"abcdefgh"], "abcdefghi", strict=True))

CASES = [
    ("laughs", LAUGHS + HEAD + "  []\n",
     "YAML 别名展开过多：YAML 展开别名后的节点数 超过上限 100000（可在配置 [tool.auditor.limits] yaml-nodes 中调整）"),
    ("self-alias", "pack: x\nrules: &a [*a]\n", "YAML 别名展开过多"),
    ("deep", "pack: x\nrules: " + "[" * 5000 + "]" * 5000 + "\n", "YAML 格式错误"),
    ("unhashable", HEAD + "  - ? [a, b]\n    : 1\n", "第 3 行: YAML 格式错误：键应为文字或数字，不能是列表或映射"),
    ("check-list", rule("    check: [a]\n"), "第 6 行: 规则 C990: check 应为检查名称（字符串），却是 ['a']"),
    ("check-map", rule("    check: {a: 1}\n"), "第 6 行: 规则 C990: check 应为检查名称（字符串），却是 {'a': 1}"),
    ("row-regex", rule('    expr: "1 == 2"\n    for_each: {table: 支出决算表, rows: "~[" }\n'),
     "第 7 行: 规则 C990: for_each.rows：正则表达式无效：unterminated character set at position 0"),
    ("template", rule('    message: "{actual:d}"\n    expr: "1 == 2"\n'),
     "第 6 行: 规则 C990: message 模板有误：Unknown format code 'd' for object of type 'str'"),
    ("template-index", rule('    message: "{actual[0]}"\n    expr: "1 == 2"\n'),
     "第 6 行: 规则 C990: message 中有未知占位符 {actual[0]}"),
    ("reserved", HEAD + '  - id: E099\n    title: t\n    severity: error\n    expr: "1 == 1"\n',
     "第 3 行: 规则 E099: E 开头的编号留给无法审核的输入（E001–E099），规则不能使用"),
    ("id-newline", HEAD + '  - id: "F101\\n"\n    title: t\n    severity: error\n    expr: "1 == 1"\n',
     "第 3 行: 规则 'F101\\n': 编号应为一个字母（B/F/C/N/D）加三位数字，如 F101"),
    ("superscript", rule('    expr: "² == 1"\n'), "第 6 行: 规则 C990: 表达式第 3 个字符处: 表名 ² 后面缺少"),
    ("long-number", rule(f'    expr: "{"1" * 31} == 1"\n'), "第 6 行: 规则 C990: 表达式第 1 个字符处: 数字位数过多（最多 30 位）"),
    ("year-group", HEAD + '  - id: D990\n    title: t\n    severity: error\n    check: years\n'
                          '    headings: ["x"]\n    year: "\\\\d+年度"\n',
     "第 3 行: 规则 D990: 参数 year 需要一个捕获年度的分组"),
]


@pytest.mark.parametrize(("name", "text", "message"), CASES, ids=[c[0] for c in CASES])
def test_broken_rule_file_is_one_line(tmp_path: Path, name: str, text: str, message: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (["check", str(SMALL), "--rules", str(path)], ["rules", "--rules", str(path)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        out = result.output.strip()
        assert "\n" not in out and out.startswith(f"错误：{path}: "), out
        assert message in out, out


def test_a_template_with_alignment_is_fine(tmp_path: Path):
    path = tmp_path / "ok.yaml"
    path.write_text(rule('    message: "差 {difference:>12}"\n    expr: "1 == 2"\n'), encoding="utf-8")
    result = runner.invoke(app, ["check", str(SMALL), "--rules", str(path), "--select", "C990", "-f", "json"])
    assert result.exit_code == 1, result.output
    finding = json.loads(result.output)["files"][0]["findings"][0]
    assert (finding["rule"], finding["message"]) == ("C990", "差 " + "-1".rjust(12))


def test_a_year_group_that_catches_no_number_names_no_year(tmp_path: Path):
    path = tmp_path / "year.yaml"
    path.write_text(HEAD + '  - id: D990\n    title: t\n    severity: error\n    check: years\n'
                           '    headings: ["决算"]\n    year: "(\\\\S+)年度"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(SMALL), "--rules", str(path), "--select", "D990", "-f", "json"])
    assert result.exit_code == 0, result.output  # 测试中心2024年度…: the group caught 测试中心2024, no year
    assert '"rule": "E099"' not in result.output


def test_rule_folders_and_files_that_cannot_be_rules(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    big = tmp_path / "big.yaml"
    big.write_text(HEAD + "  []\n" + "#" * 2_000_000 + "\n", encoding="utf-8")
    expected = {empty: "文件夹中没有规则文件（.yaml 或 .yml）",
                fifo: "无法读取规则文件：是命名管道（FIFO），不是普通文件",
                big: "规则文件大小（KB） 1953 超过上限 1024"}
    for path, message in expected.items():
        result = runner.invoke(app, ["check", str(SMALL), "--rules", str(path)])
        assert result.exit_code == 2 and f"错误：{path}: {message}" in result.output, result.output
