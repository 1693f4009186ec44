"""A run that asked for JSON writes JSON on stdout even when it stops on a usage error (a broken
rule file, a bad option, a missing file for extract): the document of nothing audited, with the
error in `error`; the one-line message still goes to stderr and the exit status is 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app

runner = CliRunner()
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
EMPTY_SUMMARY = {"files": 0, "errors": 0, "warnings": 0, "infos": 0, "failed": 0, "baselined": 0}


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text("pack: x\nrules: &a [*a]\n", encoding="utf-8")
    return path


def test_check_with_a_broken_rule_file(bomb: Path):
    result = runner.invoke(app, ["check", str(SMALL), "--rules", str(bomb), "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert (data["files"], data["summary"]) == ([], EMPTY_SUMMARY)
    assert data["error"].startswith(f"{bomb}: YAML 别名展开过多")
    assert result.stderr == f"错误：{data['error']}\n"


def test_a_bad_option_value_and_an_unknown_option():
    for args, error in ((["--jobs", "abc"], "Invalid value for '--jobs' / '-j'"),
                        (["--nope"], "No such option: --nope")):
        result = runner.invoke(app, ["check", str(SMALL), "-f", "json", *args])
        assert result.exit_code == 2
        assert json.loads(result.stdout)["error"].startswith(error)


def test_rules_and_extract(bomb: Path, tmp_path: Path):
    result = runner.invoke(app, ["rules", "--rules", str(bomb), "--format", "json"])
    assert result.exit_code == 2 and json.loads(result.stdout)["rules"] == []
    missing = tmp_path / "none.txt"
    result = runner.invoke(app, ["extract", str(missing), "--format", "json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {"path": str(missing), "error": f"{missing}: 文件不存在"}


def test_a_mistyped_command(tmp_path: Path):
    audit = Path(sys.executable).with_name("audit")
    done = subprocess.run([str(audit), "chek", "-f", "json"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"].startswith("没有 chek 这个命令")


def test_text_runs_write_nothing_on_stdout(bomb: Path):
    result = runner.invoke(app, ["check", str(SMALL), "--rules", str(bomb)])
    assert result.exit_code == 2 and result.stdout == ""
