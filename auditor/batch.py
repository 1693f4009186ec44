"""Auditing many files: in parallel processes, with a JSON-lines log to resume from.

Every report goes through its JSON form (`FileReport.to_json` and back), whether it was audited
here, in a worker process or read back from the log, so the final report is the same for any
`--jobs` and after `--resume`. Timings live only in the log and in `timing_lines`.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the pool is imported only when --jobs asks for one: it costs start-up time
    from concurrent.futures import Future, ProcessPoolExecutor

from . import __version__
from .audit import AuditOptions, audit_file, load_all_rules
from .paths import RULES_DIR
from .report.model import FileReport, report_from_json

# A file whose audit crashed (a bug, or a PDF library that took its process down): the batch goes
# on, the file counts as not audited (exit status 2), and the log keeps the traceback.
INTERNAL_ERROR = "E099"
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
                "per_file_ignores": [[p.pattern.text, p.pattern.base, list(p.rules)] for p in options.per_file_ignores]}
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


def read_log(log: Path) -> dict[str, dict[str, Any]]:
    """The log's lines by absolute path, the last line of a file winning; broken lines are passed over."""
    entries: dict[str, dict[str, Any]] = {}
    try:
        text = log.read_text(encoding="utf-8")
    except OSError:
        return entries
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut short when the run was killed
        if isinstance(entry, dict) and isinstance(entry.get("report"), dict) and "abspath" in entry:
            entries[entry["abspath"]] = entry
    return entries


def _abspath(path: Path) -> str:
    return os.path.abspath(path)


def reusable(entry: dict[str, Any] | None, stamp: tuple[int, int] | None, config: str) -> bool:
    """A logged file is skipped on --resume when it, the options and the rules are unchanged."""
    if entry is None or stamp is None:
        return False
    internal = any(f.get("rule") == INTERNAL_ERROR for f in entry["report"].get("findings", []))
    return (not internal and entry.get("config") == config
            and [entry.get("size"), entry.get("mtime_ns")] == list(stamp))


# --- the work of one file (in this process or in a worker) ---------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(options: AuditOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER["rules"] = load_all_rules(options.extra_rules)
    _WORKER["options"] = options


def _audit_in_worker(path: str) -> tuple[dict[str, Any], float, str | None]:
    return audit_one(Path(path), _WORKER["rules"], _WORKER["options"])


def audit_one(path: Path, rules: list, options: AuditOptions) -> tuple[dict[str, Any], float, str | None]:
    """(report as JSON, seconds, traceback or None): an unexpected error becomes a failed report."""
    start = time.perf_counter()
    try:
        report, trace = audit_file(path, rules, options), None
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop a batch
        trace = traceback.format_exc()
        report = crashed_report(str(path), f"{type(exc).__name__}: {exc}")
    return report.to_json(), time.perf_counter() - start, trace


def crashed_report(path: str, detail: str) -> FileReport:
    return FileReport.failed(path, f"{path}: 审核时出现内部错误（{detail}），请报告此问题", INTERNAL_ERROR)


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
    """Audit files (each once), `jobs` at a time; log each as soon as it is done; reports sorted by path."""
    start = time.perf_counter()
    files = list(dict.fromkeys(files))
    config = config_key(options)
    logged = read_log(log) if (log and resume) else {}
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
    try:
        if jobs == 1 or len(todo) <= 1:
            interrupted = _run_here(todo, rules, options, sink)
        else:
            interrupted = _run_pool(todo, options, min(jobs, len(todo)), sink)
    finally:
        sink.close()
    done.sort(key=lambda d: d.report.path)
    return BatchResult(done, len(files), time.perf_counter() - start, jobs, interrupted)


class _Sink:
    """Takes each finished file: its report into the result, its line into the log at once."""

    def __init__(self, log: Path | None, config: str, done: list[Done], total: int,
                 progress: Progress | None) -> None:
        self.log = log.open("a", encoding="utf-8") if log else None
        self.config, self.done, self.total, self.progress = config, done, total, progress

    def add(self, path: Path, data: dict[str, Any], seconds: float, trace: str | None) -> None:
        report = report_from_json(data)
        self.done.append(Done(report, seconds))
        if self.log:
            stamp = file_stamp(path)
            line = {"version": LOG_VERSION, "path": str(path), "abspath": _abspath(path),
                    "size": stamp[0] if stamp else None, "mtime_ns": stamp[1] if stamp else None,
                    "status": "failed" if report.error else "done", "counts": report.counts(),
                    "seconds": round(seconds, 3), "error": report.error, "config": self.config}
            if trace:
                line["traceback"] = trace
            line["report"] = data
            self.log.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.log.flush()
        if self.progress:
            self.progress(len(self.done), self.total, str(path))

    def close(self) -> None:
        if self.log:
            self.log.close()


def _run_here(todo: list[Path], rules: list, options: AuditOptions, sink: _Sink) -> bool:
    try:
        for path in todo:
            sink.add(path, *audit_one(path, rules, options))
    except KeyboardInterrupt:
        return True
    return False


def _run_pool(todo: list[Path], options: AuditOptions, jobs: int, sink: _Sink) -> bool:
    """Worker processes. When a worker dies (a crash in a PDF library), the files it took with it
    are audited again; when a pass finishes none of them, the first is audited alone and counts as
    failed if it kills that worker too. True when interrupted."""
    remaining = todo
    while remaining:
        broken = _pool_pass(remaining, options, min(jobs, len(remaining)), sink)
        if broken is None:
            return True
        if broken and len(broken) == len(remaining):
            first, broken = broken[0], broken[1:]
            again = _pool_pass([first], options, 1, sink)
            if again is None:
                return True
            if again:
                sink.add(first, crashed_report(str(first), "审核进程异常退出").to_json(), 0.0, None)
        remaining = broken
    return False


def _pool_pass(todo: list[Path], options: AuditOptions, jobs: int, sink: _Sink) -> list[Path] | None:
    """One pool over the files: the files lost to a dead worker, or None when interrupted (Ctrl-C).

    The first Ctrl-C starts nothing new and waits for the files already running, so that they are
    logged; a second one stops those too."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(options,))
    futures: dict[Future, Path] = {pool.submit(_audit_in_worker, str(p)): p for p in todo}
    broken: list[Path] = []
    taken: set[Future] = set()

    def take(future: Future) -> None:
        taken.add(future)
        try:
            result = future.result()
        except BrokenProcessPool:
            broken.append(futures[future])
            return
        sink.add(futures[future], *result)

    interrupted = False
    try:
        for future in as_completed(futures):
            take(future)
    except KeyboardInterrupt:
        interrupted = True
        running = [f for f in futures if f not in taken and not f.cancel()]
        try:
            for future in as_completed(running):
                if not future.cancelled():
                    take(future)
        except KeyboardInterrupt:
            _terminate(pool)
    finally:
        pool.shutdown(wait=not interrupted, cancel_futures=True)
    order = {p: i for i, p in enumerate(todo)}
    return None if interrupted else sorted(broken, key=order.__getitem__)


def _terminate(pool: ProcessPoolExecutor) -> None:
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


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
