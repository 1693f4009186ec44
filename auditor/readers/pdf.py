"""PDF reader: pages of glyphs and ruling lines → lines of cells.

Two backends extract the same raw material (`RawPage`: glyph boxes and path outlines in
top-down page coordinates): pdfminer.six here, pypdfium2 in `pdf_fast.py` (about ten times
faster). Everything after extraction — finding ruled grids, placing text into cells, joining
wrapped cell text, grouping prose into lines, dropping page numbers — is shared, so both
backends give the same Document.
"""

from __future__ import annotations

import bisect
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document, Line
from ..errors import InputError
from ..text import normalize_chars

ENGINES = ("auto", "pdfium", "pdfminer")

# Geometry tolerances in PDF points (1/72 inch).
SNAP = 3.0  # ruling lines closer than this are one line (double borders, per-cell strokes)
TOUCH = 2.0  # a line ending this close to another still meets it
THIN = 3.0  # a filled shape thinner than this is drawn as a ruling line (Excel exports)
MARGIN = 0.06  # top/bottom share of the page where page headers and numbers live


# --- raw material shared by both backends ------------------------------------------------


@dataclass(slots=True)
class Glyph:
    """One character with its box; `top` < `bottom` (y grows downwards)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(slots=True)
class Shape:
    """One painted path: its subpaths as point lists (top-down coordinates)."""

    subpaths: list[tuple[list[tuple[float, float]], bool]]  # (points, closed)
    stroke: bool
    fill: bool


@dataclass(slots=True)
class RawPage:
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    images: int = 0


def display_transform(box: tuple[float, float, float, float], rotate: int) -> Callable:
    """Map PDF user space to the displayed page with y downwards (what pdfminer does, flipped).

    Landscape pages made with /Rotate then read in the order a person sees them.
    """
    x0, y0, x1, y1 = box
    rotate %= 360
    height = (x1 - x0) if rotate in (90, 270) else (y1 - y0)
    if rotate == 90:
        return lambda x, y: (y - y0, height - (x1 - x))
    if rotate == 180:
        return lambda x, y: (x1 - x, height - (y1 - y))
    if rotate == 270:
        return lambda x, y: (y1 - y, height - (x - x0))
    return lambda x, y: (x - x0, height - (y - y0))


def is_whitespace(text: str) -> bool:
    return not text.strip()


# --- ruling lines -------------------------------------------------------------------------


@dataclass(slots=True)
class Rule:
    """An axis-aligned ruling line: `pos` is y for a horizontal rule, x for a vertical one."""

    pos: float
    start: float
    end: float


def shape_rules(shape: Shape) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules drawn by one path.

    Stroked paths contribute every axis-aligned edge; a fill-only path counts only when it
    is a thin bar (how Excel and WPS draw cell borders), as the line along its middle.
    Large filled areas are cell shading, not structure.
    """
    hs: list[Rule] = []
    vs: list[Rule] = []
    if not shape.stroke and not shape.fill:
        return hs, vs
    for points, closed in shape.subpaths:
        if len(points) < 2:
            continue
        if not shape.stroke:
            _thin_bar(points, hs, vs)
            continue
        pairs = list(zip(points, points[1:], strict=False))
        if closed or shape.fill:
            pairs.append((points[-1], points[0]))
        for (ax, ay), (bx, by) in pairs:
            if abs(ay - by) < 0.5 and abs(ax - bx) >= 1:
                hs.append(Rule((ay + by) / 2, min(ax, bx), max(ax, bx)))
            elif abs(ax - bx) < 0.5 and abs(ay - by) >= 1:
                vs.append(Rule((ax + bx) / 2, min(ay, by), max(ay, by)))
    return hs, vs


def _thin_bar(points: list[tuple[float, float]], hs: list[Rule], vs: list[Rule]) -> None:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if h < THIN and w >= THIN:
        hs.append(Rule((min(ys) + max(ys)) / 2, min(xs), max(xs)))
    elif w < THIN and h >= THIN:
        vs.append(Rule((min(xs) + max(xs)) / 2, min(ys), max(ys)))


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join collinear pieces (one stroke per cell edge) into whole lines."""
    out: list[Rule] = []
    for r in sorted(rules, key=lambda r: (round(r.pos), r.start)):
        last = out[-1] if out else None
        if last and abs(last.pos - r.pos) <= 1.0 and r.start <= last.end + TOUCH:
            last.end = max(last.end, r.end)
        else:
            out.append(Rule(r.pos, r.start, r.end))
    return [r for r in out if r.end - r.start >= SNAP]


# --- grids --------------------------------------------------------------------------------


@dataclass(slots=True)
class Grid:
    """A ruled table: column edges `xs`, row edges `ys`, and the rules that draw it."""

    xs: list[float]
    ys: list[float]
    hs: list[Rule]
    vs: list[Rule]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] - 1 <= x <= self.xs[-1] + 1 and self.ys[0] - 1 <= y <= self.ys[-1] + 1

    def has_vertical(self, x: float, y0: float, y1: float) -> bool:
        """Is there a rule at column edge x across the band y0..y1 (at its middle)?"""
        mid = (y0 + y1) / 2
        return any(abs(v.pos - x) <= SNAP and v.start - 1 <= mid <= v.end + 1 for v in self.vs)

    def has_horizontal(self, y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(abs(h.pos - y) <= SNAP and h.start - 1 <= mid <= h.end + 1 for h in self.hs)


def find_grids(hs: list[Rule], vs: list[Rule]) -> list[Grid]:
    """Group rules that touch into tables; a table needs at least two rules each way."""
    parent = list(range(len(hs) + len(vs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.start - TOUCH <= v.pos <= h.end + TOUCH and v.start - TOUCH <= h.pos <= v.end + TOUCH:
                parent[root(i)] = root(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(root(len(hs) + j), ([], []))[1].append(v)
    grids = [_grid(g_hs, g_vs) for g_hs, g_vs in groups.values() if len(g_hs) >= 2 and len(g_vs) >= 2]
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _edges(values: Iterable[float]) -> list[float]:
    """Cluster positions closer than SNAP; each cluster's first position is its edge."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid:
    # The outer box comes from the rules' extent too, for tables with open sides.
    xs = _edges([v.pos for v in vs] + [min(h.start for h in hs), max(h.end for h in hs)])
    ys = _edges([h.pos for h in hs] + [min(v.start for v in vs), max(v.end for v in vs)])
    return Grid(xs, ys, hs, vs)


# --- text ---------------------------------------------------------------------------------


def is_cjk(ch: str) -> bool:
    """Chinese characters and full-width punctuation: no space is ever put next to them."""
    return ch >= "\u2e80"


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Physical text lines, top to bottom, each sorted left to right."""
    lines: list[list[Glyph]] = []
    centers: list[float] = []
    for g in sorted(glyphs, key=lambda g: (g.cy, g.x0)):
        if lines and abs(g.cy - centers[-1]) <= 0.4 * g.size:
            lines[-1].append(g)
        else:
            lines.append([g])
            centers.append(g.cy)
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def join_glyphs(line: list[Glyph]) -> str:
    """Text of one physical line; a space only where the gap shows one.

    Between Latin letters or digits a gap of a fifth of an em is a word space; next to Chinese
    only a gap over 1.5 em counts (a full-width space inside `目 录` is layout, not a word
    break). The thresholds sit away from typical gaps because the backends' boxes differ a little.
    """
    parts: list[str] = []
    prev: Glyph | None = None
    for g in line:
        if prev is not None:
            if g.text == prev.text and abs(g.x0 - prev.x0) < 0.3 * g.size:
                continue  # the same glyph drawn twice (fake bold)
            gap = g.x0 - prev.x1
            em = max(g.size, prev.size)
            latin = not is_cjk(prev.text[-1]) and not is_cjk(g.text[0])
            wide = gap > 1.5 * em or (latin and gap > 0.18 * em)
            if wide:
                parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts).strip()


def join_wrapped(texts: list[str]) -> str:
    """Lines of one cell as one text: Chinese joins directly, Latin words with a space."""
    out = ""
    for t in texts:
        if out and not is_cjk(out[-1]) and not is_cjk(t[0]):
            out += " "
        out += t
    return out


def cell_text(glyphs: list[Glyph]) -> str:
    return normalize_chars(join_wrapped([t for t in map(join_glyphs, group_lines(glyphs)) if t]))


# --- page layout --------------------------------------------------------------------------


@dataclass(slots=True)
class Item:
    """An emitted line before numbering: its top, bottom and cells."""

    top: float
    bottom: float
    cells: list[str]
    prose: bool
    grid: int | None = None  # which ruled grid of the page (table rows only)
    cell_ids: list[int] | None = None  # per slot: the drawn cell covering it (see Line.cell_ids)


def grid_rows(grid: Grid, glyphs: list[Glyph], serial: int = 0) -> list[Item]:
    """Rows of one ruled table, one cell per grid column; spanned cells keep their leftmost slot."""
    xs, ys = grid.xs, grid.ys
    ncol, nrow = len(xs) - 1, len(ys) - 1
    parent = list(range(nrow * ncol))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Units of the grid merge where the rule between them is missing: a spanning cell.
    for r in range(nrow):
        for c in range(ncol):
            if c + 1 < ncol and not grid.has_vertical(xs[c + 1], ys[r], ys[r + 1]):
                parent[root(r * ncol + c)] = root(r * ncol + c + 1)
            if r + 1 < nrow and not grid.has_horizontal(ys[r + 1], xs[c], xs[c + 1]):
                parent[root(r * ncol + c)] = root((r + 1) * ncol + c)
    cells: dict[int, list[Glyph]] = {}
    for g in glyphs:
        c = min(max(bisect.bisect_right(xs, g.cx) - 1, 0), ncol - 1)
        r = min(max(bisect.bisect_right(ys, g.cy) - 1, 0), nrow - 1)
        cells.setdefault(root(r * ncol + c), []).append(g)
    units: dict[int, list[int]] = {}
    for u in range(nrow * ncol):
        units.setdefault(root(u), []).append(u)
    rows: dict[int, list[str]] = {}
    for key, members in cells.items():
        text = cell_text(members)
        if not text:
            continue
        r, c = _anchor(units[key], members, ys, ncol)
        rows.setdefault(r, [""] * ncol)[c] = text
    # A merged cell's id is its first unit, so both backends number it alike.
    first = {key: min(members) for key, members in units.items()}
    return [
        Item(ys[r], ys[r + 1], cells, False, serial, [first[root(r * ncol + c)] for c in range(ncol)])
        for r, cells in sorted(rows.items())
    ]


def _anchor(members: list[int], glyphs: list[Glyph], ys: list[float], ncol: int) -> tuple[int, int]:
    """Where a (possibly spanning) cell's text goes: the row of its text's middle, leftmost column."""
    mid = (min(g.top for g in glyphs) + max(g.bottom for g in glyphs)) / 2
    rows = sorted({u // ncol for u in members})
    row = min(
        rows, key=lambda r: 0 if ys[r] <= mid <= ys[r + 1] else min(abs(ys[r] - mid), abs(ys[r + 1] - mid))
    )
    col = min(u % ncol for u in members if u // ncol == row)
    return row, col


def layout_page(page: RawPage) -> list[Item]:
    """All lines of a page in reading order: table rows and prose lines, top to bottom."""
    hs: list[Rule] = []
    vs: list[Rule] = []
    for shape in page.shapes:
        h, v = shape_rules(shape)
        hs += h
        vs += v
    grids = find_grids(merge_rules(hs), merge_rules(vs))
    inside: list[list[Glyph]] = [[] for _ in grids]
    prose: list[Glyph] = []
    for g in page.glyphs:
        for k, grid in enumerate(grids):
            if grid.contains(g.cx, g.cy):
                inside[k].append(g)
                break
        else:
            prose.append(g)
    items = [
        item
        for k, (grid, gl) in enumerate(zip(grids, inside, strict=True))
        if gl
        for item in grid_rows(grid, gl, k)
    ]
    items += text_lines(group_lines(prose))
    return sorted(items, key=lambda it: (it.top, it.bottom))


# --- unruled tables -----------------------------------------------------------------------

ALIGNED_RUN = 3  # consecutive lines with wide gaps before text alignment is read as a table


def chunks(line: list[Glyph]) -> list[list[Glyph]]:
    """Pieces of a line separated by a gap over two em: the columns of an unruled table."""
    out = [[line[0]]]
    for prev, g in zip(line, line[1:], strict=False):
        if g.x0 - prev.x1 > 2 * max(g.size, prev.size):
            out.append([])
        out[-1].append(g)
    return out


def text_lines(lines: list[list[Glyph]]) -> list[Item]:
    """Lines outside ruled grids: prose, unless several in a row split into aligned columns."""
    items: list[Item] = []
    run: list[list[list[Glyph]]] = []
    for line in [*lines, []]:
        pieces = chunks(line) if line else []
        if len(pieces) >= 2:
            run.append(pieces)
            continue
        items += (
            aligned_rows(run)
            if len(run) >= ALIGNED_RUN
            else [prose_item(p) for r in run for p in [sum(r, [])]]
        )
        run = []
        if line:
            items.append(prose_item(line))
    return [it for it in items if any(it.cells)]


def prose_item(line: list[Glyph]) -> Item:
    glyphs = sorted(line, key=lambda g: g.x0)
    return Item(
        min(g.top for g in line), max(g.bottom for g in line), [normalize_chars(join_glyphs(glyphs))], True
    )


def aligned_rows(run: list[list[list[Glyph]]]) -> list[Item]:
    """Columns from the x-extents of the fullest rows' pieces; every piece goes to the nearest."""
    most = max(len(r) for r in run)
    spans: list[list[float]] = []
    for x0, x1 in sorted((p[0].x0, p[-1].x1) for r in run if len(r) == most for p in r):
        if spans and x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    items = []
    for r in run:
        cells = [""] * len(spans)
        for piece in r:
            mid = (piece[0].x0 + piece[-1].x1) / 2
            k = min(
                range(len(spans)),
                key=lambda i: 0 if spans[i][0] <= mid <= spans[i][1] else abs(sum(spans[i]) / 2 - mid),
            )
            cells[k] = join_wrapped([c for c in (cells[k], normalize_chars(join_glyphs(piece))) if c])
        glyphs = sum(r, [])
        items.append(Item(min(g.top for g in glyphs), max(g.bottom for g in glyphs), cells, len(cells) == 1))
    return items


# --- page furniture -----------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(第\s*\d+\s*页(\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*(/\s*\d+)?|[-—–]\s*\d+\s*[-—–])[-—–\s]*$"
)


def _in_margin(item: Item, height: float) -> bool:
    return item.prose and (item.bottom < height * MARGIN * 1.5 or item.top > height * (1 - MARGIN * 1.5))


def drop_furniture(pages: list[tuple[RawPage, list[Item]]]) -> None:
    """Remove page numbers and running headers/footers (text repeated in the margins)."""
    shape = Counter()
    for raw, items in pages:
        for key in {re.sub(r"\d+", "#", it.cells[0]) for it in items if _in_margin(it, raw.height)}:
            shape[key] += 1
    repeated = {k for k, n in shape.items() if n >= 3 and n * 2 >= len(pages)}
    for raw, items in pages:
        items[:] = [
            it
            for it in items
            if not (
                _in_margin(it, raw.height)
                and (_PAGE_NUMBER.match(it.cells[0]) or re.sub(r"\d+", "#", it.cells[0]) in repeated)
            )
        ]


# --- the document -------------------------------------------------------------------------


def check_complete(name: str, data: bytes) -> None:
    """A PDF ends with %%EOF; without it the file was cut off (an interrupted download)."""
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError(f"{name}: 不是有效的 PDF 文件（缺少 %PDF 文件头），无法读取", "E006")
    if b"%%EOF" not in data[-4096:]:
        raise InputError(f"{name}: PDF 文件不完整（可能下载中断或文件被截断），无法读取", "E006")


def encrypted_error(name: str) -> InputError:
    return InputError(f"{name}: PDF 文件已加密，需要密码才能打开，无法读取", "E004")


def corrupt_error(name: str, why: object = None) -> InputError:
    """The same message from both backends; `why` is kept for debugging only."""
    error = InputError(f"{name}: PDF 文件已损坏或格式无效，无法读取", "E006")
    error.__notes__ = [str(why)] if why else []
    return error


def scanned_error(name: str) -> InputError:
    return InputError(f"{name}: PDF 没有文本层（可能是扫描件），需要先做OCR识别", "E005")


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
        Line(cells=item.cells, number=k, page=page, grid=item.grid, cell_ids=item.cell_ids)
        for page, (_, items) in zip(numbers, laid, strict=True)
        for k, item in enumerate(items, start=1)
    ]
    return Document(path=name, lines=lines, paged=True, page_count=page_count, warnings=warnings)


def read_pdf(path: Path, data: bytes, engine: str = "auto") -> Document:
    """Read a PDF with the chosen backend ("auto" = pdfium when installed, else pdfminer)."""
    if engine not in ENGINES:
        raise InputError(f"未知的 PDF 引擎 {engine!r}（可选：{'、'.join(ENGINES)}）")
    name = str(path)
    check_complete(name, data)
    if engine == "pdfminer" or (engine == "auto" and not _have_pdfium()):
        return build_document(name, *pdfminer_pages(name, data))
    if not _have_pdfium():
        raise InputError("未安装 pypdfium2，无法使用 pdfium 引擎（可改用 --pdf-engine pdfminer）")
    from .pdf_fast import pdfium_pages

    return build_document(name, *pdfium_pages(name, data))


def _have_pdfium() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


# --- pdfminer backend ---------------------------------------------------------------------


def pdfminer_pages(name: str, data: bytes) -> tuple[int, Iterator[RawPage | Exception]]:
    """Open with pdfminer.six; returns the page count and a lazy stream of raw pages."""
    pages = MinerPages(name, data)
    return pages.count, (pages.page(i) for i in range(pages.count))


class MinerPages:
    """pdfminer.six over one document, page by page (the fast backend borrows single pages)."""

    def __init__(self, name: str, data: bytes) -> None:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        try:
            doc = PDFDocument(PDFParser(io.BytesIO(data)))
            self.pages = list(PDFPage.create_pages(doc))
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise encrypted_error(name) from None
        except Exception as exc:  # pdfminer raises many kinds on broken files
            if b"/Encrypt" in data:
                raise encrypted_error(name) from None
            raise corrupt_error(name, type(exc).__name__) from None
        if not self.pages:
            raise corrupt_error(name, "找不到任何页面")
        self.count = len(self.pages)
        manager = PDFResourceManager(caching=True)
        self.device = PDFPageAggregator(manager, laparams=None)  # no layout analysis: we do our own
        self.interpreter = PDFPageInterpreter(manager, self.device)

    def page(self, index: int) -> RawPage | Exception:
        try:
            self.interpreter.process_page(self.pages[index])
            return _pdfminer_raw(self.device.get_result())
        except Exception as exc:  # one bad page must not lose the others
            return exc


def _pdfminer_raw(layout) -> RawPage:
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTRect

    height = layout.height
    raw = RawPage(layout.width, height)
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if not is_whitespace(text):
                raw.glyphs.append(Glyph(text, obj.x0, height - obj.y1, obj.x1, height - obj.y0))
        elif isinstance(obj, LTCurve):
            points = [(x, height - y) for x, y in obj.pts]
            closed = isinstance(obj, LTRect) or (len(points) > 2 and points[0] == points[-1])
            raw.shapes.append(Shape([(points, closed)], bool(obj.stroke), bool(obj.fill)))
        elif isinstance(obj, LTImage):
            raw.images += 1
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    # Sorted by position, not drawing order: both backends then feed layout the same sequence.
    raw.glyphs.sort(key=lambda g: (g.top, g.x0))
    return raw
