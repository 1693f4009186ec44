"""sub_rows: a `其中：` row is a part of the row above it, so it is never larger than that row."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..address import Place, View, describe_fact
from ..evaluate import Instance, Value
from .helpers import Output, _context, _money, _wanted, money_column, money_table
from .params import Param, _regex, _str, _strs

SUB_ROWS = {
    "table": Param(_str, required=True),
    "columns": Param(_strs, default=None),  # default: every money column
    # columns of changes (增减额) may have a part larger than its whole: never compared
    "skip_columns": Param(_regex, default=re.compile("增减|变动|增长|差额|差异|比上年")),
}


@money_table
def sub_rows(view: View, p: dict[str, Any]) -> Iterator[Output]:
    places = view.places(p["table"])
    by_key = {(pl.table.id, pl.row.key): pl for pl in places}
    for place in places:
        if place.row.part_of is None:
            continue
        parent = by_key.get((place.table.id, place.row.part_of))
        if parent is None or not view.row_facts(parent):
            continue  # a heading without figures bounds nothing
        yield from _compare(view, place, parent, p)


def _compare(view: View, part: Place, parent: Place, p: dict[str, Any]) -> Iterator[Output]:
    facts = view.row_facts(part)
    for column in _wanted(list(facts), p["columns"]):
        fact = facts[column]
        if not money_column(part.table, column) or not _money(fact) or p["skip_columns"].search(column):
            continue
        whole = view.cell(parent, column)
        yield Instance(Value.of_fact(fact), Value.of_fact(whole), "<=", describe_fact(fact),
                       describe_fact(whole), _context(fact))
