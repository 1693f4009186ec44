"""The `audit` command: thin glue from options to the pipeline and the report."""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer
from typer.core import TyperCommand, TyperGroup

from .config import FORMATS, SEVERITIES
from .errors import InputError, UsageError
from .terminal import COLOR_MODES, clean, color_mode, json_text, make_console, safe


@contextmanager
def _folding_help() -> Iterator[None]:
    """Help text that folds a long run of Chinese (no spaces to wrap at) onto the next line instead
    of cutting it with `…`, as rich does in a table cell. Only while help is being printed."""
    from rich.text import Text
    from typer import rich_utils

    original = rich_utils._make_rich_text

    def folding(**kwargs):
        text = original(**kwargs)
        if isinstance(text, Text):
            text.overflow = "fold"
        return text

    rich_utils._make_rich_text = folding
    try:
        yield
    finally:
        rich_utils._make_rich_text = original


class _FoldingHelp:
    def format_help(self, ctx, formatter) -> None:
        with _folding_help():
            super().format_help(ctx, formatter)  # type: ignore[misc]


# The usage error of the click typer runs on (typer 0.29 vendors click and names the class only in
# a private module; its BadParameter derives from it).
_CLICK_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class _Command(_FoldingHelp, TyperCommand):
    def make_context(self, info_name, args, parent=None, **extra):
        """A wrong option asked for JSON still gets JSON on stdout (the error in it), then click's message."""
        given = list(args)  # the parser consumes `args`
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _CLICK_USAGE_ERROR as exc:
            if _json_requested(given):
                _write_json_error(exc.format_message(), _json_shape(self.name))
            raise


class _Group(_FoldingHelp, TyperGroup):
    pass


app = typer.Typer(cls=_Group, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  help="部门预算/决算公开文件一致性审核工具（audit FILE... 审核文件或文件夹）")
SUBCOMMANDS = ("check", "extract", "rules", "explain")
# options of `audit` itself, not of `audit check`
ROOT_OPTIONS = {"--help", "-h", "--version", "-V", "--install-completion", "--show-completion"}
ColorMode = StrEnum("ColorMode", [(name, name) for name in COLOR_MODES])
COLOR_OPTION = typer.Option(None, "--color", metavar="WHEN", help="颜色：auto（默认） always never")
NO_COLOR_OPTION = typer.Option(False, "--no-color", help="不使用颜色（即 --color never）")


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


@app.command(cls=_Command)
def extract(
    file: Path = typer.Argument(..., help="要读取的公开文件（.txt 或 .pdf）"),
    format: ExtractFormat = typer.Option(ExtractFormat.table, "--format", "-f", help="输出格式"),
    color: ColorMode | None = COLOR_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """打印文件的标准化台账（每个数字一条），最后一行是覆盖率。"""
    from . import ledger_io
    from .audit import BUILTIN_PACKS
    from .errors import RuleFileError
    from .paths import require_builtin_data

    shape = _json_shape("extract", file) if format is ExtractFormat.json else None
    try:
        require_builtin_data(BUILTIN_PACKS)
    except RuleFileError as exc:
        _fail(str(exc), shape)
    ledger = _ledger_in_worker(file, shape)
    if format is ExtractFormat.json:
        sys.stdout.write(ledger_io.ledger_json(ledger) + "\n")
    elif format is ExtractFormat.csv:
        sys.stdout.write(ledger_io.ledger_csv(ledger))
        sys.stderr.write(clean(ledger_io.coverage_line(ledger)) + "\n")
    else:
        console = make_console(color_mode(color, no_color), width=160 if not sys.stdout.isatty() else None)
        ledger_io.print_ledger(ledger, console)


def _ledger_in_worker(file: Path, json_shape: dict | None = None):
    """The ledger of `file`, read in a worker under the default limits and time limit: a message
    and exit status 2 for a file that cannot be read, takes too long or too much memory."""
    from .audit import AuditOptions, bounded
    from .worker import run_isolated

    options = AuditOptions()

    def read():
        try:
            with bounded(options):
                return load_ledger(file), None
        except InputError as exc:
            return None, str(exc)
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug or a crashed PDF library: a message, not a traceback
            return None, f"{file}: 读取时出现内部错误（{type(exc).__name__}: {exc}），请报告此问题"

    outcome = run_isolated(read, timeout=options.timeout, memory_mb=options.limits.memory_mb)
    if outcome.status == "ok":
        ledger, error = outcome.value
        if error is None:
            return ledger
        _fail(error, json_shape)
    from .batch import stopped_report

    _fail(stopped_report(str(file), outcome, options).error or "", json_shape)


ReportFormat = StrEnum("ReportFormat", [(name, name) for name in FORMATS])
Severity = StrEnum("Severity", [(name, name) for name in SEVERITIES])


class Kind(StrEnum):
    budget = "budget"
    final = "final"


OUTPUT, RULES, FILES, CONFIG, BASELINE = "输出", "规则", "文件", "配置", "基线"


@app.command(cls=_Command)
def check(
    paths: list[Path] | None = typer.Argument(None, help="要审核的文件或文件夹（.txt、.pdf；- 读标准输入）",
                                              show_default=False),
    format: ReportFormat | None = typer.Option(
        None, "--format", "-f", metavar="FORMAT", rich_help_panel=OUTPUT,
        help="输出格式（默认 text）：json sarif junit github gitlab csv markdown"),
    output_file: Path | None = typer.Option(
        None, "--output-file", "-o", metavar="FILE", rich_help_panel=OUTPUT,
        help="把 --format 的报告写入此文件；格式不是 text 时，文本报告照常输出到终端"),
    quiet: bool = typer.Option(False, "--quiet", "-q", rich_help_panel=OUTPUT,
                               help="只列出问题（不显示文件概况、汇总和用时）"),
    verbose: bool = typer.Option(False, "--verbose", "-v", rich_help_panel=OUTPUT, help="列出未执行的规则及原因"),
    statistics: bool = typer.Option(False, "--statistics", rich_help_panel=OUTPUT,
                                    help="只列出每条规则的问题数，从多到少"),
    color: ColorMode | None = typer.Option(None, "--color", metavar="WHEN", rich_help_panel=OUTPUT,
                                           help="颜色：auto（默认：终端中且未设 NO_COLOR 时） always never"),
    no_color: bool = typer.Option(False, "--no-color", rich_help_panel=OUTPUT, help="不使用颜色（即 --color never）"),
    fail_on: Severity | None = typer.Option(None, "--fail-on", metavar="LEVEL", rich_help_panel=OUTPUT,
                                            help="有此级别及以上的问题时退出码为 1：error（默认） warning info"),
    exit_zero: bool = typer.Option(False, "--exit-zero", rich_help_panel=OUTPUT,
                                   help="有问题时退出码也为 0（无法审核的文件仍为 2）"),
    select: list[str] = typer.Option([], "--select", metavar="IDS", rich_help_panel=RULES,
                                     help="只运行这些规则（编号或前缀，可重复或用逗号分隔）"),
    ignore: list[str] = typer.Option([], "--ignore", metavar="IDS", rich_help_panel=RULES, help="不运行这些规则"),
    extend_select: list[str] = typer.Option([], "--extend-select", metavar="IDS", rich_help_panel=RULES,
                                            help="在 select 之外再运行这些规则"),
    extend_ignore: list[str] = typer.Option([], "--extend-ignore", metavar="IDS", rich_help_panel=RULES,
                                            help="在 ignore 之外再不运行这些规则"),
    rules: list[Path] = typer.Option([], "--rules", metavar="FILE", rich_help_panel=RULES,
                                     help="追加的规则文件（YAML，可重复）"),
    kind: Kind | None = typer.Option(None, "--kind", metavar="KIND", rich_help_panel=RULES,
                                     help="文件类型（budget 预算、final 决算），不自动识别"),
    show_rounding: bool = typer.Option(False, "--show-rounding", rich_help_panel=RULES,
                                       help="把尾数误差范围内的差异也列为提示"),
    exclude: list[str] = typer.Option([], "--exclude", metavar="GLOB", rich_help_panel=FILES,
                                      help="不审核文件夹中与此模式（.gitignore 语法）相符的文件，可重复"),
    stdin_filename: str | None = typer.Option(None, "--stdin-filename", metavar="NAME", rich_help_panel=FILES,
                                              help="用 - 读标准输入时，报告中的文件名"),
    show_files: bool = typer.Option(False, "--show-files", rich_help_panel=FILES, help="列出将要审核的文件并退出"),
    pdf_engine: str | None = typer.Option(None, "--pdf-engine", metavar="ENGINE", rich_help_panel=FILES,
                                          help="PDF 解析引擎：auto（默认） pdfium pdfminer"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=0, metavar="N", rich_help_panel=FILES,
                                    help="并行审核的进程数（默认 1；0 = CPU 个数）"),
    timeout: float | None = typer.Option(None, "--timeout", min=0.001, metavar="SECONDS", rich_help_panel=FILES,
                                         help="每个文件最多审核的秒数（默认 30），超时记为 E008，其余文件照常审核"),
    log: Path | None = typer.Option(None, "--log", metavar="FILE", rich_help_panel=FILES,
                                    help="每审核完一个文件就向此 JSON Lines 文件追加一行"),
    resume: bool = typer.Option(False, "--resume", rich_help_panel=FILES,
                                help="沿用 --log 中大小、修改时间都未变的文件的结果"),
    config: Path | None = typer.Option(None, "--config", metavar="FILE", rich_help_panel=CONFIG,
                                       help="使用此配置文件（不再向上查找）"),
    isolated: bool = typer.Option(False, "--isolated", rich_help_panel=CONFIG, help="不读任何配置文件"),
    show_settings: bool = typer.Option(False, "--show-settings", rich_help_panel=CONFIG,
                                       help="显示生效的设置及其来源并退出"),
    baseline: Path | None = typer.Option(None, "--baseline", metavar="FILE", rich_help_panel=BASELINE,
                                         help="只报告此基线文件中没有的问题，并说明隐藏了多少"),
    write_baseline: Path | None = typer.Option(None, "--write-baseline", metavar="FILE", rich_help_panel=BASELINE,
                                               help="把现有的问题全部写入此基线文件"),
    prune_baseline: bool = typer.Option(False, "--prune-baseline", rich_help_panel=BASELINE,
                                        help="从基线中删除已不再出现的问题"),
    together: bool = typer.Option(False, "--together", rich_help_panel=FILES,
                                  help="把给出的文件当作同一份公开文件一起审核（文字与公开表分别发布时）"),
) -> None:
    """审核公开文件：表内、表间和情况说明中的勾稽关系。"""
    from .config import ConfigError, find_config, load_config, resolve
    from .run_check import CheckRun, run

    given = {"select": _split(select), "ignore": _split(ignore), "extend-select": _split(extend_select),
             "extend-ignore": _split(extend_ignore), "rules": [str(p) for p in rules], "exclude": exclude,
             "fail-on": fail_on.value if fail_on else None, "jobs": jobs, "pdf-engine": pdf_engine,
             "baseline": str(baseline) if baseline else None, "format": format.value if format else None,
             "timeout": timeout}
    shape = _json_shape("check") if given["format"] == "json" else None
    if config and isolated:
        _fail("--config 与 --isolated 不能同时使用", shape)
    try:
        found = None if isolated else (config or find_config(Path.cwd()))
        settings = resolve({k: v for k, v in given.items() if v not in (None, [])},
                           load_config(found) if found else None)
    except ConfigError as exc:
        _fail(str(exc), shape)
    shape = _json_shape("check") if settings.format == "json" and not output_file else None
    job = CheckRun(paths=list(paths or []), kind=kind.value if kind else None, show_rounding=show_rounding,
                   verbose=verbose, quiet=quiet, color=color_mode(color, no_color), output_file=output_file,
                   exit_zero=exit_zero, statistics=statistics, log=log, resume=resume, show_settings=show_settings,
                   show_files=show_files, write_baseline=write_baseline, prune_baseline=prune_baseline,
                   stdin_filename=stdin_filename, together=together)
    try:
        status = run(settings, job)
    except UsageError as exc:
        _fail(str(exc), shape)
    if status:
        raise typer.Exit(status)


class RulesFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _load_rules_or_fail(extra: list[Path], json_shape: dict | None = None):
    from .audit import load_all_rules
    from .errors import RuleFileError

    try:
        return load_all_rules(extra)
    except RuleFileError as exc:
        _fail(str(exc), json_shape)


@app.command("rules", cls=_Command)
def list_rules(
    rules: list[Path] = typer.Option([], "--rules", help="追加的规则文件（YAML，可重复）"),
    format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="输出格式：text、json 或 markdown"),
    color: ColorMode | None = COLOR_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """列出全部规则：编号、级别、适用类型和标题。"""
    from rich.table import Table

    from . import docs_gen
    from .audit import builtin_pack_paths
    from .engine import load_pack

    all_rules = _load_rules_or_fail(list(rules), _json_shape("rules") if format is RulesFormat.json else None)
    if format is RulesFormat.json:
        data = {"rules": [docs_gen.rule_json(r) for r in all_rules]}
        sys.stdout.write(json_text(data, indent=2, default=str) + "\n")
        return
    if format is RulesFormat.markdown:
        packs = [load_pack(p) for p in [*builtin_pack_paths(), *rules]]
        descriptions = {docs_gen.display_path(p.path): p.description for p in packs}
        sys.stdout.write(clean(docs_gen.render_markdown(all_rules, descriptions)))
        return
    console = make_console(color_mode(color, no_color), width=160 if not sys.stdout.isatty() else None)
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("编号", "级别", "适用", "标题", "规则包"):
        table.add_column(name, no_wrap=name != "标题")
    for rule in all_rules:
        style = {"error": "red", "warning": "yellow", "info": "cyan"}.get(rule.severity, "")
        table.add_row(safe(rule.id), f"[{style}]{safe(rule.severity)}[/]", safe(docs_gen.kinds_text(rule)),
                      safe(rule.title), safe(rule.pack))
    console.print(table)
    console.print(f"共 {len(all_rules)} 条规则；audit explain 编号 查看规则的说明和定义")


@app.command(cls=_Command)
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
    sys.stdout.write(clean("\n".join(lines)) + "\n")


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _fail(message: str, json_shape: dict | None = None) -> None:
    """The error on stderr and exit status 2; when JSON was asked for, also a JSON document on
    stdout (`json_shape` with the error added), so a script reading stdout always reads JSON."""
    if json_shape is not None:
        _write_json_error(message, json_shape)
    make_console("auto", stderr=True, soft_wrap=True).print(f"[red]错误：[/]{safe(message)}")
    raise typer.Exit(2)


def _write_json_error(message: str, shape: dict) -> None:
    sys.stdout.write(json_text({**shape, "error": message}, indent=2) + "\n")


def _json_shape(command: str | None, path: object = None) -> dict:
    """What each command's JSON holds when it ran into an error: nothing audited, listed or read."""
    if command == "check":
        from .report.json_report import document

        return document([])
    if command == "rules":
        return {"rules": []}
    return {"path": None if path is None else str(path)}


def _json_requested(args: list[str]) -> bool:
    return any(a in ("--format=json", "-fjson") or (a in ("--format", "-f") and b == "json")
               for a, b in zip(args, [*args[1:], ""], strict=False))


def route(argv: list[str]) -> list[str]:
    """`audit FILE…` is short for `audit check FILE…`; a first word naming a subcommand is that
    subcommand. A first word that is neither a subcommand nor an existing path but looks like a
    mistyped subcommand is a usage error naming the closest ones (UsageError)."""
    if not argv or argv[0] in SUBCOMMANDS or argv[0] in ROOT_OPTIONS:
        return argv
    first = argv[0]
    if re.fullmatch(r"[A-Za-z][A-Za-z_-]*", first) and not os.path.exists(first):
        close = difflib.get_close_matches(first.lower(), SUBCOMMANDS, n=2, cutoff=0.6)
        rule_id = len(argv) > 1 and RULE_ID.fullmatch(argv[1])
        if close and rule_id and "explain" not in close:
            close.append("explain")
        if close:
            hint = " 或 ".join(f"audit {name}" + (f" {argv[1]}" if name == "explain" and rule_id else "")
                              for name in close)
            raise UsageError(f"没有 {first} 这个命令，也没有叫 {first} 的文件或文件夹；是否想用 {hint}？")
    return ["check", *argv]


RULE_ID = re.compile(r"[A-Za-z]\d{3}")


def main() -> None:
    try:
        argv = route(sys.argv[1:])
    except UsageError as exc:
        if _json_requested(sys.argv[1:]):
            _write_json_error(str(exc), _json_shape("check"))
        make_console("auto", stderr=True, soft_wrap=True).print(f"[red]错误：[/]{safe(exc)}")
        sys.exit(2)
    app(args=argv, prog_name="audit")
