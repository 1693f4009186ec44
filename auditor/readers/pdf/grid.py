"""Ruled grids: rules that touch make a table; its text goes into cells, one per grid column,
with merged (spanning) cells where a rule between units of the grid is missing."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .lines import Item
from .raw import Glyph
from .ruling import SNAP, TOUCH, Rule
from .text import cell_text


@dataclass(slots=True)
class Grid:
    """A ruled table: column edges `xs`, row edges `ys`, and the rules that draw it."""

    xs: list[float]
    ys: list[float]
    hs: list[Rule]
    vs: list[Rule]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[0] - 1 <= y <= self.ys[-1] + 1

    def has_vertical(self, x: float, y0: float, y1: float) -> bool:
        """Is there a rule at column edge x across the band y0..y1 (at its middle)?"""
        mid = (y0 + y1) / 2
        return any(abs(v.pos - x) <= SNAP and v.start - 1 <= mid <= v.end + 1 for v in self.vs)

    def has_horizontal(self, y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(abs(h.pos - y) <= SNAP and h.start - 1 <= mid <= h.end + 1 for h in self.hs)


def disjoint_sets(n: int) -> tuple[Callable[[int], int], Callable[[int, int], None]]:
    """Union-find over 0..n-1: `root(i)` names i's set, `join(i, j)` merges two sets."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    return root, join


# --- finding grids ------------------------------------------------------------------------


def find_grids(hs: list[Rule], vs: list[Rule]) -> list[Grid]:
    """Group rules that touch into tables; a table needs at least two rules each way."""
    root, join = disjoint_sets(len(hs) + len(vs))
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.start - TOUCH <= v.pos <= h.end + TOUCH and v.start - TOUCH <= h.pos <= v.end + TOUCH:
                join(i, len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(root(len(hs) + j), ([], []))[1].append(v)
    grids = [_grid(g_hs, g_vs) for g_hs, g_vs in groups.values() if len(g_hs) >= 2 and len(g_vs) >= 2]
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _edges(values: Iterable[float]) -> list[float]:
    """Cluster positions closer than SNAP; each cluster's first position is its edge."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid:
    # The outer box comes from the rules' extent too, for tables with open sides.
    xs = _edges([v.pos for v in vs] + [min(h.start for h in hs), max(h.end for h in hs)])
    ys = _edges([h.pos for h in hs] + [min(v.start for v in vs), max(v.end for v in vs)])
    return Grid(xs, ys, hs, vs)


# --- cells --------------------------------------------------------------------------------


def grid_rows(grid: Grid, glyphs: list[Glyph], serial: int = 0) -> list[Item]:
    """Rows of one ruled table, one cell per grid column; spanned cells keep their leftmost slot."""
    xs, ys = grid.xs, grid.ys
    ncol, nrow = len(xs) - 1, len(ys) - 1
    root, join = disjoint_sets(nrow * ncol)
    # Units of the grid merge where the rule between them is missing: a spanning cell.
    for r in range(nrow):
        for c in range(ncol):
            if c + 1 < ncol and not grid.has_vertical(xs[c + 1], ys[r], ys[r + 1]):
                join(r * ncol + c, r * ncol + c + 1)
            if r + 1 < nrow and not grid.has_horizontal(ys[r + 1], xs[c], xs[c + 1]):
                join(r * ncol + c, (r + 1) * ncol + c)
    cells: dict[int, list[Glyph]] = {}
    for g in glyphs:
        c = min(max(bisect.bisect_right(xs, g.cx) - 1, 0), ncol - 1)
        r = min(max(bisect.bisect_right(ys, g.cy) - 1, 0), nrow - 1)
        cells.setdefault(root(r * ncol + c), []).append(g)
    units: dict[int, list[int]] = {}
    for u in range(nrow * ncol):
        units.setdefault(root(u), []).append(u)
    rows: dict[int, list[str]] = {}
    for key, members in cells.items():
        text = cell_text(members)
        if not text:
            continue
        r, c = _anchor(units[key], members, ys, ncol)
        rows.setdefault(r, [""] * ncol)[c] = text
    # A merged cell's id is its first unit, so both backends number it alike.
    first = {key: min(members) for key, members in units.items()}
    return [
        Item(ys[r], ys[r + 1], cells, False, serial, [first[root(r * ncol + c)] for c in range(ncol)],
             [_span(units[root(r * ncol + c)], r, ncol, xs) for c in range(ncol)])
        for r, cells in sorted(rows.items())
    ]


def _span(members: list[int], row: int, ncol: int, xs: list[float]) -> tuple[float, float]:
    """The x extent, in this row, of the drawn cell made of these grid units."""
    cols = [u % ncol for u in members if u // ncol == row]
    return round(xs[min(cols)], 1), round(xs[max(cols) + 1], 1)


def _anchor(members: list[int], glyphs: list[Glyph], ys: list[float], ncol: int) -> tuple[int, int]:
    """Where a (possibly spanning) cell's text goes: the row of its text's middle, leftmost column."""
    mid = (min(g.top for g in glyphs) + max(g.bottom for g in glyphs)) / 2
    rows = sorted({u // ncol for u in members})
    row = min(
        rows, key=lambda r: 0 if ys[r] <= mid <= ys[r + 1] else min(abs(ys[r] - mid), abs(ys[r + 1] - mid))
    )
    col = min(u % ncol for u in members if u // ncol == row)
    return row, col
