"""The real corpus (fixtures/corpus) against its reviewed expectations (expected.yaml).

Every error and warning the auditor reports on these documents must be one a reader confirms on
the page (listed under `expected:` with its reason), every listed one must still be reported,
every table must be typed, every figure placed, and kind, year, department, family and the files
of a split disclosure must be right. A file still `pending:` is expected to fail (strict xfail:
when it passes, the mark must go).
"""

from __future__ import annotations

import pytest
from corpus_expectations import CORPUS, audit_json, compare, load_expectations

EXPECTATIONS = load_expectations()
CASES = [name for name, exp in EXPECTATIONS.items() if not exp.joined_with]


@pytest.fixture(scope="module")
def reports():
    return audit_json(sorted(CORPUS.glob("*.pdf")))


def test_every_corpus_file_has_reviewed_expectations(reports):
    assert sorted(p.name for p in CORPUS.glob("*.pdf")) == sorted(EXPECTATIONS)
    # the tables file of a split disclosure is audited with its text, never alone
    joined = {name for name, exp in EXPECTATIONS.items() if exp.joined_with}
    assert sorted(reports) == sorted(set(EXPECTATIONS) - joined)


@pytest.mark.parametrize("name", CASES)
def test_corpus_file_matches_its_review(reports, name):
    exp = EXPECTATIONS[name]
    problems = compare(reports[name], exp)
    if exp.pending:
        assert problems, f"{name} now matches its review: remove its `pending:` ({exp.pending})"
        pytest.xfail(f"{exp.pending}: {problems}")
    assert problems == []
