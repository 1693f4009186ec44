"""`--format github|gitlab|csv|markdown`, `-o/--output-file`, `--exit-zero` and `--statistics`."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app
from auditor.ledger import DocumentInfo
from auditor.report import FileReport, Finding, Location, csv_report, github, gitlab, markdown

runner = CliRunner()
ROOT = FIXTURES.parent
SMALL = "fixtures/tricky/final-small-errors.txt"  # relative: CI paths are relative to the cwd
TEMPLATE_PDF = "fixtures/pdf/national-final-accounts-template.pdf"
SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-schema.json").read_text(encoding="utf-8"))

F203 = ("收入支出决算总表 行 二、社会保障和就业支出 列 支出/金额：20.00 ≠ 支出决算表 行 208 社会保障和就业支出 "
        "列 本年支出合计 21.00，相差 -1.00")
F109 = "支出决算表 行 合计 列 本年支出合计：100.00 ≠ 各类科目之和 101.00，相差 -1.00"
F108 = "支出决算表 行 208 社会保障和就业支出 列 本年支出合计：21.00 ≠ 基本支出、项目支出 之和 20.00，相差 1.00"
F110 = "支出决算表 行 208 社会保障和就业支出 列 本年支出合计：21.00 ≠ 各款之和 20.00，相差 1.00"


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def check(*args: str):
    return runner.invoke(app, ["check", *args])


# --- github -------------------------------------------------------------------------------------

def test_github_annotations_exact():
    result = check(SMALL, "--select", "F", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={SMALL},line=14,title=F203 总表各类支出与支出决算表各类科目一致::{F203}（应为 21.00，实为 20.00，相差 -1.00）",
        f"::error file={SMALL},line=25,title=F109 支出决算表合计行等于各类科目之和::{F109}（应为 101.00，实为 100.00，相差 -1.00）",
        f"::error file={SMALL},line=30,title=F108 支出决算表本年支出合计等于各项支出之和::{F108}（应为 20.00，实为 21.00，相差 1.00）",
        f"::error file={SMALL},line=30,title=F110 支出决算表科目层级（类＝各款之和，款＝各项之和）::{F110}（应为 20.00，实为 21.00，相差 1.00）",
    ]


def test_github_escapes_what_workflow_commands_read():
    assert github.escape_data("50%\r\n下一行: a,b") == "50%25%0D%0A下一行: a,b"
    assert github.escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    finding = Finding("D101", "warning", "占位符: 50%", "第一行\n第二行 100%", locations=[Location(3, 2, None, None, None)])
    note = Finding("N113", "info", "t", "m", locations=[])
    report = FileReport("dir,x/a:b.pdf", findings=[finding, note])
    assert github.render([report], ROOT).splitlines() == [
        "::warning file=dir%2Cx/a%3Ab.pdf,line=3,title=D101 占位符%3A 50%25::第2页：第一行%0A第二行 100%25",
        "::notice file=dir%2Cx/a%3Ab.pdf,title=N113 t::m",
    ]


def test_github_for_a_pdf_and_for_a_file_not_audited(tmp_path: Path):
    lines = check(TEMPLATE_PDF, "--select", "D101", "--format", "github").stdout.splitlines()
    assert lines[0] == (f"::warning file={TEMPLATE_PDF},line=1,title=D101 未填写的模板占位符::"
                        "第1页：未填写的模板占位符：“XX”（原文：上海市XX局）")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary" * 100)
    result = check(str(bad), "--format", "github")
    assert result.exit_code == 2
    assert result.stdout == f"::error file={bad.as_posix()},title=E002 不是可读的文本文件::{bad}: 不是文本文件（二进制内容），无法审核\n"


# --- gitlab -------------------------------------------------------------------------------------

DOCUMENTED = {"description", "check_name", "fingerprint", "severity", "location"}
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def assert_code_quality(issues: list) -> None:
    """The fields GitLab documents for a Code Quality report, with their types."""
    assert isinstance(issues, list)
    for issue in issues:
        assert set(issue) == DOCUMENTED
        assert all(isinstance(issue[k], str) and issue[k] for k in ("description", "check_name", "fingerprint"))
        assert issue["severity"] in GITLAB_SEVERITIES
        assert set(issue["location"]) == {"path", "lines"} and set(issue["location"]["lines"]) == {"begin"}
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("./")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(fingerprints) == len(set(fingerprints))


def test_gitlab_code_quality_report(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary" * 100)
    result = check(SMALL, str(bad), "--format", "gitlab", "--select", "F,D")
    assert result.exit_code == 2
    issues = json.loads(result.stdout)
    assert_code_quality(issues)
    small = [i for i in issues if i["location"]["path"] == SMALL]
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in small] == [
        ("F203", "major", 14), ("F109", "major", 25), ("F108", "major", 30), ("F110", "major", 30)]
    assert small[1]["description"] == f"支出决算表合计行等于各类科目之和：{F109}（应为 101.00，实为 100.00，相差 -1.00）"
    (failed,) = [i for i in issues if i["location"]["path"] == bad.as_posix()]
    assert (failed["check_name"], failed["severity"], failed["location"]["lines"]) == ("E002", "critical", {"begin": 1})


def test_gitlab_fingerprints_are_stable_and_differ_between_files(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes((ROOT / SMALL).read_bytes())
    b.write_bytes(b"\n" + (ROOT / SMALL).read_bytes())  # the same findings one line further down
    issues = json.loads(check(str(a), str(b), "--format", "gitlab", "--select", "F1").stdout)
    assert_code_quality(issues)
    by_file = {p: [i for i in issues if i["location"]["path"] == p] for p in (a.as_posix(), b.as_posix())}
    assert [i["location"]["lines"]["begin"] + 1 for i in by_file[a.as_posix()]] == [
        i["location"]["lines"]["begin"] for i in by_file[b.as_posix()]]
    again = json.loads(check(str(a), "--format", "gitlab", "--select", "F1").stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in by_file[a.as_posix()]]
    assert gitlab.issue(Finding("F1", "warning", "t", "m"), "x.txt")["severity"] == "minor"
    assert gitlab.issue(Finding("N1", "info", "t", "m"), "x.txt")["severity"] == "info"


# --- csv ----------------------------------------------------------------------------------------

def test_csv_reads_back_with_the_csv_module():
    result = check(SMALL, "--select", "F", "--format", "csv")
    assert result.exit_code == 1
    assert result.stdout.startswith("\ufeffpath,department,year,kind,rule,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"), newline="")))
    assert list(rows[0]) == list(csv_report.COLUMNS)
    assert rows[1] == {
        "path": SMALL, "department": "测试中心", "year": "2024", "kind": "final", "rule": "F109", "severity": "error",
        "title": "支出决算表合计行等于各类科目之和", "page": "", "line": "25", "table": "支出决算表", "row": "合计",
        "column": "本年支出合计", "expected": "101.00", "actual": "100.00", "difference": "-1.00", "message": F109}
    assert [(r["rule"], r["line"], r["row"]) for r in rows] == [
        ("F203", "14", "二、社会保障和就业支出"), ("F109", "25", "合计"), ("F108", "30", "208"), ("F110", "30", "208")]


def test_csv_keeps_commas_quotes_and_line_breaks_and_pages():
    finding = Finding("D101", "warning", "t", '含,逗号与"引号"\n换行', None, D("1.50"), None,
                      [Location(7, 3, "表", "行", "列")])
    report = FileReport("a,b.pdf", DocumentInfo("budget", 2025, "某局", "万元"), findings=[finding])
    text = csv_report.render([report])
    (row,) = csv.DictReader(io.StringIO(text.removeprefix(csv_report.BOM), newline=""))
    assert (row["path"], row["page"], row["line"], row["actual"], row["expected"], row["message"]) == (
        "a,b.pdf", "3", "7", "1.50", "", '含,逗号与"引号"\n换行')


# --- markdown -----------------------------------------------------------------------------------

def test_markdown_job_summary_exact():
    result = check(SMALL, "--select", "F", "--format", "markdown")
    assert result.exit_code == 1
    assert result.stdout == "\n".join([
        "## 预算/决算公开审核结果",
        "",
        "共 1 个文件：4 个错误，0 个警告，0 条提示",
        "",
        "| 文件 | 部门 | 年度 | 类型 | 错误 | 警告 | 提示 |",
        "|---|---|---|---|---:|---:|---:|",
        f"| {SMALL} | 测试中心 | 2024 | 决算 | 4 | 0 | 0 |",
        "",
        f"### {SMALL}",
        "",
        "| 级别 | 规则 | 位置 | 问题 | 应为 | 实为 | 相差 |",
        "|---|---|---|---|---:|---:|---:|",
        f"| 错误 | F203 | 收入支出决算总表 第14行 行[二、社会保障和就业支出] 列[支出/金额] | {F203} | 21.00 | 20.00 | -1.00 |",
        f"| 错误 | F109 | 支出决算表 第25行 行[合计] 列[本年支出合计] | {F109} | 101.00 | 100.00 | -1.00 |",
        f"| 错误 | F108 | 支出决算表 第30行 行[208 社会保障和就业支出] 列[本年支出合计] | {F108} | 20.00 | 21.00 | 1.00 |",
        f"| 错误 | F110 | 支出决算表 第30行 行[208 社会保障和就业支出] 列[本年支出合计] | {F110} | 20.00 | 21.00 | 1.00 |",
    ]) + "\n"


def test_markdown_cells_cannot_break_the_table():
    assert markdown.cell("a|b\nc <x> & d") == "a\\|b c &lt;x&gt; &amp; d"
    failed = FileReport.failed("bad.txt", "bad.txt: 不是文本文件", "E002")
    text = markdown.render([failed], hidden=3)
    assert "共 1 个文件：1 个错误，0 个警告，0 条提示；1 个文件无法审核；基线隐藏 3 个已知问题" in text
    assert "| bad.txt | 无法审核 |  |  | 1 | 0 | 0 |" in text


# --- --output-file, --exit-zero, --statistics ---------------------------------------------------

def test_output_file_gets_the_format_and_stdout_the_text_report(tmp_path: Path):
    target = tmp_path / "audit.sarif"
    result = check(SMALL, "--select", "F", "--format", "sarif", "-o", str(target), "--no-color")
    plain = check(SMALL, "--select", "F", "--no-color")
    assert result.exit_code == plain.exit_code == 1
    assert result.stdout == plain.stdout  # the text report, as without -o
    data = json.loads(target.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(SCHEMA)
    assert not list(validator.iter_errors(data))
    assert [r["ruleId"] for r in data["runs"][0]["results"]] == ["F203", "F109", "F108", "F110"]
    assert all("auditorFinding/v1" in r["partialFingerprints"] for r in data["runs"][0]["results"])


def test_output_file_with_text_and_a_quiet_stdout(tmp_path: Path):
    target = tmp_path / "report.txt"
    result = check(SMALL, "--select", "F", "--output-file", str(target))
    assert (result.exit_code, result.stdout) == (1, "")
    assert target.read_text(encoding="utf-8") == check(SMALL, "--select", "F", "--no-color").stdout
    quiet = check(SMALL, "--select", "F", "--format", "json", "-o", str(tmp_path / "r.json"), "-q", "--no-color")
    assert quiet.stdout.splitlines()[0] == SMALL and "共 1 个文件" not in quiet.stdout
    unwritable = check(SMALL, "--format", "json", "-o", str(tmp_path))
    assert unwritable.exit_code == 2 and unwritable.stderr.startswith(f"错误：无法写入 {tmp_path}（")


def test_exit_zero_keeps_2_for_inputs_not_audited(tmp_path: Path):
    assert check(SMALL, "--select", "F", "--exit-zero", "-q").exit_code == 0
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary" * 100)
    assert check(SMALL, str(bad), "--exit-zero", "-q").exit_code == 2


def test_statistics_count_per_rule_most_first():
    result = check(SMALL, "--statistics", "--no-color")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "1  F108  错误  支出决算表本年支出合计等于各项支出之和",
        "1  F109  错误  支出决算表合计行等于各类科目之和",
        "1  F110  错误  支出决算表科目层级（类＝各款之和，款＝各项之和）",
        "1  F203  错误  总表各类支出与支出决算表各类科目一致",
        "共 1 个文件：4 个错误，0 个警告，0 条提示",
    ]
    wide = check(TEMPLATE_PDF, "--select", "D1", "--statistics", "-q").stdout.splitlines()
    assert wide == ["105  D101  警告  未填写的模板占位符", " 29  D103  警告  未删除的模板填写说明",
                    " 21  D102  警告  未删除的模板选择项"]
    machine = check(SMALL, "--select", "F1", "--statistics", "--format", "json", "-q")
    assert json.loads(machine.stdout)["summary"]["errors"] == 3  # stdout stays JSON, the counts go to stderr
    assert machine.stderr.splitlines() == ["1  F108  错误  支出决算表本年支出合计等于各项支出之和",
                                           "1  F109  错误  支出决算表合计行等于各类科目之和",
                                           "1  F110  错误  支出决算表科目层级（类＝各款之和，款＝各项之和）"]
