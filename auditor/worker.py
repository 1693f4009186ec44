"""Tasks run in forked worker processes that the parent can stop: a time limit per task, a memory
limit per process, and a crash (a PDF library taking its process down) that loses only its task.

A worker is forked from the parent once the tasks exist, so it inherits them (the rules, the
options, even data read from stdin) and only a task's index and its result cross the pipe. Each
worker runs one task at a time; the parent waits on the pipes, kills a worker whose task overruns
`timeout` and forks a new one for the next task. Where `fork` does not exist the tasks run in this
process, without the time limit.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe, wait
from typing import Any

CAN_FORK = hasattr(os, "fork")
POLL = 0.5  # seconds between checks of the deadlines while no result arrives


@dataclass(slots=True)
class Outcome:
    """How a task ended: `ok` (with its value), `timeout`, `memory` (past the limit) or `crashed`."""

    status: str
    value: Any = None
    detail: str = ""  # for `crashed`: how the worker ended; for `ok`: unused
    seconds: float = 0.0
    peak_mb: float | None = None  # the worker's peak memory while it ran this task (Linux)


Done = Callable[[int, Outcome], None]


def run_tasks(tasks: Sequence[Callable[[], Any]], on_done: Done, *, jobs: int = 1, timeout: float | None = None,
              memory_mb: float | None = None, patient: bool = True) -> bool:
    """Run every task, `jobs` at a time, calling `on_done(index, outcome)` as each ends (in the
    order they end). Ctrl-C: with `patient`, the first stops new tasks and waits for those
    running, a second stops them too; without, the first stops everything. True when interrupted."""
    if not CAN_FORK:
        return _run_here(tasks, on_done)
    pool = _Pool(tasks, on_done, max(1, min(jobs, len(tasks))), timeout, memory_mb)
    try:
        pool.run()
    except KeyboardInterrupt:
        if patient:
            try:
                pool.drain()
            except KeyboardInterrupt:
                pass
        return True
    finally:
        pool.close()
    return False


def run_isolated(task: Callable[[], Any], *, timeout: float | None = None,
                 memory_mb: float | None = None) -> Outcome:
    """One task in a worker, as bounded as a batch's (Ctrl-C stops it at once: KeyboardInterrupt)."""
    outcomes: list[Outcome] = []
    if run_tasks([task], lambda _, outcome: outcomes.append(outcome), timeout=timeout, memory_mb=memory_mb,
                 patient=False):
        raise KeyboardInterrupt
    return outcomes[0]


def _run_here(tasks: Sequence[Callable[[], Any]], on_done: Done) -> bool:
    try:
        for index, task in enumerate(tasks):
            start = time.perf_counter()
            on_done(index, _attempt(task, start))
    except KeyboardInterrupt:
        return True
    return False


def _attempt(task: Callable[[], Any], start: float) -> Outcome:
    try:
        value = task()
    except MemoryError:
        return Outcome("memory", seconds=time.perf_counter() - start)
    return Outcome("ok", value, seconds=time.perf_counter() - start)


class _Worker:
    def __init__(self, tasks: Sequence[Callable[[], Any]], memory_mb: float | None, others: list[_Worker]) -> None:
        parent_end, child_end = Pipe()
        pid = os.fork()
        if pid == 0:  # the child never returns from here
            parent_end.close()
            for other in others:
                other.conn.close()
            _serve(child_end, tasks, memory_mb)
        child_end.close()
        self.pid, self.conn = pid, parent_end
        self.task: int | None = None
        self.started = 0.0
        self.memory_bytes = _address_limit(memory_mb)

    def give(self, index: int) -> None:
        self.task, self.started = index, time.monotonic()
        self.conn.send(index)

    def kill(self) -> tuple[int, float]:
        """Stop the process; (its exit status, its peak memory in MB)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return self.reap()

    def reap(self) -> tuple[int, float]:
        self.conn.close()
        try:
            _, status, usage = os.wait4(self.pid, 0)
        except ChildProcessError:
            return 0, 0.0
        return status, usage.ru_maxrss / 1024  # kB on Linux


class _Pool:
    def __init__(self, tasks, on_done: Done, jobs: int, timeout: float | None, memory_mb: float | None) -> None:
        self.tasks, self.on_done, self.jobs = tasks, on_done, jobs
        self.timeout, self.memory_mb = timeout, memory_mb
        self.todo = list(range(len(tasks)))
        self.todo.reverse()  # popped from the end: first task first
        self.workers: list[_Worker] = []

    def run(self) -> None:
        while self.todo or self.busy():
            self._start_tasks()
            self._collect()

    def drain(self) -> None:
        """After Ctrl-C: no new task, but the running ones finish (and are reported)."""
        self.todo.clear()
        while self.busy():
            self._collect()

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is not None]

    def _start_tasks(self) -> None:
        while self.todo:
            idle = next((w for w in self.workers if w.task is None), None)
            if idle is None and len(self.workers) < self.jobs:
                idle = _Worker(self.tasks, self.memory_mb, self.workers)
                self.workers.append(idle)
            if idle is None:
                return
            idle.give(self.todo.pop())

    def _collect(self) -> None:
        busy = self.busy()
        now = time.monotonic()
        wait_for = POLL
        if self.timeout is not None:
            wait_for = min([POLL, *(w.started + self.timeout - now for w in busy)])
        ready = wait([w.conn for w in busy], timeout=max(0.0, wait_for))
        for worker in busy:
            if worker.conn in ready:
                self._receive(worker)
            elif self.timeout is not None and time.monotonic() - worker.started > self.timeout:
                index = worker.task
                _, peak = worker.kill()
                self._retire(worker)
                self._report(index, Outcome("timeout", seconds=time.monotonic() - worker.started, peak_mb=peak))

    def _receive(self, worker: _Worker) -> None:
        index = worker.task
        try:
            outcome = worker.conn.recv()
        except (EOFError, OSError):
            status, peak = worker.reap()
            self._retire(worker)
            self._report(index, _death(status, peak, worker, time.monotonic() - worker.started))
            return
        worker.task = None
        if outcome.status != "ok":  # after a MemoryError the worker leaves (its heap may be spent)
            worker.reap()
            self._retire(worker)
        self._report(index, outcome)

    def _retire(self, worker: _Worker) -> None:
        worker.task = None
        self.workers.remove(worker)

    def _report(self, index: int | None, outcome: Outcome) -> None:
        if index is not None:
            self.on_done(index, outcome)

    def close(self) -> None:
        for worker in list(self.workers):
            if worker.task is not None:
                worker.kill()
            else:
                try:
                    worker.conn.send(None)  # a clean goodbye: the worker exits
                except OSError:
                    pass
                worker.reap()
        self.workers.clear()


def _death(status: int, peak_mb: float, worker: _Worker, seconds: float) -> Outcome:
    """A worker that ended without a result: past its memory, or crashed. A C library that cannot
    allocate (PDFium under the address-space cap) aborts instead of raising MemoryError; a death
    with most of the cap resident is taken for that."""
    limit_mb = worker.memory_bytes / (1 << 20) if worker.memory_bytes else None
    if limit_mb and peak_mb >= 0.75 * limit_mb:
        return Outcome("memory", seconds=seconds, peak_mb=peak_mb)
    if os.WIFSIGNALED(status):
        detail = f"信号 {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        detail = f"退出码 {os.WEXITSTATUS(status)}"
    return Outcome("crashed", detail=detail, seconds=seconds, peak_mb=peak_mb)


# --- in the worker ---------------------------------------------------------------------------------

def _serve(conn: Connection, tasks: Sequence[Callable[[], Any]], memory_mb: float | None) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        faulthandler.disable()  # a crash is the parent's to report, as one line
        _die_with_parent()
        limit = _address_limit(memory_mb)
        if limit:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        while True:
            index = conn.recv()
            if index is None:
                break
            _reset_peak()
            start = time.perf_counter()
            outcome = _attempt(tasks[index], start)
            outcome.peak_mb = _peak_mb()
            conn.send(outcome)
            if outcome.status != "ok":
                break
    except EOFError:
        pass  # the parent went away
    except BaseException:  # noqa: BLE001 - nothing may escape into the parent's code after a fork
        traceback.print_exc()
        code = 70
    finally:
        os._exit(code)


def _die_with_parent() -> None:
    """Linux: the worker is killed when the `audit` process dies (CI cancelling a job), so that a
    stuck PDF library cannot outlive the time limit that the parent would have enforced."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _address_limit(memory_mb: float | None) -> int | None:
    """The address-space limit of a worker: `memory_mb`, or on top of what the worker already maps
    when that is much (a parent that has grown large, such as a test runner)."""
    if not memory_mb:
        return None
    wanted = int(memory_mb * (1 << 20))
    mapped = _status_kb("VmSize")
    if mapped is None:
        return wanted
    return max(wanted, mapped * 1024 + wanted // 2)


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _reset_peak() -> None:
    """Start the peak-memory count afresh for the next task (Linux: clear_refs 5 resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass


def _peak_mb() -> float | None:
    kb = _status_kb("VmHWM")
    return None if kb is None else round(kb / 1024, 1)
