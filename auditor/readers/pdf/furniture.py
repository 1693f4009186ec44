"""Page furniture: page numbers and running headers/footers, dropped before numbering lines."""

from __future__ import annotations

import re
from collections import Counter

from .lines import Item
from .raw import RawPage

MARGIN = 0.06  # top/bottom share of the page where page headers and numbers live

_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*(/\s*\d+)?|[-—–]\s*\d+\s*[-—–])[-—–\s]*$"
)


def _in_margin(item: Item, height: float) -> bool:
    return item.prose and (item.bottom < height * MARGIN * 1.5 or item.top > height * (1 - MARGIN * 1.5))


def drop_furniture(pages: list[tuple[RawPage, list[Item]]]) -> None:
    """Remove page numbers and running headers/footers (text repeated in the margins)."""
    shape = Counter()
    for raw, items in pages:
        for key in {re.sub(r"\d+", "#", it.cells[0]) for it in items if _in_margin(it, raw.height)}:
            shape[key] += 1
    repeated = {k for k, n in shape.items() if n >= 3 and n * 2 >= len(pages)}
    for raw, items in pages:
        items[:] = [
            it
            for it in items
            if not (
                _in_margin(it, raw.height)
                and (_PAGE_NUMBER.match(it.cells[0]) or re.sub(r"\d+", "#", it.cells[0]) in repeated)
            )
        ]
