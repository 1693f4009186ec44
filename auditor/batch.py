"""Auditing many files: in worker processes (auditor/worker.py: a time limit per file, a memory
limit per process, a crash that loses only its file), with a JSON-lines log to resume from.

Every report goes through its JSON form (`FileReport.to_json` and back), whether it was audited
here, in a worker process or read back from the log, so the final report is the same for any
`--jobs` and after `--resume`. Timings live only in the log and in `timing_lines`.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from . import __version__
from .audit import AuditOptions, audit_file
from .limits import TIMED_OUT, as_config, exceeded, using
from .paths import RULES_DIR
from .regular import open_append
from .report.model import FileReport, report_from_json
from .runlog import LogRead, read_log
from .terminal import json_text
from .worker import Outcome, run_isolated, run_tasks

# A file whose audit crashed (a bug, or a PDF library that took its process down): the batch goes
# on, the file counts as not audited (exit status 2), and the log keeps the traceback.
INTERNAL_ERROR = "E099"
# Reports never reused by --resume: a crash, and a time-out (which depends on the machine's load).
NOT_REUSED = (INTERNAL_ERROR, TIMED_OUT)
LOG_VERSION = 1

Progress = Callable[[int, int, str], None]  # (files done, files in all, path just done)


@dataclass(slots=True)
class Done:
    report: FileReport
    seconds: float  # the audit of this file alone (from the log when resumed)
    resumed: bool = False


@dataclass(slots=True)
class BatchResult:
    done: list[Done]  # sorted by path
    total: int  # files asked for
    seconds: float  # wall clock of this run
    jobs: int
    interrupted: bool = False
    log_warning: str | None = None  # lines of the --resume log that could not be used

    @property
    def reports(self) -> list[FileReport]:
        return [d.report for d in self.done]


def job_count(jobs: int) -> int:
    """`--jobs N`: N processes; 0 means one per CPU this process may use."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def config_key(options: AuditOptions) -> str:
    """What a stored report depends on besides the file: version, options and every rule file."""
    digest = hashlib.sha256()
    settings = {"version": __version__, "select": options.select, "ignore": options.ignore,
                "kind": options.kind, "show_rounding": options.show_rounding, "pdf_engine": options.pdf_engine,
                "per_file_ignores": [[p.pattern.text, p.pattern.base, list(p.rules)] for p in options.per_file_ignores],
                "limits": as_config(options.limits), "timeout": options.timeout}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for path in [*sorted(RULES_DIR.glob("*.yaml")), *options.extra_rules]:
        digest.update(str(path).encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:16]


def file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _abspath(path: Path) -> str:
    return os.path.abspath(path)


def reusable(entry: dict[str, Any] | None, stamp: tuple[int, int] | None, config: str) -> bool:
    """A logged file is skipped on --resume when it, the options and the rules are unchanged."""
    if entry is None or stamp is None:
        return False
    internal = any(f.get("rule") in NOT_REUSED for f in entry["report"].get("findings", []))
    return (not internal and entry.get("config") == config
            and [entry.get("size"), entry.get("mtime_ns")] == list(stamp))


# --- the work of one file (in a worker process) ---------------------------------------------------

def audit_one(path: Path, rules: list, options: AuditOptions) -> tuple[dict[str, Any], float, str | None]:
    """(report as JSON, seconds, traceback or None): an unexpected error becomes a failed report."""
    start = time.perf_counter()
    try:
        report, trace = audit_file(path, rules, options), None
    except MemoryError:
        raise  # the worker reports it as the memory limit (and leaves)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch
        trace = traceback.format_exc()
        report = crashed_report(str(path), f"{type(exc).__name__}: {exc}")
    return report.to_json(), time.perf_counter() - start, trace


def crashed_report(path: str, detail: str) -> FileReport:
    return FileReport.failed(path, f"{path}: 审核时出现内部错误（{detail}），请报告此问题", INTERNAL_ERROR)


def stopped_report(path: str, outcome: Outcome, options: AuditOptions) -> FileReport:
    """The report of a file whose worker did not give one back: over time, over memory, or dead."""
    if outcome.status == "timeout":
        return FileReport.failed(path, f"{path}: 审核超过 {options.timeout:g} 秒仍未完成，已停止"
                                       f"（可用 --timeout 或配置 timeout 调整）", TIMED_OUT)
    if outcome.status == "memory":
        with using(options.limits):
            error = exceeded(path, "memory_mb")
        return FileReport.failed(path, str(error), error.code)
    return crashed_report(path, f"审核进程异常退出，{outcome.detail}")


def audit_isolated(path: str, task: Callable[[], FileReport], options: AuditOptions) -> FileReport:
    """One audit (a disclosure of several files, standard input) in a worker, as bounded as a batch."""
    outcome = run_isolated(task, timeout=options.timeout, memory_mb=options.limits.memory_mb)
    return outcome.value if outcome.status == "ok" else stopped_report(path, outcome, options)


# --- the batch ----------------------------------------------------------------------------------

def run_batch(
    files: Iterable[Path],
    rules: list,
    options: AuditOptions,
    jobs: int = 1,
    log: Path | None = None,
    resume: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """Audit files (each once), `jobs` at a time in worker processes (each file within
    `options.timeout`); log each as soon as it is done; reports sorted by path."""
    start = time.perf_counter()
    files = list(dict.fromkeys(files))
    config = config_key(options)
    read = read_log(log) if (log and resume) else LogRead()
    logged = read.entries
    done: list[Done] = []
    todo: list[Path] = []
    for path in files:
        entry = logged.get(_abspath(path))
        if reusable(entry, file_stamp(path), config):
            report = report_from_json(entry["report"])
            report.path = str(path)
            done.append(Done(report, float(entry.get("seconds") or 0), resumed=True))
        else:
            todo.append(path)
    jobs = job_count(jobs)
    sink = _Sink(log, config, done, len(files), progress)

    def finished(index: int, outcome: Outcome) -> None:
        path = todo[index]
        if outcome.status == "ok":
            data, seconds, trace = outcome.value
        else:
            data, seconds, trace = stopped_report(str(path), outcome, options).to_json(), outcome.seconds, None
        sink.add(path, data, seconds, trace, outcome.peak_mb)

    tasks = [partial(audit_one, path, rules, options) for path in todo]
    try:
        interrupted = run_tasks(tasks, finished, jobs=jobs, timeout=options.timeout,
                                memory_mb=options.limits.memory_mb)
    finally:
        sink.close()
    done.sort(key=lambda d: d.report.path)
    return BatchResult(done, len(files), time.perf_counter() - start, jobs, interrupted,
                       read.warning(log) if log else None)


class _Sink:
    """Takes each finished file: its report into the result, its line into the log at once."""

    def __init__(self, log: Path | None, config: str, done: list[Done], total: int,
                 progress: Progress | None) -> None:
        self.log = open_append(log) if log else None
        self.config, self.done, self.total, self.progress = config, done, total, progress

    def add(self, path: Path, data: dict[str, Any], seconds: float, trace: str | None,
            memory_mb: float | None = None) -> None:
        report = report_from_json(data)
        self.done.append(Done(report, seconds))
        if self.log:
            stamp = file_stamp(path)
            line = {"version": LOG_VERSION, "path": str(path), "abspath": _abspath(path),
                    "size": stamp[0] if stamp else None, "mtime_ns": stamp[1] if stamp else None,
                    "status": "failed" if report.error else "done", "counts": report.counts(),
                    "seconds": round(seconds, 3), "memory_mb": memory_mb, "error": report.error,
                    "config": self.config}
            if trace:
                line["traceback"] = trace
            line["report"] = data
            self.log.write(json_text(line) + "\n")
            self.log.flush()
        if self.progress:
            self.progress(len(self.done), self.total, str(path))

    def close(self) -> None:
        if self.log:
            self.log.close()


# --- rules that ran, and the timing section ------------------------------------------------------

def rules_by_path(reports: list[FileReport], rules: list, options: AuditOptions) -> dict[str, list]:
    """The rules chosen for each file (its kind, --select, --ignore); none for a file not audited."""
    from .engine import select_rules

    return {r.path: [] if r.error else select_rules(rules, options.select, options.ignore_for(r.path),
                                                    kind=r.info.kind, family=r.info.family)
            for r in reports}


TIMING_HEADER = "用时"


def timing_lines(result: BatchResult) -> list[str]:
    """The summary's timing section (text report only; left out when comparing reports)."""
    audited = [d for d in result.done if not d.resumed]
    lines = [f"{TIMING_HEADER}：{len(result.done)} 个文件，共 {result.seconds:.2f} 秒（{result.jobs} 个进程）"]
    if audited:
        work = sum(d.seconds for d in audited)
        slowest = max(audited, key=lambda d: (d.seconds, d.report.path))
        lines.append(f"  本次审核 {len(audited)} 个，每个文件 {work / len(audited):.2f} 秒，"
                     f"最慢 {slowest.report.path}（{slowest.seconds:.2f} 秒）")
    resumed = len(result.done) - len(audited)
    if resumed:
        lines.append(f"  {resumed} 个文件未变，结果取自日志（--resume）")
    return lines
