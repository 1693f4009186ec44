"""The raw material both backends extract from a page: glyph boxes and painted paths, in
top-down page coordinates (y grows downwards). Layout starts from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# x0, top, x1, bottom in page coordinates (y downwards)
Box = tuple[float, float, float, float]


@dataclass(slots=True)
class Glyph:
    """One character with its box; `top` < `bottom` (y grows downwards).

    `base` (the baseline's y) and `em` (the font size on the page) come from the font, not from
    the box, when the backend knows them: a box can be odd (a tight box around `一` or `、`).
    `clip` is the clipping area the glyph was drawn in, `hidden` says it was drawn invisibly
    (text render mode 3 or 7); `visible.py` keeps only what a reader sees.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    base: float | None = None
    em: float | None = None
    clip: Box | None = None
    hidden: bool = False

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def mid(self) -> float:
        """The middle of the glyph's line of text: from the baseline when known, not the box."""
        return self.cy if self.base is None or not self.em else self.base - 0.3 * self.em

    @property
    def font_size(self) -> float:
        return self.em if self.em else self.size


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
    images: list[Box] = field(default_factory=list)  # where images are painted


def display_transform(box: tuple[float, float, float, float], rotate: int) -> Callable:
    """Map PDF user space to the displayed page with y downwards (what pdfminer does, flipped).

    `box` is the part of the page a viewer shows (the crop box). Landscape pages made with
    /Rotate then read in the order a person sees them.
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


def shown_box(crop: tuple[float, float, float, float], media: tuple[float, float, float, float]) -> tuple:
    """The area a viewer shows: the crop box, within the media box (PDF 14.11.2)."""
    box = (max(crop[0], media[0]), max(crop[1], media[1]), min(crop[2], media[2]), min(crop[3], media[3]))
    return box if box[0] < box[2] and box[1] < box[3] else tuple(media)


def page_size(box: tuple[float, float, float, float], rotate: int) -> tuple[float, float]:
    width, height = box[2] - box[0], box[3] - box[1]
    return (height, width) if rotate % 180 else (width, height)


def box_of(points: list[tuple[float, float]]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def intersect(a: Box | None, b: Box) -> Box:
    """Two clipping areas in turn: what both let through (an empty one stays empty)."""
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def is_whitespace(text: str) -> bool:
    return not text.strip()
