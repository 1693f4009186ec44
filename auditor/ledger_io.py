"""The ledger as plain data (JSON/CSV rows) and as a rich table, for `audit extract`."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.table import Table as RichTable

from .ledger import Fact, Ledger
from .terminal import clean, json_text, safe

FACT_FIELDS = ("table", "table_id", "row", "code", "label", "column", "value", "decimals", "unit", "page", "line")


def fact_record(f: Fact) -> dict:
    return {
        "table": f.table, "table_id": f.table_id, "row": f.row, "code": f.code, "label": f.label,
        "column": f.column, "value": str(f.value), "decimals": f.decimals, "unit": f.unit,
        "page": f.page, "line": f.line,
    }


def coverage_record(ledger: Ledger) -> dict:
    cov = ledger.coverage
    return {
        "figures": cov.figures,
        "placed": cov.placed,
        "classes": cov.counts(),
        "unplaced": [{"text": t.text, "line": t.line, "page": t.page, "reason": t.reason} for t in cov.unplaced],
    }


def table_record(t) -> dict:
    return {
        "type": t.type, "title": t.title, "unit": t.unit,
        "pages": t.pages, "lines": [t.first_line, t.last_line], "facts": t.facts,
        "columns": t.columns, "empty": t.empty,
    }


def ledger_json(ledger: Ledger) -> str:
    info = ledger.info
    data = {
        "path": ledger.path, "kind": info.kind, "year": info.year, "department": info.department,
        "unit": info.unit,
        "tables": [table_record(t) for t in ledger.tables],
        "facts": [fact_record(f) for f in ledger.facts],
        "claims": [claim_record(c) for c in ledger.claims],
        "coverage": coverage_record(ledger),
    }
    return json_text(data, indent=2)


def claim_record(claim) -> dict:
    to_dict = getattr(claim, "to_dict", None)
    return to_dict() if to_dict else {"text": str(claim)}


def ledger_csv(ledger: Ledger) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FACT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for f in ledger.facts:
        writer.writerow({k: clean(v) if isinstance(v, str) else v for k, v in fact_record(f).items()})
    return out.getvalue()


def coverage_line(ledger: Ledger) -> str:
    cov = ledger.coverage
    counts = cov.counts()
    classes = "，".join(f"{name} {counts[name]}" for name in counts)
    return f"{cov.placed} of {cov.figures} figures placed（{classes}）"


def table_span(table) -> str:
    """Where a table stands: 第6页第1行–第7页第6行 for paged input, 行 82–114 for text."""
    if table.first_page is None:
        return f"行 {table.first_line}–{table.last_line}"
    end = (f"第{table.last_line}行" if table.last_page in (None, table.first_page)
           else f"第{table.last_page}页第{table.last_line}行")
    return f"第{table.first_page}页第{table.first_line}行–{end}"


def print_ledger(ledger: Ledger, console: Console) -> None:
    info = ledger.info
    kind = {"budget": "预算", "final": "决算"}.get(info.kind or "", "类型未知")
    console.print(f"[bold]{safe(ledger.path)}[/]  {safe(info.department or '部门未知')} · "
                  f"{safe(info.year or '年度未知')} · {kind} · 单位 {safe(info.unit or '未知')}")
    for table in ledger.tables:
        grid = RichTable(title=safe(f"{table.title}（{table.type}，{table_span(table)}）"),
                         title_justify="left", show_lines=False)
        for name in ("行", "列", "值", "单位", "位置"):
            grid.add_column(name, justify="right" if name == "值" else "left")
        for f in ledger.facts_of(table.id):
            loc = f"{f.page}:{f.line}" if f.page else str(f.line)
            row = f.row if f.row == f.label or not f.label else f"{f.row} {f.label}"
            grid.add_row(*("" if v is None else safe(v) for v in (row, f.column, f.value, f.unit, loc)))
        console.print(grid)
    if ledger.claims:
        console.print("[bold]情况说明中的数字[/]")
        for claim in ledger.claims:
            console.print(f"  {safe(claim)}")
    for t in ledger.coverage.unplaced:
        loc = f"第{t.page}页第{t.line}行" if t.page else f"第{t.line}行"
        console.print(f"[yellow]未归位[/] {safe(t.text)}（{loc}{safe('，' + t.reason) if t.reason else ''}）")
    console.print(safe(coverage_line(ledger)))
