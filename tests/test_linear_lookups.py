"""Rows are found through indexes built once per ledger: the same rows as a scan of the whole table
(in the same order), and a table grown sixteenfold is read and checked as the original is.
(How the time grows is measured in benchmarks/growth.py, never asserted here.)"""

from __future__ import annotations

import sys

from conftest import FIXTURES

from auditor.audit import AuditOptions, audit_bytes, load_all_rules
from auditor.engine.address import View, label_key, loose_key

sys.path.insert(0, str(FIXTURES.parent / "benchmarks"))
import growth  # noqa: E402

RULES = load_all_rules()


def scanned(view: View, table_type: str, text: str):
    """find_rows as it was written before the indexes: a scan of every row."""
    places = view.places(table_type)
    exact = [p for p in places if p.row.key == text]
    if text.isdigit():
        return exact or [p for p in places if p.row.code == text]
    want = label_key(text)
    found = exact + [p for p in places if p.row.label and label_key(p.row.label) == want and p not in exact]
    if found:
        return found
    return [p for p in places if p.row.label and loose_key(p.row.label) == loose_key(text)]


def test_indexed_rows_are_the_scanned_rows(budget_ledger, final_ledger):
    asked = 0
    for ledger in (budget_ledger, final_ledger):
        view = View(ledger)
        for table in ledger.tables:
            for row in table.rows:
                names = {row.key, row.label, row.code, f"其中：{row.label}", "（1）" + (row.label or "")}
                for name in filter(None, names):
                    assert view.find_rows(table.type, name) == scanned(view, table.type, name), (table.type, name)
                    asked += 1
    assert asked > 1000


def test_a_table_grown_sixteen_times_is_read_and_checked_whole():
    reports = {k: audit_bytes(f"grown-{k}.txt", growth.grown_disclosure(k).encode("utf-8"), RULES, AuditOptions())
               for k in (1, 16)}
    facts = {k: next(t.facts for t in r.tables if t.type == "支出决算表") for k, r in reports.items()}
    # the 合计 row and 4 class rows stay; the 6 款 and 9 项 rows are there 16 times; 6 columns each
    assert facts == {1: (5 + 15) * 6, 16: (5 + 16 * 15) * 6}
    for report in reports.values():
        within = [f for f in report.findings if f.severity == "error" and f.rule.startswith("F1")
                  and f.locations[0].table == "支出决算表"]
        assert within == []
