"""PDF reader: pages of glyphs and ruling lines → lines of cells.

Two backends extract the same raw material (`RawPage`: glyph boxes and path outlines in
top-down page coordinates): pdfminer.six and pypdfium2 (about ten times faster). Everything
after extraction is shared, so both backends give the same Document:

    raw.py               Glyph, Shape, RawPage: what a backend extracts from a page
    pdfium_backend.py    pypdfium2 extraction (the default when installed)
    pdfminer_backend.py  pdfminer.six extraction (and pdfium's fallback for unreadable fonts)
    visible.py           what a reader sees: glyphs on the page, in their clip, visibly drawn;
                         fake-bold twins merged
    ruling.py            ruling lines from painted paths
    grid.py              ruled grids and their (merged) cells
    text.py              glyphs → text: lines, word spaces, wrapped cell text
    lines.py             Item (an emitted line); prose, and runs of lines split into columns
    aligned.py           unruled tables (and 三线表): columns, spanning headers, wrapped rows
    layout.py            a page's lines in reading order
    furniture.py         page numbers and running headers/footers
    build.py             raw pages → Document
    errors.py            the E-coded errors both backends raise

This package is imported only when a PDF is read (auditor.readers), and each backend only
when it is used: reading a .txt never loads pdfminer or PDFium.
"""

from __future__ import annotations

from pathlib import Path

from ...document import Document
from ...errors import InputError
from .bounds import bounded_pages, check_page_count, check_streams
from .build import build_document
from .errors import check_complete, corrupt_error, encrypted_error, scanned_error
from .layout import layout_page
from .lines import Item
from .raw import Glyph, RawPage, Shape, display_transform, is_whitespace

ENGINES = ("auto", "pdfium", "pdfminer")


def read_pdf(path: Path, data: bytes, engine: str = "auto") -> Document:
    """Read a PDF with the chosen backend ("auto" = pdfium when installed, else pdfminer)."""
    if engine not in ENGINES:
        raise InputError(f"未知的 PDF 引擎 {engine!r}（可选：{'、'.join(ENGINES)}）")
    name = str(path)
    check_complete(name, data)
    check_streams(name, data)
    if engine == "pdfminer" or (engine == "auto" and not _have_pdfium()):
        from .pdfminer_backend import pdfminer_pages

        count, pages = pdfminer_pages(name, data)
    elif not _have_pdfium():
        raise InputError("未安装 pypdfium2，无法使用 pdfium 引擎（可改用 --pdf-engine pdfminer）")
    else:
        from .pdfium_backend import pdfium_pages

        count, pages = pdfium_pages(name, data)
    check_page_count(name, count)
    return build_document(name, count, bounded_pages(name, pages))


def _have_pdfium() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


__all__ = [
    "ENGINES",
    "Glyph",
    "Item",
    "RawPage",
    "Shape",
    "build_document",
    "check_complete",
    "corrupt_error",
    "display_transform",
    "encrypted_error",
    "is_whitespace",
    "layout_page",
    "read_pdf",
    "scanned_error",
]
