"""Emitted lines (`Item`) and the lines outside ruled grids: prose, and unruled tables whose
columns show only as wide gaps repeated over several lines."""

from __future__ import annotations

from dataclasses import dataclass

from .aligned import aligned_rows, wraps
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


def text_lines(lines: list[list[Glyph]]) -> list[Item]:
    """Lines outside ruled grids: prose, unless several in a row split into aligned columns."""
    items: list[Item] = []
    run: list[list[list[Glyph]]] = []
    for line in [*lines, []]:
        pieces = chunks(line) if line else []
        if len(pieces) >= 2 or (pieces and run and wraps(sum(run[-1], []), line)):
            run.append(pieces)
            continue
        items += (
            [text_item(glyphs, cells, len(cells) == 1) for glyphs, cells in aligned_rows(run)]
            if sum(len(r) >= 2 for r in run) >= ALIGNED_RUN
            else [prose_item(p) for r in run for p in [sum(r, [])]]
        )
        run = []
        if line:
            items.append(prose_item(line))
    return [it for it in items if any(it.cells)]


def prose_item(line: list[Glyph]) -> Item:
    return text_item(line, [line_text(sorted(line, key=lambda g: g.x0))], True)
