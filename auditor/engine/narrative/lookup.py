"""The table figures a claim's subject names, and the amounts the tables contradict."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from auditor.ledger import Fact
from auditor.prose.figures import MONEY_SCALE
from auditor.prose.grammar import family

from ..address import SkipInstance, View, describe_fact, label_key
from ..evaluate import FAIL, Env, Value, evaluate, judge
from ..expr import Node, cells
from .facts import claim_value, fmt, is_money, scale


def role_of(claim: Any, view: View) -> str | None:
    """Which figure of the tables an amount names: final / budget / final_budget …; None: another year."""
    kind = view.ledger.info.kind
    if kind not in ("final", "budget"):
        return None
    year = view.ledger.info.year
    if claim.period and claim.period[:4].isdigit() and year and int(claim.period[:4]) != year:
        return None
    measure = claim.measure or ""
    if any(w in measure for w in ("上年", "上一年", "去年")):
        return None
    if measure[:4].isdigit() and year and int(measure[:4]) != year:
        return None
    fam = family(claim.measure)
    return kind if fam in (None, kind) else f"{kind}_{fam}"


def _unit_of(value: Value, fallback: str | None) -> str | None:
    units = {f.unit for f in value.facts if f.unit}
    if len(units) > 1:
        return None
    return next(iter(units)) if units else fallback


def table_values(
    view: View, claim: Any, p: dict[str, Any], role: str | None = None
) -> list[tuple[str, Value]]:
    """The table figures a claim's subject names (each as (description, value in the claim's unit))."""
    role = role or role_of(claim, view)
    if role is None or not claim.canonical:
        return []
    addresses = p["subjects"].get(claim.canonical, {}).get(role)
    functional = p.get("functional") or {}
    scope = getattr(claim, "scope", None)
    if scope and scope in functional.get("scoped", {}):
        functional = functional["scoped"][scope]
    functional = functional.get(role)
    # the same lookup is asked by every N check of a run: memoised on the view (one per run)
    memo = view.__dict__.setdefault("_table_values", {})
    key = (claim.canonical, role, claim.unit, tuple(a.text for a in addresses or ()), tuple(functional or ()))
    if key not in memo:
        memo[key] = _table_values(view, claim, addresses, functional)
    return memo[key]


def _table_values(view: View, claim: Any, addresses: Any, functional: Any) -> list[tuple[str, Value]]:
    out: list[tuple[str, Value]] = []
    if addresses:
        for addr in addresses:
            try:
                value = evaluate(addr.node, view, Env())
            except SkipInstance:
                continue
            tables = view.tables(_first_table(addr.node))
            unit = _unit_of(value, tables[0].unit if tables else None)
            if unit is None or unit not in MONEY_SCALE:
                continue
            desc = _describe_value(value, unit, addr.text)
            out.append((desc, scale(value, unit, claim.unit)))
        return out
    if functional:
        for table, column in functional:
            fact = _functional_fact(view, table, column, claim.canonical)
            if fact is not None and fact.unit in MONEY_SCALE:
                out.append((describe_fact(fact), scale(Value.of_fact(fact), fact.unit, claim.unit)))
    return out


def _describe_value(value: Value, unit: str, text: str) -> str:
    """One cell by its place; a list by its table, column and count, with its total in its own unit."""
    if len(value.facts) == 1:
        return describe_fact(value.facts[0])
    places = {(f.table, f.column) for f in value.facts}
    if len(places) == 1:
        table, column = next(iter(places))
        return f"{table} 列 {column} 共 {len(value.facts)} 项合计 {fmt(value.shown)}{unit}，折合"
    return f"{text} ="


def _first_table(node: Node) -> str:
    found = cells(node)
    return found[0].table if found else ""


def _functional_fact(view: View, table: str, column: str, canonical: str) -> Fact | None:
    """The row of a functional class (类/款/项) named by `一般公共服务支出/…/事业运行`, by code descent.

    A canonical that is a code (`2050202`) names its row directly. A level written as `?` is
    any row of that level; the last name may be a 款 and its 项 written together
    (`?/人大事务行政运行`: 人大事务（款）+ 行政运行（项）). Only a single fitting row is used."""
    if not view.tables(table):
        return None
    by_width = code_rows(view, table)
    if canonical.isdigit():
        found = [pl for pl in by_width.get(len(canonical), []) if pl.row.code == canonical]
    else:
        found = descend(by_width, canonical.split("/"))
    if len(found) != 1:
        return None
    try:
        return view.cell(found[0], view.column(found[0], column))
    except SkipInstance:
        return None


def code_rows(view: View, table: str) -> dict[int, list[Any]]:
    """The coded rows of a table type by code width (3, 5, 7 …), built once per run."""
    index = view.__dict__.setdefault("_code_rows", {})
    if table not in index:
        by_width: dict[int, list[Any]] = {}
        for pl in view.places(table):
            if pl.row.code:
                by_width.setdefault(len(pl.row.code), []).append(pl)
        index[table] = by_width
    return index[table]


def descend(by_width: dict[int, list[Any]], names: list[str]) -> list:
    """The rows that fit the path `names`, one level (3, 5, 7 digits) per name."""
    by_code = {pl.row.code: pl for rows in by_width.values() for pl in rows}
    level: list = [None]
    for depth, name in enumerate(names):
        width = 3 + 2 * depth
        want = label_key(name) if name != "?" else None
        nxt = []
        for parent in level:
            prefix = parent.row.code if parent is not None else ""
            rows = [pl for pl in by_width.get(width, []) if pl.row.code.startswith(prefix)]
            if want is None:
                nxt += rows
                continue
            exact = [pl for pl in rows if label_key(pl.row.label) == want]
            if not exact and depth == len(names) - 1 and names[depth - 1] == "?" and depth:
                # 人大事务行政运行（项）: the 款's name and the 项's written as one
                exact = [
                    pl
                    for pl in rows
                    if (up := by_code.get(pl.row.code[:-2])) is not None
                    and label_key(up.row.label) + label_key(pl.row.label) == want
                ]
            nxt += exact
        level = nxt
        if not level:
            return []
    return [pl for pl in level if pl is not None]


def contradicted(view: View, claims: list[Any], p: dict[str, Any]) -> set[int]:
    """Amounts their table figure contradicts: N101 reports them, and the checks that build on
    them stay silent, so that one wrong figure gives one finding."""
    wrong: set[int] = set()
    if not p.get("subjects") and not p.get("functional"):
        return wrong
    for claim in claims:
        if claim.kind != "amount" or not is_money(claim):
            continue
        found = table_values(view, claim, p)
        mine = claim_value(claim)
        if found and all(judge("==", mine, value) == FAIL and not truncates(claim, value) for _, value in found):
            wrong.add(claim.id)
    return wrong


def truncates(claim: Any, value: Value) -> bool:
    """The claim is the table figure cut (not rounded) to the claim's decimals: 1234.56 → 1234.5."""
    if claim.decimals <= 0 or value.shown.as_tuple().exponent >= -claim.decimals:
        return False
    cut = value.shown.quantize(Decimal(1).scaleb(-claim.decimals), rounding=ROUND_DOWN)
    return cut == claim.value


@dataclass(frozen=True, slots=True)
class Probe:
    """A subject to look up in the tables as if an amount claim had named it."""

    canonical: str
    unit: str
    period: str | None
    measure: str | None
