"""Unruled tables (issue 5): the seeds rendered without grid lines and as 三线表 (three rules).

tests/make_pdf_fixtures.py renders each seed three ways; the ruled PDFs are tested in
test_pdf_reader.py and test_ledger_pdf.py. Here: `-unruled` (columns by position only, figures
right-aligned, headers centred over the columns they span, long labels wrapped, the header
repeated on every page) and `-threeline` (the same with a rule above and below the header and
below the table). Both must give the .txt seed's ledger: the same tables, facts and coverage
(the 栏次 numbers compared per table, as the header is repeated on every page) and, for both
seeds, the same findings.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from conftest import BUDGET_SEED, FINAL_SEED
from test_ledger_pdf import _fact_key, _table_key
from test_pdf_reader import ENGINES

from auditor.audit import AuditOptions, audit_document, load_all_rules
from auditor.document import Document
from auditor.extract import build_ledger
from auditor.readers.pdf import read_pdf
from auditor.readers.pdf.grid import find_grids
from auditor.readers.pdf.pdfminer_backend import pdfminer_pages
from auditor.readers.pdf.ruling import page_rules
from auditor.readers.txt import read_txt_bytes

GENERATED = Path(__file__).resolve().parent.parent / "fixtures" / "pdf" / "generated"
STYLES = ["unruled", "threeline"]
SEEDS = [FINAL_SEED, BUDGET_SEED]
@cache
def doc(seed: Path, style: str, engine: str = "pdfminer") -> Document:
    path = GENERATED / f"{seed.stem}-{style}.pdf"
    return read_pdf(path, path.read_bytes(), engine=engine)


@cache
def seed_doc(seed: Path) -> Document:
    return read_txt_bytes(str(seed), seed.read_bytes())


def table_rows(document: Document) -> list[list[str]]:
    return [[re.sub(r"\s+", "", c) for c in ln.cells] for ln in document.lines if ln.is_tabular and not ln.is_blank]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_fixtures_have_no_vertical_rules(seed: Path, style: str) -> None:
    """No grid on any page: a 三线表's rules are horizontal only, an unruled table has none."""
    path = GENERATED / f"{seed.stem}-{style}.pdf"
    count, pages = pdfminer_pages(str(path), path.read_bytes())
    rules = [page_rules(page.shapes) for page in pages]
    assert count == len(rules) and all(not vs and not find_grids(hs, vs) for hs, vs in rules)
    assert any(hs for hs, _ in rules) == (style == "threeline")


@pytest.mark.skipif(len(ENGINES) < 2, reason="pypdfium2 not installed")
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_backends_give_identical_documents(seed: Path, style: str) -> None:
    assert doc(seed, style, "pdfium") == doc(seed, style, "pdfminer")


@pytest.mark.parametrize("style", STYLES)
def test_summary_and_income_tables_read_by_alignment(style: str) -> None:
    """收入支出决算总表 (收入/支出 centred over three columns each, 栏次 row, blank left half,
    continued on a second page under its header again) and the first page of 收入决算表
    (a label wrapped over two lines) give the seed's rows cell for cell."""
    assert table_rows(doc(FINAL_SEED, style))[:55] == table_rows(seed_doc(FINAL_SEED))[:55]


@pytest.mark.parametrize("style", STYLES)
def test_wrapped_labels_are_joined_into_their_row(style: str) -> None:
    """The contract lists wrap names over up to three lines; every row comes back whole."""
    contract = re.compile(r"^\d+$")
    seed = [r for r in table_rows(seed_doc(FINAL_SEED)) if contract.match(r[0]) and r[1:2] == ["691001"]]
    pdf = [r for r in table_rows(doc(FINAL_SEED, style)) if contract.match(r[0]) and r[1:2] == ["691001"]]
    assert len(seed) == 44 and pdf == seed


def coverage(ledger) -> tuple[dict[str, int], set[tuple]]:
    """Coverage counts, the 栏次 numbers apart: an unruled table repeats its header (栏次 row and
    all) on every page it runs onto, where the seed has it once per block. Those are counted as
    the distinct numbers of each table's 栏次 rows."""
    counts = ledger.coverage.counts()
    counts.pop("index")
    index = {(t.table_id, t.text) for t in ledger.coverage.tokens if t.kind == "index"}
    return counts, index


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_unruled_pdf_gives_the_seed_ledger(seed: Path, style: str, engine: str) -> None:
    txt = build_ledger(seed_doc(seed))
    pdf = build_ledger(doc(seed, style, engine))
    assert pdf.info == txt.info
    assert [_table_key(t) for t in pdf.tables] == [_table_key(t) for t in txt.tables]
    assert [_fact_key(f) for f in pdf.facts] == [_fact_key(f) for f in txt.facts]
    assert coverage(pdf) == coverage(txt)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_unruled_pdf_gives_the_seed_findings(seed: Path, style: str) -> None:
    rules = load_all_rules()

    def findings(document: Document) -> list[tuple]:
        report = audit_document(document, rules, AuditOptions())
        return [(f.rule, f.severity, f.expected, f.actual, f.difference) for f in report.findings]

    assert findings(doc(seed, style)) == findings(seed_doc(seed))
