"""Ruling lines: the axis-aligned rules a page's paths draw, joined into whole lines."""

from __future__ import annotations

from dataclasses import dataclass

from .raw import Shape

# Geometry tolerances in PDF points (1/72 inch).
SNAP = 3.0  # ruling lines closer than this are one line (double borders, per-cell strokes)
TOUCH = 2.0  # a line ending this close to another still meets it
THIN = 3.0  # a filled shape thinner than this is drawn as a ruling line (Excel exports)


@dataclass(slots=True)
class Rule:
    """An axis-aligned ruling line: `pos` is y for a horizontal rule, x for a vertical one."""

    pos: float
    start: float
    end: float


def page_rules(shapes: list[Shape]) -> tuple[list[Rule], list[Rule]]:
    """The page's horizontal and vertical rules, collinear pieces joined."""
    hs: list[Rule] = []
    vs: list[Rule] = []
    for shape in shapes:
        h, v = shape_rules(shape)
        hs += h
        vs += v
    return merge_rules(hs), merge_rules(vs)


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
    """Join collinear pieces (one stroke per cell edge) into whole lines.

    Pieces less than a point apart are one line (a cell's border drawn as a thin bar beside a
    shaded cell's edge); along that line, pieces that meet or overlap join, each stretch kept
    whole (a piece that starts left of the stretch it joins widens it to the left too).
    """
    out: list[Rule] = []
    ordered = sorted(rules, key=lambda r: r.pos)
    k = 0
    while k < len(ordered):
        band = [ordered[k]]
        k += 1
        while k < len(ordered) and ordered[k].pos - band[0].pos <= 1.0:
            band.append(ordered[k])
            k += 1
        pos = band[0].pos
        stretch: Rule | None = None
        for r in sorted(band, key=lambda r: r.start):
            if stretch is not None and r.start <= stretch.end + TOUCH:
                stretch.end = max(stretch.end, r.end)
            else:
                stretch = Rule(pos, r.start, r.end)
                out.append(stretch)
    return [r for r in out if r.end - r.start >= SNAP]
