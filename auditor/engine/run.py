"""Running rules over a ledger: instances → judged comparisons → findings and skips."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import product

from auditor.ledger import Fact, Ledger
from auditor.report.model import Finding, Location, Skipped, sort_findings
from auditor.text import strip_ordinal

from .address import SkipInstance, View, label_key
from .checks import run_check
from .evaluate import FAIL, NEGATED, OK, Env, Instance, Problem, Skip, compare_instance, judge
from .expr import cells
from .rules import PLACEHOLDERS, Rule

Output = Instance | Problem | Skip
# Figures of at most 30 digits are exact at the audit's precision; a ratio of the largest to the
# smallest can still be too long to round. The rule is skipped, the other rules still run.
OUT_OF_RANGE = "数字的位数过多，超出可计算的精度，未核对"


def run_rules(
    ledger: Ledger, rules: list[Rule], show_rounding: bool = False
) -> tuple[list[Finding], list[Skipped]]:
    """Every rule that applies to the ledger's kind; findings sorted, duplicates removed."""
    view = View(ledger)
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    for rule in rules:
        if not rule.applies_to(ledger.info.kind):
            continue
        try:
            found, reasons = _rule_findings(rule, view, show_rounding)
        except ArithmeticError:  # decimal.InvalidOperation and kin: figures beyond any precision
            found, reasons = [], [OUT_OF_RANGE]
        findings += found
        skipped += [Skipped(rule.id, r) for r in reasons]
    supersedes = {r.id: set(r.supersedes) for r in rules if r.supersedes}
    return sort_findings(dedupe_findings(findings, supersedes)), skipped


def _rule_findings(rule: Rule, view: View, show_rounding: bool) -> tuple[list[Finding], list[str]]:
    """The findings of one rule, and the reasons it skipped instances (each once)."""
    findings: list[Finding] = []
    reasons: list[str] = []
    for out in rule_outputs(rule, view):
        if isinstance(out, Skip):
            if out.reason not in reasons:
                reasons.append(out.reason)
            continue
        finding = to_finding(rule, out, show_rounding)
        if finding is not None and finding.severity != "info" and (guess := _guessed(out)):
            # never an error or warning from a figure whose column the reader had to infer
            reason = f"{guess.table} 第{guess.line}行的数字所在列是推断的，不据此报告"
            if reason not in reasons:
                reasons.append(reason)
            continue
        if finding is not None:
            findings.append(finding)
    return findings, reasons


def _guessed(out: Instance | Problem) -> Fact | None:
    facts = out.facts if isinstance(out, Problem) else out.left.facts + out.right.facts
    return next((f for f in facts if f.guessed), None)


def rule_outputs(rule: Rule, view: View) -> Iterator[Output]:
    if rule.check is not None:
        yield from run_check(rule.check, view, rule.params)
        return
    assert rule.expr is not None
    tables = [c.table for c in cells(rule.expr)]
    if rule.for_each is not None and rule.for_each.table:
        tables.insert(0, rule.for_each.table)
    missing = next((t for t in tables if not view.tables(t)), None)
    if missing is not None:
        yield Skip(f"缺少表：{missing}")
        return
    for env in bindings(rule, view):
        if isinstance(env, Skip):
            yield env
            continue
        try:
            yield compare_instance(rule.expr, view, env)
        except SkipInstance as exc:
            yield Skip(str(exc))


def bindings(rule: Rule, view: View) -> Iterator[Env | Skip]:
    """The variable bindings of for_each: rows × columns (a rule without for_each runs once)."""
    fe = rule.for_each
    if fe is None:
        yield Env()
        return
    rows: list[dict[str, str] | Skip] = [{}]
    if fe.rows is not None:
        rows = list(_row_bindings(rule, view))
    columns = [{"col": c} for c in fe.columns] if fe.columns else [{}]
    for row, col in product(rows, columns):
        yield row if isinstance(row, Skip) else Env({**row, **col})


def _row_bindings(rule: Rule, view: View) -> Iterator[dict[str, str] | Skip]:
    fe = rule.for_each
    assert fe is not None and fe.rows is not None
    excluded = set(fe.exclude) | {label_key(x) for x in fe.exclude}
    if fe.table is None:
        assert isinstance(fe.rows, list)
        for name in fe.rows:
            yield {"row": name, "label": name, "code": name if name.isdigit() else ""}
        return
    if isinstance(fe.rows, list):
        places = []
        for name in fe.rows:
            found = view.find_rows(fe.table, name)
            if not found:
                yield Skip(f"缺少行：{fe.table} 行 {name}")
            places += found[:1]
    else:
        places = view.row_set(fe.table, fe.rows)
    seen: set[str] = set()
    for place in places:
        row = place.row
        if row.key in seen or row.key in excluded or (row.label and label_key(row.label) in excluded):
            continue
        seen.add(row.key)
        yield {"row": row.key, "label": strip_ordinal(row.label) or row.key, "code": row.code or ""}


# -- findings -----------------------------------------------------------------------------------


def to_finding(rule: Rule, out: Instance | Problem, show_rounding: bool) -> Finding | None:
    if isinstance(out, Problem):
        return Finding(
            rule.id,
            out.severity or rule.severity,
            rule.title,
            out.message,
            None,
            out.actual,
            None,
            list(dict.fromkeys([*locations(out.facts), *out.places])),
        )
    outcome = judge(out.op, out.left, out.right)
    if outcome == OK or (outcome != FAIL and not show_rounding):
        return None
    actual, expected = out.left.shown, out.right.shown
    difference = actual - expected
    values = {
        **{k: "" for k in PLACEHOLDERS},
        **out.context,
        "actual": fmt(actual),
        "expected": fmt(expected),
        "difference": fmt(difference),
        "subject": out.subject,
        "object": out.object,
    }
    if rule.message:
        message = rule.message.format_map(values)
    else:
        right = f"{out.object} {fmt(expected)}" if out.object else fmt(expected)
        message = f"{out.subject}：{fmt(actual)} {NEGATED[out.op]} {right}，相差 {fmt(difference)}"
    severity = rule.severity if outcome == FAIL else "info"
    if outcome != FAIL:
        message += "（在舍入误差范围内）"
    return Finding(
        rule.id,
        severity,
        rule.title,
        message,
        expected,
        actual,
        difference,
        locations(out.left.facts + out.right.facts),
    )


def locations(facts: tuple[Fact, ...]) -> list[Location]:
    seen: dict[Location, None] = {}
    for f in facts:
        label = f.label if f.code and f.label else None
        seen.setdefault(Location(f.line, f.page, f.table, f.row, f.column, label), None)
    return list(seen)


def fmt(value: Decimal) -> str:
    """A decimal for a message: plain notation, never 1E+2; no negative zero."""
    if value == 0:
        value = abs(value)
    return format(value, "f")


def dedupe_findings(findings: list[Finding], supersedes: dict[str, set[str]] | None = None) -> list[Finding]:
    """One wrong figure, one finding: drop repeats, and findings of a rule another rule supersedes.

    Two findings describe the same problem when they cite the same set of cells and the same
    difference. Among those, a rule listed in another's `supersedes` gives way to it (the more
    specific rule names the less specific one it refines).
    """
    supersedes = supersedes or {}
    groups: dict[tuple[frozenset[Location], Decimal | None], list[Finding]] = {}
    for f in findings:
        groups.setdefault((frozenset(f.locations), f.difference), []).append(f)
    keep: list[Finding] = []
    seen: set[tuple[str, str, frozenset[Location]]] = set()
    for f in findings:
        # A repeat says the same thing about the same places (identical lines of a document,
        # such as a heading repeated in the 目录, are different places).
        key = (f.rule, f.message, frozenset(f.locations))
        if key in seen:
            continue
        group = groups[(frozenset(f.locations), f.difference)]
        if any(f.rule in supersedes.get(g.rule, ()) for g in group if g.rule != f.rule):
            continue
        seen.add(key)
        keep.append(f)
    return keep
