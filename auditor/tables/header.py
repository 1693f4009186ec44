"""Column paths from a flattened multi-row header.

Merged header cells reach us flattened: the text sits in one slot of the merged area and the
other slots are blank. When the reader knows which slots a drawn cell covers (ruled PDF
tables give `cell_ids`), a blank slot takes the text of the cell covering it. Otherwise (tabs,
or a slot that is an empty cell of its own) a blank header cell belongs to the cell on its
left when that cell heads a group (it has sub-headers under it), and to the filled cell below
it otherwise (a cell merged over several rows). A column with no header text at all gets `列N`.

A header cell naming the label columns (`项目` over 科目编码 | 科目名称) spans those columns
only: it never becomes the group of the figures to its right.
"""

from __future__ import annotations

from collections.abc import Callable

from ..text import normalize_label

IsLabel = Callable[[str], bool]
Grid = list[list[str]]
Ids = list[list[int | None]]


def column_paths(
    header_rows: list[list[str]],
    width: int,
    cell_ids: list[list[int] | None] | None = None,
    is_label: IsLabel | None = None,
) -> list[str]:
    grid = [[normalize_label(c) for c in row] + [""] * (width - len(row)) for row in header_rows]
    ids = _id_grid(cell_ids, len(grid), width)
    is_label = is_label or (lambda _text: False)
    labels = _label_columns(grid, is_label)
    return [_path(grid, ids, j, labels, is_label) for j in range(width)]


def _id_grid(cell_ids: list[list[int] | None] | None, rows: int, width: int) -> Ids:
    """Per header slot the drawn cell's id, or None where the source does not say."""
    out: Ids = []
    for r in range(rows):
        row = (cell_ids[r] if cell_ids and r < len(cell_ids) else None) or []
        out.append([row[j] if j < len(row) else None for j in range(width)])
    return out


def _label_columns(grid: Grid, is_label: IsLabel) -> set[int]:
    """Columns whose lowest header text names a label or code column (科目编码, 科目名称, 项目)."""
    out = set()
    for j in range(len(grid[0]) if grid else 0):
        lowest = next((row[j] for row in reversed(grid) if row[j]), "")
        if lowest and is_label(lowest):
            out.add(j)
    return out


def _path(grid: Grid, ids: Ids, j: int, labels: set[int], is_label: IsLabel) -> str:
    parts: list[str] = []
    for r in range(len(grid)):
        text = grid[r][j] or _blank_slot(grid, ids, r, j, labels, is_label)
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    return "/".join(parts) if parts else f"列{j + 1}"


def _blank_slot(grid: Grid, ids: Ids, r: int, j: int, labels: set[int], is_label: IsLabel) -> str | None:
    owner = _merged_owner(grid, ids, r, j)
    if owner is not None:
        return owner or None
    return _spanning_cell(grid, r, j, labels, is_label)


def _merged_owner(grid: Grid, ids: Ids, r: int, j: int) -> str | None:
    """Text of the drawn cell covering blank slot (r, j); "" for an empty cell; None when unknown.

    A cell merged across rows is named where its text sits (the rows repeat it, and repeats
    are dropped), so only a cell spanning columns within this row names the slot here.
    """
    cid = ids[r][j]
    if cid is None:
        return None
    for k in range(len(grid[r])):
        if k != j and ids[r][k] == cid and grid[r][k]:
            return grid[r][k]
    merged_down = any(ids[q][j] == cid for q in range(len(grid)) if q != r)
    return "" if merged_down else None


def _spanning_cell(grid: Grid, r: int, j: int, labels: set[int], is_label: IsLabel) -> str | None:
    """The group header to the left of blank cell (r, j) that spans over column j, if any."""
    if r + 1 >= len(grid):
        return None  # a blank leaf: the column's header is what stands above it
    k = j - 1
    while k >= 0 and not grid[r][k]:
        k -= 1
    if k < 0:
        return None
    if is_label(grid[r][k]) and not all(m in labels for m in range(k, j + 1)):
        return None  # `项目` over the code and name columns does not head the figures
    # The left cell heads a group when rows below have sub-headers under its span (the row
    # right below may be blank where the group cell is merged over two rows).
    if any(grid[q][m] for q in range(r + 1, len(grid)) for m in range(k, j + 1)):
        return grid[r][k]
    return None


def leaf(path: str) -> str:
    return path.rsplit("/", 1)[-1]
