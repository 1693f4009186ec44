"""The PDF reader: real disclosures, PDFs generated from the .txt seeds, broken PDFs, both backends."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from auditor.document import Document
from auditor.errors import InputError
from auditor.readers import pdf as pdf_reader
from auditor.readers.pdf import Glyph, RawPage, Shape, build_document, read_pdf
from auditor.readers.txt import read_txt_bytes

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "fixtures" / "pdf"
GENERATED = PDFS / "generated"
SEEDS = ROOT / "fixtures" / "seeds"
PUTUO = PDFS / "putuo-social-work-2024-final.pdf"
TEMPLATE = PDFS / "national-final-accounts-template.pdf"
SEED_NAMES = ["pingfang-smart-city-2023-final", "mohe-smart-city-2025-budget"]
GOOD = [PUTUO, TEMPLATE, *(GENERATED / f"{n}.pdf" for n in SEED_NAMES)]

try:
    import pypdfium2  # noqa: F401

    ENGINES = ["pdfium", "pdfminer"]
except ImportError:  # the fast backend is optional
    ENGINES = ["pdfminer"]


@cache
def read(path: Path, engine: str = "auto") -> Document:
    return read_pdf(path, path.read_bytes(), engine=engine)


def cells_at(doc: Document, page: int, number: int) -> list[str]:
    [line] = [ln for ln in doc.lines if ln.page == page and ln.number == number]
    return line.cells


# --- the real filled disclosure ---------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_putuo_pages_and_numbering(engine: str) -> None:
    doc = read(PUTUO, engine)
    assert doc.paged and doc.page_count == 24 and doc.warnings == []
    assert {ln.page for ln in doc.lines} == set(range(1, 25))
    for page in range(1, 25):
        numbers = [ln.number for ln in doc.lines if ln.page == page]
        assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize(
    ("page", "number", "cells"),
    [
        # 收入支出决算总表 (portrait): spanning 收入/支出 header, then a two-sided row.
        (5, 4, ["收入", "", "支出", ""]),
        (5, 6, ["一、一般公共预算财政拨款收入", "307.82", "一、一般公共服务支出", "264.87"]),
        (5, 14, ["", "", "九、卫生健康支出", "2.71"]),
        (5, 35, ["总计", "307.82", "总计", "307.82"]),
        # 收入决算表 (landscape): 项目 spans two columns; wrapped headers joined.
        (6, 3, ["项目", "", "", "", "", "", "", "", ""]),
        (
            6,
            4,
            [
                "功能分类科目编码",
                "科目名称",
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ],
        ),
        (6, 5, ["合计", "", "307.82", "307.82", "", "", "", "", ""]),
        # A label wrapped over two physical lines, with its subject code.
        (6, 13, ["2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", "", "", "", "", ""]),
        # The table continues on the next page without a header.
        (7, 1, ["2101101", "行政单位医疗", "2.22", "2.22", "", "", "", "", ""]),
        (
            8,
            4,
            [
                "功能分类科目编码",
                "科目名称",
                "本年支出合计",
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出",
                "对附属单位补助支出",
            ],
        ),
        # 财政拨款收入支出决算总表: headers wrapped over three lines.
        (
            10,
            4,
            [
                "项目",
                "决算数",
                "项目",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ],
        ),
        (11, 12, ["本年收入合计", "307.82", "本年支出合计", "307.82", "307.82", "", ""]),
        # 一般公共预算财政拨款支出决算表: a label wrapped over three lines in a narrow column.
        (12, 13, ["2080506", "机关事业单位职业年金缴费支出", "4.64", "4.64", ""]),
        (12, 22, ["合计", "", "307.82", "105.58", "202.24"]),
        # 基本支出决算表: two column groups side by side, footers spanning code+name.
        (13, 10, ["30108", "机关事业单位基本养老保险缴费", "6.18", "30206", "电费", "0.00"]),
        (13, 36, ["", "", "", "31007", "信息网络及软件购置更新", "0.00"]),
        (13, 42, ["人员经费合计", "", "95.36", "公用经费合计", "", "10.23"]),
        # 三公 table: three header levels, no data rows.
        (
            14,
            5,
            [
                "合计",
                "",
                "因公出国（境）费",
                "",
                "小计",
                "",
                "公务用车购置费",
                "",
                "公务用车运行维护费",
                "",
                "公务接待费",
                "",
            ],
        ),
        (14, 6, ["预算数", "决算数"] * 6),
        # Prose and titles are single cells.
        (5, 2, ["收入支出决算总表"]),
        (5, 3, ["单位：万元"]),
        (17, 4, ["中共上海市普陀区委社会工作部2024年度收入支出总计307.82"]),
        (17, 12, ["34.30%；项目支出202.24万元，占65.70%。"]),
    ],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_putuo_lines(engine: str, page: int, number: int, cells: list[str]) -> None:
    assert cells_at(read(PUTUO, engine), page, number) == cells


def test_putuo_rows_of_a_table_line_up() -> None:
    doc = read(PUTUO)
    for page, width in [(5, 4), (6, 9), (7, 9), (12, 5), (13, 6), (14, 12), (15, 8)]:
        rows = [ln for ln in doc.lines if ln.page == page and ln.is_tabular]
        assert rows and {len(ln.cells) for ln in rows} == {width}, page


def test_putuo_every_money_figure_is_a_cell() -> None:
    """Each x.xx figure on the table pages (PDFium's own text dump) is exactly one cell."""
    pypdfium2 = pytest.importorskip("pypdfium2")
    pdf = pypdfium2.PdfDocument(PUTUO)
    money = re.compile(r"\d+\.\d\d")
    for page in range(5, 17):
        printed = Counter(money.findall(pdf[page - 1].get_textpage().get_text_range()))
        cells = Counter(
            c for ln in read(PUTUO).lines if ln.page == page for c in ln.cells if money.fullmatch(c)
        )
        assert cells == printed, page
        assert all(ln.is_tabular for ln in read(PUTUO).lines if ln.page == page and money.search(ln.text))


def test_template_reads_blank_tables() -> None:
    doc = read(TEMPLATE)
    assert doc.page_count == 23 and doc.warnings == []
    assert cells_at(doc, 11, 3) == ["经济分类科目编码", "科目名称", "决算数"] * 2
    assert cells_at(doc, 5, 6) == ["一、一般公共预算财政拨款收入", "", "一、一般公共服务支出", ""]


# --- both backends ------------------------------------------------------------------------


@pytest.mark.skipif(len(ENGINES) < 2, reason="pypdfium2 not installed")
@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_backends_give_identical_documents(path: Path) -> None:
    assert read(path, "pdfium") == read(path, "pdfminer")


def test_unknown_engine() -> None:
    with pytest.raises(InputError, match="未知的 PDF 引擎"):
        read_pdf(PUTUO, PUTUO.read_bytes(), engine="ocr")


# --- PDFs generated from the seeds --------------------------------------------------------


def table_rows(doc: Document) -> list[list[str]]:
    # Spaces are layout in a PDF (`项目 栏次` is drawn as two words): compare without them.
    return [
        [re.sub(r"\s+", "", c) for c in ln.cells] for ln in doc.lines if ln.is_tabular and not ln.is_blank
    ]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_generated_pdf_has_the_seed_tables(name: str, engine: str) -> None:
    seed = read_txt_bytes(name, (SEEDS / f"{name}.txt").read_bytes())
    doc = read(GENERATED / f"{name}.pdf", engine)
    assert doc.warnings == []
    assert table_rows(doc) == table_rows(seed)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_generated_pdf_drops_running_header_and_page_numbers(name: str) -> None:
    doc = read(GENERATED / f"{name}.pdf")
    assert doc.page_count and doc.page_count > 10
    texts = [ln.text for ln in doc.lines]
    assert name not in texts
    assert not [t for t in texts if re.fullmatch(r"- \d+ -", t)]


def test_generated_pdf_prose_is_one_cell() -> None:
    doc = read(GENERATED / "pingfang-smart-city-2023-final.pdf")
    assert cells_at(doc, 1, 1) == ["**哈尔滨市平房区智慧城市发"]
    titles = [ln for ln in doc.lines if ln.text == "收入支出决算总表"]
    assert titles and all(ln.cells == ["收入支出决算总表"] for ln in titles)


# --- broken PDFs --------------------------------------------------------------------------


@pytest.mark.parametrize("engine", [*ENGINES, "auto"])
@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("encrypted", "PDF 文件已加密，需要密码才能打开"),
        ("scanned", "PDF 没有文本层（可能是扫描件），需要先做OCR识别"),
        ("truncated", "PDF 文件不完整（可能下载中断或文件被截断）"),
        ("corrupt", "PDF 文件已损坏或格式无效"),
    ],
)
def test_bad_pdfs(name: str, start: str, engine: str) -> None:
    path = GENERATED / f"{name}.pdf"
    with pytest.raises(InputError) as caught:
        read_pdf(path, path.read_bytes(), engine=engine)
    assert str(caught.value).startswith(f"{path}: {start}")


def test_not_a_pdf_at_all() -> None:
    with pytest.raises(InputError, match="不是有效的 PDF 文件"):
        read_pdf(Path("x.pdf"), b"hello, world\n%%EOF", engine="pdfminer")


def _page(text: str) -> RawPage:
    glyphs = [Glyph(ch, 100 + 10 * i, 100, 110 + 10 * i, 110) for i, ch in enumerate(text)]
    return RawPage(595, 842, glyphs=glyphs)


def test_a_failed_page_is_a_warning_and_the_others_stay() -> None:
    doc = build_document("x.pdf", 3, iter([_page("第一页"), RuntimeError("bad stream"), _page("第三页")]))
    assert [(ln.page, ln.number, ln.cells) for ln in doc.lines] == [(1, 1, ["第一页"]), (3, 1, ["第三页"])]
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("第2页无法读取")


def test_all_pages_failing_is_an_error() -> None:
    with pytest.raises(InputError, match="所有页面都无法读取"):
        build_document("x.pdf", 1, iter([RuntimeError("bad")]))


# --- layout details -----------------------------------------------------------------------


def _box(x0: float, top: float, x1: float, bottom: float) -> Shape:
    return Shape([([(x0, top), (x1, top), (x1, bottom), (x0, bottom)], True)], stroke=True, fill=False)


def _text(x: float, y: float, text: str, size: float = 10) -> list[Glyph]:
    return [Glyph(ch, x + size * i, y, x + size * (i + 1), y + size) for i, ch in enumerate(text)]


def test_grid_from_per_cell_boxes_with_a_spanning_header_and_wrapped_cell() -> None:
    """Cells drawn one box each (Excel style); 收入 spans two columns; a label wraps."""
    shapes = [_box(100, 100, 300, 120), _box(100, 120, 200, 160), _box(200, 120, 300, 160)]
    glyphs = (
        _text(180, 105, "收入")
        + _text(105, 122, "机关事业")
        + _text(105, 136, "支出")
        + _text(210, 130, "１.５０")
    )
    items = pdf_reader.layout_page(RawPage(595, 842, glyphs=glyphs, shapes=shapes))
    assert [it.cells for it in items] == [["收入", ""], ["机关事业支出", "1.50"]]


def test_page_numbers_in_margins_are_dropped_but_not_in_the_body() -> None:
    pages = [
        RawPage(595, 842, glyphs=_text(280, 810, "- 1 -") + _text(100, 400, "12")),
        RawPage(595, 842, glyphs=_text(280, 810, "第2页") + _text(100, 400, "正文")),
    ]
    doc = build_document("x.pdf", 2, iter(pages))
    assert [ln.text for ln in doc.lines] == ["12", "正文"]


def test_rotated_page_transform() -> None:
    # /Rotate 90 on a portrait MediaBox: user-space top-left shows at the top right.
    transform = pdf_reader.display_transform((0, 0, 595, 842), 90)
    assert transform(0, 842) == pytest.approx((842, 0))
    assert transform(595, 0) == pytest.approx((0, 595))


def test_unruled_table_is_read_by_alignment() -> None:
    """Three or more lines split by wide gaps into aligned pieces: rows of an unruled table."""
    glyphs = _text(100, 100, "单位：万元")
    for k, (label, a, b) in enumerate(
        [("项目", "预算数", "决算数"), ("工资福利支出", "95.36", "95.36"), ("办公费", "3.78", "")]
    ):
        y = 120 + 15 * k
        glyphs += _text(100, y, label) + _text(300, y, a, size=8) + (_text(400, y, b, size=8) if b else [])
    items = pdf_reader.layout_page(RawPage(595, 842, glyphs=glyphs))
    assert [it.cells for it in items] == [
        ["单位：万元"],
        ["项目", "预算数", "决算数"],
        ["工资福利支出", "95.36", "95.36"],
        ["办公费", "3.78", ""],
    ]
