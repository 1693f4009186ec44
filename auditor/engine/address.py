"""Resolving table / row / column addresses against a Ledger.

A table type may occur more than once (a table split by the reader); rows are searched in all
of them, in order. A row is matched by key, code or normalised label (ordinals such as 一、 and
（一） stripped on both sides). A column is matched by full path or path suffix, first among the
columns the row has facts in (side-by-side halves have their own columns), then among the
columns of the row's half, then — for a table with one half — among the table's columns; a
column found only there is a blank cell, which counts as 0 with the table's decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from auditor.ledger import Fact, Ledger, Row, Table
from auditor.subjects import functional_class
from auditor.text import normalize_label, ordinal_level, strip_ordinal

from .expr import RowSpec

MONEY_UNITS = frozenset({"元", "万元", "千元", "百万元", "亿元"})


class SkipInstance(Exception):
    """This rule instance cannot be evaluated on this ledger; the message is the reason."""


class MissingTable(SkipInstance):
    def __init__(self, table_type: str) -> None:
        super().__init__(f"缺少表：{table_type}")
        self.table_type = table_type


class MissingRow(SkipInstance):
    pass


class MissingColumn(SkipInstance):
    pass


class RuleRuntimeError(SkipInstance):
    """The rule itself is at fault (an ambiguous column suffix): reported as a skip, loudly."""

    def __init__(self, message: str) -> None:
        super().__init__(f"规则错误：{message}")


@lru_cache(maxsize=1 << 16)
def label_key(text: str) -> str:
    return strip_ordinal(normalize_label(text))


_SUB_PREFIX = re.compile(r"^其中[:：]?")
_ITEM_ORDINAL = re.compile(r"^(?:[(（]\d{1,2}[)）]|\d{1,2}[)）])")


def loose_key(text: str) -> str:
    """A label without a `其中：` prefix and any ordinal, `（1）` included: the item it names."""
    key = _SUB_PREFIX.sub("", label_key(text))
    return label_key(_ITEM_ORDINAL.sub("", key))


@lru_cache(maxsize=1 << 16)
def _segments(path: str) -> tuple[str, ...]:
    return tuple(normalize_label(s) for s in path.split("/") if s.strip())


def match_columns(query: str, columns: Iterable[str]) -> list[str]:
    """Columns whose path is `query`, else those it is a path suffix of.

    `收入/*` names any column under 收入 (templates call the figure 金额, 决算数 or 预算数);
    `小计|合计` names the first alternative that exists (templates word totals differently).
    """
    columns = list(dict.fromkeys(columns))
    if "|" in query:
        for alternative in query.split("|"):
            found = match_columns(alternative, columns)
            if found:
                return found
        return []
    if query.endswith("/*"):
        return _under(_segments(query[:-2]), columns)
    want = _segments(query)
    if not want:
        return []
    found = _match_segments(want, columns, _segments)
    if found or _unit_suffix(want):
        return found
    # A header may state its unit (`增减率(%)`, `项目金额（元）`): `增减率` names it too.
    return _match_segments(want, columns, lambda c: tuple(_UNIT_SUFFIX.sub("", s) for s in _segments(c)))


@lru_cache(maxsize=1 << 14)
def _match_cached(query: str, columns: tuple[str, ...]) -> list[str]:
    """match_columns for View.column, which asks the same of every row of a table (do not mutate)."""
    return match_columns(query, columns)


_SIDE_TOTALS = ("合计", "小计", "总计")


def _under(prefix: tuple[str, ...], columns: list[str]) -> list[str]:
    """`支出/*`: the columns under a header 支出, or under a qualified one (本年支出, 财政拨款支出)
    when none is named 支出 itself. Of a group of columns there (本年支出/预算数/合计 and its
    parts) the figure of the side is the shallowest column, its 合计 when there are several."""
    def below(c: str, head_matches) -> bool:
        segs = _segments(c)
        return len(segs) > len(prefix) and segs[: len(prefix) - 1] == prefix[:-1] and head_matches(
            segs[len(prefix) - 1])

    found = [c for c in columns if below(c, lambda s: s == prefix[-1])]
    if not found:
        found = [c for c in columns if below(c, lambda s: s.endswith(prefix[-1]) and len(s) > len(prefix[-1]))]
        if len(found) > 1:
            depth = min(len(_segments(c)) for c in found)
            shallow = [c for c in found if len(_segments(c)) == depth]
            totals = [c for c in found if _segments(c)[-1] in _SIDE_TOTALS and len(_segments(c)) <= depth + 1]
            found = shallow if len(shallow) == 1 or not totals else totals[:1]
    return found


_UNIT_SUFFIX = re.compile(r"\((?:万元|元|亿元|千元|%|个|人)\)$")


def _unit_suffix(segments: tuple[str, ...]) -> bool:
    return any(_UNIT_SUFFIX.search(s) for s in segments)


def _match_segments(want: tuple[str, ...], columns: list[str], split) -> list[str]:
    exact = [c for c in columns if split(c) == want]
    if exact:
        return exact
    suffix = [c for c in columns if split(c)[-len(want) :] == want]
    if suffix or len(want) == 1:
        return suffix
    # Templates nest the same headers in either order (预算数/合计 or 合计/预算数): a column
    # holding every named segment is the one meant.
    return [c for c in columns if set(want) <= set(split(c))]


def code_matches(pattern: str, code: str) -> bool:
    """`301*`: codes starting with 301 (301 itself included); `?` is exactly one digit."""
    star = pattern.endswith("*")
    fixed = pattern[:-1] if star else pattern
    if len(code) < len(fixed) or (not star and len(code) != len(fixed)):
        return False
    return all(p == "?" or p == c for p, c in zip(fixed, code, strict=False))


def describe_row(code: str | None, label: str, key: str) -> str:
    if code and label:
        return f"{code} {label}"
    return code or label or key


def describe_fact(fact: Fact) -> str:
    return f"{fact.table} 行 {describe_row(fact.code, fact.label, fact.row)} 列 {fact.column}"


def is_money_fact(fact: Fact) -> bool:
    return not fact.unit or fact.unit in MONEY_UNITS


@dataclass(frozen=True, slots=True, eq=False)
class Place:
    """A row of a table. Compared by identity: comparing Tables field by field would be slow."""

    table: Table
    row: Row


@dataclass(slots=True)
class _RowIndex:
    """The rows of one table type by key, code, label key and loose key (each list in row order),
    so that finding a row costs the same in a table of 30 rows and in one of 3,000."""

    by_key: dict[str, list[Place]]
    by_code: dict[str, list[Place]]
    by_label: dict[str, list[Place]]
    by_loose: dict[str, list[Place]]

    @classmethod
    def of(cls, places: list[Place]) -> _RowIndex:
        index = cls({}, {}, {}, {})
        for p in places:
            index.by_key.setdefault(p.row.key, []).append(p)
            if p.row.code:
                index.by_code.setdefault(p.row.code, []).append(p)
            if p.row.label:
                index.by_label.setdefault(label_key(p.row.label), []).append(p)
                index.by_loose.setdefault(loose_key(p.row.label), []).append(p)
        return index


class View:
    """Indexes of a Ledger for address resolution; build once per ledger."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._by_type: dict[str, list[Table]] = {}
        for table in ledger.tables:
            self._by_type.setdefault(table.type, []).append(table)
        self._cells: dict[tuple[int, str], dict[str, Fact]] = {}
        for fact in ledger.facts:
            self._cells.setdefault((fact.table_id, fact.row), {}).setdefault(fact.column, fact)
        self._group_columns: dict[tuple[int, int], list[str]] = {}
        self._groups: dict[int, int] = {}  # table id → how many halves it has
        self._indexes: dict[str, _RowIndex] = {}  # built on first use, per table type
        self._places: dict[str, list[Place]] = {
            t: [Place(table, r) for table in tables for r in table.rows]
            for t, tables in self._by_type.items()
        }

    # -- tables ------------------------------------------------------------------------------
    def tables(self, table_type: str) -> list[Table]:
        return self._by_type.get(table_type, [])

    def require(self, table_type: str) -> list[Table]:
        tables = self.tables(table_type)
        if not tables:
            raise MissingTable(table_type)
        return tables

    def all_empty(self, table_type: str) -> bool:
        tables = self.tables(table_type)
        return bool(tables) and all(t.empty for t in tables)

    # -- rows --------------------------------------------------------------------------------
    def places(self, table_type: str) -> list[Place]:
        """Every row of the tables of this type, in order (the same Place objects every call)."""
        self.require(table_type)
        return self._places[table_type]

    def row_index(self, table_type: str) -> _RowIndex:
        index = self._indexes.get(table_type)
        if index is None:
            index = self._indexes[table_type] = _RowIndex.of(self.places(table_type))
        return index

    def find_rows(self, table_type: str, text: str) -> list[Place]:
        """Rows named by `text`: a key, a code (digits) or a label."""
        index = self.row_index(table_type)
        exact = index.by_key.get(text, [])
        if text.isdigit():
            return list(exact or index.by_code.get(text, []))
        # A label may stand in both halves of a summary table (总计 and 总计#2): keep every match.
        found = exact + [p for p in index.by_label.get(label_key(text), []) if p not in exact]
        if found:
            return found
        # `公务用车购置费` also names `其中：（1）公务用车购置费` and `（2）公务用车运行维护费`.
        return list(index.by_loose.get(loose_key(text), []))

    def row_set(self, table_type: str, spec: RowSpec) -> list[Place]:
        places = self.places(table_type)
        if spec.kind == "all":
            return places
        if spec.kind == "level":
            n = int(spec.text)
            return [p for p in places if p.row.code and len(p.row.code) == n]
        if spec.kind == "pattern":
            return [p for p in places if p.row.code and code_matches(spec.text, p.row.code)]
        if spec.kind == "ordinal":
            n = int(spec.text)
            return [p for p in places if ordinal_level(p.row.label) == n]
        if spec.kind == "regex":
            rx = re.compile(spec.text)
            return [p for p in places if rx.search(normalize_label(p.row.label))]
        if spec.kind == "parts":  # the rows that break a row down (年初结转和结余: 一般公共预算财政拨款 …)
            heads = {(p.table.id, p.row.key) for p in self.find_rows(table_type, spec.text)}
            return [p for p in places if (p.table.id, p.row.part_of) in heads]
        if spec.kind == "classes":  # a summary table's `一、一般公共服务支出` or a coded 类 row
            return [p for p in places if (p.row.code is None or len(p.row.code) == 3)
                    and functional_class(p.row.label)]
        raise ValueError(f"not a row set: {spec}")

    # -- cells -------------------------------------------------------------------------------
    def row_facts(self, place: Place) -> dict[str, Fact]:
        return self._cells.get((place.table.id, place.row.key), {})

    def group_columns(self, table: Table, group: int) -> list[str]:
        key = (table.id, group)
        if key not in self._group_columns:
            keys = {r.key for r in table.rows if r.group == group}
            found = {
                c for (tid, rk), cells in self._cells.items() if tid == table.id and rk in keys for c in cells
            }
            # A column left blank in every row of the half belongs to it when it sits under the
            # same top header (支出/政府性基金预算财政拨款 beside 支出/合计).
            tops = {c.split("/", 1)[0] for c in found if "/" in c}
            found |= {c for c in table.columns if "/" in c and c.split("/", 1)[0] in tops}
            ordered = [c for c in table.columns if c in found]
            ordered += sorted(found.difference(ordered))
            self._group_columns[key] = ordered
        return self._group_columns[key]

    def column(self, place: Place, query: str) -> str:
        """The column path `query` names for this row (MissingColumn / RuleRuntimeError)."""
        table = place.table
        groups = self._groups.get(table.id)
        if groups is None:
            groups = self._groups[table.id] = len({r.group for r in table.rows})
        scopes = [list(self.row_facts(place)), self.group_columns(table, place.row.group)]
        if groups <= 1:
            scopes.append(table.columns)
        for columns in scopes:
            found = _match_cached(query, tuple(columns))
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise RuleRuntimeError(f"{table.type} 的列名“{query}”有歧义，可指：{'、'.join(found)}")
        raise MissingColumn(f"缺少列：{table.type} 列 {query}")

    def present(self, place: Place, column: str) -> bool:
        """False for a cell the row does not have (not a blank: a narrower row): never a 0."""
        return column not in place.row.absent

    def cell(self, place: Place, column: str) -> Fact:
        """The fact at (row, column path); a blank cell is a zero fact with the table's decimals."""
        fact = self.row_facts(place).get(column)
        if fact is not None:
            return fact
        return blank_fact(place.table, place.row, column)

    def resolve(self, table_type: str, row_text: str, column_query: str) -> Fact:
        """One cell by row name and column; zero for an empty table that lacks the row."""
        tables = self.require(table_type)
        places = self.find_rows(table_type, row_text)
        if not places:
            if self.all_empty(table_type):
                return _empty_table_fact(tables[0], row_text, column_query)
            raise MissingRow(f"缺少行：{table_type} 行 {row_text}")
        missing: SkipInstance | None = None
        # Several rows may carry the label (one per half): take the first whose half has the column.
        for place in places:
            try:
                return self.cell(place, self.column(place, column_query))
            except MissingColumn as exc:
                missing = missing or exc
        if self.all_empty(table_type):
            return _empty_table_fact(tables[0], row_text, column_query)
        assert missing is not None
        raise missing

    def set_cells(self, table_type: str, spec: RowSpec, column_query: str) -> list[Fact]:
        """The cells of a row set in one column; rows whose half lacks the column are left out."""
        places = self.row_set(table_type, spec)
        facts: list[Fact] = []
        missing: SkipInstance | None = None
        for place in places:
            try:
                facts.append(self.cell(place, self.column(place, column_query)))
            except MissingColumn as exc:
                missing = missing or exc
        if places and not facts and missing is not None and not self.all_empty(table_type):
            raise missing
        return facts


def blank_fact(table: Table, row: Row, column: str) -> Fact:
    return Fact(
        table=table.type,
        table_id=table.id,
        row=row.key,
        label=row.label,
        column=column,
        value=Decimal(0).scaleb(-table.decimals),
        decimals=table.decimals,
        unit=table.column_units.get(column) or table.unit or "",
        line=row.line,
        page=row.page,
        code=row.code,
        row_index=row.index,
        group=row.group,
    )


def _empty_table_fact(table: Table, row_text: str, column: str) -> Fact:
    return Fact(
        table=table.type,
        table_id=table.id,
        row=row_text,
        label=row_text if not row_text.isdigit() else "",
        column=column,
        value=Decimal(0).scaleb(-table.decimals),
        decimals=table.decimals,
        unit=table.unit or "",
        line=table.first_line,
        page=table.first_page,
        code=row_text if row_text.isdigit() else None,
    )
