"""The PDF text layer as a reader sees it: glyphs drawn twice (fake bold), glyphs with odd
boxes, and text nobody can see (off the page, outside the crop box or a clip, invisible).

Glyph lists are taken from real reads (the coordinates are what a backend gave); the
generated fixtures are `tests/make_pdf_fixtures.py`'s `unseen_text_pdf` and
`type3_punctuation_pdf`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.readers.pdf import Glyph, RawPage, read_pdf
from auditor.readers.pdf.text import group_lines, line_text
from auditor.readers.pdf.visible import merge_fake_bold, seen_glyphs

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
GENERATED = ROOT / "fixtures" / "pdf" / "generated"
TEMPLATE = ROOT / "fixtures" / "pdf" / "national-final-accounts-template.pdf"

try:
    import pypdfium2  # noqa: F401

    ENGINES = ["pdfium", "pdfminer"]
except ImportError:  # the fast backend is optional
    ENGINES = ["pdfminer"]


@cache
def read(path: Path, engine: str) -> Document:
    return read_pdf(path, path.read_bytes(), engine=engine)


def lines(doc: Document, page: int | None = None) -> list[tuple[int, int, list[str]]]:
    return [(ln.page, ln.number, ln.cells) for ln in doc.lines if page is None or ln.page == page]


def G(text: str, x0: float, top: float, x1: float, bottom: float, base: float, em: float) -> Glyph:
    return Glyph(text, x0, top, x1, bottom, base, em)


# --- fake bold ----------------------------------------------------------------------------

# pdfminer's glyphs of `1233.45 1…` set at 12 pt in Helvetica squeezed to half width (Tz 50)
# and drawn twice, 0.3 pt apart (unseen-text.pdf, page 1). A digit's advance is 3.33 pt, under
# a third of its 12 pt box: the old rule (same text, offset under 0.3 of the box height) took
# the real second 3 for a twin and read `123 .45`.
CONDENSED_BOLD = [
    G("1", 45.01, 122.48, 48.34, 134.48, 132.00, 12.00),
    G("1", 45.31, 122.48, 48.64, 134.48, 132.00, 12.00),
    G("2", 48.34, 122.48, 51.68, 134.48, 132.00, 12.00),
    G("2", 48.64, 122.48, 51.98, 134.48, 132.00, 12.00),
    G("3", 51.68, 122.48, 55.01, 134.48, 132.00, 12.00),
    G("3", 51.98, 122.48, 55.31, 134.48, 132.00, 12.00),
    G("3", 55.01, 122.48, 58.35, 134.48, 132.00, 12.00),
    G("3", 55.31, 122.48, 58.65, 134.48, 132.00, 12.00),
    G(".", 58.35, 122.48, 60.02, 134.48, 132.00, 12.00),
    G(".", 58.65, 122.48, 60.32, 134.48, 132.00, 12.00),
    G("4", 60.02, 122.48, 63.35, 134.48, 132.00, 12.00),
    G("4", 60.32, 122.48, 63.65, 134.48, 132.00, 12.00),
    G("5", 63.35, 122.48, 66.69, 134.48, 132.00, 12.00),
    G("5", 63.65, 122.48, 66.99, 134.48, 132.00, 12.00),
    G("1", 68.36, 122.48, 71.69, 134.48, 132.00, 12.00),
    G("1", 68.66, 122.48, 71.99, 134.48, 132.00, 12.00),
]


def test_fake_bold_twins_merge_and_real_repeated_digits_stay() -> None:
    kept = merge_fake_bold(CONDENSED_BOLD)
    assert kept == CONDENSED_BOLD[::2]
    assert line_text(kept) == "1233.45 1"


def test_condensed_figures_keep_their_digits_and_word_space() -> None:
    single = CONDENSED_BOLD[::2]
    assert merge_fake_bold(single) == single
    assert line_text(single) == "1233.45 1"  # the space of squeezed text is squeezed too


def test_close_set_full_width_punctuation_is_not_fake_bold() -> None:
    """`。。。` in the national template (p4, PDFium's boxes): each 15 pt wide, set 7.5 pt apart."""
    dots = [
        G("。", 140.28, 488.16, 155.28, 503.51, 501.05, 15.00),
        G("。", 147.72, 488.16, 162.72, 503.51, 501.05, 15.00),
        G("。", 155.28, 488.16, 170.28, 503.51, 501.05, 15.00),
    ]
    assert merge_fake_bold(dots) == dots


def test_a_narrow_letter_emboldened_by_a_whole_point_is_one_letter() -> None:
    # Helvetica `l` at 12 pt (2.67 pt advance) drawn again 1 pt to the right, and 0.2 pt lower.
    ell = G("l", 71.36, 82.48, 74.03, 94.48, 92.0, 12.0)
    twin = G("l", 72.36, 82.68, 75.03, 94.68, 92.2, 12.0)
    double = G("l", 74.03, 82.48, 76.70, 94.48, 92.0, 12.0)  # `ll`: a real second l
    assert merge_fake_bold([ell, twin, double]) == [ell, double]


# --- odd glyph boxes ----------------------------------------------------------------------

# PDFium's glyphs of `一、收入合计：1233.45` (type3-punctuation.pdf): the ordinal, `、` and `：`
# come from Type3 fonts whose font box is their ink, so `一` is a hairline at mid-height and
# `、` a fifth of an em at the baseline. Grouped by box they made lines of their own.
TYPE3_LINE = [
    G("收", 74.00, 132.40, 86.00, 144.40, 142.00, 12.00),
    G("入", 86.00, 132.40, 98.00, 144.40, 142.00, 12.00),
    G("合", 98.00, 132.40, 110.00, 144.40, 142.00, 12.00),
    G("计", 110.00, 132.40, 122.00, 144.40, 142.00, 12.00),
    G("1", 134.00, 132.40, 140.00, 144.40, 142.00, 12.00),
    G("2", 140.00, 132.40, 146.00, 144.40, 142.00, 12.00),
    G("3", 146.00, 132.40, 152.00, 144.40, 142.00, 12.00),
    G("3", 152.00, 132.40, 158.00, 144.40, 142.00, 12.00),
    G(".", 158.00, 132.40, 164.00, 144.40, 142.00, 12.00),
    G("4", 164.00, 132.40, 170.00, 144.40, 142.00, 12.00),
    G("5", 170.00, 132.40, 176.00, 144.40, 142.00, 12.00),
    G("：", 122.00, 135.28, 134.00, 141.52, 142.00, 12.00),
    G("一", 50.00, 137.92, 62.00, 138.40, 142.00, 12.00),
    G("、", 62.00, 140.32, 74.00, 142.72, 142.00, 12.00),
]


def test_punctuation_with_an_odd_box_stays_in_its_line() -> None:
    grouped = group_lines(TYPE3_LINE)
    assert [line_text(line) for line in grouped] == ["一、收入合计：1233.45"]


def test_the_next_line_is_still_a_line_of_its_own() -> None:
    below = [Glyph(g.text, g.x0, g.top + 20, g.x1, g.bottom + 20, g.base + 20, g.em) for g in TYPE3_LINE]
    assert len(group_lines(TYPE3_LINE + below)) == 2


# --- what a reader cannot see -------------------------------------------------------------


def test_seen_glyphs_keep_only_what_shows() -> None:
    def g(text: str, x: float, y: float, **kw) -> Glyph:
        return Glyph(text, x, y, x + 10, y + 10, **kw)

    page = RawPage(
        200,
        300,
        glyphs=[
            g("在", 20, 20),
            g("下", 20, 310),  # below the page
            g("右", 196, 20),  # its middle right of the page
            g("剪", 60, 20, clip=(0, 0, 50, 300)),  # outside its clip
            g("留", 40, 20, clip=(0, 0, 50, 300)),  # inside it (middle at 45)
            g("隐", 100, 20, hidden=True),  # invisible (render mode 3)
            g("识", 100, 100, hidden=True),  # invisible over an image: a scan's OCR text
        ],
        images=[(90, 90, 190, 130)],
    )
    assert [x.text for x in seen_glyphs(page)] == ["在", "留", "识"]


# --- end to end: the generated fixtures, both engines ---------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_unseen_text_pdf(engine: str) -> None:
    """Fake bold at offsets PDFium merges itself (0.25 pt) and not (1 pt), condensed figures,
    text off the page / outside the crop box / invisible, an OCR layer over an image, and
    labels cut by clips (on the page, and inside a scaled form XObject)."""
    assert lines(read(GENERATED / "unseen-text.pdf", engine)) == [
        (1, 1, ["Totals 2024"]),
        (1, 2, ["Total 1233.45 1000.00"]),
        (1, 3, ["Total 1233.45 1000.00"]),
        (1, 4, ["Total 1233.45 1000.00"]),
        (1, 5, ["Total 1233.45 1000.00"]),
        (1, 6, ["Scanned 777.77"]),
        (1, 7, ["spending, 40.01%"]),
        (1, 8, ["spending, 59.35%"]),
        (2, 1, ["合计情况"]),
        (2, 2, ["合计1233.45 1000.00"]),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_type3_punctuation_pdf(engine: str) -> None:
    assert lines(read(GENERATED / "type3-punctuation.pdf", engine)) == [
        (1, 1, ["一、收入合计：1233.45"]),
        (1, 2, ["二、支出合计：1000.00"]),
    ]


# --- end to end: real documents -------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_a_table_copied_below_the_page_is_not_read(engine: str) -> None:
    """jiangsu-renda p11 ends with the 财政拨款支出预算表; the exporter drew the next tables
    (财政拨款基本支出预算表 and more) once more below the page's bottom edge. They are read where
    they show: p12 (title) and p13 (rows)."""
    doc = read(CORPUS / "jiangsu-renda-budget-2017.pdf", engine)
    p11 = lines(doc, 11)
    assert len(p11) == 22
    assert p11[0][2] == ["财政拨款支出预算表"]
    assert p11[-1] == (11, 22, ["2210202", "提租补贴", "1,018.01"])
    assert not [ln for ln in doc.lines if ln.page == 11 and "7,666.68" in ln.cells]
    assert (12, 10, ["财政拨款基本支出预算表"]) in lines(doc, 12)
    assert lines(doc, 13)[1] == (13, 2, ["", "合计", "7,666.68"])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_chart_label_cut_by_its_clip_reads_as_shown(engine: str) -> None:
    """jiangsu-gaoyuan p20: the pie chart's clip hides 项目 of its label 项目支出, 40.01%."""
    doc = read(CORPUS / "jiangsu-gaoyuan-budget-2017.pdf", engine)
    assert lines(doc, 20)[18:22] == [
        (20, 19, ["预留机动经费,"]),
        (20, 20, ["0.64%"]),
        (20, 21, ["支出, 40.01%"]),
        (20, 22, ["基本支出, 59.35%"]),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_close_set_dots_in_the_template_stay(engine: str) -> None:
    doc = read(TEMPLATE, engine)
    assert [ln.cells for ln in doc.lines if ln.page == 4 and ln.number in (13, 17)] == [
        ["4", "。。。", ""],
        ["8", "。。。", ""],
    ]


def test_a_border_drawn_in_pieces_beside_a_shaded_cell_is_one_rule():
    """gaoyuan p15: under 301 the amount cell's shading ends at y 615.19 while the border of the
    code and label cells is a thin bar at 615.79; the line runs across all three columns."""
    from auditor.readers.pdf.ruling import Rule, merge_rules

    pieces = [Rule(615.19, 388.51, 537.09), Rule(615.79, 61.92, 211.01), Rule(615.79, 211.49, 388.27),
              Rule(615.79, 388.75, 537.21), Rule(633.3, 62.0, 537.0)]
    assert [(round(r.pos, 2), round(r.start, 2), round(r.end, 2)) for r in merge_rules(pieces)] == [
        (615.19, 61.92, 537.21), (633.3, 62.0, 537.0)]
