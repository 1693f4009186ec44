"""A compact text form for hand-built ledgers in the engine tests (and tests of that form).

    # 支出决算表 decimals=2 unit=万元 [empty] [nomoney] [page=3]
    | 本年支出合计 | 基本支出 | 项目支出          <- column paths of the rows that follow
    合计 | 1000.00 | 600.00 | 400.00
    210 卫生健康支出 | 87.58 | 84.36 | 3.23      <- a leading code becomes Row.code and the key
    g1: 302 商品和服务支出 | 5.00                  <- a row of side-by-side group 1

Each row gets the line number of its text line (1-based), so locations are predictable. A blank
cell stays blank (no fact). A header line may be repeated before the rows of another half.
"""

from __future__ import annotations

import re
from decimal import Decimal

from auditor.ledger import Coverage, DocumentInfo, Fact, Ledger, Row, Table, Token
from auditor.text import normalize_label

_CODE = re.compile(r"^(\d{3,9})(?:\s+(.*))?$")


def make_ledger(text: str, kind: str | None = "final", path: str = "test.txt") -> Ledger:
    tables: list[Table] = []
    facts: list[Fact] = []
    tokens: list[Token] = []
    columns: list[str] = []
    keys: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            words = line[2:].split()
            opts = dict(w.split("=", 1) for w in words[1:] if "=" in w)
            page = int(opts["page"]) if "page" in opts else None
            table = Table(
                id=len(tables),
                type=words[0],
                title=words[0],
                unit=opts.get("unit", "万元"),
                first_line=number,
                last_line=number,
                pages=[page] if page else [],
                first_page=page,
                last_page=page,
                decimals=int(opts.get("decimals", 2)),
                empty="empty" in words,
                money="nomoney" not in words,
            )
            tables.append(table)
            columns, keys = [], {}
            continue
        table = tables[-1]
        table.last_line = number
        if line.startswith("|"):
            columns = [c.strip() for c in line.split("|")[1:]]
            table.columns += [c for c in columns if c not in table.columns]
            continue
        group = 0
        if m := re.match(r"^g(\d+):\s*", line):
            group, line = int(m.group(1)), line[m.end() :]
        head, *cells = [c.strip() for c in line.split("|")]
        code, label = None, head
        if m := _CODE.match(head):
            code, label = m.group(1), m.group(2) or ""
        label = normalize_label(label)
        key = code or label
        keys[key] = keys.get(key, 0) + 1
        if keys[key] > 1:
            key = f"{key}#{keys[key]}"
        row = Row(key, label, code, number, table.first_page, group, len(table.rows))
        table.rows.append(row)
        for column, cell in zip(columns, cells, strict=False):
            if not cell:
                continue
            decimals = len(cell.split(".")[1]) if "." in cell else 0
            facts.append(
                Fact(
                    table.type,
                    table.id,
                    key,
                    label,
                    column,
                    Decimal(cell),
                    decimals,
                    table.unit or "",
                    number,
                    table.first_page,
                    code,
                    row.index,
                    group,
                )
            )
            tokens.append(Token(cell, "fact", number, table.first_page, table.id))
            table.facts += 1
    return Ledger(
        path, DocumentInfo(kind=kind, year=2023, department="测试部门"), tables, facts, Coverage(tokens)
    )


def test_make_ledger_builds_rows_keys_and_facts():
    ledger = make_ledger(
        """
        # 支出决算表 decimals=2
        | 本年支出合计 | 基本支出 | 项目支出
        合计 | 87.58 | 84.36 |
        210 卫生健康支出 | 87.58 | 84.36 | 3.23
        合 计 | 1.00
        """
    )
    (table,) = ledger.tables
    assert [r.key for r in table.rows] == ["合计", "210", "合计#2"]
    assert table.rows[1].code == "210" and table.rows[1].label == "卫生健康支出"
    assert table.columns == ["本年支出合计", "基本支出", "项目支出"]
    assert len(ledger.facts) == 6  # the blank 项目支出 of 合计 is no fact
    assert ledger.facts[0].line == 4 and ledger.facts[0].decimals == 2
    assert ledger.coverage.placed == 6
