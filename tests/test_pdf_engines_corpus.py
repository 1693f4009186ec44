"""Both PDF backends read every real document of the corpus into the same Document.

Layout is shared, so any difference comes from extraction: a glyph one backend sees and the
other does not (text off the page, clipped, invisible, a fake-bold twin PDFium merges itself),
or a box or size measured differently. The whole corpus takes about ten seconds (pdfminer is
most of it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.readers.pdf import read_pdf

pytest.importorskip("pypdfium2")

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
FILES = sorted(CORPUS.glob("*.pdf"))


def test_the_corpus_is_there() -> None:
    assert len(FILES) == 14


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_engines_agree(path: Path) -> None:
    data = path.read_bytes()
    fast, miner = (read_pdf(path, data, engine=engine) for engine in ("pdfium", "pdfminer"))
    assert (fast.page_count, fast.warnings) == (miner.page_count, miner.warnings)
    assert fast.lines, "no text read"
    # Line by line first, for a message that names the first line that differs.
    for a, b in zip(fast.lines, miner.lines, strict=False):
        assert (a.page, a.number, a.cells, a.grid, a.cell_ids) == (b.page, b.number, b.cells, b.grid, b.cell_ids)
    assert fast == miner
