"""Render the .txt seeds as PDFs, plus small broken PDFs, into fixtures/pdf/generated/.

Each seed is rendered three times: ruled (`NAME.pdf`, grid lines), unruled (`NAME-unruled.pdf`:
columns by position only, figures right-aligned, text left-aligned, header cells centred over
the columns they span, long labels wrapped in their column, the header repeated on every page
a table runs onto) and as 三线表 (`NAME-threeline.pdf`: the unruled layout with a rule above
and below the header and below the table). What follows describes the ruled rendering.

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

Two more show the text layer as a reader sees it: `unseen-text.pdf` (fake bold, squeezed
figures, text off the page, clipped or invisible) and `type3-punctuation.pdf` (punctuation from
Type3 fonts whose boxes are only their ink; written object by object, as reportlab makes no
Type3 fonts).
"""

from __future__ import annotations

import io
import re
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
GAP = 2.5  # unruled tables: the space between columns, in em (the reader splits at 2 em)
STYLES = ("ruled", "unruled", "threeline")  # grid lines; none at all; 三线表 (three rules)
# Right-aligned figures: amounts with decimals, thousands separators or a percent sign.
FIGURE = re.compile(r"^[-+]?(\d[\d,]*\.\d+|\d{1,3}(,\d{3})+|\d+(\.\d+)?%)$")

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

    def __init__(self, canvas: Canvas, title: str, landscape_mode: str, style: str = "ruled") -> None:
        self.c = canvas
        self.title = title
        self.mode = landscape_mode
        self.style = style
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
        if self.style != "ruled":
            self.plain_table(rows, new_page)
            return
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


    # --- tables without grid lines ----------------------------------------------------------

    def plain_table(self, rows: list[list[str]], new_page: bool) -> None:
        """A table laid out by column positions only, as word processors print borderless tables:
        figures right-aligned, text left-aligned, header cells centred over the columns they
        span, long labels wrapped in their column, the header repeated on every page. The
        三线表 style adds a rule above and below the header and below the table on each page."""
        spans = header_spans(rows)
        head = header_rows(rows)
        size, landscape, widths = plain_widths(rows, spans)
        if new_page:
            self.new_page(landscape)
        gap = GAP * size
        xs = [MARGIN + sum(widths[:i]) + i * gap for i in range(len(widths))]

        def box(r: int, i: int) -> tuple[float, float]:
            n = spans.get((r, i), 1)
            return xs[i], xs[i + n - 1] + widths[i + n - 1]

        layouts = [[wrap(cell, (lambda b: b[1] - b[0])(box(r, i)), size) for i, cell in enumerate(row)]
                   for r, row in enumerate(rows)]
        heights = [max(len(lines) for lines in layout) * (size + 2) + 2 * PAD for layout in layouts]
        right = xs[-1] + widths[-1]
        self.ensure(sum(heights[: head + 1]), landscape)
        for r in range(len(rows)):
            if r == head or (r > head and self.y - heights[r] < MARGIN):
                if r > head:  # the page is full: close this part, repeat the header overleaf
                    self.rule(right)
                    self.new_page(landscape)
                for h in range(head):
                    if h == 0:
                        self.rule(right)
                    self.plain_row(rows[h], layouts[h], box, size, h, True)
                    self.y -= heights[h]
                self.rule(right)
            if r >= head:
                self.plain_row(rows[r], layouts[r], box, size, r, False)
                self.y -= heights[r]
        if head >= len(rows):
            for h in range(len(rows)):
                self.plain_row(rows[h], layouts[h], box, size, h, True)
                self.y -= heights[h]
        self.rule(right)
        self.fresh = False
        self.y -= 8

    def rule(self, right: float) -> None:
        if self.style == "threeline":
            self.c.setLineWidth(0.75)
            self.c.line(MARGIN, self.y, right, self.y)

    def plain_row(self, row, layout, box, size, r, header) -> None:
        self.c.setFont(FONT, size)
        for i, lines in enumerate(layout):
            left, right = box(r, i)
            for k, line in enumerate(lines):
                w = width(line, size)
                x = (left + right - w) / 2 if header else right - w if FIGURE.match(row[i]) else left
                self.c.drawString(x, self.y - PAD - (k + 1) * (size + 2) + 2, line)
        self.fresh = False


def header_rows(rows: list[list[str]]) -> int:
    """The header: the rows above the first row with a figure (at least the first row)."""
    for r, row in enumerate(rows):
        if r and any(FIGURE.match(c) for c in row):
            return r
    return 1


def plain_widths(rows: list[list[str]], spans: dict) -> tuple[float, bool, list[float]]:
    """Font size, orientation and text width of each column of an unruled table.

    The largest size (8 to 5 pt) at which the columns fit, portrait if they fit unwrapped,
    else landscape with the widest columns wrapped; columns are 2.5 em apart.
    """
    n = len(rows[0])
    for size in (8.0, 7.0, 6.0, 5.0):
        cells = [[row[i] for r, row in enumerate(rows) if (r, i) not in spans] for i in range(n)]
        natural = [max((width(c, size) for c in col), default=0.0) + 1 for col in cells]
        least = [max(max((unbreakable(c, size) for c in col), default=0.0) + 1, size) for col in cells]
        for landscape in (False, True):
            room = (A4[1] if landscape else A4[0]) - 2 * MARGIN - GAP * size * (n - 1)
            if sum(natural) <= room:
                return size, landscape, natural
        if sum(least) <= room or size == 5.0:
            break
    lo, hi = size, max(natural)
    for _ in range(30):
        cap = (lo + hi) / 2
        fits = sum(max(min(w, cap), m) for w, m in zip(natural, least, strict=True)) <= room
        lo, hi = (cap, hi) if fits else (lo, cap)
    return size, True, [max(min(w, lo), m) for w, m in zip(natural, least, strict=True)]


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


def render_seed(text: str, title: str, landscape_mode: str, style: str = "ruled") -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    writer = Writer(canvas, title, landscape_mode, style)
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


# --- the text layer as a reader sees it ----------------------------------------------------


def _fake_bold(canvas: Canvas, x: float, y: float, text: str, offset: float, scale: float = 100) -> None:
    """Text drawn twice, the second copy `offset` to the right: how exporters embolden a font
    that has no bold face. `scale` is the horizontal scaling (Tz) of condensed table figures."""
    for dx in (0.0, offset) if offset else (0.0,):
        t = canvas.beginText(x + dx, y)
        t.setHorizScale(scale)
        t.textOut(text)
        t.setHorizScale(100)  # the scaling outlives the text object
        canvas.drawText(t)


def unseen_text_pdf() -> bytes:
    """Text a reader cannot see, and glyphs drawn twice, on two pages.

    Page 1 is Helvetica only, so PDFium reads it itself (a page with STSong-Light, which is not
    embedded, goes to pdfminer even with the pdfium engine): fake bold at offsets PDFium merges
    itself (0.25 pt) and does not (1 pt), condensed figures (Tz 50) whose repeated digits stand
    closer than a box's height, text below the page, right of it and outside the crop box,
    text in render mode 3 (invisible) alone and over an image (an OCR layer: kept), and labels
    cut by a clipping path, on the page and inside a scaled form XObject (a chart).
    Page 2 draws the same in Chinese (read by pdfminer with either engine).
    """
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    canvas.setCropBox((20, 20, 575, 822))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(MARGIN, 780, "Totals 2024")
    _fake_bold(canvas, MARGIN, 750, "Total 1233.45 1000.00", 0.25)
    _fake_bold(canvas, MARGIN, 730, "Total 1233.45 1000.00", 1.0)
    _fake_bold(canvas, MARGIN, 710, "Total 1233.45 1000.00", 0.0, scale=50)
    _fake_bold(canvas, MARGIN, 690, "Total 1233.45 1000.00", 0.3, scale=50)
    canvas.drawString(MARGIN, -40, "Total 9999.99")  # below the page
    canvas.drawString(640, 400, "Total 8888.88")  # right of it
    canvas.drawString(MARGIN, 830, "Total 6666.66")  # in the media box, above the crop box
    hidden = canvas.beginText(MARGIN, 650)
    hidden.setTextRenderMode(3)
    hidden.textOut("Hidden 555.55")
    hidden.setTextRenderMode(0)  # the mode outlives the text object
    canvas.drawText(hidden)
    canvas.drawImage(ImageReader(Image.new("L", (40, 10), 200)), 300, 640, width=200, height=40)
    ocr = canvas.beginText(310, 655)
    ocr.setTextRenderMode(3)
    ocr.textOut("Scanned 777.77")
    ocr.setTextRenderMode(0)  # the mode outlives the text object
    canvas.drawText(ocr)
    canvas.saveState()
    clip = canvas.beginPath()
    cut = pdfmetrics.stringWidth("Project ", "Helvetica", 12) - 1
    clip.rect(MARGIN + cut, 590, 200, 30)  # cuts the first word off the label
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.drawString(MARGIN, 600, "Project spending, 40.01%")
    canvas.restoreState()
    canvas.beginForm("chart")
    clip = canvas.beginPath()
    clip.rect(pdfmetrics.stringWidth("Basic ", "Helvetica", 6) - 0.5, 0, 100, 15)  # in the form's space
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setFont("Helvetica", 6)
    canvas.drawString(0, 5, "Basic spending, 59.35%")
    canvas.endForm()
    canvas.saveState()
    canvas.translate(MARGIN, 540)
    canvas.scale(2, 2)
    canvas.doForm("chart")
    canvas.restoreState()
    canvas.showPage()
    canvas.setFont(FONT, 12)
    canvas.drawString(MARGIN, 780, "合计情况")
    _fake_bold(canvas, MARGIN, 750, "合计 1233.45 1000.00", 0.3)
    canvas.drawString(MARGIN, -40, "本页之外的合计 9999.99")
    hidden = canvas.beginText(MARGIN, 700)
    hidden.setTextRenderMode(3)
    hidden.textOut("隐藏的合计 555.55")
    hidden.setTextRenderMode(0)  # the mode outlives the text object
    canvas.drawText(hidden)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _pdf_objects(objects: list[bytes]) -> bytes:
    """A PDF file of the given objects (the first is the catalog), with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


# Type3 fonts: per font, its FontBBox and its glyphs (character, advance, ink box), in 1000ths of
# an em. The text font's box is a whole em; each punctuation font's box is only its one glyph's
# ink, as converters that write a small Type3 font per few glyphs make it. PDFium takes a Type3
# font's ascent and descent from that box, so `、` gets a box a fifth of an em tall at the
# baseline and `一` a hairline at mid-height; pdfminer gives every glyph a whole em.
_TYPE3 = {
    b"T": ((0, -200, 1000, 800), [(ch, 1000, (40, -80, 960, 800)) for ch in "收入支出合计"]
           + [(ch, 500, (40, 0, 460, 720)) for ch in "0123456789."]),
    b"D": ((80, -60, 260, 140), [("、", 1000, (80, -60, 260, 140))]),
    b"Y": ((60, 300, 940, 340), [("一", 1000, (60, 300, 940, 340))]),
    b"E": ((60, 150, 940, 600), [("二", 1000, (60, 150, 940, 600))]),
    b"C": ((420, 40, 560, 560), [("：", 1000, (420, 40, 560, 560))]),
}


def type3_punctuation_pdf() -> bytes:
    """Two lines, `一、收入合计：1233.45` and `二、支出合计：1000.00`, whose ordinals, `、` and `：`
    come from Type3 fonts with tight font boxes (see _TYPE3)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b""]
    fonts = {}
    for name, (bbox, glyphs) in _TYPE3.items():
        first = len(objects) + 1  # the font, its ToUnicode CMap, then one CharProc per glyph
        fonts[name] = (first, {ch: k + 1 for k, (ch, _, _) in enumerate(glyphs)})
        procs = b" ".join(b"/g%d %d 0 R" % (k + 1, first + 2 + k) for k in range(len(glyphs)))
        cmap = " ".join(f"<{k + 1:02X}> <{ord(ch):04X}>" for k, (ch, _, _) in enumerate(glyphs))
        objects.append(
            b"<< /Type /Font /Subtype /Type3 /FontBBox [%s] /FontMatrix [0.001 0 0 0.001 0 0] "
            b"/CharProcs << %s >> /Encoding << /Type /Encoding /Differences [1 %s] >> /FirstChar 1 "
            b"/LastChar %d /Widths [%s] /ToUnicode %d 0 R /Resources << >> >>"
            % (
                b" ".join(b"%d" % v for v in bbox), procs,
                b" ".join(b"/g%d" % (k + 1) for k in range(len(glyphs))), len(glyphs),
                b" ".join(b"%d" % w for _, w, _ in glyphs), first + 1,
            )
        )
        objects.append(_stream(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
            b"1 begincodespacerange <00> <FF> endcodespacerange %d beginbfchar %s endbfchar "
            b"endcmap CMapName currentdict /CMap defineresource pop end end" % (len(glyphs), cmap.encode())
        ))
        for _, w, (x0, y0, x1, y1) in glyphs:
            objects.append(_stream(b"%d 0 %d %d %d %d d1 %d %d %d %d re f" % (w, x0, y0, x1, y1, x0, y0, x1 - x0, y1 - y0)))

    def show(text: str) -> bytes:
        """`Tf` and `Tj` per run of one font (the text state carries the position on)."""
        out, current = [], None
        for ch in text:
            name = next(n for n, (_, codes) in fonts.items() if ch in codes)
            if name != current:
                out.append(b"/%s 12 Tf" % name)
                current = name
            out.append(b"<%02X> Tj" % fonts[name][1][ch])
        return b" ".join(out)

    content = b"BT 50 700 Td %s ET BT 50 680 Td %s ET" % (show("一、收入合计：1233.45"), show("二、支出合计：1000.00"))
    resources = b" ".join(b"/%s %d 0 R" % (n, first) for n, (first, _) in fonts.items())
    objects.append(_stream(content))
    objects[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s >> >> "
                  b"/Contents %d 0 R >>" % (resources, len(objects)))
    return _pdf_objects(objects)


def main() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    OUT.mkdir(parents=True, exist_ok=True)
    seeds = SEEDS if SEEDS.is_dir() else SHARED_SEEDS
    for name, mode in SEED_FILES.items():
        text = (seeds / name).read_text(encoding="utf-8")
        title = Path(name).stem
        for style in STYLES:
            suffix = "" if style == "ruled" else f"-{style}"
            (OUT / f"{title}{suffix}.pdf").write_bytes(render_seed(text, title, mode, style))
    good = small_pdf()
    (OUT / "encrypted.pdf").write_bytes(encrypted_pdf())
    (OUT / "scanned.pdf").write_bytes(scanned_pdf())
    (OUT / "truncated.pdf").write_bytes(good[: len(good) // 2])
    (OUT / "corrupt.pdf").write_bytes(corrupt_pdf())
    (OUT / "unseen-text.pdf").write_bytes(unseen_text_pdf())
    (OUT / "type3-punctuation.pdf").write_bytes(type3_punctuation_pdf())
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}\t{path.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
