"""File discovery: hidden folders, virtual environments, .gitignore, --exclude, unsupported files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.cli import app
from auditor.discover import discover
from auditor.ignorefile import ignored, parse_line, parse_lines

ROOT = FIXTURES.parent
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
runner = CliRunner()


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def found(root: Path, *exclude: str) -> list[str]:
    patterns = parse_lines(list(exclude), str(root))
    return [p.relative_to(root).as_posix() for p in discover([root], patterns).files]


@pytest.mark.parametrize(("pattern", "path", "is_dir", "expected"), [
    ("*.txt", "a.txt", False, True),
    ("*.txt", "sub/deep/a.txt", False, True),  # no slash: any depth
    ("*.txt", "a.pdf", False, False),
    ("/a.txt", "a.txt", False, True),  # leading slash: anchored
    ("/a.txt", "sub/a.txt", False, False),
    ("sub/a.txt", "sub/a.txt", False, True),  # a slash in the middle: anchored
    ("sub/a.txt", "x/sub/a.txt", False, False),
    ("build/", "build", True, True),  # trailing slash: folders only
    ("build/", "build", False, False),
    ("**/draft", "x/y/draft", True, True),
    ("docs/**", "docs/a/b.txt", False, True),
    ("a/**/b.txt", "a/b.txt", False, True),
    ("a/**/b.txt", "a/x/y/b.txt", False, True),
    ("report-?.txt", "report-1.txt", False, True),
    ("report-?.txt", "report-12.txt", False, False),
    ("report-[0-9].txt", "report-7.txt", False, True),
    ("report-[!0-9].txt", "report-7.txt", False, False),
    ("*.txt", "a/b.txt/c", False, False),  # * never crosses a folder
    (r"\#notes.txt", "#notes.txt", False, True),
])
def test_gitignore_patterns(tmp_path: Path, pattern: str, path: str, is_dir: bool, expected: bool):
    rule = parse_line(pattern, str(tmp_path))
    assert rule is not None
    assert rule.matches(str(tmp_path / path), is_dir) is expected


def test_comments_blank_lines_and_negation(tmp_path: Path):
    assert parse_line("# a comment", str(tmp_path)) is None
    assert parse_line("   ", str(tmp_path)) is None
    rules = parse_lines(["*.txt", "!keep.txt"], str(tmp_path))
    assert ignored(rules, str(tmp_path / "drop.txt"), False) is True
    assert ignored(rules, str(tmp_path / "keep.txt"), False) is False
    assert ignored(parse_lines(["!keep.txt", "*.txt"], str(tmp_path)), str(tmp_path / "keep.txt"), False) is True


def test_hidden_folders_venvs_node_modules_and_gitignore_are_skipped(tmp_path: Path):
    touch(tmp_path, "a.txt", "b.pdf", ".hidden/c.txt", ".d.txt", "node_modules/e.txt", "__pycache__/f.txt",
          "env/pyvenv.cfg", "env/lib/g.txt", "build/h.txt", "drafts/i.txt", "drafts/keep.txt", "sub/j.txt",
          "sub/k.tmp.txt", "sub/deeper/l.txt")
    (tmp_path / ".gitignore").write_text("build/\ndrafts/*\n!drafts/keep.txt\n", encoding="utf-8")
    (tmp_path / "sub" / ".gitignore").write_text("*.tmp.txt\n/deeper\n", encoding="utf-8")
    assert found(tmp_path) == ["a.txt", "b.pdf", "drafts/keep.txt", "sub/j.txt"]
    assert found(tmp_path, "sub/", "*.pdf") == ["a.txt", "drafts/keep.txt"]


def test_gitignore_files_above_the_folder_count_inside_a_repository(tmp_path: Path):
    touch(tmp_path, "repo/disclosures/a.txt", "repo/disclosures/old/b.txt", "repo/.git/HEAD")
    (tmp_path / "repo" / ".gitignore").write_text("old/\n", encoding="utf-8")
    assert found(tmp_path / "repo" / "disclosures") == ["a.txt"]
    (tmp_path / "repo" / ".git" / "HEAD").unlink()
    (tmp_path / "repo" / ".git").rmdir()  # not a repository: the .gitignore above does not count
    assert found(tmp_path / "repo" / "disclosures") == ["a.txt", "old/b.txt"]


def test_unsupported_documents_are_counted_by_suffix(tmp_path: Path):
    touch(tmp_path, "a.txt", "t1.xlsx", "t2.XLSX", "sub/t3.xlsx", "text.docx", "notes.md", ".hidden/x.docx")
    discovery = discover([tmp_path])
    assert discovery.skipped_line() == "跳过 4 个不支持的文件：.xlsx 3，.docx 1"
    assert discover([tmp_path / "a.txt"]).skipped_line() is None


def test_the_cli_says_what_it_skipped_on_stderr(tmp_path: Path):
    (tmp_path / "final.txt").write_bytes(SMALL.read_bytes())
    touch(tmp_path, "t1.xlsx", "t2.xls", "t3.xlsx")
    result = runner.invoke(app, ["check", str(tmp_path), "--select", "F1", "-q", "--no-color"])
    assert result.exit_code == 1
    assert result.stderr == "跳过 3 个不支持的文件：.xlsx 2，.xls 1\n"
    assert result.stdout.splitlines()[0] == str(tmp_path / "final.txt")


def test_a_file_named_directly_is_always_audited(tmp_path: Path, monkeypatch):
    hidden = tmp_path / ".hidden" / "report.data"
    hidden.parent.mkdir()
    hidden.write_bytes(SMALL.read_bytes())
    (tmp_path / ".gitignore").write_text("*.data\n.hidden/\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", ".hidden/report.data", "--exclude", "*.data", "--show-files"])
    assert (result.exit_code, result.stdout) == (0, ".hidden/report.data\n")
    assert runner.invoke(app, ["check", ".", "--show-files"]).exit_code == 2  # nothing left to audit


def test_exclude_on_the_command_line(tmp_path: Path, monkeypatch):
    touch(tmp_path, "a/x.txt", "a/y.txt", "b/x.txt")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", ".", "--exclude", "a/x.txt", "--exclude", "b", "--show-files"])
    assert (result.exit_code, result.stdout) == (0, "a/y.txt\n")


def test_audit_dot_at_the_repository_root_takes_nothing_from_the_venv(monkeypatch):
    venv_texts = list((ROOT / ".venv").rglob("*.txt"))
    assert venv_texts, "the development venv should hold .txt files (entry_points.txt, …)"
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check", ".", "--show-files"])
    assert result.exit_code == 0
    listed = result.stdout.splitlines()
    assert "fixtures/seeds/pingfang-smart-city-2023-final.txt" in listed
    assert not [p for p in listed if ".venv" in Path(p).parts or p.startswith(("auditor.egg-info", "build"))]
    assert all(os.path.splitext(p)[1] in (".txt", ".pdf") for p in listed)
