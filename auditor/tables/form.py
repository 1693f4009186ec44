"""Tables laid out as forms (a project's 绩效目标填报表): rows of label/value pairs rather than a
header over columns. Each figure is a fact of the label printed before it in its row."""

from __future__ import annotations

import re
from collections import Counter

from ..document import Line
from ..ledger import Fact, Row, Table, Token
from ..numbers import parse_number
from ..text import normalize_label

FORM_COLUMN = "值"
_UNIT_IN_LABEL = re.compile(r"[（(](万元|元)[)）]")


def form_unit(rows: list[Line]) -> str | None:
    """A form names its money unit in a label (`项目资金（元）`)."""
    for line in rows:
        for cell in line.filled:
            if m := _UNIT_IN_LABEL.search(cell):
                return m.group(1)
    return None


def form_facts(table: Table, rows: list[Line], unit: str | None) -> tuple[list[Fact], list[Token]]:
    facts: list[Fact] = []
    tokens: list[Token] = []
    seen: Counter[str] = Counter()
    for line in rows:
        label = ""
        for cell in line.cells:
            text = cell.strip()
            if not text:
                continue
            number = parse_number(text)
            if number is None:
                label = normalize_label(text)
                continue
            if not label:
                tokens.append(Token(text, "unplaced", line.number, line.page, table.id, "表单中没有名称的数字"))
                continue
            seen[label] += 1
            key = label if seen[label] == 1 else f"{label}#{seen[label]}"
            index = len(table.rows)
            table.rows.append(Row(key=key, label=label, code=None, line=line.number, page=line.page, index=index))
            facts.append(Fact(table=table.type, table_id=table.id, row=key, label=label, column=FORM_COLUMN,
                              value=number.value, decimals=number.decimals,
                              unit="%" if number.percent else (unit or ""), line=line.number, page=line.page,
                              row_index=index))
            tokens.append(Token(text, "fact", line.number, line.page, table.id))
    return facts, tokens
