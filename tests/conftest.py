from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract import build_ledger
from auditor.readers.txt import read_txt_bytes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BUDGET_SEED = FIXTURES / "seeds" / "mohe-smart-city-2025-budget.txt"
FINAL_SEED = FIXTURES / "seeds" / "pingfang-smart-city-2023-final.txt"


def ledger_from_text(text: str, name: str = "sample.txt"):
    """A ledger from .txt content written inline in a test (tabs separate cells)."""
    return build_ledger(read_txt_bytes(name, text.encode("utf-8")))


@pytest.fixture(scope="session")
def budget_ledger():
    return build_ledger(read_txt_bytes(str(BUDGET_SEED), BUDGET_SEED.read_bytes()))


@pytest.fixture(scope="session")
def final_ledger():
    return build_ledger(read_txt_bytes(str(FINAL_SEED), FINAL_SEED.read_bytes()))


def fact(ledger, table: str, row: str, column: str):
    """The one fact at (table type, row key, column path or suffix)."""
    hits = [f for f in ledger.facts if f.table == table and f.row == row
            and (f.column == column or f.column.endswith("/" + column))]
    assert len(hits) == 1, f"{table}[{row}, {column}] matched {len(hits)} facts"
    return hits[0]
