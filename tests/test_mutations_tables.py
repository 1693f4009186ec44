"""Mutation tests: every figure of the financial tables of both seeds, raised by 1.00, must be
caught by at least one `error` that points at the figure's line; and when several errors share a
figure, the one they share most (the report's top suspect, when no other ties with it) is the
figure that was changed.

The mutation is made on the document (the same cell text the reader gave), and a cell counts as
a figure when the mutated ledger has a fact on that line with the raised value; the test also
checks that every fact of those tables was mutated once, so no figure is left out.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import BUDGET_SEED, FINAL_SEED

from auditor.audit import load_all_rules
from auditor.document import Document, Line
from auditor.engine import run_rules, select_rules
from auditor.extract import build_ledger
from auditor.numbers import parse_number
from auditor.readers.txt import read_txt_bytes
from auditor.report.model import suspects

FINANCIAL = {
    # 预算
    "部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
    "三公经费支出表", "政府性基金预算支出表", "国有资本经营预算支出表", "一般公共预算项目支出表", "部门预算项目支出表",
    # 决算
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "财政拨款三公经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
}


def raised(cell: str) -> str:
    number = parse_number(cell)
    step = Decimal(1) if number.decimals == 0 else Decimal(1).quantize(Decimal(1).scaleb(-number.decimals))
    return format(number.value + step, "f")


def with_cell(doc: Document, index: int, cell: int, text: str) -> Document:
    line = doc.lines[index]
    cells = list(line.cells)
    cells[cell] = text
    lines = list(doc.lines)
    lines[index] = Line(cells=cells, number=line.number, page=line.page)
    return Document(path=doc.path, lines=lines, paged=doc.paged, page_count=doc.page_count)


@pytest.mark.parametrize("seed", [BUDGET_SEED, FINAL_SEED], ids=["budget", "final"])
def test_every_financial_figure_raised_by_one_is_an_error_at_its_line(seed):
    doc = read_txt_bytes(str(seed), seed.read_bytes())
    base = build_ledger(doc, claims=False)
    rules = select_rules(load_all_rules(), kind=base.info.kind)
    before = {(f.line, f.column, f.row): f.value for f in base.facts}
    targets = {(f.line, f.column, f.row) for f in base.facts if f.table in FINANCIAL}
    rows = sorted({f.line for f in base.facts if f.table in FINANCIAL})
    index_of = {line.number: i for i, line in enumerate(doc.lines)}
    mutated: set[tuple[int, str, str]] = set()
    missed: list[str] = []
    misled: list[str] = []  # the errors share a figure, but not the one that was changed
    for number in rows:
        i = index_of[number]
        for c, cell in enumerate(doc.lines[i].cells):
            if parse_number(cell) is None:
                continue
            ledger = build_ledger(with_cell(doc, i, c, raised(cell)), claims=False)
            moved = {key for f in ledger.facts if f.line == number
                     and (key := (f.line, f.column, f.row)) in targets and before[key] != f.value}
            if not moved:
                continue  # a 行次, code or other non-figure cell
            mutated |= moved
            findings, _ = run_rules(ledger, rules)
            hit = any(f.severity == "error" and any(loc.line == number for loc in f.locations)
                      for f in findings)
            if not hit:
                missed.append(f"line {number} cell {c} {cell!r} -> {raised(cell)} {sorted(moved)}")
            likely = suspects(findings)
            unique = likely and (len(likely) == 1 or likely[0].errors > likely[1].errors)
            if unique and (likely[0].location.line, likely[0].location.column, likely[0].location.row) not in moved:
                misled.append(f"line {number} cell {c}: top suspect {likely[0].location}")
    assert missed == []
    assert misled == []
    assert mutated == targets
