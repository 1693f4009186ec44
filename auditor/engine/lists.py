"""Two tables that list the same items must agree item by item.

A disclosure may list its procurement contracts twice (the contract list, and again the
reservation for small and medium enterprises): the same items, in the same order, with the
same amounts. `paired_lists` pairs the rows of the two tables (by position when both list as
many items, else by name) and compares either their figures or their names.

Importing this module registers the check in `checks.CHECKS` (auditor.engine imports it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.ledger import Fact

from .address import Place, View, describe_fact, label_key, match_columns
from .checks import CHECKS, CheckSpec, Output, Param, ParamError
from .checks.helpers import _is_total
from .checks.params import _choice, _str
from .evaluate import Instance, Problem, Value


def _list_side(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != {"table", "column"}:
        raise ParamError(f"参数 {name} 应为含 table 和 column 的映射")
    return {k: _str(f"{name}.{k}", v) for k, v in value.items()}


PAIRED_LISTS = {
    "left": Param(_list_side, required=True),
    "right": Param(_list_side, required=True),
    "compare": Param(_choice("figures", "names"), default="figures"),
}


def paired_lists(view: View, p: dict[str, Any]) -> Iterator[Output]:
    left, right = p["left"], p["right"]
    items_l, items_r = _items(view, left["table"]), _items(view, right["table"])
    if not items_l or not items_r:
        return
    pairs = list(zip(items_l, items_r, strict=True)) if len(items_l) == len(items_r) else _by_name(items_l, items_r)
    for number, (pl, pr) in enumerate(pairs, start=1):
        lf, rf = _figure(view, pl, left["column"]), _figure(view, pr, right["column"])
        if lf is None or rf is None:
            continue
        if p["compare"] == "figures":
            yield Instance(Value.of_fact(lf), Value.of_fact(rf), "==", describe_fact(lf), describe_fact(rf))
        elif label_key(pl.row.label) != label_key(pr.row.label):
            yield Problem(
                f"{left['table']} 第 {number} 项“{pl.row.label}”在{right['table']}中写作“{pr.row.label}”",
                (lf, rf),
            )
    if p["compare"] == "names" and len(items_l) != len(items_r):
        yield Problem(f"{left['table']} 列出 {len(items_l)} 项，{right['table']} 列出 {len(items_r)} 项",
                      _first_fact(view, items_l, left["column"]) + _first_fact(view, items_r, right["column"]))


def _items(view: View, table: str) -> list[Place]:
    return [pl for pl in view.places(table) if not _is_total(pl)]


def _by_name(left: list[Place], right: list[Place]) -> list[tuple[Place, Place]]:
    """Lists of different lengths: pair the items whose names agree, in order."""
    pool = {}
    for pl in right:
        pool.setdefault(label_key(pl.row.label), []).append(pl)
    pairs = []
    for pl in left:
        same = pool.get(label_key(pl.row.label))
        if same:
            pairs.append((pl, same.pop(0)))
    return pairs


def _figure(view: View, place: Place, column: str) -> Fact | None:
    facts = view.row_facts(place)
    found = match_columns(column, facts)
    return facts[found[0]] if len(found) == 1 else None


def _first_fact(view: View, places: list[Place], column: str) -> tuple[Fact, ...]:
    return next(((f,) for pl in places if (f := _figure(view, pl, column)) is not None), ())


CHECKS["paired_lists"] = CheckSpec(PAIRED_LISTS, paired_lists, lambda p: [p["left"]["table"], p["right"]["table"]])
