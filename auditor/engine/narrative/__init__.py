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
    parts.py         claim_parts       其中… parts add up to their total
    restatements.py  claim_repeat, claim_none   the prose agrees with itself
    last_year.py     claim_last_year   implied last-year income = spending

The checks register themselves in `CHECKS` when this package is imported
(auditor/engine/__init__.py does so).
"""

from __future__ import annotations

from typing import Any

from ..checks import CHECKS, CheckSpec
from .amounts import CLAIM_TABLE, claim_table
from .changes import CLAIM_CHANGE, claim_change
from .completion import CLAIM_COMPLETION, claim_completion
from .facts import PROSE_TABLE, short_quote
from .last_year import CLAIM_LAST_YEAR, claim_last_year
from .lookup import table_values
from .parts import CLAIM_PARTS, claim_parts
from .restatements import CLAIM_NONE, CLAIM_REPEAT, claim_none, claim_repeat
from .shares import CLAIM_SHARE, claim_share


def _no_tables(_: dict[str, Any]) -> list[str]:
    return []


NARRATIVE_CHECKS = {
    "claim_table": CheckSpec(CLAIM_TABLE, claim_table, _no_tables),
    "claim_change": CheckSpec(CLAIM_CHANGE, claim_change, _no_tables),
    "claim_share": CheckSpec(CLAIM_SHARE, claim_share, _no_tables),
    "claim_completion": CheckSpec(CLAIM_COMPLETION, claim_completion, _no_tables),
    "claim_parts": CheckSpec(CLAIM_PARTS, claim_parts, _no_tables),
    "claim_repeat": CheckSpec(CLAIM_REPEAT, claim_repeat, _no_tables),
    "claim_none": CheckSpec(CLAIM_NONE, claim_none, _no_tables),
    "claim_last_year": CheckSpec(CLAIM_LAST_YEAR, claim_last_year, _no_tables),
}


CHECKS.update(NARRATIVE_CHECKS)

__all__ = ["NARRATIVE_CHECKS", "PROSE_TABLE", "short_quote", "table_values"]
