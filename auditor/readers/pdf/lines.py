"""Emitted lines (`Item`) and the lines outside ruled grids: prose, and unruled tables whose
columns show only as wide gaps repeated over several lines."""

from __future__ import annotations

from dataclasses import dataclass

from .aligned import CENTRED, aligned_rows, em, line_gap, wraps
from .raw import Glyph
from .text import line_text

ALIGNED_RUN = 3  # consecutive lines with wide gaps before text alignment is read as a table


@dataclass(slots=True)
class Item:
    """An emitted line before numbering: its top, bottom and cells."""

    top: float
    bottom: float
    cells: list[str]
    prose: bool
    grid: int | None = None  # which ruled grid of the page (table rows only)
    cell_ids: list[int] | None = None  # per slot: the drawn cell covering it (see Line.cell_ids)
    spans: list[tuple[float, float]] | None = None  # per slot: that drawn cell's x extent


def text_item(glyphs: list[Glyph], cells: list[str], prose: bool) -> Item:
    """An item spanning the glyphs' height."""
    return Item(min(g.top for g in glyphs), max(g.bottom for g in glyphs), cells, prose)


def chunks(line: list[Glyph]) -> list[list[Glyph]]:
    """Pieces of a line separated by a gap over two em: the columns of an unruled table."""
    out = [[line[0]]]
    for prev, g in zip(line, line[1:], strict=False):
        if g.x0 - prev.x1 > 2 * max(g.size, prev.size):
            out.append([])
        out[-1].append(g)
    return out


def overlaps(a: list[Glyph], b: list[Glyph]) -> bool:
    return a[0].x0 < b[-1].x1 and b[0].x0 < a[-1].x1


def is_table(run: list[list[list[Glyph]]]) -> bool:
    """Several lines split into pieces; or two lines, a header of three or more pieces and a row
    that splits into the same columns, piece under piece, or holds one cell under one of them
    (`无` under 项目名称 in an empty table)."""
    split = [r for r in run if len(r) >= 2]
    if len(split) >= ALIGNED_RUN:
        return True
    if len(split) == 2 and len(split[0]) == len(split[1]) >= 3:
        return all(overlaps(a, b) for a, b in zip(*split, strict=True))
    return len(run) == 2 and len(run[0]) >= 3 and len(run[1]) == 1 and one_cell_row(run[0], run[1][0])


def one_cell_row(head: list[list[Glyph]], line: list[Glyph]) -> bool:
    """Is a one-piece line under a header line a row holding one cell: in the header's type
    size, under exactly one of its pieces, no farther below than a row?"""
    size = em(head)
    return (
        abs(em([line]) - size) <= 0.1 * size
        and sum(overlaps(h, line) for h in head) == 1
        and line_gap(sum(head, []), line) <= 1.5 * size
    )


def heads(line: list[Glyph], run: list[list[list[Glyph]]]) -> bool:
    """Is a one-piece line just above a table its first header row: a cell centred over the
    whole table, in the table's type size, no farther above it than its rows are apart?"""
    lines = [sum(r, []) for r in run]
    size = em(lines)
    if abs(em([line]) - size) > 0.1 * size:
        return False
    gaps = [line_gap(a, b) for a, b in zip(lines, lines[1:], strict=False)]
    if line_gap(line, lines[0]) > max(gaps, default=0.0) + 0.1 * size:
        return False
    x0, x1 = min(g.x0 for g in sum(lines, [])), max(g.x1 for g in sum(lines, []))
    mid = (min(g.x0 for g in line) + max(g.x1 for g in line)) / 2
    return abs(mid - (x0 + x1) / 2) <= CENTRED * size


def text_lines(lines: list[list[Glyph]]) -> list[Item]:
    """Lines outside ruled grids: prose, unless several in a row split into aligned columns."""
    items: list[Item] = []
    run: list[list[list[Glyph]]] = []
    above: list[Glyph] | None = None  # the line of the last item, when it is one-piece prose
    for line in [*lines, []]:
        pieces = chunks(line) if line else []
        if len(pieces) >= 2 or (pieces and run and wraps(sum(run[-1], []), line)):
            run.append(pieces)
            continue
        if len(pieces) == 1 and len(run) == 1 and len(run[0]) >= 3 and one_cell_row(run[0], line):
            run.append(pieces)  # a header and a row of one cell: the table ends here
            line, pieces = [], []
        if is_table(run):
            if above is not None and heads(above, run):
                items.pop()
                run.insert(0, [above])
            items += [text_item(glyphs, cells, len(cells) == 1) for glyphs, cells in aligned_rows(run)]
        else:
            items += [prose_item(p) for r in run for p in [sum(r, [])]]
        above = sum(run[-1], []) if run and not is_table(run) and len(run[-1]) == 1 else None
        run = []
        if line:
            items.append(prose_item(line))
            above = line
    return [it for it in items if any(it.cells)]


def prose_item(line: list[Glyph]) -> Item:
    return text_item(line, [line_text(sorted(line, key=lambda g: g.x0))], True)
