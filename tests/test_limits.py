"""Limits on hostile inputs: each ends at once with its own E code (E007) and one line naming the
limit, only regular files are opened (E001 otherwise), and the limits come from the config."""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path

import hostile
import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from auditor.audit import AuditOptions, audit_bytes, audit_file, load_all_rules
from auditor.cli import app
from auditor.limits import Limits

runner = CliRunner()
RULES = load_all_rules()
SMALL = FIXTURES / "tricky" / "final-small-errors.txt"
PUTUO = FIXTURES / "pdf" / "putuo-social-work-2024-final.pdf"
ENGINES = ("pdfium", "pdfminer")


def audit(path: Path, engine: str = "auto", **limits) -> tuple[str | None, str | None]:
    report = audit_file(path, RULES, AuditOptions(pdf_engine=engine, limits=Limits(**limits)))
    return (report.findings[0].rule if report.error else None), report.error


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("engine", ENGINES)
def test_content_stream_that_inflates_past_the_limit(tmp_path: Path, engine: str):
    path = write(tmp_path, "bomb.pdf", hostile.inflation_bomb(40))
    code, error = audit(path, engine)
    assert code == "E007"
    assert error == (f"{path}: 超过限制：PDF 单个内容流解压后的大小（MB） 超过上限 16"
                     "（可在配置 [tool.auditor.limits] stream-mb 中调整）")


def test_a85_then_flate_is_inflated_too(tmp_path: Path):
    import base64

    body = base64.a85encode(zlib.compress(b"0 0 m 1 1 l S\n" * 2_000_000, 9)) + b"~>"
    pdf = hostile.write_pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        4: b"<< /Length %d /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n" % len(body) + body
           + b"\nendstream"})
    code, error = audit(write(tmp_path, "a85.pdf", pdf), stream_mb=8)
    assert code == "E007" and "stream-mb" in error


def test_every_stream_counts_toward_the_decompressed_total():
    code, error = audit(PUTUO, decompressed_mb=0.5)  # its fonts and pages inflate to about 1.1 MB
    assert code == "E007" and "PDF 各数据流解压后的总大小（MB） 超过上限 0.5" in error
    assert audit(PUTUO) == (None, None)  # the defaults sit far above a real disclosure


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_listed_twenty_thousand_times(tmp_path: Path, engine: str):
    code, error = audit(write(tmp_path, "pages.pdf", hostile.repeated_page(20_000)), engine)
    if engine == "pdfium":
        assert code == "E007" and "PDF 页数 20000 超过上限 2000" in error
    else:  # pdfminer visits a page object once: one page, which holds no disclosure
        assert code == "E003"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_of_too_many_glyphs(tmp_path: Path, engine: str):
    code, error = audit(write(tmp_path, "flood.pdf", hostile.glyph_flood(60_000)), engine, glyphs_per_page=50_000)
    assert code == "E007"
    count = re.search(r"flood.pdf 第1页: 超过限制：一页上的字符或图形数 (\d+) 超过上限 50000", error)
    assert count and 60_000 <= int(count.group(1)) <= 60_600  # PDFium also counts the line breaks it adds


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("maker", [hostile.self_length, hostile.page_tree_loop])
def test_self_references_end_with_an_input_error(tmp_path: Path, engine: str, maker):
    code, error = audit(write(tmp_path, "loop.pdf", maker()), engine)
    assert code in ("E003", "E006"), error  # not a disclosure, or broken: never a crash


def test_only_regular_files_are_opened(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert audit(fifo) == ("E001", f"{fifo}: 是命名管道（FIFO），不是普通文件")
    assert audit(Path("/dev/zero")) == ("E001", "/dev/zero: 是字符设备，不是普通文件")
    assert audit(tmp_path) == ("E001", f"{tmp_path}: 是一个文件夹，不是文件")
    long_name = tmp_path / ("长" * 100 + ".txt")  # 300 bytes: more than a file name may hold
    assert audit(long_name) == ("E001", f"{long_name}: 文件名过长")


def test_a_file_over_the_size_limit(tmp_path: Path):
    code, error = audit(SMALL, file_mb=0.0005)  # 524 bytes; the file has 960
    assert code == "E007" and error == (f"{SMALL}: 超过限制：文件大小（MB） 0.0009155 超过上限 0.0005"
                                        "（可在配置 [tool.auditor.limits] file-mb 中调整）")
    report = audit_bytes("-", b"x" * 2000, RULES, AuditOptions(limits=Limits(file_mb=0.001)))
    assert report.findings[0].rule == "E007"


def test_a_line_of_millions_of_cells(tmp_path: Path):
    text = SMALL.read_text(encoding="utf-8") + "\n" + "1\t" * 2_500_000 + "\n"
    path = write(tmp_path, "wide.txt", text.encode("utf-8"))
    code, error = audit(path)
    lines = text.count("\n")
    assert code == "E007" and error.startswith(f"{path} 第{lines}行: 超过限制：一行的单元格数 2500001 超过上限 1000")


def test_limits_from_the_config(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "audit.toml").write_text("timeout = 5\n[limits]\npages = 10\nfile-mb = 0.0005\n", encoding="utf-8")
    shown = runner.invoke(app, ["check", "--show-settings"]).output
    assert "timeout = 5  # " in shown
    assert 'limits = { "file-mb" = 0.0005, "pages" = 10, "glyphs-per-page" = 200000, ' in shown
    result = runner.invoke(app, ["check", str(SMALL), "-f", "json"])
    assert result.exit_code == 2
    assert json.loads(result.output)["files"][0]["findings"][0]["rule"] == "E007"
    (tmp_path / "audit.toml").write_text("[limits]\npagez = 10\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(SMALL)])
    assert result.exit_code == 2 and "limits 中未知的限制 pagez" in result.output
    (tmp_path / "audit.toml").write_text("[limits]\npages = -1\n", encoding="utf-8")
    assert "limits.pages 应为正数" in runner.invoke(app, ["check", str(SMALL)]).output


def test_stdin_is_read_up_to_the_limit(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "audit.toml").write_text("[limits]\nfile-mb = 0.0005\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "-", "-f", "json"], input=SMALL.read_text(encoding="utf-8"))
    assert result.exit_code == 2
    assert json.loads(result.output)["files"][0]["findings"][0]["rule"] == "E007"


def test_no_other_file_the_run_reads_may_block(tmp_path: Path, monkeypatch):
    """A FIFO as the config, the baseline or a folder's .gitignore, and a name too long to open:
    a one-line error (or, for .gitignore, no patterns), never a hang or a traceback."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / SMALL.name).write_bytes(SMALL.read_bytes())
    os.mkfifo(folder / ".gitignore")
    for name in ("cfg.toml", "base.json"):
        os.mkfifo(tmp_path / name)
    assert runner.invoke(app, ["check", "docs", "-q"]).exit_code == 1  # audited, the .gitignore passed over
    result = runner.invoke(app, ["check", "docs", "--config", "cfg.toml"])
    assert result.exit_code == 2 and "无法读取配置文件" in result.output and "是命名管道（FIFO）" in result.output
    for option in ("--baseline", "--write-baseline"):
        result = runner.invoke(app, ["check", "docs", option, "base.json"])
        assert result.exit_code == 2
        assert "错误：无法读取基线文件 base.json（是命名管道（FIFO），不是普通文件）" in result.output
    long_name = "长" * 100 + ".txt"
    result = runner.invoke(app, ["check", long_name, "-f", "json"])
    assert result.exit_code == 2
    assert json.loads(result.output)["files"][0]["error"] == f"{long_name}: 文件名过长"


def test_a_folder_that_links_to_itself_is_walked_once(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / SMALL.name).write_bytes(SMALL.read_bytes())
    (folder / "self").symlink_to(".")
    (folder / "up").symlink_to("..")
    result = runner.invoke(app, ["check", "docs", "--show-files"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"docs/{SMALL.name}"]
