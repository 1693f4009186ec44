"""Output is data, never control: text from a document, a path or an option is printed inert in
every format (control characters visible, rich markup literal), and JSON keeps the text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app
from auditor.terminal import clean, json_text, safe

runner = CliRunner()
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
# What a hostile disclosure could hold: a screen clear, a colour, a window title, a bidi override,
# C1 CSI, and rich markup that would close or open styles.
HOSTILE = "\x1b[2J\x1b[31m[/][bold]\x1b]0;pwn\x07\u202e\x9b"
# Raw bytes a terminal acts on (rich's own SGR colour sequences are checked apart).
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_clean_shows_controls_and_keeps_text():
    assert clean("a\x1b[2Jb") == "a\u241b[2Jb"
    assert clean("\x00\x07\x7f") == "\u2400\u2407\u2421"
    assert clean("收入\t支出\n") == "收入\t支出\n"
    assert clean("x\u202ey\x9bz\u2066") == "x\ufffdy\ufffdz\ufffd"
    assert clean("\udcff.txt") == "\ufffd.txt"  # a file name that is not UTF-8
    assert clean("一般公共服务支出") == "一般公共服务支出"


def test_safe_escapes_markup():
    assert safe("[/]") == "\\[/]"
    assert safe("[bold]x\x1b") == "\\[bold]x\u241b"


def test_json_text_reads_back_to_the_same_strings():
    data = {"text": HOSTILE + "\udcfe", "plain": "合计"}
    text = json_text(data)
    assert json.loads(text) == data
    assert not ACTIVE.search(text) and "\udcfe" not in text
    assert '"合计"' in text  # Chinese stays readable


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("单位：测试中心", f"单位：测试{HOSTILE}中心")
    text = text.replace("20805\t行政事业单位养老支出", f"20805\t行政事业单位养老支出{HOSTILE}")
    path = tmp_path / "hostile[bold].txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("color", ["never", "always"])
def test_text_report_prints_document_text_inert(hostile_file: Path, color: str):
    result = runner.invoke(app, ["check", str(hostile_file), "--color", color])
    assert result.exit_code == 1, result.output
    out = result.output
    assert not ACTIVE.search(SGR.sub("", out)), repr(out[:400])
    if color == "never":
        assert "\x1b" not in out
    assert "hostile[bold].txt" in out  # the name as it is, not read as markup
    assert "测试\u241b[2J\u241b[31m[/][bold]\u241b]0;pwn\u2407\ufffd\ufffd中心" in out
    assert "行政事业单位养老支出\u241b[2J" in out  # in a finding's place, too


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "gitlab", "csv", "markdown"])
def test_every_format_is_inert(hostile_file: Path, fmt: str):
    result = runner.invoke(app, ["check", str(hostile_file), "--format", fmt])
    assert result.exit_code == 1, result.output
    assert not ACTIVE.search(result.output.replace("\r\n", "\n")), fmt
    if fmt == "json":
        data = json.loads(result.output)
        assert data["files"][0]["department"] == f"测试{HOSTILE}中心"  # JSON keeps the text


def test_extract_prints_inert(hostile_file: Path):
    for fmt in ("table", "csv", "json"):
        result = runner.invoke(app, ["extract", str(hostile_file), "--format", fmt, "--color", "always"])
        assert result.exit_code == 0, result.output
        assert not ACTIVE.search(SGR.sub("", result.output).replace("\r\n", "\n")), fmt
    data = json.loads(runner.invoke(app, ["extract", str(hostile_file), "--format", "json"]).output)
    assert data["department"] == f"测试{HOSTILE}中心"


def test_markup_in_options_is_a_plain_message(tmp_path: Path):
    result = runner.invoke(app, ["check", str(SMALL), "--select", "[/]"])
    assert result.exit_code == 2 and "未知的规则编号或前缀：[/]" in result.output
    result = runner.invoke(app, ["check", str(tmp_path / "[bold]\x1b[2J.txt")])
    assert result.exit_code == 2
    assert "[bold]\u241b[2J.txt: 文件不存在" in result.output and "\x1b" not in result.output
    result = runner.invoke(app, ["explain", "[/]"])
    assert result.exit_code == 2 and "未知的规则编号：[/]" in result.output


def test_a_file_name_that_is_not_utf8(tmp_path: Path):
    name = tmp_path / "\udcff\udcfe.txt"  # the bytes ff fe, as Python reads them from the command line
    name.write_bytes(SMALL.read_bytes())
    text = runner.invoke(app, ["check", str(name), "--no-color"])
    assert text.exit_code == 1 and "\ufffd\ufffd.txt" in text.output
    data = json.loads(runner.invoke(app, ["check", str(name), "-f", "json"]).output)
    assert data["files"][0]["path"] == str(name)


def test_stdin_name_is_inert():
    result = runner.invoke(app, ["check", "-", "--stdin-filename", "\x1b[31mred.txt", "--no-color"],
                           input=SMALL.read_text(encoding="utf-8"))
    assert "\u241b[31mred.txt" in result.output and "\x1b" not in result.output
