"""Layout of a table's rows: header block, index rows, repeated headers, side-by-side groups."""

from __future__ import annotations

from ..document import Line
from ..numbers import is_code, parse_number
from ..text import ORDINAL, bare_header, normalize_label
from .header import leaf

TOTAL_LABELS = ("合计", "总计", "小计")
INDEX_LABELS = ("栏次", "行次")
_LONG_TEXT = 24  # a header cell is a column name; a cell this long is content


def is_index_row(line: Line) -> bool:
    """A row that only numbers the columns: `栏次 1 2 3`, or `1 2 … 12` on its own."""
    words = [normalize_label(c) for c in line.filled]
    numbers = [parse_number(c) for c in words]
    texts = [w for w, n in zip(words, numbers, strict=True) if n is None]
    ints = [int(n.value) for n in numbers if n is not None and n.decimals == 0 and not n.percent]
    if texts:
        return all(t in INDEX_LABELS or t.startswith(INDEX_LABELS) for t in texts) and len(ints) == len(words) - len(texts)
    return len(ints) >= 2 and len(ints) == len(words) and sorted(set(ints)) == list(range(1, len(ints) + 1))


def is_data_row(line: Line) -> bool:
    if is_index_row(line):
        return False
    cells = line.filled
    if any(parse_number(c) is not None or is_code(c) for c in cells):
        return True
    # A total row whose figures are all blank: `合计` and nothing else.
    return len(cells) == 1 and normalize_label(cells[0]) in ("合计", "总计")


def split_header(rows: list[Line]) -> tuple[list[Line], list[Line]]:
    """Leading rows up to the first data row form the header; the rest is the body."""
    for k, row in enumerate(rows):
        if is_data_row(row):
            return rows[:k], rows[k:]
    # No figure anywhere (a blank template, an empty table): the header runs to the first row
    # that only names a row (`一、…`, or a lone label such as `无`), else it is all header.
    for k, row in enumerate(rows[1:], start=1):
        if _names_a_row(row):
            return rows[:k], rows[k:]
    return rows, []


def _names_a_row(line: Line) -> bool:
    filled = [j for j, c in enumerate(line.cells) if c.strip()]
    if not filled:
        return False
    return bool(ORDINAL.match(line.cells[filled[0]])) or filled == [0]


def header_for_paths(header: list[Line]) -> list[Line]:
    """The header rows that name columns: without index rows and rows of running text above them."""
    named = [r for r in header if not is_index_row(r)]
    for k in range(len(named) - 1, -1, -1):
        if any(len(c) > _LONG_TEXT for c in named[k].filled):
            return named[k + 1:] or named[-1:]
    return named


def column_groups(paths: list[str], roles: list[str] | None = None) -> list[tuple[int, int]]:
    """Side-by-side halves: a new group starts where the first column's header comes again.

    Only a label or code column repeated opens a half (`项目 行次 金额 | 项目 行次 金额`); figure
    columns repeated under different groups (`预算数 决算数 | 预算数 决算数`) do not.
    """
    if not paths:
        return []
    leaves = [bare_header(leaf(p)) for p in paths]  # `项目 | 项目(按功能分类)` are both 项目
    starts = [0]
    for j in range(1, len(leaves)):
        opens = roles is None or roles[j] in ("label", "key_code", "code_parts", "index")
        # a header spanning several columns (科目编码 over 类 | 款 | 项) names one column, not halves
        if opens and leaves[j] == leaves[starts[-1]] and not leaves[j].startswith("列") and paths[j] != paths[j - 1]:
            starts.append(j)
        elif roles is not None and roles[j] == "label" and roles[j - 1] == "value" and j - 1 > starts[-1]:
            # 项目名称 金额 | 功能科目名称 金额 | 项目名称 金额: a label after figures opens a half,
            # whatever it is called
            starts.append(j)
    ends = starts[1:] + [len(paths)]
    return list(zip(starts, ends, strict=True))
