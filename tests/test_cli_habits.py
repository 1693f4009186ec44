"""Habits of a command line: colour and NO_COLOR, stdin, completion, mistyped commands, help width."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from rich.cells import cell_len
from typer.testing import CliRunner

from auditor.cli import app, route
from auditor.errors import UsageError

runner = CliRunner()
AUDIT = Path(sys.executable).with_name("audit")
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
PDF = FIXTURES / "pdf" / "putuo-social-work-2024-final.pdf"
RED = "\x1b[31m"


def run_audit(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(AUDIT), *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize(("args", "env", "coloured"), [
    (["--color", "always"], {}, True),
    (["--color", "always"], {"NO_COLOR": "1"}, True),  # the command line wins over the environment
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    (["--no-color"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": ""}, True),  # an empty NO_COLOR does not count
    ([], {}, False),  # auto, and the output is not a terminal
])
def test_colour(args: list[str], env: dict, coloured: bool, monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["check", str(SMALL), "--select", "F109", *args])
    assert result.exit_code == 1
    assert (RED in result.stdout) is coloured
    if not coloured:
        assert "\x1b[3" not in result.stdout  # no colour at all


def test_rules_and_extract_take_color_too():
    assert RED in runner.invoke(app, ["rules", "--color", "always"]).stdout
    assert "\x1b[" not in runner.invoke(app, ["rules", "--color", "never"]).stdout


def test_stdin_is_audited_under_the_name_given():
    data = SMALL.read_bytes()
    result = runner.invoke(app, ["check", "-", "--stdin-filename", "disclosures/final.txt", "--select", "F",
                                 "--format", "json"], input=data)
    assert result.exit_code == 1
    (file,) = json.loads(result.stdout)["files"]
    assert file["path"] == "disclosures/final.txt"
    assert [f["rule"] for f in file["findings"]] == ["F203", "F109", "F108", "F110"]
    unnamed = runner.invoke(app, ["check", "-", "--select", "F", "-q", "--no-color"], input=data)
    assert unnamed.stdout.splitlines()[0] == "-"


def test_stdin_pdf_and_per_file_ignores_by_stdin_name(tmp_path: Path, monkeypatch):
    via_stdin = runner.invoke(app, ["check", "-", "--format", "json"], input=PDF.read_bytes())
    direct = runner.invoke(app, ["check", str(PDF), "--format", "json"])
    assert via_stdin.exit_code == direct.exit_code
    strip = [{k: f[k] for k in ("rule", "locations", "fingerprint")} for f in json.loads(via_stdin.stdout)["files"][0]["findings"]]
    assert strip == [{k: f[k] for k in ("rule", "locations", "fingerprint")}
                     for f in json.loads(direct.stdout)["files"][0]["findings"]]
    (tmp_path / "audit.toml").write_text('select = ["F"]\n[per-file-ignores]\n"final.txt" = ["F109"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = runner.invoke(app, ["check", "-", "--stdin-filename", "final.txt", "--format", "json"],
                          input=SMALL.read_bytes())
    assert [f["rule"] for f in json.loads(named.stdout)["files"][0]["findings"]] == ["F203", "F108", "F110"]


def test_stdin_cannot_be_mixed_with_files():
    result = runner.invoke(app, ["check", "-", str(SMALL)], input=b"")
    assert result.exit_code == 2 and result.stderr == "错误：“-”（标准输入）不能与其他文件一起审核\n"
    logged = runner.invoke(app, ["check", "-", "--log", "run.jsonl"], input=b"")
    assert logged.exit_code == 2 and logged.stderr == "错误：--log 不能用于标准输入（- ）\n"


@pytest.mark.parametrize(("argv", "message"), [
    (["rule", "F108"], "没有 rule 这个命令，也没有叫 rule 的文件或文件夹；是否想用 audit rules 或 audit explain F108？"),
    (["explian", "F108"], "没有 explian 这个命令，也没有叫 explian 的文件或文件夹；是否想用 audit explain F108？"),
    (["extrct", "x.pdf"], "没有 extrct 这个命令，也没有叫 extrct 的文件或文件夹；是否想用 audit extract？"),
])
def test_a_mistyped_command_is_answered_with_the_closest(argv: list[str], message: str, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError) as caught:
        route(argv)
    assert str(caught.value) == message


def test_what_is_not_a_mistyped_command_goes_to_check(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert route(["report.pdf"]) == ["check", "report.pdf"]
    assert route(["check.txt"]) == ["check", "check.txt"]  # a file name, not a word
    assert route(["zzz"]) == ["check", "zzz"]  # not close to any command: a missing file (E001)
    assert route(["rules"]) == ["rules"] and route(["--version"]) == ["--version"]
    (tmp_path / "rule").mkdir()  # an existing folder is audited, even when it looks like a typo
    assert route(["rule"]) == ["check", "rule"]


def test_a_mistyped_command_exits_2_in_one_line(tmp_path: Path):
    result = run_audit("rule", "F108", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "错误：没有 rule 这个命令，也没有叫 rule 的文件或文件夹；是否想用 audit rules 或 audit explain F108？\n"


def test_shell_completion():
    words = run_audit(env={"_AUDIT_COMPLETE": "complete_bash", "COMP_WORDS": "audit ex", "COMP_CWORD": "1"})
    assert words.stdout.split() == ["extract", "explain"]
    options = run_audit(env={"_AUDIT_COMPLETE": "complete_bash", "COMP_WORDS": "audit check --base",
                             "COMP_CWORD": "2"})
    assert options.stdout.split() == ["--baseline"]
    script = run_audit("--show-completion", "bash")
    assert script.returncode == 0 and "_AUDIT_COMPLETE=complete_bash" in script.stdout


@pytest.mark.parametrize("command", [[], ["check"], ["extract"], ["rules"], ["explain"]])
def test_help_is_never_cut_at_80_columns(command: list[str]):
    result = run_audit(*command, "--help", env={"COLUMNS": "80", "TERM": "dumb"})
    assert result.returncode == 0
    assert "…" not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) == 80  # folded within the width
    if command == ["check"]:
        text = result.stdout.replace("│", "").replace(" ", "").replace("\n", "")
        for phrase in ("只运行这些规则（编号或前缀，可重复或用逗号分隔）", "只报告此基线文件中没有的问题，并说明隐藏了多少",
                       "输出格式（默认text）：jsonsarifjunitgithubgitlabcsvmarkdown"):
            assert phrase in text
