"""The reader's output: a document as lines of cells, each with its place in the source.

Both readers (.txt and PDF) produce this model, and everything downstream (tables, prose,
rules) reads only this, so a rule never knows which kind of file a figure came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    """One line of the source.

    `cells` holds the cell texts in column order; an empty cell is "" so that cells of the
    rows of one table line up by index (a .txt line is split on tabs; the PDF reader places
    each text run into the column grid of its table). A prose line has a single cell.
    """

    cells: list[str]
    number: int  # 1-based: the line in the file (.txt) or the line within its page (PDF)
    page: int | None = None  # 1-based page for paged input, None for .txt
    # Rows of a ruled table (PDF) only, None elsewhere: which ruled grid of its page the row
    # belongs to, and for each cell the id of the drawn cell covering that slot. Slots of one
    # merged cell share an id (its text sits in one of them, in this row or another), so a
    # blank slot tells "part of a spanning cell" from "an empty cell", which tabs cannot.
    grid: int | None = None
    cell_ids: list[int] | None = None
    # Rows of a ruled table only: each slot's horizontal extent on the page (x0, x1), that of the
    # drawn cell covering it. Lets a table place the cells of a row drawn in another grid (a
    # continuation page with merged cells) under the header's columns by position. Positions may
    # differ by a fraction of a point between PDF engines, so they take no part in comparisons.
    spans: list[tuple[float, float]] | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """The line as plain text, cells joined by a space."""
        return " ".join(c for c in self.cells if c).strip()

    @property
    def filled(self) -> list[str]:
        return [c for c in self.cells if c.strip()]

    @property
    def ruled(self) -> bool:
        """A row drawn in a ruled grid: complete as it stands (wrapped cell text is already joined)."""
        return self.cell_ids is not None

    @property
    def is_blank(self) -> bool:
        return not any(c.strip() for c in self.cells)

    @property
    def is_tabular(self) -> bool:
        """True when the line has more than one cell (filled or not): a table row."""
        return len(self.cells) > 1


@dataclass(frozen=True, slots=True)
class Part:
    """One file of a disclosure published as several (text and tables apart): its pages are
    pages `first_page` … `first_page + pages - 1` of the joined document."""

    path: str
    first_page: int
    pages: int
    paged: bool  # False for a .txt file: its lines stand on one page of the joined document


@dataclass(slots=True)
class Document:
    path: str
    lines: list[Line]
    paged: bool = False
    page_count: int | None = None
    # Problems met while reading that did not stop the read (a page that failed, …).
    warnings: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)  # several files joined into one disclosure


def part_page(parts: list[Part], page: int | None) -> tuple[str | None, int | None]:
    """The file and the page within it of a page of a joined document."""
    if page is None or not parts:
        return None, page
    for part in parts:
        if part.first_page <= page < part.first_page + part.pages:
            return part.path, (page - part.first_page + 1) if part.paged else None
    return None, page
