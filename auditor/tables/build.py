"""Turn a table region into a Table, its Facts and the classification of every numeric token."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..document import Line
from ..ledger import Fact, Row, Table, Token
from ..numbers import Number, is_code, parse_number
from ..text import ORDINAL, normalize_label
from .header import column_paths, leaf
from .kinds import UNKNOWN_TYPE, Catalogue
from .layout import column_groups, header_for_paths, is_index_row, split_header
from .segment import Region

VALUE = "value"
_KEY_ROLES = ("key_code", "code_parts")
_TOKEN_KIND = {"index": "index", "key_code": "code", "code_parts": "code", "code": "code",
               "identifier": "identifier"}
_HEADER_UNIT = re.compile(r"[（(](万元|元|亿元|%|个)[)）]|^(万元|元|亿元)$")
_EMPTY_NOTE = re.compile(r"为空|空表|无数据|没有.*(?:收支|支出|收入|经费)|本表无")
MONEY_UNITS = ("万元", "元", "亿元", "千元")


@dataclass(slots=True)
class _LogicalRow:
    line: Line
    group: int
    code: str | None
    label: str
    cells: dict[int, Number] = field(default_factory=dict)  # value column -> figure
    texts: list[str] = field(default_factory=list)  # the row's cells, realigned to the header


@dataclass(slots=True)
class BuiltTable:
    table: Table
    facts: list[Fact]
    tokens: list[Token]


def build_table(region: Region, table_id: int, catalogue: Catalogue, doc_unit: str | None) -> BuiltTable:
    width = region.width
    header, body = split_header(region.blocks[0].rows)
    header_names = header_for_paths(header)
    paths = column_paths([r.cells for r in header_names], width)
    repeat_keys = {_row_signature(r) for r in header}
    body = body + [r for b in region.blocks[1:] for r in _drop_repeated_header(b.rows, repeat_keys)]
    kind = region.kind or catalogue.match_header([p for p in paths])
    roles = _column_roles(paths, body, catalogue)
    table_unit = region.unit or (kind.unit if kind else None) or doc_unit
    table = Table(
        id=table_id,
        type=kind.type if kind else UNKNOWN_TYPE,
        title=region.title or (kind.type if kind else UNKNOWN_TYPE),
        unit=table_unit,
        first_line=region.first.number,
        last_line=region.last.number,
        first_page=region.first.page,
        last_page=region.last.page,
        pages=sorted({r.page for r in region.rows if r.page is not None}),
        money=kind.money if kind else True,
    )
    tokens: list[Token] = []
    for row in region.rows:
        if row not in body:
            tokens += _header_tokens(row, table_id)
    logical = _logical_rows(body, paths, roles, table_id, tokens)
    logical = _join_wrapped_labels(logical)
    facts = _facts(table, logical, paths, roles, table_unit, tokens)
    table.columns = list(dict.fromkeys(p for j, p in enumerate(paths) if roles[j] == VALUE))
    table.column_units = {paths[j]: u for j in range(width) if (u := _header_unit(paths[j]))}
    own_money = {u for u in table.column_units.values() if u in MONEY_UNITS}
    if len(own_money) == 1:  # a list in 元 under a document in 万元 keeps its own unit
        table.unit = own_money.pop()
    table.decimals = _usual_decimals(facts)
    table.facts = len(facts)
    notes = " ".join(n.text for n in region.notes)
    table.empty = not facts or bool(_EMPTY_NOTE.search(notes))
    return BuiltTable(table, facts, tokens)


def _row_signature(line: Line) -> tuple[str, ...]:
    return tuple(normalize_label(c) for c in line.cells)


def _drop_repeated_header(rows: list[Line], header_keys: set[tuple[str, ...]]) -> list[Line]:
    """A block that continues a table may repeat the header (and its 栏次 row): skip those rows."""
    k = 0
    while k < len(rows) and (_row_signature(rows[k]) in header_keys or _is_header_like(rows[k])):
        k += 1
    return rows[k:] if k < len(rows) else []


def _is_header_like(line: Line) -> bool:
    if is_index_row(line):
        return True
    return not any(parse_number(c) is not None or is_code(c) for c in line.filled) and not any(
        normalize_label(c) in ("合计", "总计") for c in line.filled
    )


def _header_tokens(row: Line, table_id: int) -> list[Token]:
    kind = "index" if is_index_row(row) else "unplaced"
    return [
        Token(c, kind, row.number, row.page, table_id, "" if kind == "index" else "表头中的数字")
        for c in row.filled
        if parse_number(c) is not None
    ]


def _column_roles(paths: list[str], body: list[Line], catalogue: Catalogue) -> list[str]:
    roles = []
    for j, path in enumerate(paths):
        role = catalogue.column_role(leaf(path)) if not path.startswith("列") else None
        if role is None:
            numeric = text = 0
            for row in body:
                cell = row.cells[j] if j < len(row.cells) else ""
                if not cell:
                    continue
                if parse_number(cell) is not None:
                    numeric += 1
                else:
                    text += 1
            # a column left blank in every row is a money column of zeros, not text
            role = VALUE if numeric >= text else "text"
        roles.append(role)
    return roles


def _logical_rows(body: list[Line], paths, roles, table_id, tokens) -> list[_LogicalRow]:
    groups = column_groups(paths)
    rows: list[_LogicalRow] = []
    last_parts: dict[int, list[str]] = {}
    for line in body:
        if is_index_row(line):
            tokens += [Token(c, "index", line.number, line.page, table_id) for c in line.filled
                       if parse_number(c) is not None]
            continue
        cells = _realign(line.cells, roles)
        for g, (start, end) in enumerate(groups):
            row = _logical_row(line, cells, g, start, end, roles, table_id, tokens, last_parts)
            if row is not None:
                rows.append(row)
    return rows


def _realign(cells: list[str], roles: list[str]) -> list[str]:
    """Undo a row shifted left by a merged cell that was dropped when the table was flattened."""
    width = len(roles)
    cells = cells + [""] * (width - len(cells))
    misplaced = [j for j, c in enumerate(cells) if parse_number(c) is not None and roles[j] in ("text", "label")]
    if not misplaced:
        return cells
    for shift in (1, 2):
        if any(cells[width - shift:]):
            continue
        moved = [""] * shift + cells[: width - shift]
        if all(roles[j] not in ("text", "label") for j, c in enumerate(moved) if parse_number(c) is not None):
            return moved
    return cells


def _logical_row(line, cells, g, start, end, roles, table_id, tokens, last_parts) -> _LogicalRow | None:
    code_parts: list[str] = []
    labels: list[str] = []
    values: dict[int, Number] = {}
    fallback_text: list[str] = []
    has_label_column = any(roles[j] in ("label", "key_code") for j in range(start, end))
    for j in range(start, end):
        cell = cells[j].strip()
        role = roles[j]
        if not cell:
            continue
        number = parse_number(cell)
        if role == VALUE:
            if number is not None:
                values[j] = number
            continue
        if role == "key_code" and is_code(cell):
            code_parts = [cell]
            tokens.append(Token(cell, "code", line.number, line.page, table_id))
        elif role == "code_parts" and cell.isdigit():
            code_parts.append(cell)
            tokens.append(Token(cell, "code", line.number, line.page, table_id))
        elif role in ("label", "key_code"):
            labels.append(cell)
        elif number is not None:
            kind = _TOKEN_KIND.get(role, "unplaced")
            tokens.append(Token(cell, kind, line.number, line.page, table_id,
                                "" if kind != "unplaced" else "数字位于文字列"))
        elif role == "text" and not has_label_column and not fallback_text:
            fallback_text.append(cell)
    code = _join_code(code_parts, g, last_parts)
    label = normalize_label("".join(labels or fallback_text))
    if not code and not label and not values:
        return None
    return _LogicalRow(line, g, code, label, values, cells)


def _join_code(parts: list[str], group: int, last_parts: dict[int, list[str]]) -> str | None:
    """`208 | 05 | 99` printed in 类/款/项 columns is one code; a 款 row may leave 类 blank."""
    if not parts:
        return None
    if len(parts) == 1 and len(parts[0]) >= 3:
        last_parts[group] = [parts[0][:3], parts[0][3:5], parts[0][5:7]]
        return parts[0]
    if len(parts[0]) != 3 and group in last_parts:  # 类 omitted: inherit it (and 款) from above
        prev = last_parts[group]
        parts = prev[: 3 - len(parts)] + parts if len(parts) < 3 else parts
    last_parts[group] = (parts + ["", "", ""])[:3]
    return "".join(parts)


def _join_wrapped_labels(rows: list[_LogicalRow]) -> list[_LogicalRow]:
    """A row holding only label text continues the label of the row above (a wrapped label)."""
    out: list[_LogicalRow] = []
    last_in_group: dict[int, _LogicalRow] = {}
    for row in rows:
        prev = last_in_group.get(row.group)
        if (prev is not None and not row.code and not row.cells and row.label
                and not ORDINAL.match(row.label) and prev.cells):
            prev.label += row.label
            continue
        out.append(row)
        last_in_group[row.group] = row
    return out


def _facts(table: Table, rows: list[_LogicalRow], paths, roles, table_unit, tokens) -> list[Fact]:
    facts: list[Fact] = []
    seen: Counter[str] = Counter()
    unit_column = next((j for j, p in enumerate(paths) if leaf(p) == "计量单位"), None)
    for index, lr in enumerate(rows):
        key = lr.code or lr.label or f"行{index + 1}"
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        table.rows.append(Row(key=key, label=lr.label, code=lr.code, line=lr.line.number,
                              page=lr.line.page, group=lr.group, index=index))
        row_unit = None
        if unit_column is not None:
            row_unit = lr.texts[unit_column].strip() or None
        for j, number in lr.cells.items():
            unit = _header_unit(paths[j]) or ("%" if number.percent else None) or row_unit or table_unit or ""
            facts.append(Fact(table=table.type, table_id=table.id, row=key, label=lr.label, column=paths[j],
                              value=number.value, decimals=number.decimals, unit=unit, line=lr.line.number,
                              page=lr.line.page, code=lr.code, row_index=index, group=lr.group))
            tokens.append(Token(lr.texts[j], "fact", lr.line.number, lr.line.page, table.id))
    return facts


def _header_unit(path: str) -> str | None:
    m = _HEADER_UNIT.search(leaf(path))
    return (m.group(1) or m.group(2)) if m else None


def _usual_decimals(facts: list[Fact]) -> int:
    counts = Counter(f.decimals for f in facts if f.unit in MONEY_UNITS)
    return counts.most_common(1)[0][0] if counts else 2
