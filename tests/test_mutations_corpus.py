"""Mutation tests on real templates: every figure of the detail tables of a Shanghai and a
university budget, raised by 100 units of its last digit, is caught by an error at its line.
(The seeds' own mutation test is tests/test_mutations_tables.py.)"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import FIXTURES

from auditor.audit import load_all_rules
from auditor.engine import run_rules, select_rules
from auditor.extract import build_ledger
from auditor.readers import read_document

CORPUS = FIXTURES / "corpus"
CASES = {
    # file: the tables whose every figure must be caught
    "shanghai-caizhengju-unitbudget-2025.pdf": {"部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表",
                                                "一般公共预算基本支出表"},
    "swu-deptbudget-2021.pdf": {"部门收入总表", "部门支出总表", "财政拨款支出表"},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_figure_of_the_detail_tables_raised_is_an_error_at_its_line(name):
    ledger = build_ledger(read_document(CORPUS / name))
    rules = select_rules(load_all_rules(), kind=ledger.info.kind, family=ledger.info.family)
    before = {(f.rule, f.message) for f in run_rules(ledger, rules)[0]}
    targets = [k for k, f in enumerate(ledger.facts) if f.table in CASES[name]]
    assert {ledger.facts[k].table for k in targets} == CASES[name]
    missed = []
    for k in targets:
        fact = ledger.facts[k]
        facts = list(ledger.facts)
        facts[k] = replace(fact, value=fact.value + Decimal(100).scaleb(-fact.decimals))
        findings, _ = run_rules(replace(ledger, facts=facts), rules)
        if not any(f.severity == "error" and (f.rule, f.message) not in before
                   and any(loc.page == fact.page and loc.line == fact.line for loc in f.locations)
                   for f in findings):
            missed.append((fact.table, fact.row, fact.column))
    assert missed == []
