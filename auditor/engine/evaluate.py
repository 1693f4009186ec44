"""Evaluating parsed expressions to values, and judging a comparison of two values.

A Value carries three things: the interval of exact amounts the side may stand for, the value
computed from the figures as shown (for messages: expected, actual, difference), and the facts
it was computed from (for locations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from auditor.ledger import Fact
from auditor.report.model import Location

from .address import MissingRow, SkipInstance, View, describe_fact
from .expr import BinOp, Call, Cell, Compare, Neg, Node, Num
from .interval import DivisionByZero, Interval, interval_sum

OK, ROUNDING, FAIL = "ok", "rounding", "fail"
# The relation a failed comparison shows in a message: the negation of the rule's operator.
NEGATED = {"==": "≠", "!=": "=", "<=": ">", ">=": "<", "<": "≥", ">": "≤"}


@dataclass(frozen=True, slots=True)
class Value:
    interval: Interval
    shown: Decimal
    facts: tuple[Fact, ...] = ()

    @classmethod
    def of_fact(cls, fact: Fact) -> Value:
        return cls(Interval.of(fact.value, fact.decimals), fact.value, (fact,))

    @classmethod
    def exact(cls, number: Decimal | int) -> Value:
        return cls(Interval.exact(number), Decimal(number))

    def __add__(self, other: Value) -> Value:
        return Value(self.interval + other.interval, self.shown + other.shown, self.facts + other.facts)

    def __sub__(self, other: Value) -> Value:
        return Value(self.interval - other.interval, self.shown - other.shown, self.facts + other.facts)


def total(values: list[Value]) -> Value:
    """Σ of values; the sum over nothing is an exact 0."""
    return Value(
        interval_sum([v.interval for v in values]),
        sum((v.shown for v in values), Decimal(0)),
        tuple(f for v in values for f in v.facts),
    )


def sum_facts(facts: list[Fact]) -> Value:
    return total([Value.of_fact(f) for f in facts])


@dataclass(slots=True)
class Env:
    """Variables bound by for_each: row (row key), label, code, col."""

    values: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str:
        if name not in self.values:
            raise SkipInstance(f"变量 ${name} 没有值")
        return self.values[name]


def evaluate(node: Node, view: View, env: Env) -> Value:
    if isinstance(node, Num):
        return Value.exact(node.value)
    if isinstance(node, Cell):
        return Value.of_fact(_cell(node, view, env))
    if isinstance(node, Neg):
        v = evaluate(node.operand, view, env)
        return Value(-v.interval, -v.shown, v.facts)
    if isinstance(node, BinOp):
        a, b = evaluate(node.left, view, env), evaluate(node.right, view, env)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return Value(a.interval * b.interval, a.shown * b.shown, a.facts + b.facts)
        try:
            interval = a.interval / b.interval
        except DivisionByZero:
            raise SkipInstance("除数可能为零，无法计算") from None
        return Value(interval, _divide(a.shown, b.shown), a.facts + b.facts)
    if isinstance(node, Call):
        return _call(node, view, env)
    raise TypeError(node)


def _divide(a: Decimal, b: Decimal) -> Decimal:
    # The shown quotient is for messages only; 12 decimals are plenty and keep them readable.
    return (a / b).quantize(Decimal("1e-12")).normalize() if b else Decimal(0)


def _cell(node: Cell, view: View, env: Env) -> Fact:
    row = env.get(node.row.text) if node.row.kind == "var" else node.row.text
    column = env.get(node.column.text) if node.column.kind == "var" else node.column.text
    return view.resolve(node.table, row, column)


def _call(node: Call, view: View, env: Env) -> Value:
    if node.name in ("sum", "count"):
        parts: list[Value] = []
        count = 0
        for arg in node.args:
            if isinstance(arg, Cell) and arg.row.is_set:
                column = env.get(arg.column.text) if arg.column.kind == "var" else arg.column.text
                facts = view.set_cells(arg.table, arg.row, column)
                parts.extend(Value.of_fact(f) for f in facts)
                count += len(facts)
            elif isinstance(arg, Cell):
                # Inside sum() a row the table does not list adds nothing (sum(表[30231, 合计]) is 0
                # when 30231 is absent); outside sum() a missing row skips the rule instance.
                try:
                    parts.append(Value.of_fact(_cell(arg, view, env)))
                    count += 1
                except MissingRow:
                    continue
            else:
                parts.append(evaluate(arg, view, env))
                count += 1
        if node.name == "sum":
            return total(parts)
        return Value(Interval.exact(count), Decimal(count), tuple(f for p in parts for f in p.facts))
    values = [evaluate(a, view, env) for a in node.args]
    if node.name == "abs":
        v = values[0]
        return Value(abs(v.interval), abs(v.shown), v.facts)
    result = values[0]
    for v in values[1:]:
        if node.name == "min":
            interval, shown = result.interval.minimum(v.interval), min(result.shown, v.shown)
        else:
            interval, shown = result.interval.maximum(v.interval), max(result.shown, v.shown)
        result = Value(interval, shown, result.facts + v.facts)
    return result


def judge(op: str, left: Value, right: Value) -> str:
    """OK when the shown figures satisfy the relation, ROUNDING when only some roundings do."""
    a, b = left.interval, right.interval
    x, y = left.shown, right.shown
    if op == "==":
        return OK if x == y else ROUNDING if a.meets(b) else FAIL
    if op == "!=":
        return OK if x != y else FAIL
    if op in (">=", ">"):
        op, a, b, x, y = ("<=" if op == ">=" else "<"), b, a, y, x
    if op == "<=":
        return OK if x <= y else ROUNDING if a.may_be_le(b) else FAIL
    return OK if x < y else ROUNDING if a.may_be_lt(b) else FAIL


@dataclass(frozen=True, slots=True)
class Skip:
    """A rule instance that could not be evaluated, with the reason (缺少表：…, 缺少行：…)."""

    reason: str


@dataclass(slots=True)
class Problem:
    """A finding a check states directly rather than by comparing two sides (a missing key).

    `places` locate what is wrong when no ledger fact does: a prose line, a table title, a
    missing table. The finding's locations are those of the facts, then these.
    """

    message: str
    facts: tuple[Fact, ...]
    severity: str | None = None  # None: the rule's severity
    actual: Decimal | None = None
    places: tuple[Location, ...] = ()


@dataclass(slots=True)
class Instance:
    """One comparison made by a rule: left (actual) against right (expected)."""

    left: Value
    right: Value
    op: str
    subject: str  # what the left side is, e.g. "支出决算表 行 210 卫生健康支出 列 本年支出合计"
    object: str  # what the right side is, e.g. "各款之和"
    context: dict[str, str] = field(default_factory=dict)  # placeholders for message templates


def compare_instance(node: Compare, view: View, env: Env) -> Instance:
    left = evaluate(node.left, view, env)
    right = evaluate(node.right, view, env)
    subject = (
        describe_fact(left.facts[0]) if isinstance(node.left, Cell) else _substitute(node.left_text, env)
    )
    # A right side that is not one cell is shown as its formula: "表[…] + 表[…] = 99.00".
    if isinstance(node.right, Cell):
        obj = describe_fact(right.facts[0])
    elif isinstance(node.right, Num):
        obj = ""  # "1.00 ≠ 0" needs no description of the 0
    else:
        obj = _substitute(node.right_text, env) + " ="
    return Instance(left, right, node.op, subject, obj, dict(env.values))


def _substitute(text: str, env: Env) -> str:
    """An expression side for a message: variables replaced, a YAML-folded layout made one line."""
    for name, value in env.values.items():
        text = text.replace(f"${name}", value)
    return " ".join(text.split())
