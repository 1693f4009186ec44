"""Checks of the numbers in the prose (情况说明): the narrative (N) pack's generic checks.

The prose layer (auditor.prose) turns the sentences into Claims; these checks compare them
with the tables and with each other, with the same interval semantics as every other rule.
A claim enters the engine as a pseudo-fact of the table `情况说明` (facts.py), so that a
finding points at the sentence's line and page; which table figure a canonical subject names
is data (params.py, rules/narrative.yaml), looked up by lookup.py. One module per check:

    amounts.py       claim_table       an amount equals its table figure
    changes.py       claim_change      增减额、增减率与增减方向
    shares.py        claim_share       占…% = part / whole; partitions add to 100 %
    completion.py    claim_completion  完成预算的…% = final / budget
                     claim_completion_basis   the basis named (年初预算) is 0 or absent, another fits
    bounds.py        claim_bound       parts never exceed their whole (授予小微 ≤ 授予中小 ≤ 采购总额)
    denials.py       claim_zero        无…/没有… agrees with a table figure of 0
    parts.py         claim_parts       其中… parts add up to their total
    restatements.py  claim_repeat, claim_none   the prose agrees with itself (also 无X beside an amount of X)
    last_year.py     claim_last_year   implied last-year income = spending

The checks register themselves in `CHECKS` when this package is imported
(auditor/engine/__init__.py does so).
"""

from __future__ import annotations

from ..checks import CheckSpec, no_tables, register_checks
from .amounts import CLAIM_TABLE, claim_table
from .bounds import CLAIM_BOUND, claim_bound
from .changes import CLAIM_CHANGE, claim_change
from .completion import CLAIM_COMPLETION, CLAIM_COMPLETION_BASIS, claim_completion, claim_completion_basis
from .denials import CLAIM_ZERO, claim_zero
from .facts import PROSE_TABLE, short_quote
from .last_year import CLAIM_LAST_YEAR, claim_last_year
from .lookup import table_values
from .parts import CLAIM_PARTS, claim_parts
from .restatements import CLAIM_NONE, CLAIM_REPEAT, claim_none, claim_repeat
from .shares import CLAIM_SHARE, claim_share

NARRATIVE_CHECKS = {
    "claim_table": CheckSpec(CLAIM_TABLE, claim_table, no_tables),
    "claim_change": CheckSpec(CLAIM_CHANGE, claim_change, no_tables),
    "claim_share": CheckSpec(CLAIM_SHARE, claim_share, no_tables),
    "claim_completion": CheckSpec(CLAIM_COMPLETION, claim_completion, no_tables),
    "claim_completion_basis": CheckSpec(CLAIM_COMPLETION_BASIS, claim_completion_basis, no_tables),
    "claim_bound": CheckSpec(CLAIM_BOUND, claim_bound, no_tables),
    "claim_zero": CheckSpec(CLAIM_ZERO, claim_zero, no_tables),
    "claim_parts": CheckSpec(CLAIM_PARTS, claim_parts, no_tables),
    "claim_repeat": CheckSpec(CLAIM_REPEAT, claim_repeat, no_tables),
    "claim_none": CheckSpec(CLAIM_NONE, claim_none, no_tables),
    "claim_last_year": CheckSpec(CLAIM_LAST_YEAR, claim_last_year, no_tables),
}


register_checks(NARRATIVE_CHECKS)

__all__ = ["NARRATIVE_CHECKS", "PROSE_TABLE", "short_quote", "table_values"]
