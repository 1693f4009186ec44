"""Render the .txt seeds as ruled-table PDFs, plus small broken PDFs, into fixtures/pdf/generated/.

Run `python tests/make_pdf_fixtures.py` after changing a seed or this script; the output is
committed. Needs reportlab (dev dependency); its CID font STSong-Light draws Chinese without
embedding a font, which keeps the files small. `invariant=1` makes the output reproducible.

What the PDFs exercise in the reader:
- every tab-separated block of a seed becomes a ruled table (grid lines), prose becomes text;
- a header cell followed by empty cells in a table's first row is drawn as one spanning cell;
- long cell texts wrap inside their cell (the reader joins them back);
- a seed block that repeats an earlier block's header starts a new page (a table continued
  with its header repeated); tables longer than the page continue without a header;
- wide tables go on landscape pages: native landscape (final seed) or portrait pages with
  /Rotate 90 (budget seed);
- every page carries a running header and a page number footer, which the reader drops.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SHARED_SEEDS = Path("/work/shared/fixtures/seeds")
OUT = ROOT / "fixtures" / "pdf" / "generated"
FONT = "STSong-Light"
MARGIN = 50.0
PAD = 3.0

# Which seeds to render, and how their landscape pages are made.
SEED_FILES = {
    "pingfang-smart-city-2023-final.txt": "native",
    "mohe-smart-city-2025-budget.txt": "rotate",
}


def is_cjk(ch: str) -> bool:
    return ch >= "\u2e80"


def width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def wrap(text: str, limit: float, size: float) -> list[str]:
    """Greedy wrap that breaks only next to a Chinese character, so the reader can rejoin exactly."""
    lines: list[str] = []
    current = ""
    for ch in text:
        candidate = current + ch
        breakable = current and (is_cjk(current[-1]) or is_cjk(ch))
        if width(candidate, size) > limit and breakable:
            lines.append(current)
            current = ch
        else:
            current = candidate
    return [*lines, current] if current or not lines else lines


def unbreakable(text: str, size: float) -> float:
    """Width of the longest run without a Chinese character: wrap() never breaks inside one."""
    runs = "".join(" " if is_cjk(ch) else ch for ch in text).split(" ")
    return max((width(run, size) for run in runs), default=0.0)


# --- seed parsing ------------------------------------------------------------------------


@dataclass
class Block:
    rows: list[list[str]] | None = None  # a table
    text: str | None = None  # a prose line (or "" for a blank line)


def parse_seed(text: str) -> list[Block]:
    blocks: list[Block] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            if blocks and blocks[-1].rows is not None and len(blocks[-1].rows[0]) == len(cells):
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block(rows=[cells]))
        else:
            blocks.append(Block(text=line.strip()))
    return blocks


# --- rendering ---------------------------------------------------------------------------


class Writer:
    """A page cursor over a reportlab canvas, in landscape-aware display coordinates."""

    def __init__(self, canvas: Canvas, title: str, landscape_mode: str) -> None:
        self.c = canvas
        self.title = title
        self.mode = landscape_mode
        self.page = 0
        self.landscape = False
        self.y = 0.0
        self.fresh = True
        self.new_page(False)

    @property
    def size(self) -> tuple[float, float]:
        w, h = A4
        return (h, w) if self.landscape else (w, h)

    def new_page(self, landscape: bool) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.landscape = landscape
        w, h = self.size
        if landscape and self.mode == "rotate":
            # A portrait MediaBox shown turned by /Rotate 90 (reportlab swaps the box itself):
            # draw in landscape display coordinates, mapped into the portrait user space.
            self.c.setPageSize((w, h))
            self.c.setPageRotation(90)
            self.c.transform(0, 1, -1, 0, A4[0], 0)
        else:
            self.c.setPageSize((w, h))
            self.c.setPageRotation(0)
        self.c.setFont(FONT, 8)
        self.c.drawCentredString(w / 2, h - 25, self.title)  # running header
        self.c.drawCentredString(w / 2, 20, f"- {self.page} -")  # page number
        self.y = h - MARGIN
        self.fresh = True

    def ensure(self, height: float, landscape: bool | None = None) -> None:
        want = self.landscape if landscape is None else landscape
        if want != self.landscape or self.y - height < MARGIN:
            if not (self.fresh and want == self.landscape):
                self.new_page(want)

    def prose(self, text: str) -> None:
        if not text:
            self.y -= 6
            return
        size = 10.0
        for line in wrap(text, self.size[0] - 2 * MARGIN, size):
            self.ensure(15)
            self.c.setFont(FONT, size)
            self.c.drawString(MARGIN, self.y - size, line)
            self.y -= 15
            self.fresh = False

    def table(self, rows: list[list[str]], new_page: bool) -> None:
        size = 8.0
        landscape, widths = self.column_widths(rows, size)
        if new_page:
            self.new_page(landscape)
        spans = header_spans(rows)
        for r, row in enumerate(rows):
            layout = [
                wrap(cell, sum(widths[i : i + spans.get((r, i), 1)]) - 2 * PAD, size)
                for i, cell in enumerate(row)
            ]
            height = max(len(lines) for lines in layout) * (size + 2) + 2 * PAD
            self.ensure(height, landscape)
            self.draw_row(row, layout, widths, height, size, spans, r)
            self.y -= height
            self.fresh = False
        self.y -= 8

    def column_widths(self, rows: list[list[str]], size: float) -> tuple[bool, list[float]]:
        natural = [max(width(row[i], size) for row in rows) + 2 * PAD + 2 for i in range(len(rows[0]))]
        # A Latin run (a contract number) cannot wrap: its column is at least that wide.
        least = [max(unbreakable(row[i], size) for row in rows) + 2 * PAD + 2 for i in range(len(rows[0]))]
        for landscape in (False, True):
            room = (A4[1] if landscape else A4[0]) - 2 * MARGIN
            if sum(natural) <= room or landscape:
                break
        # Shrink the widest columns until the table fits: their text wraps.
        lo, hi = 2 * size + 2 * PAD, max(natural)
        for _ in range(30):
            cap = (lo + hi) / 2
            fits = sum(max(min(w, cap), m) for w, m in zip(natural, least, strict=True)) <= room
            lo, hi = (cap, hi) if fits else (lo, cap)
        return landscape, [max(min(w, lo), m) for w, m in zip(natural, least, strict=True)]

    def draw_row(self, row, layout, widths, height, size, spans, r) -> None:
        c = self.c
        x0 = MARGIN
        top, bottom = self.y, self.y - height
        c.setLineWidth(0.5)
        c.line(x0, top, x0 + sum(widths), top)
        c.line(x0, bottom, x0 + sum(widths), bottom)
        x = x0
        covered = 0
        for i, lines in enumerate(layout):
            if i >= covered:
                c.line(x, top, x, bottom)  # no rule inside a spanning cell
                covered = i + spans.get((r, i), 1)
            c.setFont(FONT, size)
            for k, line in enumerate(lines):
                c.drawString(x + PAD, top - PAD - (k + 1) * (size + 2) + 2, line)
            x += widths[i]
        c.line(x, top, x, bottom)


def header_spans(rows: list[list[str]]) -> dict[tuple[int, int], int]:
    """A filled cell of the first row followed by empty cells spans them (收入 | | | 支出 | |)."""
    if len(rows) < 3:
        return {}
    spans: dict[tuple[int, int], int] = {}
    first = rows[0]
    for i, cell in enumerate(first):
        if cell:
            n = 1
            while i + n < len(first) and not first[i + n]:
                n += 1
            if n > 1:
                spans[(0, i)] = n
    return spans


def render_seed(text: str, title: str, landscape_mode: str) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    writer = Writer(canvas, title, landscape_mode)
    seen_headers: set[tuple[str, ...]] = set()
    for block in parse_seed(text):
        if block.rows is None:
            writer.prose(block.text or "")
            continue
        header = tuple(block.rows[0])
        writer.table(block.rows, new_page=header in seen_headers)  # a continuation: new page
        seen_headers.add(header)
    canvas.save()
    return buf.getvalue()


# --- broken PDFs -------------------------------------------------------------------------


def small_pdf(**kwargs) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1, **kwargs)
    canvas.setFont(FONT, 12)
    canvas.drawString(MARGIN, 700, "单位：万元  本年收入合计 307.82")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return small_pdf(encrypt=StandardEncryption("user-secret", "owner-secret", canPrint=1))


def scanned_pdf() -> bytes:
    """A page that is only a picture, like a scan: no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (200, 120), 255)
    draw = ImageDraw.Draw(image)
    for k in range(6):
        draw.rectangle((10, 10 + 18 * k, 190, 20 + 18 * k), fill=60)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    canvas.drawImage(ImageReader(image), MARGIN, 500, width=400, height=240)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def corrupt_pdf() -> bytes:
    """Starts and ends like a PDF, but has no objects, no cross-reference table, nothing to read."""
    return b"%PDF-1.4\n" + b"this is not a pdf body\n" * 40 + b"%%EOF\n"


def main() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    OUT.mkdir(parents=True, exist_ok=True)
    seeds = SEEDS if SEEDS.is_dir() else SHARED_SEEDS
    for name, mode in SEED_FILES.items():
        text = (seeds / name).read_text(encoding="utf-8")
        title = Path(name).stem
        (OUT / f"{title}.pdf").write_bytes(render_seed(text, title, mode))
    good = small_pdf()
    (OUT / "encrypted.pdf").write_bytes(encrypted_pdf())
    (OUT / "scanned.pdf").write_bytes(scanned_pdf())
    (OUT / "truncated.pdf").write_bytes(good[: len(good) // 2])
    (OUT / "corrupt.pdf").write_bytes(corrupt_pdf())
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}\t{path.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
