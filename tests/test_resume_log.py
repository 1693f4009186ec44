"""The --resume log is read defensively: a line that cannot be used is skipped with one warning and
its file is audited again; the log never makes a batch fail."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor import batch, runlog
from auditor.audit import AuditOptions, load_all_rules
from auditor.cli import app

runner = CliRunner()
RULES = load_all_rules()
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"


@pytest.fixture
def logged(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A file, a log of one good run over it, and that run's log line."""
    path = tmp_path / SMALL.name
    path.write_bytes(SMALL.read_bytes())
    log = tmp_path / "run.jsonl"
    batch.run_batch([path], RULES, AuditOptions(), log=log)
    return path, log, json.loads(log.read_text(encoding="utf-8"))


def resumed(path: Path, log: Path) -> batch.BatchResult:
    return batch.run_batch([path], RULES, AuditOptions(), log=log, resume=True)


def broken_copies(line: dict) -> dict[str, object]:
    report = line["report"]
    finding = report["findings"][0]

    def with_report(**changes):
        return {**line, "report": {**report, **changes}}

    def with_finding(**changes):
        return with_report(findings=[{**finding, **changes}, *report["findings"][1:]])

    return {
        "binary": b"\x00\xff\xfe garbage \x9b\n",
        "nested": "[" * 100_000 + "]" * 100_000,
        "not an object": [line],
        "report is a list": {**line, "report": [report]},
        "abspath is a number": {**line, "abspath": 5},
        "size is text": {**line, "size": "960"},
        "findings of the wrong type": with_report(findings={"rule": "F109"}),
        "a finding is text": with_report(findings=["F109"]),
        "NaN figure": with_finding(expected="NaN"),
        "huge exponent": with_finding(expected="1e999999999"),
        "unknown severity": with_finding(severity="fatal"),
        "line is text": with_finding(locations=[{**finding["locations"][0], "line": "25"}]),
        "line is true": with_finding(locations=[{**finding["locations"][0], "line": True}]),
        "tables of strings": with_report(tables=["收入支出决算总表"]),
        "missing path": {**line, "report": {k: v for k, v in report.items() if k != "path"}},
    }


# Broken lines that do not say which file they are about: the file's earlier good line still counts.
NAMELESS = ("binary", "nested", "not an object", "abspath is a number")


def test_every_kind_of_broken_line_is_skipped_and_its_file_audited_again(logged):
    path, log, line = logged
    good = log.read_text(encoding="utf-8")
    for name, broken in broken_copies(line).items():
        raw = broken if isinstance(broken, bytes) else (json.dumps(broken, ensure_ascii=False) + "\n").encode()
        log.write_bytes(good.encode() + raw)
        result = resumed(path, log)
        # the file's last line was broken: audited again; a nameless broken line leaves the good one
        assert [d.resumed for d in result.done] == [name in NAMELESS], name
        assert result.done[0].report.counts() == {"error": 4, "warning": 0, "info": 0}, name
        assert result.log_warning == f"日志 {log} 中有 1 行无法使用（第 2 行），已跳过；相应的文件重新审核", name


def test_a_broken_line_before_a_good_one_leaves_the_good_one(logged):
    path, log, _ = logged
    log.write_bytes(b"\xff\xfe\n{\"cut\": \n" + log.read_bytes())
    result = resumed(path, log)
    assert [d.resumed for d in result.done] == [True]
    assert "中有 2 行无法使用（第 1、2 行）" in result.log_warning


def test_a_line_too_long_is_skipped(logged, monkeypatch):
    path, log, _ = logged
    monkeypatch.setattr(runlog, "MAX_LINE", 1000)
    log.write_bytes(log.read_bytes() + b'{"x": "' + b"a" * 5000 + b'"}\n' + log.read_bytes())
    result = resumed(path, log)
    assert [d.resumed for d in result.done] == [False]  # its own line is over 1000 bytes too
    assert "中有 3 行无法使用（第 1、2、3 行）" in result.log_warning


def test_the_warning_is_one_line_on_stderr_and_the_run_succeeds(logged):
    path, log, _ = logged
    log.write_bytes(log.read_bytes() + b"\x1b[2J not json\n")
    result = runner.invoke(app, ["check", str(path), "--log", str(log), "--resume", "-f", "json"])
    assert result.exit_code == 1  # the findings of the file, not a failure of the log
    assert f"日志 {log} 中有 1 行无法使用（第 2 行），已跳过；相应的文件重新审核\n" in result.stderr
    assert json.loads(result.stdout)["summary"]["errors"] == 4


def test_a_log_that_is_not_a_regular_file(tmp_path: Path):
    fifo = tmp_path / "run.jsonl"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["check", str(SMALL), "--log", str(fifo), "--resume"])
    assert result.exit_code == 2
    assert f"无法写入日志 {fifo}：是命名管道（FIFO），不是普通文件" in result.output
