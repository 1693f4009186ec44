"""`audit check`: the text report (exact, without colour), JSON, exit codes, rule selection, user rules."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app

runner = CliRunner()
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"

EXPECTED_TEXT = f"""{SMALL}
  测试中心 · 2024年度 · 决算 · 未识别的模板 · 金额单位 万元
  表格 2 张：收入支出决算总表(8)、支出决算表(24)
  数字归位 32/32
  收入支出决算总表
    错误 F203 第14行 行[二、社会保障和就业支出] 列[支出/金额]
      收入支出决算总表 行 二、社会保障和就业支出 列 支出/金额：20.00 ≠ 支出决算表 行 208 社会保障和就业支出 列 本年支出合计 21.00，相差 -1.00
      应为 21.00，实为 20.00，相差 -1.00
      涉及：第30行 行[208 社会保障和就业支出] 列[本年支出合计]
  支出决算表
    错误 F109 第25行 行[合计] 列[本年支出合计]
      支出决算表 行 合计 列 本年支出合计：100.00 ≠ 各类科目之和 101.00，相差 -1.00
      应为 101.00，实为 100.00，相差 -1.00
      涉及：第26行 行[201 一般公共服务支出] 列[本年支出合计]；第30行 行[208 社会保障和就业支出] 列[本年支出合计]
    错误 F108 第30行 行[208 社会保障和就业支出] 列[本年支出合计]
      支出决算表 行 208 社会保障和就业支出 列 本年支出合计：21.00 ≠ 基本支出、项目支出 之和 20.00，相差 1.00
      应为 20.00，实为 21.00，相差 1.00
      涉及：第30行 行[208 社会保障和就业支出] 列[基本支出]；第30行 行[208 社会保障和就业支出] 列[项目支出]
    错误 F110 第30行 行[208 社会保障和就业支出] 列[本年支出合计]
      支出决算表 行 208 社会保障和就业支出 列 本年支出合计：21.00 ≠ 各款之和 20.00，相差 1.00
      应为 20.00，实为 21.00，相差 1.00
      涉及：第31行 行[20805 行政事业单位养老支出] 列[本年支出合计]
  最可能有误的数字（同时出现在多条错误中）：
    支出决算表 第30行 行[208 社会保障和就业支出] 列[本年支出合计]：涉及 4 条错误
  4 个错误，0 个警告，0 条提示

共 1 个文件：4 个错误，0 个警告，0 条提示
"""


def test_text_report_exact():
    result = runner.invoke(app, ["check", str(SMALL), "--select", "F", "--no-color"])
    assert result.exit_code == 1
    assert result.stdout == EXPECTED_TEXT


def test_json_report_contract():
    result = runner.invoke(app, ["check", str(SMALL), "--select", "F1", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "errors": 3, "warnings": 0, "infos": 0, "failed": 0, "baselined": 0}
    file = data["files"][0]
    assert set(file) >= {"path", "kind", "year", "department", "unit", "tables", "coverage", "findings",
                         "skipped", "error"}
    assert file["tables"][1] == {"type": "支出决算表", "title": "支出决算表", "pages": [],
                                 "lines": [18, 32], "facts": 24, "file": None}
    first = file["findings"][0]
    assert (first["rule"], first["severity"], first["expected"], first["actual"], first["difference"]) == (
        "F109", "error", "101.00", "100.00", "-1.00")
    assert [(loc["line"], loc["row"], loc["column"]) for loc in first["locations"]] == [
        (25, "合计", "本年支出合计"), (26, "201", "本年支出合计"), (30, "208", "本年支出合计")]
    # the figure the three errors share is the likeliest wrong one
    assert [(s["errors"], s["line"], s["row"], s["column"]) for s in file["suspects"]] == [
        (3, 30, "208", "本年支出合计")]


def test_ignore_and_fail_on():
    result = runner.invoke(app, ["check", str(SMALL), "--select", "F", "--ignore", "F1,F2", "--no-color"])
    assert result.exit_code == 0
    result = runner.invoke(app, ["check", str(SMALL), "--select", "F999"])
    assert result.exit_code == 2
    assert "未知的规则编号或前缀：F999" in result.output


def test_user_rule_file_adds_a_rule(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "pack: mine\nrules:\n"
        "  - id: C901\n    title: 项目支出不少于基本支出\n    severity: warning\n"
        "    expr: 支出决算表[合计, 项目支出] >= 支出决算表[合计, 基本支出]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(SMALL), "--rules", str(extra), "--select", "C9",
                                 "--format", "json", "--fail-on", "warning"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["severity"], f["actual"], f["expected"]) for f in findings] == [
        ("C901", "warning", "40.00", "60.00")]


def test_unreadable_input_is_exit_2_and_others_still_audited(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary" * 100)
    result = runner.invoke(app, ["check", str(bad), str(SMALL), "--select", "F", "--format", "json"])
    assert result.exit_code == 2
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}  # the report is sorted by path
    assert files[str(bad)]["error"] == f"{bad}: 不是文本文件（二进制内容），无法审核"
    assert len(files[str(SMALL)]["findings"]) == 4


def test_a_long_list_of_figures_is_shortened_in_the_text_report():
    from conftest import FINAL_SEED

    result = runner.invoke(app, ["check", str(FINAL_SEED), "--select", "N106", "--no-color"])
    shown = [line for line in result.stdout.splitlines() if line.strip().startswith("涉及：")]
    assert len(shown) == 1 and shown[0].count("第4") == 6  # lines 447–452, then the count
    assert shown[0].endswith("…共 22 处（完整列表见 --format json）")
