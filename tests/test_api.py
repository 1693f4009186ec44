"""The Python API: `auditor.check` returns the report model; `import auditor` stays cheap."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import FINAL_SEED, FIXTURES
from typer.testing import CliRunner

import auditor
from auditor.cli import app

SMALL = FIXTURES / "tricky" / "final-small-errors.txt"


def test_check_one_file_returns_its_file_report():
    report = auditor.check(str(SMALL), select=["F", "N"])
    assert isinstance(report, auditor.FileReport)
    assert [f.rule for f in report.findings] == ["F203", "F109", "F108", "F110"]
    first = report.findings[1]
    assert (first.expected, first.actual, first.difference) == (Decimal("101.00"), Decimal("100.00"), Decimal("-1.00"))
    cli = json.loads(CliRunner().invoke(app, ["check", str(SMALL), "--select", "F,N", "--format", "json",
                                              "--isolated"]).stdout)
    assert report.to_json() == cli["files"][0]


def test_check_a_folder_returns_reports_sorted_by_path(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_bytes(SMALL.read_bytes())
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "c.txt").write_bytes(SMALL.read_bytes())
    reports = auditor.check(tmp_path, select=["F1"], exclude=["old/"])
    assert isinstance(reports, auditor.Reports)
    assert [r.path for r in reports] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    data = reports.to_json()
    assert data["summary"] == {"files": 2, "errors": 6, "warnings": 0, "infos": 0, "failed": 0, "baselined": 0}
    assert reports.counts() == data["summary"]
    listed = auditor.check([SMALL, FINAL_SEED], ignore=["D", "N"])
    assert [(r.path, len(r.findings)) for r in listed] == [(str(FINAL_SEED), 0), (str(SMALL), 4)]


def test_bad_arguments_raise_and_bad_files_are_reports(tmp_path):
    with pytest.raises(ValueError, match="未知的规则编号或前缀：X9"):
        auditor.check(str(SMALL), select=["X9"])
    with pytest.raises(ValueError, match="kind 应为 budget 或 final"):
        auditor.check(str(SMALL), kind="annual")
    missing = auditor.check(tmp_path / "none.txt")
    assert missing.error == f"{tmp_path / 'none.txt'}: 文件不存在"
    assert [f.rule for f in missing.findings] == ["E001"]


def test_import_auditor_loads_nothing_else():
    code = ("import sys, auditor; print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('auditor', 'typer', 'rich', 'yaml', 'pdfminer', 'pypdfium2')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['auditor']"
    with pytest.raises(AttributeError):
        auditor.no_such_thing  # noqa: B018
