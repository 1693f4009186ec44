"""Worker processes: a task past its time limit is stopped and the next ones still run, a crash or
a memory blow-up loses only its own task, and a batch turns each into the file's E code."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor import batch
from auditor.audit import AuditOptions, load_all_rules
from auditor.cli import app
from auditor.worker import Outcome, run_tasks

runner = CliRunner()
RULES = load_all_rules()
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"


def run(tasks, **options) -> dict[int, Outcome]:
    outcomes: dict[int, Outcome] = {}
    assert not run_tasks(tasks, outcomes.__setitem__, **options)
    return outcomes


def test_results_come_back_for_every_task():
    outcomes = run([lambda k=k: k * k for k in range(5)], jobs=2)
    assert {k: o.value for k, o in outcomes.items()} == {0: 0, 1: 1, 2: 4, 3: 9, 4: 16}
    assert all(o.status == "ok" for o in outcomes.values())


def test_a_task_past_its_time_is_stopped_and_the_next_runs():
    outcomes = run([lambda: "first", lambda: time.sleep(60), lambda: os.getpid()], timeout=0.5)
    assert outcomes[0].value == "first"
    assert outcomes[1].status == "timeout" and 0.5 <= outcomes[1].seconds < 30
    assert outcomes[2].status == "ok" and outcomes[2].value != os.getpid()  # a fresh worker, not this process


def test_a_crash_loses_only_its_own_task():
    outcomes = run([os.abort, lambda: "after"])
    assert (outcomes[0].status, outcomes[0].detail) == ("crashed", "信号 SIGABRT")
    assert outcomes[1].value == "after"


def test_memory_past_the_limit():
    def hog():
        return len(bytearray(4 << 30))  # 4 GB

    outcomes = run([hog, lambda: "after"], memory_mb=512)
    assert outcomes[0].status == "memory"
    assert outcomes[1].value == "after"


@pytest.fixture
def slow_on_one(monkeypatch):
    """audit_file stuck (as a PDF library can be) on any file named stuck.txt."""
    real = batch.audit_file

    def stuck(path, rules, options):
        if path.name == "stuck.txt":
            time.sleep(60)
        return real(path, rules, options)

    monkeypatch.setattr(batch, "audit_file", stuck)


def test_a_stuck_file_gets_e008_and_the_batch_goes_on(tmp_path: Path, slow_on_one):
    stuck = tmp_path / "stuck.txt"
    stuck.write_bytes(SMALL.read_bytes())
    log = tmp_path / "run.jsonl"
    result = batch.run_batch([stuck, SMALL], RULES, AuditOptions(timeout=1), log=log)
    by_name = {Path(d.report.path).name: d.report for d in result.done}
    assert by_name["stuck.txt"].findings[0].rule == "E008"
    assert by_name["stuck.txt"].error == f"{stuck}: 审核超过 1 秒仍未完成，已停止（可用 --timeout 或配置 timeout 调整）"
    assert by_name[SMALL.name].error is None and by_name[SMALL.name].counts()["error"] == 4
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [line["status"] for line in lines] == ["failed", "done"]
    assert all(line["memory_mb"] is None or line["memory_mb"] > 0 for line in lines)
    again = batch.run_batch([stuck, SMALL], RULES, AuditOptions(timeout=1), log=log, resume=True)
    # a time-out is tried again (reports are sorted by path, so look them up by name)
    assert {Path(d.report.path).name: d.resumed for d in again.done} == {"stuck.txt": False, SMALL.name: True}


def test_timeout_on_the_command_line(tmp_path: Path, slow_on_one):
    stuck = tmp_path / "stuck.txt"
    stuck.write_bytes(SMALL.read_bytes())
    result = runner.invoke(app, ["check", str(stuck), "--timeout", "0.5", "-f", "json"])
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert data["files"][0]["findings"][0]["rule"] == "E008"
    assert data["summary"]["failed"] == 1


def test_extract_is_bounded_too(tmp_path: Path, monkeypatch):
    import auditor.audit
    import auditor.cli

    def stuck(path, pdf_engine="auto"):
        time.sleep(60)

    real = auditor.audit.AuditOptions
    monkeypatch.setattr(auditor.audit, "AuditOptions", lambda: real(timeout=0.5))
    monkeypatch.setattr(auditor.cli, "load_ledger", stuck)
    result = runner.invoke(app, ["extract", str(SMALL)])
    assert result.exit_code == 2
    assert result.output.strip() == f"错误：{SMALL}: 审核超过 0.5 秒仍未完成，已停止（可用 --timeout 或配置 timeout 调整）"


def test_a_worker_dies_with_its_parent(tmp_path: Path):
    """The `audit` process killed (a CI job cancelled): its worker, stuck on a file, goes too."""
    import signal
    import subprocess
    import sys

    marker = tmp_path / "worker.pid"
    script = (
        "import os, time, sys\n"
        "from auditor.worker import run_tasks\n"
        f"def stuck():\n    open({str(marker)!r}, 'w').write(str(os.getpid()))\n    time.sleep(600)\n"
        "run_tasks([stuck], lambda i, o: None, timeout=600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    for _ in range(200):
        if marker.exists() and marker.read_text():
            break
        time.sleep(0.05)
    worker = int(marker.read_text())
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    for _ in range(200):
        try:
            state = Path(f"/proc/{worker}/stat").read_text().split(") ", 1)[1][0]
        except (OSError, IndexError):
            return  # gone
        if state in "ZX":  # dead, waiting to be reaped by whoever adopted it
            return
        time.sleep(0.05)
    raise AssertionError(f"worker {worker} outlived its parent")
