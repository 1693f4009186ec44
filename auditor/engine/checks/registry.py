"""The one registry of checks: name → CheckSpec (parameters, run, tables it needs).

The generic checks are listed here; the document and narrative packs add theirs to `CHECKS`
when imported (auditor.engine imports them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from auditor.ledger import UNKNOWN_TYPE

from ..address import MissingTable, SkipInstance, View
from ..evaluate import Skip
from .agreement import AGREEMENT, agreement
from .code_hierarchy import CODE_HIERARCHY, code_hierarchy
from .column_total import COLUMN_TOTAL, column_total
from .helpers import Output
from .ordinal_hierarchy import ORDINAL_HIERARCHY, ordinal_hierarchy
from .params import Param, _validate
from .row_sum import ROW_SUM, row_sum
from .row_total import ROW_TOTAL, row_total
from .sub_rows import SUB_ROWS, sub_rows
from .year_change import YEAR_CHANGE, year_change


@dataclass(frozen=True, slots=True)
class CheckSpec:
    params: dict[str, Param]
    run: Callable[[View, dict[str, Any]], Iterator[Output]]
    tables: Callable[[dict[str, Any]], list[str]]


def _table(p: dict[str, Any]) -> list[str]:
    return [p["table"]]


CHECKS: dict[str, CheckSpec] = {
    "column_total": CheckSpec(COLUMN_TOTAL, column_total, _table),
    "row_total": CheckSpec(ROW_TOTAL, row_total, _table),
    "row_sum": CheckSpec(ROW_SUM, row_sum, _table),
    "sub_rows": CheckSpec(SUB_ROWS, sub_rows, _table),
    "year_change": CheckSpec(YEAR_CHANGE, year_change, _table),
    "code_hierarchy": CheckSpec(CODE_HIERARCHY, code_hierarchy, _table),
    "ordinal_hierarchy": CheckSpec(ORDINAL_HIERARCHY, ordinal_hierarchy, _table),
    "agreement": CheckSpec(AGREEMENT, agreement, lambda p: [p["left"]["table"], p["right"]["table"]]),
}


def validate_params(check: str, raw: dict[str, Any]) -> dict[str, Any]:
    return _validate(CHECKS[check].params, raw)


def run_check(check: str, view: View, params: dict[str, Any]) -> Iterator[Output]:
    spec = CHECKS[check]
    missing = [t for t in spec.tables(params) if not view.tables(t)]
    if missing:
        if missing[0] != UNKNOWN_TYPE:  # a document whose every table was typed: nothing to say
            yield Skip(str(MissingTable(missing[0])))
        return
    try:
        yield from spec.run(view, params)
    except SkipInstance as exc:
        yield Skip(str(exc))


def no_tables(_: dict[str, Any]) -> list[str]:
    """The prose's and the document's checks need no particular table (a missing one may be
    what they report)."""
    return []


def register_checks(specs: dict[str, CheckSpec]) -> None:
    """Add a pack's checks to the one registry; a name taken by another check is a bug."""
    for name, spec in specs.items():
        if CHECKS.get(name, spec) is not spec:
            raise RuntimeError(f"check {name} is registered twice")
        CHECKS[name] = spec
