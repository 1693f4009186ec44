"""agreement: a column of one table agrees, row by row, with a column of another."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from auditor.ledger import Fact
from auditor.subjects import functional_class

from ..address import Place, View, describe_fact, describe_row, label_key
from ..evaluate import Instance, Problem, Skip, Value
from ..expr import RowSpec
from .helpers import SEVERITIES, Output, _column, _context, _excluded, _is_excluded, _is_total, _select
from .params import Param, ParamError, _choice, _fail, _mapping, _rows, _str, _strs, _validate

SIDE_PARAMS = {
    "table": Param(_str, required=True),
    "column": Param(_str, required=True),
    "rows": Param(_rows, default=RowSpec("all", "*")),
    "group": Param(lambda n, v: v if isinstance(v, int) else _fail(n, "整数"), default=None),
}


def _side(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ParamError(f"参数 {name} 应为含 table、column 的映射")
    return _validate(SIDE_PARAMS, value, prefix=f"{name}.")


AGREEMENT = {
    "left": Param(_side, required=True),
    "right": Param(_side, required=True),
    "key": Param(_choice("label", "code", "name"), default="label"),
    "map": Param(_mapping, default={}),
    "missing": Param(_choice(*SEVERITIES, "ignore"), default="warning"),
    "exclude": Param(_strs, default=[]),
}


def agreement(view: View, p: dict[str, Any]) -> Iterator[Output]:
    left, right = p["left"], p["right"]
    for side in (left, right):
        view.require(side["table"])
    excluded = _excluded(p["exclude"])
    lcells = _side_cells(view, left, p["key"], excluded)
    rcells = _side_cells(view, right, p["key"], excluded)
    mapping = p["map"]
    if p["key"] == "name":
        mapping = {_stem(k): _stem(v) for k, v in mapping.items()}
    lcells = {mapping.get(k, k): f for k, f in lcells.items()}
    if not lcells and not rcells:
        if not (view.all_empty(left["table"]) or view.all_empty(right["table"])):
            yield Skip(f"{left['table']} 与 {right['table']} 中没有可对照的行")
        return
    for key, lf in lcells.items():
        rf = rcells.get(key)
        if rf is None:
            if p["missing"] != "ignore" and lf.value != 0:
                yield _missing(lf, right["table"], p["missing"])
            continue
        yield Instance(
            Value.of_fact(lf), Value.of_fact(rf), "==", describe_fact(lf), describe_fact(rf), _context(lf)
        )
    for key, rf in rcells.items():
        if key not in lcells and p["missing"] != "ignore" and rf.value != 0:
            yield _missing(rf, left["table"], p["missing"])


def _side_cells(view: View, side: dict[str, Any], how: str, excluded: set[str]) -> dict[str, Fact]:
    cells: dict[str, Fact] = {}
    for place in _select(view, side["table"], side["rows"]):
        if side["group"] is not None and place.row.group != side["group"]:
            continue
        if _is_excluded(place, excluded) or _is_total(place):
            continue
        key = _key(place, how)
        if key is None or key in cells:
            continue
        column = _column(view, place, side["column"])
        if column is None:
            continue  # the other half of a side-by-side table
        cells[key] = view.cell(place, column)
    return cells


def _key(place: Place, how: str) -> str | None:
    if how == "code":
        return place.row.code
    if how == "name" and (code := functional_class(place.row.label)):
        return code  # a class by its code, whichever year's name a table gives it
    text = label_key(place.row.label or place.row.key)
    return (_stem(text) if how == "name" else text) or None


def _stem(text: str) -> str:
    """Class names differ by a trailing 支出/收入 between tables: compare the stem."""
    for suffix in ("支出", "收入"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _missing(fact: Fact, other: str, severity: str) -> Problem:
    row = describe_row(fact.code, fact.label, fact.row)
    return Problem(
        f"{fact.table} 行 {row} 列 {fact.column} 为 {_fmt(fact.value)}，{other} 中没有对应的行",
        (fact,),
        severity,
        fact.value,
    )


def _fmt(value: Decimal) -> str:
    return format(value, "f")
