"""Column paths from a flattened multi-row header.

Merged header cells reach us flattened: the text sits in the top-left cell of the merged
area and the other cells are blank. A blank header cell belongs to the cell on its left when
that cell heads a group (it has sub-headers under it), and to the filled cell below it
otherwise (a cell merged over several rows). A column with no header text at all gets `列N`.
"""

from __future__ import annotations

from ..text import normalize_label


def column_paths(header_rows: list[list[str]], width: int) -> list[str]:
    grid = [[normalize_label(c) for c in row] + [""] * (width - len(row)) for row in header_rows]
    return [_path(grid, j) for j in range(width)]


def _path(grid: list[list[str]], j: int) -> str:
    if not any(row[j] for row in grid):
        return f"列{j + 1}"
    parts: list[str] = []
    for r, row in enumerate(grid):
        if row[j]:
            parts.append(row[j])
            continue
        spanning = _spanning_cell(grid, r, j)
        if spanning and (not parts or parts[-1] != spanning):
            parts.append(spanning)
    return "/".join(parts)


def _spanning_cell(grid: list[list[str]], r: int, j: int) -> str | None:
    """The group header to the left of blank cell (r, j) that spans over column j, if any."""
    if r + 1 >= len(grid):
        return None  # a blank leaf: the column's header is what stands above it
    k = j - 1
    while k >= 0 and not grid[r][k]:
        k -= 1
    if k < 0:
        return None
    # The left cell heads a group when the row below has sub-headers under its span.
    if any(grid[r + 1][m] for m in range(k, j + 1)):
        return grid[r][k]
    return None


def leaf(path: str) -> str:
    return path.rsplit("/", 1)[-1]
