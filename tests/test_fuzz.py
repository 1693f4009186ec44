"""The fuzz suite: hostile and odd inputs from a fixed seed (tests/fuzz_cases.py), each run as a
command line. For every case: no traceback, an exit status of 0, 1 or 2 as documented, valid JSON
when JSON was asked for, no internal error (E099), and bounded time and memory (the worker's peak,
from the batch log). FUZZ_CASES sets how many (`make fuzz` runs thousands); CI runs a few hundred."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from fuzz_cases import SEED, Case, wants_json
from fuzz_cases import case as make_case
from typer.testing import CliRunner

from auditor.cli import app, main, route
from auditor.errors import UsageError

COUNT = int(os.environ.get("FUZZ_CASES", "240"))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", str(SEED)))
HANG = 60.0  # seconds: far past any case's time limit; only a hang reaches it
MEMORY_MB = 1024
runner = CliRunner()


def run_case(case: Case, folder: Path, capsys) -> tuple[list[str], int, str, str]:
    """(the command line as routed, exit status, stdout, stderr) of one case run in `folder`."""
    for name, data in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if case.fifo:
        os.mkfifo(folder / case.fifo)
    argv = list(case.argv)
    if argv[0] == "check" and "--log" not in argv:
        argv += ["--log", "fuzz-log.jsonl", "--timeout", "20"]
    try:
        argv = route(argv)
    except UsageError:  # a mistyped command: what main() does with it, as a user would run it
        capsys.readouterr()
        with pytest.raises(SystemExit) as stopped, pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "argv", ["audit", *argv])
            main()
        captured = capsys.readouterr()
        return ["check", *argv], int(stopped.value.code), captured.out, captured.err
    result = runner.invoke(app, argv, input="")
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{case.name}: {type(result.exception).__name__}: {result.exception}")
    return argv, result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("k", range(COUNT))
def test_fuzz_case(k: int, tmp_path: Path, monkeypatch, capsys):
    case = make_case(k, FUZZ_SEED)
    monkeypatch.chdir(tmp_path)
    began = time.monotonic()
    argv, status, out, err = run_case(case, tmp_path, capsys)
    assert time.monotonic() - began < HANG, f"{case.name} ran {time.monotonic() - began:.0f} s"
    assert status in (0, 1, 2), (case.name, status, err)
    assert "Traceback" not in out + err, (case.name, err)
    assert "内部错误" not in out + err, (case.name, out[:500], err)
    if wants_json(argv):
        report = json.loads(out)  # valid JSON, whatever the input, usage errors included
        if status == 2 and "error" in report:
            assert report["error"].strip(), case.name
        if argv[0] == "check":
            rules = [f["rule"] for file in report["files"] for f in file["findings"]]
            assert "E099" not in rules, case.name
            # exit status 2 exactly when a file could not be audited (or the usage was wrong)
            assert status == 2 or report["summary"]["failed"] == 0, case.name
            assert report["summary"]["failed"] == 0 or status == 2, case.name
    log = tmp_path / "fuzz-log.jsonl"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            assert entry["error"] is None or "内部错误" not in entry["error"], (case.name, entry["error"])
            assert entry["memory_mb"] is None or entry["memory_mb"] <= MEMORY_MB, (case.name, entry["memory_mb"])
