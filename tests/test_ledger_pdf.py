"""The ledger of PDF disclosures: the real filled 决算, the blank national template, the PDFs
generated from the .txt seeds (same ledger as the seed), and the layout features PDFs bring
(merged header cells, ruled rows, adjacent grids, split and repeated titles, wrapped notes)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from conftest import BUDGET_SEED, FINAL_SEED, fact

from auditor.document import Document, Line
from auditor.extract import build_ledger
from auditor.ledger import Ledger
from auditor.readers import pdf as pdf_reader
from auditor.readers.pdf import Glyph, RawPage, Shape, read_pdf
from auditor.readers.txt import read_txt_bytes

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "fixtures" / "pdf"
PUTUO = PDFS / "putuo-social-work-2024-final.pdf"
TEMPLATE = PDFS / "national-final-accounts-template.pdf"

FINAL_TABLES = [
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "财政拨款三公经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
]
SANGONG = "财政拨款三公经费"


@cache
def pdf_ledger(path: Path) -> Ledger:
    return build_ledger(read_pdf(path, path.read_bytes()))


@cache
def txt_ledger(path: Path) -> Ledger:
    return build_ledger(read_txt_bytes(str(path), path.read_bytes()))


def at(ledger: Ledger, table: str, row: str, column: str) -> tuple:
    f = fact(ledger, table, row, column)
    return f.label, f.column, f.value, f.page, f.line


# --- the real filled 决算 (Shanghai Putuo, 24 pages) ---------------------------------------


def test_putuo_document_and_tables():
    ledger = pdf_ledger(PUTUO)
    info = ledger.info
    assert (info.kind, info.year, info.department, info.unit) == ("final", 2024, "中共上海市普陀区委社会工作部", "万元")
    # the unit list under 部门决算单位构成 is a table of names, then the nine 公开 tables
    assert [t.type for t in ledger.tables] == ["单位构成表", *FINAL_TABLES]
    assert [(t.first_page, t.first_line, t.last_page, t.last_line, t.pages) for t in ledger.tables] == [
        (4, 18, 4, 20, [4]), (5, 2, 5, 35, [5]), (6, 1, 7, 6, [6, 7]), (8, 1, 9, 6, [8, 9]),
        (10, 1, 11, 17, [10, 11]), (12, 1, 12, 22, [12]), (13, 1, 13, 42, [13]), (14, 1, 14, 6, [14]),
        (15, 1, 15, 5, [15]), (16, 1, 16, 5, [16]),
    ]
    assert [t.facts for t in ledger.tables] == [0, 9, 36, 39, 15, 39, 67, 0, 0, 0]


def test_putuo_every_figure_is_placed():
    cov = pdf_ledger(PUTUO).coverage
    assert cov.counts() == {"fact": 205, "index": 2, "code": 116, "identifier": 0, "unplaced": 0}
    assert cov.placed == cov.figures == 205


def test_putuo_summary_table_halves_and_blank_rows():
    ledger = pdf_ledger(PUTUO)
    t = "收入支出决算总表"
    assert at(ledger, t, "一、一般公共预算财政拨款收入", "决算数") == (
        "一、一般公共预算财政拨款收入", "收入/决算数", Decimal("307.82"), 5, 6)
    assert at(ledger, t, "十九、住房保障支出", "决算数") == ("十九、住房保障支出", "支出/决算数", Decimal("29.42"), 5, 24)
    assert at(ledger, t, "总计#2", "决算数") == ("总计", "支出/决算数", Decimal("307.82"), 5, 35)
    # rows whose figures are blank are rows of their own, not the wrapped end of the row above
    keys = [r.key for r in ledger.tables_of(t)[0].rows]
    assert keys[-8:] == ["本年收入合计", "本年支出合计", "使用非财政拨款结余", "结余分配", "年初结转和结余",
                         "年末结转和结余", "总计", "总计#2"]


def test_putuo_income_table_columns_and_continuation():
    ledger = pdf_ledger(PUTUO)
    table = ledger.tables_of("收入决算表")[0]
    # 项目 spans the code and name columns only: it does not head the figures
    assert table.columns == ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
                             "其他收入"]
    assert at(ledger, "收入决算表", "合计", "本年收入合计") == ("合计", "本年收入合计", Decimal("307.82"), 6, 5)
    # rows continued on the next page stay in the table, with their own page and line
    assert at(ledger, "收入决算表", "2101101", "财政拨款收入") == (
        "行政单位医疗", "财政拨款收入", Decimal("2.22"), 7, 1)
    assert at(ledger, "收入决算表", "2210203", "本年收入合计") == ("购房补贴", "本年收入合计", Decimal("11.72"), 7, 6)


def test_putuo_expense_tables():
    ledger = pdf_ledger(PUTUO)
    assert at(ledger, "支出决算表", "合计", "基本支出") == ("合计", "基本支出", Decimal("105.58"), 8, 5)
    assert at(ledger, "支出决算表", "2013999", "项目支出") == (
        "其他社会工作事务支出", "项目支出", Decimal("202.24"), 8, 10)
    assert at(ledger, "支出决算表", "2101101", "基本支出") == ("行政单位医疗", "基本支出", Decimal("2.22"), 9, 1)
    t = "一般公共预算财政拨款支出决算表"
    assert ledger.tables_of(t)[0].columns == ["合计", "基本支出", "项目支出"]
    assert at(ledger, t, "合计", "项目支出") == ("合计", "项目支出", Decimal("202.24"), 12, 22)
    assert at(ledger, t, "2080505", "合计") == ("机关事业单位基本养老保险缴费支出", "合计", Decimal("6.18"), 12, 12)


def test_putuo_fiscal_summary_continues_without_figures():
    ledger = pdf_ledger(PUTUO)
    t = "财政拨款收入支出决算总表"
    table = ledger.tables_of(t)[0]
    assert table.columns == ["收入/决算数", "支出/合计", "支出/一般公共预算财政拨款", "支出/政府性基金预算财政拨款",
                             "支出/国有资本经营预算财政拨款"]
    # page 11 opens with rows of blank figures: rows, not a repeated header
    assert [(r.key, r.page, r.line) for r in table.rows if r.key == "十六、金融支出"] == [("十六、金融支出", 11, 1)]
    assert at(ledger, t, "十九、住房保障支出", "一般公共预算财政拨款") == (
        "十九、住房保障支出", "支出/一般公共预算财政拨款", Decimal("29.42"), 11, 4)
    assert at(ledger, t, "总计", "决算数") == ("总计", "收入/决算数", Decimal("307.82"), 11, 17)


def test_putuo_economic_table_side_by_side():
    ledger = pdf_ledger(PUTUO)
    t = "一般公共预算财政拨款基本支出决算表"
    f = fact(ledger, t, "30239", "决算数")
    assert (f.label, f.value, f.group, f.page, f.line) == ("其他交通费用", Decimal("2.43"), 1, 13, 29)
    f = fact(ledger, t, "公用经费合计", "决算数")
    assert (f.value, f.group, f.line) == (Decimal("10.23"), 1, 42)
    assert fact(ledger, t, "人员经费合计", "决算数").value == Decimal("95.36")


def test_putuo_empty_tables_have_their_columns():
    ledger = pdf_ledger(PUTUO)
    empty = [t for t in ledger.tables if t.empty]
    assert [t.type for t in empty] == ["单位构成表", *FINAL_TABLES[-3:]]
    sangong = ledger.tables_of("财政拨款三公经费支出决算表")[0]
    assert sangong.columns[:2] == [f"{SANGONG}/合计/预算数", f"{SANGONG}/合计/决算数"]
    # 公务接待费 sits beside the 公务用车… group, not under it
    assert sangong.columns[-2:] == [f"{SANGONG}/公务接待费/预算数", f"{SANGONG}/公务接待费/决算数"]
    assert f"{SANGONG}/公务用车购置及运行维护费/公务用车运行维护费/决算数" in sangong.columns
    fund = ledger.tables_of("政府性基金预算财政拨款收入支出决算表")[0]
    assert fund.columns == ["年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出",
                            "年末结转和结余"]


def test_putuo_unit_list_is_not_money():
    table = pdf_ledger(PUTUO).tables[0]
    assert (table.type, table.money, table.unit, [r.key for r in table.rows]) == (
        "单位构成表", False, None, ["中共上海市普陀区委社会工作部(本级)", "上海市普陀区社会工作发展服务中心"])


# --- the blank national template --------------------------------------------------------


def test_template_is_a_final_with_blank_tables():
    ledger = pdf_ledger(TEMPLATE)
    assert (ledger.info.kind, ledger.info.year, ledger.info.department) == ("final", 2024, "上海市XX局")
    assert [t.type for t in ledger.tables] == ["单位构成表", *FINAL_TABLES]
    assert all(t.empty and t.facts == 0 for t in ledger.tables)
    assert ledger.coverage.counts() == {"fact": 0, "index": 8, "code": 80, "identifier": 0, "unplaced": 0}


def test_template_rows_and_placeholders():
    ledger = pdf_ledger(TEMPLATE)
    summary = ledger.tables_of("收入支出决算总表")[0]
    assert summary.columns == ["收入/决算数", "支出/决算数"]
    assert len(summary.rows) == 40 and summary.rows[-1].key == "总计#2"
    # `…` rows left to fill are no rows; codes are
    income = ledger.tables_of("收入决算表")[0]
    assert [r.key for r in income.rows] == ["合计", "205", "20502", "2050205", "207", "20799"]
    fiscal = ledger.tables_of("财政拨款收入支出决算总表")[0]
    assert fiscal.pages == [8, 9] and "二十四、抗疫特别国债安排的支出" in [r.key for r in fiscal.rows]


# --- generated from the seeds: the same ledger as the .txt -------------------------------


def _fact_key(f):
    return (f.table, f.table_id, f.row, f.label, f.column, f.value, f.decimals, f.unit, f.code, f.group, f.row_index)


def _table_key(t):
    rows = [(r.key, r.label, r.code, r.group, r.index) for r in t.rows]
    return (t.type, t.title, t.unit, t.columns, t.column_units, t.decimals, t.empty, t.money, t.facts, rows)


@pytest.mark.parametrize("seed", [FINAL_SEED, BUDGET_SEED], ids=lambda p: p.stem)
def test_generated_pdf_gives_the_seed_ledger(seed: Path):
    txt = txt_ledger(seed)
    pdf = pdf_ledger(PDFS / "generated" / f"{seed.stem}.pdf")
    assert pdf.info == txt.info
    assert [_table_key(t) for t in pdf.tables] == [_table_key(t) for t in txt.tables]
    assert [_fact_key(f) for f in pdf.facts] == [_fact_key(f) for f in txt.facts]
    assert pdf.coverage.counts() == txt.coverage.counts()
    assert all(f.page is not None for f in pdf.facts)


# --- layout features of PDFs, on small documents built here --------------------------------

_ids = iter(range(10**6))


def ruled(*cells: str, ids: list[int] | None = None, grid: int = 0) -> tuple:
    """A ruled-table row; `ids` marks merged cells (slots sharing an id), else every slot is its own cell."""
    return list(cells), ids or [next(_ids) for _ in cells], grid


def paged(*pages: list) -> Document:
    """A PDF-like document: pages of prose lines (str) and ruled rows (see `ruled`)."""
    lines = []
    for p, items in enumerate(pages, start=1):
        for n, item in enumerate(items, start=1):
            if isinstance(item, str):
                lines.append(Line([item], n, p))
            else:
                cells, ids, grid = item
                lines.append(Line(cells, n, p, grid=grid, cell_ids=ids))
    return Document(path="t.pdf", lines=lines, paged=True, page_count=len(pages))


HEAD = ["测试单位2024年度部门决算"]


def test_merged_header_cells_name_exactly_the_columns_they_cover():
    # 项目 over 编码|名称 only; 本年收入合计 merged over both header rows
    doc = paged(HEAD + [
        "收入决算表", "单位：万元",
        ruled("项目", "", "", "", ids=[1, 1, 2, 3]),
        ruled("功能分类科目编码", "科目名称", "本年收入合计", "财政拨款收入", ids=[4, 5, 2, 3]),
        ruled("201", "一般公共服务支出", "3.00", "3.00"),
    ])
    table = build_ledger(doc).tables[0]
    assert table.columns == ["本年收入合计", "财政拨款收入"]


def test_group_header_stops_where_its_cell_ends():
    # 车 spans two columns; 接待 (merged over two rows) sits beside it, not under it
    doc = paged(HEAD + [
        "财政拨款“三公”经费支出决算表", "单位：万元",
        ruled("", "车", "", "", ids=[1, 2, 2, 3]),
        ruled("合计", "购置", "运维", "接待", ids=[1, 4, 5, 3]),
        ruled("1.00", "0.50", "0.20", "0.30"),
    ])
    assert build_ledger(doc).tables[0].columns == ["合计", "车/购置", "车/运维", "接待"]


def test_label_header_without_cell_ids_does_not_head_the_figures():
    text = "测试单位2024年部门决算\n\n收入决算表\n单位：万元\n项目\t\t\t\n" \
           "功能分类科目编码\t科目名称\t本年收入合计\t财政拨款收入\n201\t一般公共服务支出\t3.00\t3.00\n"
    ledger = build_ledger(read_txt_bytes("t.txt", text.encode()))
    assert ledger.tables[0].columns == ["本年收入合计", "财政拨款收入"]


def test_ruled_rows_with_blank_figures_are_rows():
    doc = paged(HEAD + [
        "收入支出决算总表", "单位：万元",
        ruled("项目", "决算数"),
        ruled("本年收入合计", "5.00"), ruled("使用非财政拨款结余", ""), ruled("年初结转和结余", ""),
        ruled("总计", "5.00"),
    ])
    rows = build_ledger(doc).tables[0].rows
    assert [r.key for r in rows] == ["本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"]


def test_adjacent_grids_are_two_tables():
    doc = paged(HEAD + [
        "说明文字。",
        ruled("序号", "项目名称", "项目金额(元)", "合同编号", grid=0),
        ruled("1", "设备维护", "648000", "HT2023001", grid=0),
        ruled("序号", "项目名称", "项目金额(元)", "预留比例(%)", "预留金额(元)", grid=1),
        ruled("1", "设备维护", "648000", "100%", "648000", grid=1),
    ])
    ledger = build_ledger(doc)
    assert [(t.type, t.facts) for t in ledger.tables] == [("政府采购合同表", 1), ("中小企业预留项目表", 3)]
    assert ledger.coverage.counts()["unplaced"] == 0


def test_title_over_two_lines():
    doc = paged(HEAD + [
        "一般公共预算财政拨款", "支出决算表", "单位：万元",
        ruled("科目编码", "科目名称", "合计"), ruled("201", "一般公共服务支出", "3.00"),
    ])
    ledger = build_ledger(doc)
    table = ledger.tables[0]
    assert (table.type, table.title, table.first_line) == ("一般公共预算财政拨款支出决算表",
                                                           "一般公共预算财政拨款支出决算表", 2)
    assert not [ln for ln in ledger.prose_lines if "决算表" in ln.text]


@pytest.mark.parametrize("again", ["支出决算表（续）", "支出决算表"])
def test_table_continued_under_its_title_again(again: str):
    header = [ruled("科目编码", "科目名称", "合计")]
    doc = paged(
        HEAD + ["支出决算表", "单位：万元", *header, ruled("201", "一般公共服务支出", "3.00")],
        [again, "单位：万元", *header, ruled("208", "社会保障和就业支出", "2.00")],
    )
    ledger = build_ledger(doc)
    assert len(ledger.tables) == 1
    assert [(r.key, r.page, r.line) for r in ledger.tables[0].rows] == [("201", 1, 5), ("208", 2, 4)]
    assert ledger.tables[0].pages == [1, 2]


def test_meta_line_of_two_cells_and_department_beside_unit():
    doc = paged(HEAD + [
        "支出决算表", ruled("编制部门：测试单位", "单位：万元"),
        ruled("科目编码", "科目名称", "合计"), ruled("201", "一般公共服务支出", "3.00"),
    ])
    table = build_ledger(doc).tables[0]
    assert (table.unit, table.department, table.first_line) == ("万元", "测试单位", 2)
    text = "测试单位2024年部门决算\n\n支出决算表\n编制部门：测试单位　　单位：元\n科目代码\t科目名称\t合计\n201\t一般\t3\n"
    table = build_ledger(read_txt_bytes("t.txt", text.encode())).tables[0]
    assert (table.unit, table.department) == ("元", "测试单位")


def test_note_wrapped_over_lines_belongs_to_the_table():
    doc = paged(HEAD + [
        "政府性基金预算财政拨款收入支出决算表", "单位：万元",
        ruled("科目编码", "科目名称", "本年支出"), ruled("", "合计", "0.00"),
        "注：1.本表反映单位本年度政府性基金预算财政拨款收入支出及结转和", "结余情况。",
        "2.本单位没有政府性基金预算财政拨款收入", "支出，故本表为空表。",
        "第三部分 情况说明",
    ])
    ledger = build_ledger(doc)
    assert ledger.tables[0].empty
    assert [ln.text for ln in ledger.prose_lines][-1] == "第三部分 情况说明"


def test_codes_in_class_section_item_columns_under_a_merged_header():
    doc = paged(HEAD + [
        "支出决算表", "单位：万元",
        ruled("科目编码", "", "", "科目名称", "合计", ids=[1, 1, 1, 2, 3]),
        ruled("类", "款", "项", "", "", ids=[4, 5, 6, 2, 3]),
        ruled("208", "", "", "社会保障和就业支出", "3.00"),
        ruled("", "05", "", "行政事业单位养老支出", "3.00"),
        ruled("", "", "05", "机关事业单位基本养老保险缴费支出", "3.00"),
    ])
    ledger = build_ledger(doc)
    assert [r.code for r in ledger.tables[0].rows] == ["208", "20805", "2080505"]
    assert ledger.tables[0].columns == ["合计"]
    assert ledger.coverage.counts()["code"] == 3


def test_header_only_table_keeps_its_columns():
    doc = paged(HEAD + [
        "财政拨款“三公”经费支出决算表", "单位：万元",
        ruled("合计", "", "公务接待费", "", ids=[1, 1, 2, 2]),
        ruled("预算数", "决算数", "预算数", "决算数"),
        "说明：本单位没有“三公”经费支出，故本表无数据。",
    ])
    table = build_ledger(doc).tables[0]
    assert table.empty and table.rows == []
    assert table.columns == ["合计/预算数", "合计/决算数", "公务接待费/预算数", "公务接待费/决算数"]


def _box(x0: float, top: float, x1: float, bottom: float) -> Shape:
    return Shape([([(x0, top), (x1, top), (x1, bottom), (x0, bottom)], True)], stroke=True, fill=False)


def _text(x: float, y: float, text: str, size: float = 10) -> list[Glyph]:
    return [Glyph(ch, x + size * i, y, x + size * (i + 1), y + size) for i, ch in enumerate(text)]


def test_reader_marks_the_slots_of_a_spanning_cell():
    shapes = [_box(100, 100, 300, 120), _box(100, 120, 200, 140), _box(200, 120, 300, 140)]
    glyphs = _text(180, 105, "收入") + _text(105, 122, "项目") + _text(210, 122, "金额")
    items = pdf_reader.layout_page(RawPage(595, 842, glyphs=glyphs, shapes=shapes))
    (a, b), (c, d) = (it.cell_ids for it in items)
    assert a == b and len({a, c, d}) == 3
    assert {it.grid for it in items} == {0}
