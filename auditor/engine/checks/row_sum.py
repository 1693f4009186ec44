"""row_sum: a total row equals the sum of named rows, in every money column.

For tables whose items are rows rather than columns (a 三公 table of `合计`, `1.因公出国（境）费`,
`2.公务用车购置及运行维护费`, `3.公务接待费` under `预算数 | 决算数` or year columns). A table that
lists none of the parts as rows is laid out otherwise (a column per item): the rule does not
apply to it, and says nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import Place, View, loose_key
from ..evaluate import Skip
from .helpers import Output, _compare_rows, money_table
from .params import Param, _regex, _str, _strs

ROW_SUM = {
    "table": Param(_str, required=True),
    "total": Param(_str, required=True),  # a row name; `合计|总计` names the first that exists
    "parts": Param(_strs, required=True),  # row names, each may give alternatives with `|`
    "optional": Param(_strs, default=[]),  # parts a template may leave out
    "columns": Param(_strs, default=None),  # default: every money column
    "skip_columns": Param(_regex, default=None),  # columns left out (增减额: another rule's)
}


@money_table
def row_sum(view: View, p: dict[str, Any]) -> Iterator[Output]:
    table = p["table"]
    named = {name: _named(view, table, name) for name in p["parts"]}
    if not any(named.values()):
        return  # the items are not rows here (a table with a column per item): another rule's
    totals = _named(view, table, p["total"])
    if not totals:
        if not view.all_empty(table):
            yield Skip(f"缺少行：{table} 行 {p['total']}")
        return
    total = totals[0]
    parts: list[Place] = []
    for name, found in named.items():
        if not found:
            if name in p["optional"]:
                continue
            if not view.all_empty(table):
                yield Skip(f"缺少行：{table} 行 {name}")
            return
        # a row named in both halves of a side-by-side table: the one beside the total
        parts.append(next((pl for pl in found if pl.row.group == total.row.group), found[0]))
    word = "、".join(loose_key(pl.row.label or pl.row.key) for pl in parts) + " 之和"
    yield from _compare_rows(view, total, parts, p["columns"], word, p["skip_columns"])


def _named(view: View, table: str, name: str) -> list[Place]:
    """The rows `name` names; `a|b` names those of the first alternative the table has."""
    for alternative in name.split("|"):
        found = view.find_rows(table, alternative.strip())
        if found:
            return found
    return []
