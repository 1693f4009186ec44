"""The rule engine: rounding-aware arithmetic, the expression language, generic checks, rule packs.

Public API:
    load_pack(path) -> Pack, load_rules(paths) -> list[Rule], select_rules(rules, select, ignore, kind)
    run_rules(ledger, rules, show_rounding=False) -> (list[Finding], list[Skipped])
    parse(expr) -> Compare, Interval, percent_consistent
"""

from . import (
    document_checks,  # noqa: F401 - registers the document pack's checks in CHECKS
    lists,  # noqa: F401 - registers paired_lists in CHECKS
    narrative,  # noqa: F401 - registers the narrative (N) pack's checks in CHECKS
    wording,  # noqa: F401 - registers the document pack's wording checks (years, comparison words)
)
from .checks import CHECKS
from .expr import ExprSyntaxError, parse
from .interval import Interval, percent_consistent, ratio_percent
from .rules import ForEach, Pack, Rule, load_pack, load_pack_text, load_rules, select_rules
from .run import dedupe_findings, run_rules

__all__ = [
    "CHECKS",
    "ExprSyntaxError",
    "ForEach",
    "Interval",
    "Pack",
    "Rule",
    "dedupe_findings",
    "load_pack",
    "load_pack_text",
    "load_rules",
    "parse",
    "percent_consistent",
    "ratio_percent",
    "run_rules",
    "select_rules",
]
