"""Find the table regions of a document: title, meta lines, rows, continuation blocks, notes.

A table body is a run of table rows (lines with several cells). Blank lines, page breaks and
meta lines (部门：…, 单位：万元, 公开01表, 续表) inside it do not end it, so a table that
continues after a blank line or on the next page stays one table. A prose line ends it. A
block after a break that starts with rows of another width is a new table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Line
from ..numbers import is_number
from .kinds import Catalogue, TableKind

_META = re.compile(
    r"^(?:(?:编制|预算|填报|主管)?(?:部门|单位)(?:名称)?\s*[:：]|(?:金额)?单位\s*[:：]|公开\s*\d+\s*表|表\s*\d+$"
    r"|附表\s*\d*|续表|[（(]续[)）]|\d{4}\s*年度?$)"
)
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元|亿元|千元)")
_DEPT = re.compile(r"^(?:编制|预算|填报)?(?:部门|单位)(?:名称)?\s*[:：]\s*(.+)$")
_TOC = re.compile(r"^[-•·]\s|\.{4,}|…{2,}|\s\d+\s*$")
_SEPARATOR = re.compile(r"^[-—=:|\s]+$")


def is_meta(line: Line) -> bool:
    cells = line.filled
    return bool(cells) and all(_META.match(c.strip().lstrip("*")) for c in cells)


def is_separator(line: Line) -> bool:
    cells = line.filled
    return bool(cells) and all(_SEPARATOR.match(c) for c in cells)


def meta_unit(line: Line) -> str | None:
    for cell in line.filled:
        m = _UNIT.search(cell)
        if m:
            return m.group(1)
    return None


def meta_department(line: Line) -> str | None:
    for cell in line.filled:
        m = _DEPT.match(cell.strip())
        if m and not _UNIT.search(cell):
            value = m.group(1).strip()
            if value and value not in ("万元", "元", "亿元"):
                return value
    return None


@dataclass(slots=True)
class Block:
    """Rows of one table between two breaks (blank lines or a page break)."""

    rows: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Region:
    title: str | None
    title_line: Line | None
    kind: TableKind | None
    blocks: list[Block]
    meta: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)

    @property
    def rows(self) -> list[Line]:
        return [r for b in self.blocks for r in b.rows]

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    @property
    def unit(self) -> str | None:
        return next((u for u in map(meta_unit, self.meta) if u), None)

    @property
    def first(self) -> Line:
        return self.title_line or self.blocks[0].rows[0]

    @property
    def last(self) -> Line:
        return self.blocks[-1].rows[-1]


def is_row(line: Line) -> bool:
    return line.is_tabular and not line.is_blank and not is_meta(line) and not is_separator(line)


def find_regions(lines: list[Line], catalogue: Catalogue, doc_kind: str | None) -> list[Region]:
    regions: list[Region] = []
    i, n, floor = 0, len(lines), 0
    while i < n:
        if not is_row(lines[i]):
            i += 1
            continue
        title_line, kind, meta = _title_before(lines, i, floor, catalogue, doc_kind)
        region = Region(title=title_line.text if title_line else None, title_line=title_line, kind=kind,
                        blocks=[], meta=meta)
        i = _collect_body(lines, i, region)
        i = floor = _collect_notes(lines, i, region)
        regions.append(region)
    return regions


def _title_before(
    lines: list[Line], i: int, floor: int, catalogue: Catalogue, doc_kind: str | None
) -> tuple[Line | None, TableKind | None, list[Line]]:
    """Walk back over blank and meta lines to the title, if the first prose line is one."""
    meta: list[Line] = []
    for j in range(i - 1, floor - 1, -1):
        line = lines[j]
        if line.is_blank:
            continue
        if is_meta(line):
            meta.append(line)
            continue
        if line.is_tabular or is_separator(line) or _TOC.search(line.text):
            break
        kind = catalogue.match_title(line.text, doc_kind)
        if kind is not None:
            return line, kind, meta[::-1]
        break
    return None, None, meta[::-1]


def _collect_body(lines: list[Line], i: int, region: Region) -> int:
    block = Block()
    width = len(lines[i].cells)
    n = len(lines)
    while i < n:
        line = lines[i]
        if is_row(line):
            page_break = bool(block.rows) and line.page != block.rows[-1].page
            if page_break and block.rows:
                region.blocks.append(block)
                block = Block()
            if not block.rows and region.blocks and _starts_new_table(line, width):
                break
            block.rows.append(line)
            i += 1
        elif line.is_blank or is_separator(line):
            if block.rows:
                region.blocks.append(block)
                block = Block()
            i += 1
        elif is_meta(line):
            region.meta.append(line)
            i += 1
        else:
            break
    if block.rows:
        region.blocks.append(block)
    return i


def _starts_new_table(line: Line, width: int) -> bool:
    """After a break, a header row of another width opens a new (untitled) table."""
    return len(line.cells) != width and not any(is_number(c) for c in line.cells)


_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：\d]|本表|为空表|空表|无数据")


def _collect_notes(lines: list[Line], i: int, region: Region) -> int:
    """Note lines right after the body (注：…, 2. 本单位没有…故本表为空表) belong to the table."""
    n = len(lines)
    j = i
    in_note = False
    while j < n:
        line = lines[j]
        if line.is_blank:
            j += 1
            continue
        if line.is_tabular:
            break
        text = line.text
        if _NOTE.search(text) or (in_note and re.match(r"^\d+[.、．]", text)):
            region.notes.append(line)
            in_note = True
            j += 1
            i = j
            continue
        break
    return i
