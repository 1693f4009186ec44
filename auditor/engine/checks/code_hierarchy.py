"""code_hierarchy: a coded row equals the sum of the rows of the codes under it (210 = 21001 + 21002)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..address import Place, View
from .helpers import Output, _code_parents, _compare_rows, _first_by_code, money_table
from .params import Param, _str, _strs

CODE_HIERARCHY = {
    "table": Param(_str, required=True),
    "columns": Param(_strs, default=None),
}


@money_table
def code_hierarchy(view: View, p: dict[str, Any]) -> Iterator[Output]:
    places = view.places(p["table"])
    coded = [pl for pl in places if pl.row.code]
    firsts = _first_by_code(coded)
    parents = _code_parents(coded)
    children: dict[str, list[Place]] = {}
    for code, place in firsts.items():  # in table order, so each parent's children are too
        parent = parents[code]
        if parent is not None:
            children.setdefault(parent, []).append(place)
    for code, place in firsts.items():
        kids = children.get(code, [])
        if not kids or not view.row_facts(place):
            continue  # a leaf, or a heading row without figures
        yield from _compare_rows(view, place, kids, p["columns"], _children_word(code, kids))


def _children_word(code: str, kids: list[Place]) -> str:
    lengths = {len(k.row.code or "") for k in kids}
    if len(code) == 3 and lengths == {6}:
        return "各单位之和"  # a department code over its unit codes: 310 = 310001 + 310002
    if lengths == {5}:
        return "各款之和"
    if lengths == {7}:
        return "各项之和"
    return "各下级科目之和"
