"""`audit check` once its options are known: inputs, audit, baseline, reports, exit status.

The command line (cli.py) turns options into `Settings` (config.py) and a `CheckRun`; this
module does the rest. A problem with the usage raises `UsageError` (exit status 2).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings, settings_lines
from .errors import UsageError

FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}
INTERRUPTED = 130  # the shell's status for Ctrl-C
STDIN = Path("-")


@dataclass(slots=True)
class CheckRun:
    """The options of one run that are not settings a config file can hold."""

    paths: list[Path] = field(default_factory=list)
    kind: str | None = None
    show_rounding: bool = False
    verbose: bool = False
    quiet: bool = False
    color: str = "auto"
    output_file: Path | None = None
    exit_zero: bool = False
    statistics: bool = False
    log: Path | None = None
    resume: bool = False
    show_settings: bool = False
    show_files: bool = False
    write_baseline: Path | None = None
    prune_baseline: bool = False
    stdin_filename: str | None = None
    together: bool = False  # the files are one disclosure (text and tables published apart)


def run(settings: Settings, job: CheckRun) -> int:
    """Audit and report; the exit status."""
    if job.show_settings:
        sys.stdout.write("\n".join(settings_lines(settings)) + "\n")
        return 0
    if not job.paths:
        raise UsageError("缺少要审核的文件或文件夹（audit check PATH...，用 - 读标准输入）")
    if job.resume and job.log is None:
        raise UsageError("--resume 需要同时给出 --log 日志文件")
    if job.prune_baseline and settings.baseline is None:
        raise UsageError("--prune-baseline 需要同时给出 --baseline 基线文件（或在配置文件中设置 baseline）")
    rules, options = _rules_and_options(settings, job)
    files = _inputs(settings, job)
    if job.show_files:
        sys.stdout.write("".join(f"{p}\n" for p in files))
        return 0
    baseline = _read_baseline(settings.baseline) if settings.baseline and not job.write_baseline else None
    reports, result = _audit(files, rules, options, settings, job)
    if result is not None and result.interrupted:
        _interrupted(result, job)
        return INTERRUPTED
    if job.write_baseline:
        return _write_baseline(job.write_baseline, reports, _rules_run(reports, rules, options))
    hidden, note = 0, ""
    if baseline is not None:
        reports, hidden, note = _apply_baseline(baseline, reports, job.prune_baseline,
                                                _rules_run(reports, rules, options))
    text_on_stdout = _write_reports(reports, rules, options, settings, job, hidden)
    if text_on_stdout and result is not None and len(reports) > 1 and not job.quiet:
        from .batch import timing_lines

        sys.stdout.write("\n".join(timing_lines(result)) + "\n")
    if baseline is not None:
        shown = text_on_stdout and not job.quiet  # the summary line says how many were hidden
        parts = [*([] if shown else [f"隐藏 {hidden} 个已知问题"]), *([note] if note else [])]
        if parts:
            sys.stderr.write(f"基线 {settings.baseline}：{'；'.join(parts)}\n")
    return exit_status(reports, settings.fail_on, job.exit_zero)


def exit_status(reports, fail_on: str, exit_zero: bool = False) -> int:
    if any(r.error for r in reports):
        return 2
    if exit_zero:
        return 0
    levels = FAIL_LEVELS[fail_on]
    return 1 if any(f.severity in levels for r in reports for f in r.findings) else 0


def _rules_and_options(settings: Settings, job: CheckRun):
    from .audit import AuditOptions, PerFileIgnore, load_all_rules
    from .engine import select_rules
    from .errors import RuleFileError
    from .ignorefile import parse_line

    select, ignore = settings.chosen_select(), settings.chosen_ignore()
    try:
        rules = load_all_rules(settings.rules)
        select_rules(rules, select, ignore)  # an unknown prefix is a usage error
    except (RuleFileError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    per_file = []
    for glob, ids in settings.per_file_ignores.items():
        pattern = parse_line(glob, settings.per_file_base)
        try:
            select_rules(rules, [], ids)
        except ValueError as exc:
            raise UsageError(f"per-file-ignores \"{glob}\"：{exc}") from None
        if pattern is not None:
            per_file.append(PerFileIgnore(pattern, tuple(i.strip().upper() for i in ids)))
    options = AuditOptions(extra_rules=list(settings.rules), select=select, ignore=ignore, kind=job.kind,
                           show_rounding=job.show_rounding, pdf_engine=settings.pdf_engine,
                           per_file_ignores=tuple(per_file))
    return rules, options


def _inputs(settings: Settings, job: CheckRun) -> list[Path]:
    from .discover import discover
    from .ignorefile import parse_lines

    if STDIN in job.paths:
        if len(job.paths) > 1:
            raise UsageError("“-”（标准输入）不能与其他文件一起审核")
        if job.log:
            raise UsageError("--log 不能用于标准输入（- ）")
        return [STDIN]
    exclude = [p for globs in settings.exclude for p in parse_lines(globs.patterns, globs.base)]
    found = discover(job.paths, exclude)
    skipped = found.skipped_line()
    if skipped:
        sys.stderr.write(skipped + "\n")
    if not found.files:
        raise UsageError("没有找到要审核的 .txt 或 .pdf 文件")
    return found.files


def _audit(files: list[Path], rules, options, settings: Settings, job: CheckRun):
    """The reports (sorted by path) and the batch result (None for stdin)."""
    if files == [STDIN]:
        from .audit import audit_bytes

        data = sys.stdin.buffer.read()
        return [audit_bytes(job.stdin_filename or "-", data, rules, options)], None
    from .batch import run_batch
    from .disclosure import pair_reports

    if job.together:
        from .audit import audit_together

        if len(files) < 2:
            raise UsageError("--together 需要两个或更多文件（例如文字部分和公开表）")
        return [audit_together(files, rules, options)], None
    progress = _progress if len(files) > 1 and sys.stderr.isatty() else None
    try:
        result = run_batch(files, rules, options, jobs=settings.jobs, log=job.log, resume=job.resume,
                           progress=progress)
    except OSError as exc:  # the log cannot be written
        raise UsageError(f"无法写入日志 {job.log}：{exc}" if job.log else str(exc)) from None
    # files of one disclosure published apart (text and tables) are audited as one
    return pair_reports(result.reports, rules, options), result


def _interrupted(result, job: CheckRun) -> None:
    from rich.markup import escape

    from .terminal import make_console

    if sys.stderr.isatty() and result.total > 1:
        sys.stderr.write("\n")
    where = f"，已完成的记录在 {job.log}（用 --resume 继续）" if job.log else ""
    make_console(job.color, stderr=True).print(
        f"[yellow]已中断[/]：完成 {len(result.done)}/{result.total} 个文件{escape(where)}")


@contextmanager
def _baseline_file() -> Iterator[None]:
    """A baseline file that cannot be read or written is a usage error (exit status 2)."""
    from .baseline import BaselineError

    try:
        yield
    except BaselineError as exc:
        raise UsageError(str(exc)) from None


def _read_baseline(path: Path):
    from .baseline import read_baseline

    with _baseline_file():
        return read_baseline(path)


def _rules_run(reports, rules, options) -> dict[str, set[str]]:
    from .batch import rules_by_path

    return {path: {r.id for r in chosen} for path, chosen in rules_by_path(reports, rules, options).items()}


def _write_baseline(path: Path, reports, ran: dict[str, set[str]]) -> int:
    from .baseline import baseline_of, read_baseline, write_baseline

    with _baseline_file():
        previous = read_baseline(path) if path.exists() else None
        baseline = baseline_of(path, reports, previous, ran)
        write_baseline(baseline)
    before = {e.key for e in previous.entries} if previous else set()
    recorded = sum(1 for e in baseline.entries if e.key not in before)
    sys.stderr.write(f"已把 {len(baseline.entries)} 个问题写入基线 {path}（新增 {recorded} 个）\n")
    return 2 if any(r.error for r in reports) else 0


def _apply_baseline(baseline, reports, prune: bool, ran: dict[str, set[str]]):
    """(reports without the baselined findings, how many were hidden, a note on stale entries)."""
    from .baseline import apply_baseline, without, write_baseline

    applied = apply_baseline(baseline, reports, ran)
    note = ""
    if applied.stale and prune:
        with _baseline_file():
            write_baseline(without(baseline, applied.stale))
        note = f"已删除 {len(applied.stale)} 条不再出现的记录"
    elif applied.stale:
        note = f"{len(applied.stale)} 条记录已不再出现（用 --prune-baseline 删除）"
    return applied.reports, applied.hidden, note


def _write_reports(reports, rules, options, settings: Settings, job: CheckRun, hidden: int) -> bool:
    """The chosen format to `--output-file` or stdout; the text report (or `--statistics`) to stdout
    when the chosen format went to the file. True when a text report went to stdout."""
    from .report.output import Context, render_machine, render_text
    from .terminal import make_console

    context = Context(rules, options, settings.fail_on, hidden, job.verbose, job.quiet, job.statistics)
    fmt = settings.format
    if job.output_file:
        try:
            with job.output_file.open("w", encoding="utf-8", newline="") as out:
                if fmt == "text":
                    render_text(reports, context, make_console(job.color, file=out, soft_wrap=True))
                else:
                    out.write(render_machine(fmt, reports, context))
        except OSError as exc:
            raise UsageError(f"无法写入 {job.output_file}（{exc.strerror or exc}）") from None
        if fmt == "text":
            return False
    elif fmt != "text":
        sys.stdout.write(render_machine(fmt, reports, context))
        if job.statistics:
            render_text(reports, context, make_console(job.color, stderr=True, soft_wrap=True))
        return False
    render_text(reports, context, make_console(job.color, soft_wrap=True))
    return True


def _progress(done: int, total: int, path: str) -> None:
    end = "\n" if done == total else ""
    sys.stderr.write(f"\r\x1b[K审核 {done}/{total} {path}{end}")
    sys.stderr.flush()
