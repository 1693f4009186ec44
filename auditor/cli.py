"""The `audit` command: thin glue from options to the pipeline and the report."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from .errors import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  help="部门预算/决算公开文件一致性审核工具（audit FILE... 审核文件或文件夹）")
SUBCOMMANDS = {"extract", "rules", "explain", "check"}
ROOT_OPTIONS = {"--help", "-h", "--version", "-V"}  # options of `audit` itself, not of `audit check`


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"auditor {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_print_version,
                                 help="显示版本号并退出"),
) -> None:
    """部门预算/决算公开文件一致性审核工具。"""


class ExtractFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def load_ledger(path: Path, pdf_engine: str = "auto"):
    from .extract import build_ledger
    from .readers import read_document

    return build_ledger(read_document(path, pdf_engine=pdf_engine))


@app.command()
def extract(
    file: Path = typer.Argument(..., help="要读取的公开文件（.txt 或 .pdf）"),
    format: ExtractFormat = typer.Option(ExtractFormat.table, "--format", "-f", help="输出格式"),
    no_color: bool = typer.Option(False, "--no-color", help="不使用颜色"),
) -> None:
    """打印文件的标准化台账（每个数字一条），最后一行是覆盖率。"""
    from . import ledger_io
    from .audit import BUILTIN_PACKS
    from .errors import RuleFileError
    from .paths import require_builtin_data

    try:
        require_builtin_data(BUILTIN_PACKS)
        ledger = load_ledger(file)
    except (InputError, RuleFileError) as exc:
        _fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug or a crashed PDF library: a message, not a traceback
        _fail(f"{file}: 读取时出现内部错误（{type(exc).__name__}: {exc}），请报告此问题")
    if format is ExtractFormat.json:
        sys.stdout.write(ledger_io.ledger_json(ledger) + "\n")
    elif format is ExtractFormat.csv:
        sys.stdout.write(ledger_io.ledger_csv(ledger))
        sys.stderr.write(ledger_io.coverage_line(ledger) + "\n")
    else:
        console = Console(no_color=no_color, highlight=False, width=160 if not sys.stdout.isatty() else None)
        ledger_io.print_ledger(ledger, console)


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Kind(StrEnum):
    budget = "budget"
    final = "final"


FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}
INTERRUPTED = 130  # the shell's status for Ctrl-C


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="要审核的文件或文件夹（.txt、.pdf）"),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f",
                                        help="输出格式：text、json、sarif（SARIF 2.1.0）或 junit（JUnit XML）"),
    select: list[str] = typer.Option([], "--select", help="只运行这些规则（编号或前缀，可重复或用逗号分隔）"),
    ignore: list[str] = typer.Option([], "--ignore", help="不运行这些规则（编号或前缀）"),
    rules: list[Path] = typer.Option([], "--rules", help="追加的规则文件（YAML，可重复）"),
    fail_on: Severity = typer.Option(Severity.error, "--fail-on", help="有此级别及以上的问题时退出码为 1"),
    kind: Kind | None = typer.Option(None, "--kind", help="指定文件类型（budget 预算 / final 决算），不自动识别"),
    show_rounding: bool = typer.Option(False, "--show-rounding", help="把尾数误差范围内的差异也列为提示"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="列出未执行的规则及原因"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只列出问题（不显示文件概况、汇总和用时）"),
    no_color: bool = typer.Option(False, "--no-color", help="不使用颜色"),
    pdf_engine: str = typer.Option("auto", "--pdf-engine", help="PDF 解析引擎：auto、pdfium 或 pdfminer"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help="并行审核的进程数（0 = CPU 个数）"),
    log: Path | None = typer.Option(None, "--log", help="每审核完一个文件就向此 JSON Lines 文件追加一行（供 --resume 使用）"),
    resume: bool = typer.Option(False, "--resume", help="跳过 --log 中已记录且大小、修改时间未变的文件，沿用其结果"),
    together: bool = typer.Option(False, "--together",
                                  help="把给出的文件当作同一份公开文件一起审核（文字与公开表分别发布时）"),
) -> None:
    """审核公开文件：表内、表间和情况说明中的勾稽关系。"""
    from .audit import AuditOptions, audit_together, expand_inputs, load_all_rules
    from .batch import run_batch
    from .disclosure import pair_reports
    from .errors import RuleFileError

    options = AuditOptions(extra_rules=list(rules), select=_split(select), ignore=_split(ignore),
                           kind=kind.value if kind else None, show_rounding=show_rounding, pdf_engine=pdf_engine)
    if resume and log is None:
        _fail("--resume 需要同时给出 --log 日志文件")
    try:
        all_rules = load_all_rules(options.extra_rules)
        from .engine import select_rules

        select_rules(all_rules, options.select, options.ignore)  # an unknown prefix is a usage error
    except (RuleFileError, ValueError) as exc:
        _fail(str(exc))
    files = expand_inputs(paths)
    if not files:
        _fail("没有找到要审核的 .txt 或 .pdf 文件")
    if together:
        if len(files) < 2:
            _fail("--together 需要两个或更多文件（例如文字部分和公开表）")
        _finish([audit_together(files, all_rules, options)], None, format, all_rules, options, fail_on.value,
                no_color, verbose, quiet)
    progress = _progress if len(files) > 1 and sys.stderr.isatty() else None
    try:
        result = run_batch(files, all_rules, options, jobs=jobs, log=log, resume=resume, progress=progress)
    except OSError as exc:  # the log cannot be written
        _fail(f"无法写入日志 {log}：{exc}" if log else str(exc))
    if result.interrupted:
        if progress:
            sys.stderr.write("\n")
        where = f"，已完成的记录在 {log}（用 --resume 继续）" if log else ""
        Console(stderr=True, highlight=False).print(
            f"[yellow]已中断[/]：完成 {len(result.done)}/{result.total} 个文件{escape(where)}")
        raise typer.Exit(INTERRUPTED)
    # files of one disclosure published apart (text and tables) are audited as one
    reports = pair_reports(result.reports, all_rules, options)
    _finish(reports, result, format, all_rules, options, fail_on.value, no_color, verbose, quiet)


def _finish(reports, result, format: ReportFormat, all_rules, options, fail_on: str, no_color: bool,
            verbose: bool, quiet: bool) -> None:
    """Write the report (and the timing section of a batch), then exit with the status it calls for."""
    from .batch import timing_lines

    _write_report(reports, format, all_rules, options, fail_on, no_color, verbose, quiet)
    if result is not None and format is ReportFormat.text and len(result.done) > 1 and not quiet:
        sys.stdout.write("\n".join(timing_lines(result)) + "\n")
    if any(r.error for r in reports):
        raise typer.Exit(2)
    levels = FAIL_LEVELS[fail_on]
    if any(f.severity in levels for r in reports for f in r.findings):
        raise typer.Exit(1)
    raise typer.Exit(0)


def _write_report(reports, format: ReportFormat, all_rules, options, fail_on: str, no_color: bool,
                  verbose: bool, quiet: bool = False) -> None:
    from .batch import rules_by_path
    from .report import json_report, junit, sarif, text

    if format is ReportFormat.json:
        sys.stdout.write(json_report.render(reports) + "\n")
    elif format is ReportFormat.sarif:
        sys.stdout.write(sarif.render(reports, rules_by_path(reports, all_rules, options)) + "\n")
    elif format is ReportFormat.junit:
        sys.stdout.write(junit.render(reports, rules_by_path(reports, all_rules, options), fail_on) + "\n")
    else:
        console = Console(no_color=no_color, highlight=False, soft_wrap=True)
        text.render(reports, console, verbose=verbose, quiet=quiet)


def _progress(done: int, total: int, path: str) -> None:
    end = "\n" if done == total else ""
    sys.stderr.write(f"\r\x1b[K审核 {done}/{total} {path}{end}")
    sys.stderr.flush()


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _load_rules_or_fail(extra: list[Path]):
    from .audit import load_all_rules
    from .errors import RuleFileError

    try:
        return load_all_rules(extra)
    except RuleFileError as exc:
        _fail(str(exc))


@app.command("rules")
def list_rules(
    rules: list[Path] = typer.Option([], "--rules", help="追加的规则文件（YAML，可重复）"),
    format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="输出格式：text、json 或 markdown"),
    no_color: bool = typer.Option(False, "--no-color", help="不使用颜色"),
) -> None:
    """列出全部规则：编号、级别、适用类型和标题。"""
    import json

    from rich.table import Table

    from . import docs_gen
    from .audit import builtin_pack_paths
    from .engine import load_pack

    all_rules = _load_rules_or_fail(list(rules))
    if format is RulesFormat.json:
        data = {"rules": [docs_gen.rule_json(r) for r in all_rules]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if format is RulesFormat.markdown:
        packs = [load_pack(p) for p in [*builtin_pack_paths(), *rules]]
        descriptions = {docs_gen.display_path(p.path): p.description for p in packs}
        sys.stdout.write(docs_gen.render_markdown(all_rules, descriptions))
        return
    console = Console(no_color=no_color, highlight=False, width=160 if not sys.stdout.isatty() else None)
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("编号", "级别", "适用", "标题", "规则包"):
        table.add_column(name, no_wrap=name != "标题")
    for rule in all_rules:
        style = {"error": "red", "warning": "yellow", "info": "cyan"}.get(rule.severity, "")
        table.add_row(rule.id, f"[{style}]{rule.severity}[/]", docs_gen.kinds_text(rule), escape(rule.title),
                      rule.pack)
    console.print(table)
    console.print(f"共 {len(all_rules)} 条规则；audit explain 编号 查看规则的说明和定义")


@app.command()
def explain(
    rule_id: str = typer.Argument(..., help="规则编号，如 F101"),
    rules: list[Path] = typer.Option([], "--rules", help="追加的规则文件（YAML，可重复）"),
) -> None:
    """说明一条规则：标题、级别、适用类型、说明、所在规则文件及其 YAML 定义。"""
    from . import docs_gen

    all_rules = _load_rules_or_fail(list(rules))
    wanted = rule_id.strip().upper()
    rule = next((r for r in all_rules if r.id == wanted), None)
    if rule is None:
        near = [r.id for r in all_rules if r.id[:1] == wanted[:1]][:8]
        hint = f"（相近的编号：{'、'.join(near)}）" if near else "（audit rules 列出全部规则）"
        _fail(f"未知的规则编号：{rule_id}{hint}")
    fields = docs_gen.rule_fields(rule)
    lines = [f"{rule.id} {rule.title}", *(f"{name}：{value}" for name, value in fields[:2]),
             f"规则包：{rule.pack}（{docs_gen.display_path(rule.source)} 第 {rule.line} 行）",
             *(f"{name}：{value}" for name, value in fields[2:])]
    if rule.description:
        lines += ["", "说明：", rule.description]
    if rule.source_text:
        lines += ["", "定义：", rule.source_text]
    sys.stdout.write("\n".join(lines) + "\n")


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _fail(message: str) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[red]错误：[/]{message}")
    raise typer.Exit(2)


def main() -> None:
    argv = sys.argv[1:]
    # `audit FILE…` is short for `audit check FILE…`; a first word naming a subcommand is that subcommand.
    if argv and argv[0] not in SUBCOMMANDS and argv[0] not in ROOT_OPTIONS:
        argv = ["check", *argv]
    app(args=argv, prog_name="audit")
