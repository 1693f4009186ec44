"""A page's lines in reading order: rows of ruled grids, unruled tables and prose."""

from __future__ import annotations

from .grid import find_grids, grid_rows
from .lines import Item, text_lines
from .raw import Glyph, RawPage
from .ruling import page_rules
from .text import group_lines


def layout_page(page: RawPage) -> list[Item]:
    """All lines of a page in reading order: table rows and prose lines, top to bottom."""
    grids = find_grids(*page_rules(page.shapes))
    inside: list[list[Glyph]] = [[] for _ in grids]
    prose: list[Glyph] = []
    for g in page.glyphs:
        for k, grid in enumerate(grids):
            if grid.contains(g.cx, g.cy):
                inside[k].append(g)
                break
        else:
            prose.append(g)
    items = [
        item
        for k, (grid, gl) in enumerate(zip(grids, inside, strict=True))
        if gl
        for item in grid_rows(grid, gl, k)
    ]
    items += text_lines(group_lines(prose))
    return sorted(items, key=lambda it: (it.top, it.bottom))
