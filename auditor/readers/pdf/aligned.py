"""Unruled tables: columns from text alignment alone (no rules, or only the rules of a 三线表).

Lines split by wide gaps into pieces (`chunks`) are rows of a table when several follow one
another. Their columns are the x-ranges where pieces of different lines overlap: figures are
right-aligned and labels left-aligned in their column, so a column's pieces always overlap. A
header cell centred over several columns (收入 over 项目 | 行次 | 金额) is the exception: it is
left out of the columns and goes to the first column of the widest span it is centred over
that holds no other text of its row. Such a cell may overlap a single column's text (本年支出
over 小计 | 基本支出 | 项目支出 overlaps only 基本支出): it is found as sitting centred over a run
of columns closer than it is aligned in that column, or overhanging the edge that column's
figures (right) or labels (left) are flush with. A column's extent is its text's, widened on
pages where its text is short by the centre of a header centred in it (科目名称 over short
labels), so that spans are measured over whole columns. Lines closer together than rows are
(a label wrapped in its cell) are one row, their pieces joined per column.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from .raw import Glyph
from .text import join_wrapped, line_text

WRAP_GAP = 0.5  # em: lines closer than this are the wrapped lines of one row
ROW_GAP = 0.6  # ... and closer than this share of the table's usual gap between rows
CENTRED = 0.75  # em: how far a centred text may sit from the middle of its columns
EDGE = 0.25  # em: text this close to a column's edge is aligned to it


@dataclass(slots=True)
class Piece:
    glyphs: list[Glyph]
    line: int  # the physical line of the run
    x0: float
    x1: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


def em(lines: list[list[Glyph]]) -> float:
    return median(g.size for line in lines for g in line)


def line_gap(upper: list[Glyph], lower: list[Glyph]) -> float:
    return min(g.top for g in lower) - max(g.bottom for g in upper)


def wraps(upper: list[Glyph], lower: list[Glyph]) -> bool:
    """Is `lower` so close under `upper` that it can only be the wrapped text of its cells?"""
    return line_gap(upper, lower) < WRAP_GAP * em([upper, lower])


def row_groups(lines: list[list[Glyph]]) -> list[list[int]]:
    """Physical lines grouped into rows: a line closer to the one above than rows are apart
    continues that row (a wrapped cell)."""
    gaps = [line_gap(a, b) for a, b in zip(lines, lines[1:], strict=False)]
    # Rows are the widest apart (when most cells wrap, most gaps are within a row).
    limit = min(WRAP_GAP * em(lines), ROW_GAP * max(gaps, default=0.0))
    groups = [[0]]
    for k, gap in enumerate(gaps, start=1):
        if gap < limit:
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def merge(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into columns: those whose x-ranges overlap, left to right."""
    groups: list[list[Piece]] = []
    right = 0.0
    for p in sorted(pieces, key=lambda p: p.x0):
        if groups and p.x0 < right:
            groups[-1].append(p)
            right = max(right, p.x1)
        else:
            groups.append([p])
            right = p.x1
    return groups


def alignment(members: list[Piece], size: float) -> str | None:
    """"right" when more of a column's texts end at its right edge than start at its left edge
    (figures), "left" when fewer (labels), else None."""
    x0, x1 = min(p.x0 for p in members), max(p.x1 for p in members)
    tol = EDGE * size
    lefts = sum(1 for p in members if p.x0 <= x0 + tol)
    rights = sum(1 for p in members if p.x1 >= x1 - tol)
    return "right" if rights > lefts else "left" if lefts > rights else None


def extent(members: list[Piece], size: float) -> list[float]:
    """A column's x-range: its text's, widened when the column is mostly right-aligned (figures)
    or left-aligned (labels) and a text centred in it (a header) shows it is wider than its text
    on this page."""
    x0, x1 = min(p.x0 for p in members), max(p.x1 for p in members)
    tol = EDGE * size
    side = alignment(members, size)
    if side == "right":
        mids = [p.mid for p in members if p.x1 < x1 - tol]
        if mids:
            x0 = min(x0, 2 * median(mids) - x1)
    elif side == "left":
        mids = [p.mid for p in members if p.x0 > x0 + tol]
        if mids:
            x1 = max(x1, 2 * median(mids) - x0)
    return [x0, x1]


def extents(groups: list[list[Piece]], size: float) -> list[list[float]]:
    """The columns' x-ranges (widened ones stop short of their neighbours)."""
    cols = [extent(g, size) for g in groups]
    for k in range(1, len(cols)):
        left, right = min(p.x0 for p in groups[k]), max(p.x1 for p in groups[k - 1])
        cols[k - 1][1] = min(cols[k - 1][1], max(right, left - EDGE * size))
        cols[k][0] = max(cols[k][0], min(left, right + EDGE * size))
    return cols


def misfit(p: Piece, col: list[float], side: str | None, size: float) -> float:
    """How far a piece is from sitting left-aligned, right-aligned or centred in a column; it
    cannot belong to a column of figures it overhangs on the right (their edge is the column's),
    nor to a column of labels it overhangs on the left."""
    tol = EDGE * size
    if (side == "right" and p.x1 > col[1] + tol) or (side == "left" and p.x0 < col[0] - tol):
        return float("inf")
    return min(abs(p.x0 - col[0]), abs(p.x1 - col[1]), abs(p.mid - (col[0] + col[1]) / 2))


def centred_over(p: Piece, others: list[Piece], cols: list[list[float]], size: float) -> float | None:
    """How far off centre a piece is over the best run of two or more columns that it lies
    within and that no other piece of its line enters."""
    tol = CENTRED * size
    best = None
    for a in range(len(cols)):
        for b in range(a + 1, len(cols)):
            left, right = cols[a][0], cols[b][1]
            if any(q.x0 < right and q.x1 > left for q in others):
                break
            if left > p.x0 + tol or right < p.x1 - tol:
                continue
            off = abs((left + right) / 2 - p.mid)
            if off <= tol and (best is None or off < best):
                best = off
    return best


def columns(pieces: list[Piece], by_line: list[list[Piece]], size: float) -> tuple[list[list[float]], set[int]]:
    """Column x-ranges from the pieces that overlap at most one piece of any other line and are
    not centred over several columns; the others (ids) span columns.

    A piece is taken for spanning when it sits centred over a run of columns that no other text
    of its line enters, closer than it is aligned in the column it overlaps (measured without
    it); one at a time, the clearest first, as every header found narrows its column."""
    spanning = set()
    for p in pieces:
        for k, other in enumerate(by_line):
            if k != p.line and sum(1 for q in other if q.x0 < p.x1 and q.x1 > p.x0) >= 2:
                spanning.add(id(p))
                break
    while True:
        groups = merge([p for p in pieces if id(p) not in spanning])
        cols = extents(groups, size)
        best: tuple[float, int] | None = None
        for k, group in enumerate(groups):
            for p in group:
                rest = [q for q in group if q is not p]
                if rest and len({q.line for q in group}) > 1:
                    own = extents([*groups[:k], rest, *groups[k + 1 :]], size)
                    fit = misfit(p, own[k], alignment(rest, size), size)
                else:  # alone in its column
                    own = [*cols[:k], *cols[k + 1 :]]
                    fit = float("inf")
                if fit <= EDGE * size:
                    continue
                off = centred_over(p, [q for q in by_line[p.line] if q is not p], own, size)
                if off is not None and off < fit and (best is None or fit - off > best[0]):
                    best = (fit - off, id(p))
        if best is None:
            return cols, spanning
        spanning.add(best[1])


def place(p: Piece, row: list[Piece], below: list[Piece], cols: list[list[float]], spanning: bool,
          size: float) -> int:
    """The column a piece's text goes to: its own when aligned to its column's edge, else the
    first of the widest run of columns it is centred over that no other piece of the row enters,
    else the first column to its left that its row leaves empty and the row below fills."""
    tol = CENTRED * size
    own = min(range(len(cols)), key=lambda i: 0 if cols[i][0] <= p.mid <= cols[i][1] else
              min(abs(cols[i][0] - p.mid), abs(cols[i][1] - p.mid)))
    if not spanning and cols[own][0] <= p.mid <= cols[own][1]:
        if abs(p.x0 - cols[own][0]) <= tol / 3 or abs(p.x1 - cols[own][1]) <= tol / 3:
            return own
    # the other cells of the row (not the wrapped lines of this one)
    others = [q for q in row if q is not p and (q.line == p.line or q.x0 >= p.x1 or q.x1 <= p.x0)]
    best: tuple[int, int] | None = None
    for a in range(len(cols)):
        if cols[a][0] > p.x0 + tol:
            break
        for b in range(a, len(cols)):
            left, right = cols[a][0], cols[b][1]
            if right < p.x1 - tol:
                continue
            if any(q.x0 < right and q.x1 > left for q in others):
                break
            if abs((left + right) / 2 - p.mid) <= tol and (best is None or b - a > best[1] - best[0]):
                best = (a, b)
    if best is not None:
        return best[0]
    if spanning:
        own = next((i for i, c in enumerate(cols) if c[1] > p.x0), own)
    start = own
    while start > 0 and not any(q.x0 < cols[start - 1][1] and q.x1 > cols[start - 1][0] for q in others) and any(
        q.x0 < cols[start - 1][1] and q.x1 > cols[start - 1][0] for q in below
    ):
        start -= 1
    return start


def aligned_rows(run: list[list[list[Glyph]]]) -> list[tuple[list[Glyph], list[str]]]:
    """Rows of an unruled table from its physical lines (each a list of pieces): glyphs and cells."""
    lines = [sum(r, []) for r in run]
    size = em(lines)
    by_line = [[Piece(g, k, g[0].x0, g[-1].x1) for g in r] for k, r in enumerate(run)]
    pieces = [p for line in by_line for p in line]
    cols, spanning = columns(pieces, by_line, size)
    out = []
    groups = row_groups(lines)
    rows = [[p for k in group for p in by_line[k]] for group in groups]
    for group, row, below in zip(groups, rows, [*rows[1:], []], strict=True):
        texts: list[list[str]] = [[] for _ in cols]
        for p in row:  # top to bottom, left to right
            texts[place(p, row, below, cols, id(p) in spanning, size)].append(line_text(p.glyphs))
        out.append(([g for k in group for g in lines[k]], [join_wrapped(t) for t in texts]))
    return out
