"""Raw pages → Document: lay out every page, drop page furniture, number the lines."""

from __future__ import annotations

from collections.abc import Iterator

from ...document import Document, Line
from ...errors import InputError
from .errors import scanned_error
from .furniture import drop_furniture
from .layout import layout_page
from .lines import Item
from .raw import RawPage
from .visible import seen_glyphs


def build_document(name: str, page_count: int, pages: Iterator[RawPage | Exception]) -> Document:
    """Lay out every page; a page that failed becomes a warning, the rest are kept."""
    laid: list[tuple[RawPage, list[Item]]] = []
    numbers: list[int] = []
    warnings: list[str] = []
    glyphs = 0
    for number, raw in enumerate(pages, start=1):
        if isinstance(raw, Exception):
            warnings.append(f"第{number}页无法读取（{type(raw).__name__}: {raw}），已跳过")
            continue
        raw.glyphs = seen_glyphs(raw)
        glyphs += len(raw.glyphs)
        if not raw.glyphs and raw.images:
            warnings.append(f"第{number}页没有文本层（可能是扫描页），需要OCR识别，未读取")
        laid.append((raw, layout_page(raw)))
        numbers.append(number)
    if not laid:
        raise InputError(f"{name}: PDF 的所有页面都无法读取，文件可能已损坏", "E006")
    if not glyphs:
        raise scanned_error(name)
    drop_furniture(laid)
    lines = [
        Line(cells=item.cells, number=k, page=page, grid=item.grid, cell_ids=item.cell_ids, spans=item.spans)
        for page, (_, items) in zip(numbers, laid, strict=True)
        for k, item in enumerate(items, start=1)
    ]
    return Document(path=name, lines=lines, paged=True, page_count=page_count, warnings=warnings)
