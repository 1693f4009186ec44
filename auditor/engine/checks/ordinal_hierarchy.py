"""ordinal_hierarchy: in a summary table, a `一、` line equals the sum of its `（一）` lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import Place, View, ordinal_level
from .helpers import Output, _compare_rows, money_table
from .params import Param, _str, _strs

ORDINAL_HIERARCHY = {
    "table": Param(_str, required=True),
    "columns": Param(_strs, default=None),
}


@money_table
def ordinal_hierarchy(view: View, p: dict[str, Any]) -> Iterator[Output]:
    """In a summary table each `一、` line with `（一）` lines under it equals their sum."""
    places = view.places(p["table"])
    for group in sorted({pl.row.group for pl in places}):
        parent: Place | None = None
        kids: list[Place] = []
        for pl in [pl for pl in places if pl.row.group == group] + [None]:
            level = ordinal_level(pl.row.label) if pl is not None else None
            if level == 2 and parent is not None:
                kids.append(pl)
                continue
            if parent is not None and kids and view.row_facts(parent):
                yield from _compare_rows(view, parent, kids, p["columns"], "各分项之和")
            parent, kids = (pl, []) if level == 1 else (None, [])
