"""Turn a table region into a Table, its Facts and the classification of every numeric token."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..document import Line
from ..ledger import Fact, Row, Table, Token
from ..numbers import Number, is_code, parse_number
from ..text import CN_ORDINAL, CN_PAREN_ORDINAL, ORDINAL, normalize_label, strip_ordinal
from .form import FORM_COLUMN, form_facts, form_unit
from .header import column_paths, leaf
from .kinds import UNKNOWN_TYPE, Catalogue
from .layout import TOTAL_LABELS, column_groups, header_for_paths, is_index_row, split_header
from .segment import Region

VALUE = "value"
_KEY_ROLES = ("key_code", "code_parts")
_LABEL_ROLES = ("label", "key_code", "code_parts")
_TOKEN_KIND = {"index": "index", "key_code": "code", "code_parts": "code", "code": "code",
               "identifier": "identifier"}
_HEADER_UNIT = re.compile(r"[（(](万元|元|亿元|%|个)[)）]|^(万元|元|亿元)$")
_EMPTY_NOTE = re.compile(r"为空|空表|无数据|没有.*(?:收支|支出|收入|经费)|本表无")
_CODE_LEVELS = {"类": 0, "款": 1, "项": 2}
_PLACEHOLDER = re.compile(r"^[.。…⋯·、\-—\s]+$")
MONEY_UNITS = ("万元", "元", "亿元", "千元")


@dataclass(slots=True)
class _LogicalRow:
    line: Line
    group: int
    code: str | None
    label: str
    cells: dict[int, Number] = field(default_factory=dict)  # value column -> figure
    texts: list[str] = field(default_factory=list)  # the row's cells, realigned to the header
    placed: str = "read"  # read: cells as read; position: under the header by x; shifted: inferred
    absent: tuple[int, ...] = ()  # columns the line has no cell under (placed by position)


@dataclass(slots=True)
class BuiltTable:
    table: Table
    facts: list[Fact]
    tokens: list[Token]


def build_table(region: Region, table_id: int, catalogue: Catalogue, doc_unit: str | None) -> BuiltTable:
    if region.kind is not None and region.kind.layout == "form":
        return _build_form(region, table_id)
    width = region.width
    header, body = split_header(region.blocks[0].rows)
    header_names = header_for_paths(header)
    paths = column_paths([r.cells for r in header_names], width, [r.cell_ids for r in header_names],
                         lambda text: catalogue.column_role(text) in _LABEL_ROLES)
    repeat_keys = {_row_signature(r) for r in header}
    value_columns = {j for j, role in enumerate(_column_roles(paths, body, catalogue)) if role == VALUE}
    body = body + [r for b in region.blocks[1:] for r in _drop_repeated_header(b.rows, repeat_keys, value_columns)]
    kind = region.kind or catalogue.match_header([p for p in paths])
    roles = _column_roles(paths, body, catalogue)
    # a table of names or targets takes no money unit from the rest of the document
    table_unit = region.unit or (kind.unit if kind else None) or (doc_unit if kind is None or kind.money else None)
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
        # a table in 人 or 个 (an unknown staffing table) is not money, whatever its type
        money=(kind.money if kind else True) and (table_unit is None or table_unit in MONEY_UNITS),
        department=region.department, department_at=_where(region.department_line),
        meta=[(ln.text, ln.number, ln.page) for ln in region.meta],
    )
    tokens: list[Token] = []
    in_body = {id(r) for r in body}  # by identity: `row in body` compares Lines field by field, n² times
    for row in region.rows:
        if id(row) not in in_body:
            tokens += _header_tokens(row, table_id)
    logical = _logical_rows(body, paths, roles, table_id, tokens, _column_spans(header, body, width))
    logical = _join_wrapped_labels(logical)
    facts, nils = _facts(table, logical, paths, roles, table_unit, tokens, catalogue)
    table.columns = list(dict.fromkeys(p for j, p in enumerate(paths) if roles[j] == VALUE))
    table.column_units = {paths[j]: u for j in range(width) if (u := _header_unit(paths[j]))}
    facts = _percent_columns(table, facts, nils)
    own_money = {u for u in table.column_units.values() if u in MONEY_UNITS}
    if len(own_money) == 1:  # a list in 元 under a document in 万元 keeps its own unit
        table.unit = own_money.pop()
    shown = [f for f, n in zip(facts, nils, strict=True) if not n]
    table.decimals = _usual_decimals(shown or facts)
    if shown:  # a dash (`-`) among figures is a blank written out: 0 with the table's decimals, not ±0.5
        facts = [replace(f, decimals=table.decimals) if n else f for f, n in zip(facts, nils, strict=True)]
    table.facts = len(facts)
    notes = " ".join(n.text for n in region.notes)
    table.empty = not facts or bool(_EMPTY_NOTE.search(notes))
    return BuiltTable(table, facts, tokens)


def _build_form(region: Region, table_id: int) -> BuiltTable:
    """A form (label/value pairs in rows): each figure a fact of the label before it."""
    kind = region.kind
    assert kind is not None
    rows = region.rows
    unit = region.unit or form_unit(rows)
    table = Table(id=table_id, type=kind.type, title=region.title or kind.type, unit=unit,
                  first_line=region.first.number, last_line=region.last.number, first_page=region.first.page,
                  last_page=region.last.page, pages=sorted({r.page for r in rows if r.page is not None}),
                  columns=[FORM_COLUMN], money=kind.money, department=region.department,
                  department_at=_where(region.department_line),
        meta=[(ln.text, ln.number, ln.page) for ln in region.meta])
    facts, tokens = form_facts(table, rows, unit)
    table.facts = len(facts)
    table.empty = not facts
    return BuiltTable(table, facts, tokens)


def _where(line: Line | None) -> tuple[int, int | None] | None:
    return (line.number, line.page) if line is not None else None


def _row_signature(line: Line) -> tuple[str, ...]:
    return tuple(normalize_label(c) for c in line.cells)


def _drop_repeated_header(rows: list[Line], header_keys: set[tuple[str, ...]], value_columns: set[int]) -> list[Line]:
    """A block that continues a table may repeat the header (and its 栏次 row): skip those rows."""
    k = 0
    while k < len(rows) and (_row_signature(rows[k]) in header_keys or _is_header_like(rows[k], value_columns)):
        k += 1
    return rows[k:] if k < len(rows) else []


def _is_header_like(line: Line, value_columns: set[int]) -> bool:
    """An index row, or words standing over the figures; a row of labels with blank figures is a row."""
    if is_index_row(line):
        return True
    cells = line.filled
    if any(parse_number(c) is not None or is_code(c) for c in cells):
        return False
    if any(normalize_label(c) in ("合计", "总计") or ORDINAL.match(c) for c in cells):
        return False
    return any(c.strip() and j in value_columns for j, c in enumerate(line.cells))


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
        role = _named_role(path, catalogue)
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


def _named_role(path: str, catalogue: Catalogue) -> str | None:
    """The role the header names: the leaf's, else the nearest group's (`科目名称/合计` is a label)."""
    if path.startswith("列"):
        return None
    for part in reversed(path.split("/")):
        role = catalogue.column_role(part)
        if role is not None:
            return role
    return None


def _logical_rows(body: list[Line], paths, roles, table_id, tokens, spans) -> list[_LogicalRow]:
    groups = column_groups(paths, roles)
    rows: list[_LogicalRow] = []
    last_parts: dict[int, list[str]] = {}
    levels = _code_levels(paths, roles)
    for line in body:
        if is_index_row(line):
            tokens += [Token(c, "index", line.number, line.page, table_id) for c in line.filled
                       if parse_number(c) is not None]
            continue
        placed = _by_position(line, spans)
        if placed is not None:
            cells, how, absent = placed[0], "position", placed[1]
        else:
            cells = _realign(line.cells, roles)
            how, absent = ("read" if cells[: len(line.cells)] == line.cells else "shifted"), ()
        halves = [_logical_row(line, cells, g, start, end, roles, table_id, tokens, last_parts, levels)
                  for g, (start, end) in enumerate(groups)]
        for half in halves:
            if half is not None:
                half.placed, half.absent = how, absent
        rows += [r for r in _merged_labels(halves) if r is not None]
    return rows


def _column_spans(header: list[Line], body: list[Line], width: int) -> list[tuple[float, float]] | None:
    """Each column's x extent: from a full-width body row whose slots are all drawn apart (a merged
    header cell spans several columns), else from the header's last ruled row of that width."""
    full = [ln for ln in [*body, *reversed(header)] if ln.spans is not None and len(ln.spans) == len(ln.cells) == width]
    apart = next((ln for ln in full if ln in body and len(set(ln.spans)) == width), None)
    chosen = apart or next((ln for ln in full if ln in header), None) or (full[0] if full else None)
    return list(chosen.spans) if chosen is not None else None


def _by_position(line: Line, spans: list[tuple[float, float]] | None) -> tuple[list[str], tuple[int, ...]] | None:
    """A row drawn in a grid of its own (a continuation page whose merged cells narrow it): each
    cell under the header column its middle stands in. None when the row is the header's width,
    has no positions, or two cells would land in one column."""
    if spans is None or line.spans is None or len(line.cells) == len(spans):
        return None
    cells = [""] * len(spans)
    covered: set[int] = set()
    for text, (x0, x1) in zip(line.cells, line.spans, strict=True):
        inside = [j for j, (a, b) in enumerate(spans) if a - 1 <= (x0 + x1) / 2 <= b + 1]
        covered |= {j for j, (a, b) in enumerate(spans) if min(b, x1) - max(a, x0) > 1}
        if not text.strip():
            continue
        if not inside or cells[inside[0]]:
            return None
        cells[inside[0]] = text
    return cells, tuple(j for j in range(len(spans)) if j not in covered)


def _merged_labels(halves: list[_LogicalRow | None]) -> list[_LogicalRow | None]:
    """`当年支出小计` in a cell merged over two halves, its figure in the second: the figures with
    no label take the label of the half before them that has a label and no figures."""
    for g in range(1, len(halves)):
        row, before = halves[g], halves[g - 1]
        if (row is not None and before is not None and row.cells and not row.label and not row.code
                and before.label and not before.cells and not before.code):
            row.label = before.label
            halves[g - 1] = None
    return halves


def _code_levels(paths: list[str], roles: list[str]) -> dict[int, int]:
    """Which part of a code each 类/款/项 column holds (0, 1, 2): a row may fill only one of them."""
    levels: dict[int, int] = {}
    for j, role in enumerate(roles):
        if role == "code_parts":
            levels[j] = _CODE_LEVELS.get(leaf(paths[j]), len(levels) % 3)
    return levels


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


def _logical_row(line, cells, g, start, end, roles, table_id, tokens, last_parts, levels) -> _LogicalRow | None:
    code_parts: list[tuple[int, str]] = []  # (level, digits); level -1 is a whole code
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
            code_parts = [(-1, cell)]
            tokens.append(Token(cell, "code", line.number, line.page, table_id))
        elif role == "code_parts" and cell.isdigit():
            code_parts.append((levels.get(j, len(code_parts)), cell))
            tokens.append(Token(cell, "code", line.number, line.page, table_id))
        elif role in ("code_parts", "key_code") and cell in _CODE_LEVELS:
            continue  # the 类 | 款 | 项 sub-header printed in the first row of figures
        elif role in ("label", "key_code") or (role == "code_parts" and number is None):
            labels.append(cell)  # `合计` may sit in the 类/款 columns of a table coded in three parts
        elif number is not None:
            kind = _TOKEN_KIND.get(role, "unplaced")
            tokens.append(Token(cell, kind, line.number, line.page, table_id,
                                "" if kind != "unplaced" else "数字位于文字列"))
        elif role == "text" and not has_label_column and not fallback_text:
            fallback_text.append(cell)
    code = _join_code(code_parts, g, last_parts)
    label = normalize_label("".join(labels or fallback_text))
    if _PLACEHOLDER.match(label):
        label = ""  # `…` or `。。。` where a template leaves rows to fill: not a row name
    if not code and not label and not values:
        return None
    return _LogicalRow(line, g, code, label, values, cells)


def _join_code(parts: list[tuple[int, str]], group: int, last_parts: dict[int, list[str]]) -> str | None:
    """`208 | 05 | 99` printed in 类/款/项 columns is one code; a 款 or 项 row may leave the
    parts above it blank, which then come from the rows above (`| | 05` under 208 05 is 2080505)."""
    if not parts:
        return None
    if len(parts) == 1 and (parts[0][0] <= 0 or len(parts[0][1]) > 3) and len(parts[0][1]) >= 3:
        code = parts[0][1]
        last_parts[group] = [code[:3], code[3:5], code[5:7]]
        return code
    slots = ["", "", ""]
    for level, digits in parts:
        slots[max(0, min(level, 2))] = digits
    deepest = max(max(0, min(level, 2)) for level, _ in parts)
    prev = last_parts.get(group, ["", "", ""])
    slots = [slots[k] or (prev[k] if k < deepest else "") for k in range(3)]
    last_parts[group] = slots
    return "".join(slots[: deepest + 1])


def _join_wrapped_labels(rows: list[_LogicalRow]) -> list[_LogicalRow]:
    """Join a label wrapped over two lines of a .txt table into one row.

    The figures may stand on the first line (the rest of the label follows on a line of its
    own) or on the last (the label starts on a line without figures). A row without figures
    waits for the rest of its label when it cannot be complete: it has a code, an ordinal
    (`一、`), ends with `：` (`其中：`) or leaves a bracket open; the next line of its half
    then completes it unless that line opens a row of its own (a code, an ordinal, a total).
    A line holding only label text otherwise continues the label of the row above, which
    is complete when it is a total. Never in a ruled grid, where the reader has joined a
    cell's lines already: there a row of blank figures is a row (使用非财政拨款结余).
    """
    out: list[_LogicalRow] = []
    last_in_group: dict[int, _LogicalRow] = {}
    for row in rows:
        prev = last_in_group.get(row.group)
        if prev is not None and not row.line.ruled and not prev.line.ruled and not row.code:
            if _awaits_rest(prev) and _continues(row):
                _absorb(prev, row)
                continue
            if (not row.cells and row.label and prev.cells and not ORDINAL.match(row.label)
                    and not prev.label.endswith(TOTAL_LABELS) and not _opens_row(row)):
                prev.label += row.label
                continue
        out.append(row)
        last_in_group[row.group] = row
    return out


_OPEN_BRACKETS = "(（["
_CLOSE_BRACKETS = ")）]"


def _open_brackets(label: str) -> int:
    return sum(label.count(c) for c in _OPEN_BRACKETS) - sum(label.count(c) for c in _CLOSE_BRACKETS)


def _awaits_rest(row: _LogicalRow) -> bool:
    """A row without figures whose label cannot be complete yet (see `_join_wrapped_labels`)."""
    if row.cells or row.label.endswith(TOTAL_LABELS):
        return False
    return bool(row.code or ORDINAL.match(row.label) or row.label.endswith((":", "："))
                or _open_brackets(row.label) > 0)


def _opens_row(row: _LogicalRow) -> bool:
    """A label that starts a row of its own: a total, `其中：…`, or one that waits for its rest."""
    return (normalize_label(row.label).startswith(TOTAL_LABELS + ("其中",))
            or row.label.endswith((":", "：")) or _open_brackets(row.label) > 0)


def _continues(row: _LogicalRow) -> bool:
    """The line after a row awaiting its rest completes it: label text that opens no row."""
    label = normalize_label(row.label)
    return bool(label) and not ORDINAL.match(label) and not label.startswith(TOTAL_LABELS) and (
        not label.endswith(TOTAL_LABELS))


def _absorb(head: _LogicalRow, rest: _LogicalRow) -> None:
    """`rest` completes the label of `head`; its figures (if any) are the row's, at their line."""
    head.label += rest.label
    if rest.cells:
        head.cells, head.texts, head.line = rest.cells, rest.texts, rest.line


def _facts(table: Table, rows: list[_LogicalRow], paths, roles, table_unit, tokens,
           catalogue: Catalogue) -> tuple[list[Fact], list[bool]]:
    """The facts of the rows, and for each whether it was written as a dash."""
    facts: list[Fact] = []
    nils: list[bool] = []
    seen: Counter[str] = Counter()
    unit_column = next((j for j, p in enumerate(paths) if leaf(p) == "计量单位"), None)
    renamed = _renamed(rows, catalogue.total_keys, coded=True) or _renamed(rows, catalogue.line_keys, coded=False)
    for index, lr in enumerate(rows):
        key = lr.code or renamed.get(lr.label) or lr.label or f"行{index + 1}"
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        table.rows.append(Row(key=key, label=lr.label, code=lr.code, line=lr.line.number,
                              page=lr.line.page, group=lr.group, index=index,
                              absent=_absent_cells(lr, paths, roles)))
        shifted = _shifted(lr)
        row_unit = None
        if unit_column is not None:
            row_unit = lr.texts[unit_column].strip() or None
        for j, number in lr.cells.items():
            unit = _header_unit(paths[j]) or ("%" if number.percent else None) or row_unit or table_unit or ""
            facts.append(Fact(table=table.type, table_id=table.id, row=key, label=lr.label, column=paths[j],
                              value=number.value, decimals=number.decimals, unit=unit, line=lr.line.number,
                              page=lr.line.page, code=lr.code, row_index=index, group=lr.group,
                              guessed=shifted))
            nils.append(number.nil)
            tokens.append(Token(lr.texts[j], "fact", lr.line.number, lr.line.page, table.id))
    _mark_parts(table.rows)
    return facts, nils


def _shifted(lr: _LogicalRow) -> bool:
    """The row's cells were moved to other columns to line up with the header (`_realign`)."""
    return lr.placed == "shifted"


def _absent_cells(lr: _LogicalRow, paths: list[str], roles: list[str]) -> tuple[str, ...]:
    """The figure columns a row has no cell for: past the end of a row narrower than the header
    (cells as read), or under no cell of a row placed by position. Not there, not blank."""
    if lr.placed == "position":
        return tuple(paths[j] for j in lr.absent if roles[j] == VALUE)
    have = len(lr.line.cells)
    if have >= len(paths) or lr.placed == "shifted":
        return ()
    return tuple(paths[j] for j in range(have, len(paths)) if roles[j] == VALUE)


def _percent_columns(table: Table, facts: list[Fact], nils: list[bool]) -> list[Fact]:
    """A column whose every figure is a percentage (`-16.67%` under `增减率`) is a % column: its
    blank and dashed cells are percentages too, so that no money rule sums it."""
    units: dict[str, set[str]] = {}
    for fact, nil in zip(facts, nils, strict=True):
        if not nil:
            units.setdefault(fact.column, set()).add(fact.unit)
    percent = {c for c, u in units.items() if u == {"%"} and c not in table.column_units}
    table.column_units.update({c: "%" for c in percent})
    return [replace(f, unit="%") if f.column in percent and f.unit != "%" else f for f in facts]


_SUB_ROW = re.compile(r"^其中[:：]?")
_ORDINAL_KINDS = (
    re.compile(r"^[(（]\d{1,2}[)）]"),  # (1)
    re.compile(r"^\d{1,2}[、.．](?!\d)"),  # 1.
    re.compile(r"^[①-⑳]"),  # ①
    CN_PAREN_ORDINAL,  # （一）
    CN_ORDINAL,  # 一、
)


def _ordinal_kind(label: str) -> int | None:
    return next((k for k, rx in enumerate(_ORDINAL_KINDS) if rx.match(label)), None)


def _mark_parts(rows: list[Row]) -> None:
    """A `其中：` row is a part of the row above it (the nearest row of its half that is not
    itself a part), never an item of its own. The rows after it numbered in the same way
    (`其中：（1）购置费` then `（2）运行维护费`) are parts of the same row."""
    parent: dict[int, Row] = {}
    series: dict[int, int | None] = {}  # the ordinal kind of the current 其中 list, per half
    named: dict[int, set[str]] = {}  # the items named so far in each half
    for row in rows:
        label, group = normalize_label(row.label), row.group
        head = _SUB_ROW.match(label)
        if group in parent and (head or (series.get(group) is not None
                                         and _ordinal_kind(label) == series[group])):
            row.part_of = parent[group].key
            if head:
                series[group] = _ordinal_kind(label[head.end():])
            continue
        item = strip_ordinal(label)
        above = parent.get(group)
        if (above is not None and not row.code and item in named.get(group, ()) and _breaks_down(above)):
            # 年初财政拨款结转和结余 followed by 一般公共预算财政拨款 … again: the items above, now as
            # the parts of that row (not copies of the income rows of the same names)
            row.part_of = above.key
            continue
        named.setdefault(group, set()).add(item)
        series[group] = None
        parent[group] = row


def _breaks_down(row: Row) -> bool:
    """A row the items after it may break down: unnumbered, not a code, not a grand total."""
    label = normalize_label(row.label)
    return bool(label) and not row.code and _ordinal_kind(label) is None and not label.endswith(("合计", "总计"))


def _renamed(rows: list[_LogicalRow], names: dict[str, str], coded: bool) -> dict[str, str]:
    """Labels worded otherwise -> the key rules use, in a table with (`coded`) or without codes:
    a coded table's grand total (总计 -> 合计), a summary table's lines (当年收入小计 ->
    本年收入合计). Only for a table that has no row of that name already."""
    if any(lr.code for lr in rows) != coded:
        return {}
    labels = {lr.label for lr in rows if not lr.code}
    return {label: key for label, key in names.items() if label in labels and key not in labels}


def _header_unit(path: str) -> str | None:
    m = _HEADER_UNIT.search(leaf(path))
    return (m.group(1) or m.group(2)) if m else None


def _usual_decimals(facts: list[Fact]) -> int:
    counts = Counter(f.decimals for f in facts if f.unit in MONEY_UNITS)
    return counts.most_common(1)[0][0] if counts else 2
