"""`audit extract` end to end, in-process through the typer app."""

from __future__ import annotations

import json

from conftest import BUDGET_SEED, FINAL_SEED
from typer.testing import CliRunner

from auditor.cli import app

runner = CliRunner()


def test_extract_json_has_every_fact_and_full_coverage():
    result = runner.invoke(app, ["extract", str(FINAL_SEED), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["kind"], data["year"], data["unit"]) == ("final", 2023, "万元")
    assert data["coverage"]["figures"] == data["coverage"]["placed"] == len(data["facts"]) == 679
    first = data["facts"][0]
    assert first == {"table": "收入支出决算总表", "table_id": 0, "row": "一、一般公共预算财政拨款收入", "code": None,
                     "label": "一、一般公共预算财政拨款收入", "column": "收入/金额", "value": "1376.70",
                     "decimals": 2, "unit": "万元", "page": None, "line": 82}


def test_extract_csv_and_coverage_line():
    result = runner.invoke(app, ["extract", str(BUDGET_SEED), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "table,table_id,row,code,label,column,value,decimals,unit,page,line"
    assert "一般公共预算基本支出表,6,30216,30216,培训费,一般公共预算基本支出/公用经费,1.53,2,万元,,216" in lines
    assert len(lines) == 449


def test_extract_table_ends_with_coverage():
    result = runner.invoke(app, ["extract", str(BUDGET_SEED), "--no-color"])
    assert result.exit_code == 0
    assert result.stdout.rstrip().splitlines()[-1] == (
        "448 of 448 figures placed（fact 448，index 1，code 78，identifier 0，unplaced 0）")


def test_extract_not_a_disclosure_exits_2(tmp_path):
    novel = tmp_path / "novel.txt"
    novel.write_text("第一章\n\n那年夏天，雨下个不停。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(novel)])
    assert result.exit_code == 2
    assert "不是部门预算或决算公开文件" in result.output
    assert "Traceback" not in result.output


def test_table_span_names_both_pages_of_a_continued_table():
    from auditor.ledger import Table
    from auditor.ledger_io import table_span

    assert table_span(Table(0, "收入决算表", "收入决算表", "万元", 1, 6, [6, 7], 6, 7)) == "第6页第1行–第7页第6行"
    assert table_span(Table(0, "收入决算表", "收入决算表", "万元", 2, 35, [5], 5, 5)) == "第5页第2行–第35行"
    assert table_span(Table(0, "收入决算表", "收入决算表", "万元", 82, 114)) == "行 82–114"
