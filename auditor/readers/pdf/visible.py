"""What a reader sees of a page's text: glyphs inside the page and inside their clipping area,
drawn visibly, with the twin of a glyph drawn twice ("fake bold") merged into it.

Exported PDFs often carry text nobody can see: a table copied once more below the page's
bottom edge, chart labels cut by the chart's clip, invisible text (render mode 3). Neither
backend drops it by itself (pdfminer ignores clipping entirely), so both report where each
glyph was drawn and this module decides, once for both. Invisible text painted over an image
is the OCR layer of a scanned page: a reader sees that text in the image, so it stays.
"""

from __future__ import annotations

from .raw import Box, Glyph, RawPage

# A fake-bold twin is offset by less than this share of the glyph's advance, and of its em.
# Real repeats stand an advance apart, or half of one where full-width punctuation is set
# close (`。。。` in a template); emboldening offsets are a few hundredths of an em.
TWIN_ADVANCE = 0.45
TWIN_EM = 0.15


def seen_glyphs(page: RawPage) -> list[Glyph]:
    """The page's glyphs a reader can see, by position (top, then left), fake bold merged."""
    width, height = 2 * page.width, 2 * page.height  # the centre's coordinates, doubled
    glyphs = [
        g
        for g in page.glyphs
        if 0 <= g.x0 + g.x1 <= width
        and 0 <= g.top + g.bottom <= height
        and (g.clip is None and not g.hidden or _shown(g, page))
    ]
    glyphs.sort(key=lambda g: (g.top, g.x0))
    return merge_fake_bold(glyphs)


def _inside(x: float, y: float, box: Box) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _shown(g: Glyph, page: RawPage) -> bool:
    """Is a glyph on the page inside its clip and, drawn invisibly, over an image?"""
    x, y = g.cx, g.cy
    if g.clip is not None and not _inside(x, y, g.clip):
        return False
    return not g.hidden or any(_inside(x, y, image) for image in page.images)


def is_twin(a: Glyph, b: Glyph) -> bool:
    """Is `b` the same glyph as `a` drawn again over it? Same character, offset a small part of
    an em and less than half its advance (an `l` emboldened by 1 pt at 12 pt is offset by a
    third of its advance). A real repeated character (the second 3 of 1233.45) stands a whole
    advance further on, however narrow the digits or tall the boxes."""
    em = max(a.font_size, b.font_size)
    dx = abs(a.x0 - b.x0)
    return (
        a.text == b.text
        and dx < TWIN_ADVANCE * max(a.x1 - a.x0, b.x1 - b.x0)
        and dx < TWIN_EM * em
        and abs(a.top - b.top) < TWIN_EM * em
    )


def merge_fake_bold(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop each glyph that twins one kept before it (glyphs sorted by top, then left)."""
    kept: list[Glyph] = []
    recent: dict[str, list[Glyph]] = {}  # kept glyphs per character, near enough above
    for g in glyphs:
        near = recent.get(g.text)
        if near is None:
            recent[g.text] = [g]
            kept.append(g)
            continue
        reach = TWIN_EM * g.font_size
        top = g.top - reach
        while near and near[0].top < top:
            del near[0]
        x0 = g.x0
        # most candidates fail on x alone: test that first, the whole rule only then
        for k in near:
            if abs(k.x0 - x0) < reach and is_twin(k, g):
                break
        else:
            near.append(g)
            kept.append(g)
    return kept
