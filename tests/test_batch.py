"""Batch runs: the same report for any --jobs, a JSON-lines log, --resume, failures and Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BUDGET_SEED, FINAL_SEED, FIXTURES
from typer.testing import CliRunner

from auditor import batch
from auditor.audit import AuditOptions, audit_file, load_all_rules
from auditor.cli import app
from auditor.report.model import report_from_json

runner = CliRunner()
AUDIT = Path(sys.executable).with_name("audit")
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
TEMPLATE_PDF = FIXTURES / "pdf" / "national-final-accounts-template.pdf"
RULES = load_all_rules()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Copies of the seeds and a tricky fixture, a PDF in a subfolder and a file that is not text."""
    root = tmp_path / "disclosures"
    (root / "pdf").mkdir(parents=True)
    for source in (BUDGET_SEED, FINAL_SEED, SMALL):
        shutil.copy(source, root / source.name)
    shutil.copy(TEMPLATE_PDF, root / "pdf" / TEMPLATE_PDF.name)
    (root / "broken.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    return root


def without_timing(text: str) -> str:
    """The report minus the summary's timing section (its last lines, from 用时：on)."""
    head, sep, _ = text.partition(f"\n{batch.TIMING_HEADER}：")
    assert sep, "no timing section"
    return head + "\n"


def run_audit(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(AUDIT), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_same_report_for_any_jobs(folder: Path):
    one = run_audit("disclosures", "--jobs", "1", "--no-color", cwd=folder.parent)
    two = run_audit("disclosures", "--jobs", "2", "--no-color", cwd=folder.parent)
    assert one.returncode == two.returncode == 2  # the broken file, after all others were audited
    assert without_timing(one.stdout) == without_timing(two.stdout)
    assert "（2 个进程）" in two.stdout.split(f"\n{batch.TIMING_HEADER}：")[1]
    files = [line for line in one.stdout.splitlines() if line.startswith("disclosures/")]
    assert files == sorted(files) and len(files) == 5
    assert "共 5 个文件：" in one.stdout and "；1 个文件无法审核" in one.stdout
    for fmt in ("json", "sarif", "junit"):
        outputs = {run_audit("disclosures", "-j", jobs, "-f", fmt, cwd=folder.parent).stdout for jobs in ("1", "2")}
        assert len(outputs) == 1, fmt


def test_jobs_zero_means_every_cpu():
    assert batch.job_count(0) >= 1 and batch.job_count(3) == 3


def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_log_has_a_line_per_file_and_resume_reproduces_the_report(folder: Path, monkeypatch):
    monkeypatch.chdir(folder.parent)
    log = folder.parent / "run.jsonl"
    first = runner.invoke(app, ["check", "disclosures", "--no-color", "--log", str(log)])
    assert first.exit_code == 2
    lines = read_log(log)
    by_name = {Path(line["path"]).name: line for line in lines}
    assert set(by_name) == {"broken.txt", BUDGET_SEED.name, FINAL_SEED.name, SMALL.name, TEMPLATE_PDF.name}
    for line in lines:
        assert {"path", "status", "counts", "seconds", "error", "report", "size", "mtime_ns"} <= set(line)
        assert line["report"]["path"] == line["path"] and line["seconds"] >= 0
    broken = by_name["broken.txt"]
    assert (broken["status"], broken["counts"]["error"]) == ("failed", 1)
    assert broken["error"].endswith("不是文本文件（二进制内容），无法审核")
    small = by_name[SMALL.name]
    severities = [f["severity"] for f in small["report"]["findings"]]
    assert (small["status"], small["error"]) == ("done", None)
    assert small["counts"] == {k: severities.count(k) for k in ("error", "warning", "info")}
    assert small["counts"]["error"] >= 4

    again = runner.invoke(app, ["check", "disclosures", "--no-color", "--log", str(log), "--resume"])
    assert again.exit_code == 2
    assert without_timing(again.stdout) == without_timing(first.stdout)
    assert "5 个文件未变，结果取自日志" in again.stdout
    assert len(read_log(log)) == 5  # nothing audited again, nothing logged again
    json_first = runner.invoke(app, ["check", "disclosures", "-f", "json"]).stdout
    assert runner.invoke(app, ["check", "disclosures", "-f", "json", "--log", str(log), "--resume"]).stdout == json_first

    changed = folder / SMALL.name
    stat = changed.stat()
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    third = runner.invoke(app, ["check", "disclosures", "--no-color", "--log", str(log), "--resume"])
    assert without_timing(third.stdout) == without_timing(first.stdout)
    assert "本次审核 1 个" in third.stdout and "4 个文件未变" in third.stdout
    assert [Path(line["path"]).name for line in read_log(log)[5:]] == [SMALL.name]

    other_rules = runner.invoke(app, ["check", "disclosures", "--select", "F1", "--log", str(log), "--resume"])
    assert "本次审核 5 个" in other_rules.stdout  # other options: nothing in the log applies


def test_resume_needs_a_log(folder: Path):
    result = runner.invoke(app, ["check", str(folder), "--resume"])
    assert result.exit_code == 2 and "--resume" in result.output


def test_a_broken_log_line_is_passed_over(folder: Path):
    log = folder.parent / "run.jsonl"
    batch.run_batch([folder / SMALL.name], RULES, AuditOptions(), log=log)
    log.write_text(log.read_text(encoding="utf-8") + '{"path": "cut sh', encoding="utf-8")
    result = batch.run_batch([folder / SMALL.name], RULES, AuditOptions(), log=log, resume=True)
    assert [d.resumed for d in result.done] == [True]


def test_reports_survive_their_json_form():
    for path in (BUDGET_SEED, FINAL_SEED, TEMPLATE_PDF):
        data = audit_file(path, RULES, AuditOptions()).to_json()
        assert report_from_json(data).to_json() == data


def test_a_crash_in_one_file_does_not_stop_the_batch(folder: Path, monkeypatch):
    real = batch.audit_file

    def flaky(path, rules, options):
        if path.name == FINAL_SEED.name:
            raise ValueError("boom")
        return real(path, rules, options)

    monkeypatch.setattr(batch, "audit_file", flaky)
    log = folder.parent / "run.jsonl"
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    result = batch.run_batch(files, RULES, AuditOptions(), log=log)
    crashed = next(d.report for d in result.done if d.report.path.endswith(FINAL_SEED.name))
    assert crashed.findings[0].rule == batch.INTERNAL_ERROR and "ValueError: boom" in crashed.error
    assert sum(1 for d in result.done if not d.report.error) == 3
    line = next(x for x in read_log(log) if x["path"].endswith(FINAL_SEED.name))
    assert "Traceback" in line["traceback"] and line["status"] == "failed"
    monkeypatch.setattr(batch, "audit_file", real)
    resumed = batch.run_batch(files, RULES, AuditOptions(), log=log, resume=True)
    assert [d.report.path for d in resumed.done if not d.resumed] == [str(folder / FINAL_SEED.name)]


def test_ctrl_c_stops_cleanly_with_what_was_done_logged(folder: Path, monkeypatch):
    """Ctrl-C (here sent by the worker while it audits the third file) starts nothing new; the file
    being audited is finished and logged, and the run ends with status 130."""
    real = batch.audit_file
    seen: list[str] = []  # in the worker, which audits the files one after another

    def interrupted_on_the_third(path, rules, options):
        seen.append(path.name)
        if len(seen) == 3:
            os.kill(os.getppid(), signal.SIGINT)
            time.sleep(0.5)
        return real(path, rules, options)

    monkeypatch.setattr(batch, "audit_file", interrupted_on_the_third)
    log = folder.parent / "run.jsonl"
    result = runner.invoke(app, ["check", str(folder), "--log", str(log)])
    assert result.exit_code == 130
    assert "已中断：完成 3/5 个文件" in result.output
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.*"))
    assert [Path(line["path"]).name for line in read_log(log)] == [Path(f).name for f in files[:3]]
