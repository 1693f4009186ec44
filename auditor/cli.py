"""The `audit` command: thin glue from options to the pipeline and the report."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from .errors import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="部门预算/决算公开文件一致性审核工具（audit FILE... 审核文件或文件夹）")
SUBCOMMANDS = {"extract", "rules", "explain", "check"}


@app.callback()
def _root() -> None:
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

    try:
        ledger = load_ledger(file)
    except InputError as exc:
        _fail(str(exc))
    if format is ExtractFormat.json:
        sys.stdout.write(ledger_io.ledger_json(ledger) + "\n")
    elif format is ExtractFormat.csv:
        sys.stdout.write(ledger_io.ledger_csv(ledger))
        sys.stderr.write(ledger_io.coverage_line(ledger) + "\n")
    else:
        console = Console(no_color=no_color, highlight=False, width=160 if not sys.stdout.isatty() else None)
        ledger_io.print_ledger(ledger, console)


def _fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(f"[red]错误：[/]{message}")
    raise typer.Exit(2)


def main() -> None:
    argv = sys.argv[1:]
    # `audit FILE…` is short for `audit check FILE…`; a first word naming a subcommand is that subcommand.
    if argv and argv[0] not in SUBCOMMANDS and argv[0] not in ("--help", "-h"):
        argv = ["check", *argv]
    app(args=argv, prog_name="audit")
