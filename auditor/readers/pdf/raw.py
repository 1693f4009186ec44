"""The raw material both backends extract from a page: glyph boxes and painted paths, in
top-down page coordinates (y grows downwards). Layout starts from here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


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

    def sort_glyphs(self) -> None:
        """By position, not drawing order: both backends then feed layout the same sequence."""
        self.glyphs.sort(key=lambda g: (g.top, g.x0))


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
