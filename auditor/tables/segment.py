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
from ..numbers import is_code, is_number
from ..text import ORDINAL, normalize_label
from .kinds import Catalogue, TableKind, normalize_title

_META = re.compile(
    r"^(?:(?:编制|预算|填报|预算主管|主管)?(?:部门|单位)(?:名称)?\s*[:：]|(?:金额)?单位\s*[:：]|公开\s*\d+\s*表|表\s*\d+$"
    r"|附表\s*\d*|续表|[（(]续[)）]|\d{4}\s*年度?$)"
)
# A money unit, or a unit of counts (`单位：人` over a staffing table) standing alone in its cell.
_UNIT = re.compile(r"单位\s*[:：]\s*(?:(万元|元|亿元|千元)|(人|个|辆|台|套|家|项|%)\s*$|(万|亿|千)\s*$)")
_DEPT = re.compile(r"^(?:编制|预算|填报|预算主管|主管)?(?:部门|单位)(?:名称)?\s*[:：]\s*(.+)$")
_CONTINUED = re.compile(r"续表|[（(]\s*续\s*[)）]")
_UNIT_TAIL = re.compile(r"\s*(?:金额)?单位\s*[:：]\s*(?:万元|元|亿元|千元)\s*$")
_TOC = re.compile(r"^[-•·]\s|\.{4,}|…{2,}|\s\d+\s*$")
_SEPARATOR = re.compile(r"^[-—=:|\s]+$")
_UNKNOWN_TITLE = re.compile(r"[^\d\s]{2,}(?:表|明细表?|一览表?)$")  # `人员编制情况表`: a title no alias names
_TITLE_MAX = 40


def is_meta(line: Line) -> bool:
    cells = line.filled
    return bool(cells) and all(_META.match(c.strip().lstrip("*")) for c in cells)


def is_separator(line: Line) -> bool:
    cells = line.filled
    return bool(cells) and all(_SEPARATOR.match(c) for c in cells)


def meta_unit(line: Line) -> str | None:
    for cell in line.filled:
        m = _UNIT.search(cell)
        if m:  # `单位：万` whose `元` wrapped onto the next line is 万元
            return m.group(1) or m.group(2) or f"{m.group(3)}元"
    return None


# what may follow 单位： besides a name: a unit, or the first character of one that wrapped
_NOT_NAMES = ("万元", "元", "亿元", "千元", "万", "亿", "千")


def meta_department(line: Line) -> str | None:
    for cell in line.filled:
        # `编制部门：XX局　　单位：万元` in one cell: the unit is not part of the name
        cell = _UNIT_TAIL.sub("", cell.strip())
        m = _DEPT.match(cell)
        if m and not _UNIT.search(cell):
            value = m.group(1).strip()
            if value and value not in _NOT_NAMES:
                return value
    return None


@dataclass(slots=True)
class Block:
    """Rows of one table between two breaks (blank lines or a page break)."""

    rows: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Region:
    title: str | None
    title_lines: list[Line]  # the title may be printed over two lines; [] for an untitled table
    kind: TableKind | None
    blocks: list[Block]
    meta: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)
    department_tail: str = ""  # the end of a 部门： name that wrapped onto a line of its own

    @property
    def department(self) -> str | None:
        name = next((d for d in map(meta_department, self.meta) if d), None)
        return name + self.department_tail if name else None

    @property
    def department_line(self) -> Line | None:
        """The meta line that names the department (where a finding about the name points)."""
        return next((ln for ln in self.meta if meta_department(ln)), None)

    @property
    def title_line(self) -> Line | None:
        return self.title_lines[0] if self.title_lines else None

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
        title_lines, kind, meta = _title_before(lines, i, floor, catalogue, doc_kind)
        if not title_lines and (hit := _title_row(lines[i], catalogue, doc_kind)):
            title_lines, kind = [lines[i]], hit  # a form's title in the first row of its own grid
            i += 1
            if i >= n or not is_row(lines[i]):
                continue
        title = "".join(ln.text for ln in title_lines) or None
        region = Region(title=title, title_lines=title_lines, kind=kind, blocks=[], meta=meta,
                        department_tail="".join(ln.text for ln in meta if not is_meta(ln) and ln.text != "元"))
        i = _collect_body(lines, i, region, catalogue, doc_kind)
        i = floor = _collect_notes(lines, i, region)
        regions.append(region)
    return regions


def _title_before(
    lines: list[Line], i: int, floor: int, catalogue: Catalogue, doc_kind: str | None
) -> tuple[list[Line], TableKind | None, list[Line]]:
    """Walk back over blank and meta lines to the title, if the first prose line is one."""
    meta: list[Line] = []
    for j in range(i - 1, floor - 1, -1):
        line = lines[j]
        if line.is_blank:
            continue
        if is_meta(line):
            meta.append(line)
            continue
        if _meta_fragment(lines, j, floor):
            meta.append(line)  # `公厅` of `部门：中国共产党江苏省委员会办` wrapped below the 单位 line
            continue
        if not _may_be_title(line):
            break
        hit = catalogue.title_match(line.text, doc_kind)
        first = lines[j - 1] if j - 1 >= floor else None
        if first is not None and _may_be_title(first) and first.page == line.page:
            # a title printed over two lines: take both when together they name a longer alias
            both = catalogue.title_match(first.text + line.text, doc_kind)
            if both and (hit is None or len(both[0]) > len(hit[0])):
                return [first, line], both[1], meta[::-1]
        if hit is not None:
            return [line], hit[1], meta[::-1]
        if _UNKNOWN_TITLE.search(normalize_title(line.text)) and len(line.text) <= _TITLE_MAX:
            return [line], None, meta[::-1]  # a table no alias names (未识别表格) keeps its title
        break
    return [], None, meta[::-1]


_FRAGMENT_MAX = 4


def _meta_fragment(lines: list[Line], j: int, floor: int) -> bool:
    """A few characters on a line of their own just under a 部门：/单位： line: the rest of a name
    the page cut off, never a title."""
    line = lines[j]
    text = line.text
    if line.is_tabular or not text or len(text) > _FRAGMENT_MAX or not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return False
    before = [lines[k] for k in range(j - 1, floor - 1, -1) if not lines[k].is_blank][:2]
    if text == "元":  # the end of `单位：万` / `元`, wrapped
        return bool(before) and before[0].page == line.page and is_meta(before[0]) and any(
            (m := _UNIT.search(c)) is not None and m.group(3) for c in before[0].filled)
    # the name ran past the page's edge: its end is printed under the 单位：万元 that followed it
    if len(before) < 2 or any(b.page != line.page or not is_meta(b) for b in before):
        return False
    unit, dept = before
    return meta_unit(unit) is not None and meta_department(unit) is None and meta_department(dept) is not None


def _may_be_title(line: Line) -> bool:
    return not (line.is_blank or line.is_tabular or is_meta(line) or is_separator(line)
                or _TOC.search(line.text) or line.text.endswith(_SENTENCE_END))


def _title_row(line: Line, catalogue: Catalogue, doc_kind: str | None) -> TableKind | None:
    """A row whose one filled cell is a table title (a form drawn with its title inside the grid)."""
    cells = line.filled
    if not line.ruled or len(cells) != 1 or is_number(cells[0]):
        return None
    hit = catalogue.title_match(cells[0], doc_kind)
    return hit[1] if hit else None


def _collect_body(lines: list[Line], i: int, region: Region, catalogue: Catalogue | None = None,
                  doc_kind: str | None = None) -> int:
    block = Block()
    width = len(lines[i].cells)
    n = len(lines)
    while i < n:
        line = lines[i]
        if is_row(line):
            if block.rows and _other_grid(block.rows[-1], line) and _header_words(line):
                break  # the next ruled table on the page, right under this one
            if block.rows and catalogue is not None and _title_row(line, catalogue, doc_kind):
                break  # the next form, its title in its own first row
            page_break = bool(block.rows) and line.page != block.rows[-1].page
            if page_break and block.rows:
                region.blocks.append(block)
                block = Block()
            if not block.rows and region.blocks and _starts_new_table(line, width):
                break
            block.rows.append(line)
            i += 1
        elif line.is_blank or is_separator(line) or _page_foot_number(lines, i):
            if block.rows:
                region.blocks.append(block)
                block = Block()
            i += 1
        elif block.rows and _label_between_rows(lines, i, block.rows[-1]):
            block.rows.append(line)  # a label in a merged cell, read as a line of its own
            i += 1
        elif is_meta(line) or _continued_title(line, region, block):
            if not is_meta(line) and block.rows:  # a repeated title is a break, like a page break
                region.blocks.append(block)
                block = Block()
            region.meta.append(line)
            i += 1
        else:
            break
    if block.rows:
        region.blocks.append(block)
    return i


_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4})?[-—–\s]*$")


def _page_foot_number(lines: list[Line], i: int) -> bool:
    """A page number printed under a table that goes on over the page (`6` as the last line of
    its page): furniture the reader left in, which must not end the table."""
    line = lines[i]
    if line.page is None or line.is_tabular or not _PAGE_NUMBER.match(line.text):
        return False
    return i + 1 >= len(lines) or lines[i + 1].page != line.page


_LABEL_LINE_MAX = 20


def _label_between_rows(lines: list[Line], i: int, prev: Line) -> bool:
    """A short label alone on its line between two rows of one grid (`上年结转和结余资金` in a
    merged cell spanning the columns): a row of the table, not prose that ends it."""
    line = lines[i]
    text = line.text
    if (line.is_tabular or not text or len(text) > _LABEL_LINE_MAX or text.endswith(_SENTENCE_END)
            or any(ch.isdigit() for ch in text) or line.page != prev.page or i + 1 >= len(lines)):
        return False
    nxt = lines[i + 1]
    return is_row(nxt) and nxt.page == line.page and (not prev.ruled or nxt.grid == prev.grid)


def _continued_title(line: Line, region: Region, block: Block) -> bool:
    """The table's title again over its continuation: `收入决算表（续）`, or the same title on a new page."""
    if region.title is None or normalize_title(line.text) != normalize_title(region.title):
        return False
    last = block.rows[-1] if block.rows else (region.blocks[-1].rows[-1] if region.blocks else None)
    return bool(_CONTINUED.search(line.text)) or (last is not None and line.page != last.page)


def _other_grid(prev: Line, line: Line) -> bool:
    """Two rows of one page drawn in different ruled grids."""
    return prev.ruled and line.ruled and prev.page == line.page and prev.grid != line.grid


def _header_words(line: Line) -> bool:
    """A row of column names: no figure or code, and no row label (`一、…`, 合计) in front."""
    cells = line.filled
    if not cells or any(is_number(c) or is_code(c) for c in cells):
        return False
    return not (ORDINAL.match(cells[0]) or normalize_label(cells[0]).endswith(("合计", "总计", "小计")))


def _starts_new_table(line: Line, width: int) -> bool:
    """After a break, a header row of another width opens a new (untitled) table. A header names
    every column; a row with blank cells (`事业收入 | ` at the top of a page, its figure left
    blank) goes on with the table above, whose merged cells the page break has narrowed."""
    return (len(line.cells) != width and not any(is_number(c) for c in line.cells)
            and all(c.strip() for c in line.cells))


_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：\d]|本表|为空表|空表|无数据")


_HEADING = re.compile(r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_SENTENCE_END = ("。", "；", ";", "：", ":", ".")


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
        # the next line of a note wrapped by the page (no heading starts there)
        wrapped = (in_note and not region.notes[-1].text.endswith(_SENTENCE_END) and not _HEADING.match(text)
                   and line.page == region.notes[-1].page)  # the next page starts with its own title
        if _NOTE.search(text) or (in_note and re.match(r"^\d+[.、．]", text)) or wrapped:
            region.notes.append(line)
            in_note = True
            j += 1
            i = j
            continue
        break
    return i
