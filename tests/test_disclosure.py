"""Disclosures published as two files (the text, and the tables): paired and audited as one."""

from __future__ import annotations

import json
import shutil

from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app
from auditor.departments import department_key, same_department
from auditor.disclosure import Candidate, find_pairs, join_documents
from auditor.document import Document, Line, part_page

CORPUS = FIXTURES / "corpus"
DOC = CORPUS / "jiangsu-shengwei-budget-2017-doc.pdf"
TABLES = CORPUS / "jiangsu-shengwei-budget-2017-tables.pdf"
runner = CliRunner()


def test_department_names_in_short_and_full_form():
    assert department_key("中国共产党江苏省委员会办公厅") == department_key("江苏省委办公厅") == "江苏省委办公厅"
    assert same_department("中共江苏省委办公厅", "江苏省委办公厅")
    assert not same_department("江苏省政协办公厅", "江苏省委办公厅")
    assert not same_department(None, "江苏省委办公厅")


def candidate(path, tables=0, claims=0, year=2017, dept="江苏省政协办公厅", kind="budget"):
    return Candidate(path, kind, year, dept, tables, claims)


def test_a_text_file_pairs_with_the_tables_of_its_department_and_year():
    files = [candidate("doc.pdf", claims=80), candidate("tables.pdf", tables=12),
             candidate("other-year.pdf", tables=12, year=2018),
             candidate("other-dept.pdf", tables=12, dept="江苏省人民检察院"),
             candidate("whole.pdf", tables=12, claims=90, dept="江苏省人民检察院")]
    assert find_pairs(files) == [("doc.pdf", "tables.pdf")]


def test_an_ambiguous_pair_is_left_alone():
    files = [candidate("doc.pdf", claims=80), candidate("a.pdf", tables=12), candidate("b.pdf", tables=10)]
    assert find_pairs(files) == []
    # a final account's text does not pair with a budget's tables
    assert find_pairs([candidate("doc.pdf", claims=80, kind="final"), candidate("t.pdf", tables=12)]) == []


def test_joined_pages_map_back_to_their_files():
    a = Document("a.pdf", [Line(["甲"], 1, 1), Line(["乙"], 1, 2)], paged=True, page_count=2)
    b = Document("b.txt", [Line(["丙"], 1), Line(["丁"], 2)])
    joined = join_documents([a, b])
    assert [(ln.page, ln.number) for ln in joined.lines] == [(1, 1), (2, 1), (3, 1), (3, 2)]
    assert [part_page(joined.parts, p) for p in (1, 2, 3)] == [("a.pdf", 1), ("a.pdf", 2), ("b.txt", None)]


def test_together_audits_the_text_against_the_tables():
    result = runner.invoke(app, ["check", "--together", str(DOC), str(TABLES), "--format", "json"])
    assert result.exit_code == 1, result.output
    (report,) = json.loads(result.stdout)["files"]
    assert report["files"] == [str(DOC), str(TABLES)] and report["family"] == "jiangsu"
    assert len(report["tables"]) == 12 and {t["file"] for t in report["tables"]} == {str(TABLES)}
    # the prose's wrong rate is found against its own page of the text file
    n102 = next(f for f in report["findings"] if f["rule"] == "N102")
    assert (n102["locations"][0]["file"], n102["locations"][0]["page"], n102["actual"]) == (str(DOC), 8, "1.66")
    assert not [f for f in report["findings"] if f["rule"] == "D002" and f["severity"] == "error"
                and "部门收支总表" in f["message"]]


def test_a_folder_pairs_its_files(tmp_path):
    for f in (DOC, TABLES):
        shutil.copy(f, tmp_path / f.name)
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json"])
    files = json.loads(result.stdout)["files"]
    assert [[p.rsplit("/", 1)[-1] for p in f["files"]] for f in files] == [[DOC.name, TABLES.name]]
    text = runner.invoke(app, ["check", str(tmp_path), "--no-color"]).stdout
    assert f"合并审核（文字与公开表分别发布）：{DOC.name} ＋ {TABLES.name}" in text


def test_the_text_alone_says_its_tables_are_elsewhere():
    result = runner.invoke(app, ["check", str(DOC), "--format", "json"])
    (report,) = json.loads(result.stdout)["files"]
    required = [(f["rule"], f["severity"]) for f in report["findings"] if f["rule"] in ("D001", "D002")]
    assert required == [("D002", "info")] and report["error"] is None


def test_together_needs_two_files():
    result = runner.invoke(app, ["check", "--together", str(DOC)])
    assert result.exit_code == 2 and "--together 需要两个或更多文件" in result.output
