"""Where things go on a 16:9 slide, in inches, shared by the PPTX and PDF writers so
both files look the same."""
from __future__ import annotations

import math
from dataclasses import dataclass

from graph.briefing.slides import NetworkMap, Slide

WIDTH, HEIGHT = 13.333, 7.5  #: a 16:9 slide, inches
MARGIN = 0.6
TITLE_PT = 30
TITLE_SLIDE_PT = 42
BULLET_PT = 20
SIDE_BULLET_PT = 18
TABLE_PT = 16
SHORT_TABLE_PT = 20  #: tables of at most six rows and five columns
WIDE_TABLE_PT = 14  #: tables of five columns or more
FOOTER_PT = 11
#: the deck's Chinese typeface in PPTX (Windows and WPS have it; others substitute)
PPTX_FONT = "Microsoft YaHei"


@dataclass(frozen=True)
class Box:
    """A rectangle: left, top, width, height in inches from the slide's top-left."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Layout:
    """The boxes of one slide; None where the slide has nothing."""

    title: Box
    title_pt: int
    rule: Box | None
    bullets: Box | None
    bullet_pt: int
    table: Box | None
    table_pt: int
    picture: Box | None


TITLE = Box(MARGIN, 0.35, WIDTH - 2 * MARGIN, 0.85)
RULE = Box(MARGIN, 1.22, 1.6, 0.07)
BODY_TOP = 1.55
BODY_BOTTOM = 6.85
FOOTER = Box(MARGIN, 7.0, WIDTH - 2 * MARGIN, 0.32)
BAND = Box(0.0, 0.0, 0.32, HEIGHT)  #: the title slide's coloured edge


def layout(slide: Slide) -> Layout:
    """The boxes of `slide`, from what it holds."""
    body_w = WIDTH - 2 * MARGIN
    body_h = BODY_BOTTOM - BODY_TOP
    if slide.key == "title":
        return Layout(Box(MARGIN + 0.4, 1.7, body_w - 0.4, 1.5), TITLE_SLIDE_PT,
                      Box(MARGIN + 0.4, 3.3, 2.4, 0.09), Box(MARGIN + 0.4, 3.65, body_w - 0.4, 3.0),
                      22, None, TABLE_PT, None)
    table_pt = TABLE_PT
    if slide.table and len(slide.table.rows) <= 6 and len(slide.table.columns) <= 5:
        table_pt = SHORT_TABLE_PT
    elif slide.table and len(slide.table.columns) >= 5:
        table_pt = WIDE_TABLE_PT
    if slide.picture is not None:
        pic_w = 8.7 if isinstance(slide.picture, NetworkMap) else 8.2
        if not slide.bullets:
            return Layout(TITLE, TITLE_PT, RULE, None, BULLET_PT, None, table_pt,
                          Box(MARGIN, BODY_TOP, body_w, body_h))
        side_x = MARGIN + pic_w + 0.3
        return Layout(TITLE, TITLE_PT, RULE, Box(side_x, BODY_TOP + 0.1, WIDTH - MARGIN - side_x,
                                                 body_h - 0.1),
                      SIDE_BULLET_PT, None, table_pt, Box(MARGIN, BODY_TOP, pic_w, body_h))
    if slide.table is not None:
        if slide.bullets:
            lines = min(len(slide.bullets), 4)
            bullets_h = 0.3 + 0.55 * lines
            return Layout(TITLE, TITLE_PT, RULE,
                          Box(MARGIN, BODY_BOTTOM - bullets_h, body_w, bullets_h), BULLET_PT,
                          Box(MARGIN, BODY_TOP, body_w, body_h - bullets_h - 0.15), table_pt, None)
        return Layout(TITLE, TITLE_PT, RULE, None, BULLET_PT, Box(MARGIN, BODY_TOP, body_w, body_h),
                      table_pt, None)
    return Layout(TITLE, TITLE_PT, RULE, Box(MARGIN, BODY_TOP, body_w, body_h), 22, None,
                  table_pt, None)


def text_units(text: str) -> float:
    """The width of `text` in ems: a CJK character is one, a Latin one about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def column_widths(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                  width: float, pt: int) -> list[float]:
    """Column widths (inches) summing to `width`: short columns (names, years) get what
    keeps their longest text on one line at `pt` points, long ones share the rest by
    length (so a long cell wraps instead of starving the others)."""
    longest = [max([text_units(columns[i])] + [text_units(r[i]) for r in rows if i < len(r)])
               for i in range(len(columns))]
    need = [n * pt / 72 + 2 * CELL_PAD + 0.1 for n in longest]
    if sum(need) <= width:  # everything fits on one line: spread the slack evenly
        return [w + (width - sum(need)) / len(need) for w in need]
    short = [n <= 12 for n in longest]
    rest = width - sum(w for w, s in zip(need, short) if s)
    weights = [min(n, 40.0) for n, s in zip(longest, short) if not s]
    if rest < 0.25 * width or not weights:  # too many short columns: by length, as a whole
        total = sum(longest)
        return [width * n / total for n in longest]
    out, it = [], iter(weights)
    for w, s in zip(need, short):
        out.append(w if s else rest * next(it) / sum(weights))
    return out


CELL_PAD = 0.08  #: inches of padding left and right of a cell's text
CELL_VPAD = 0.3  #: padding above and below a cell's text, in ems


def row_heights(table, widths: list[float], pt: int) -> list[float]:
    """The height (inches) of the header and each row when its longest cell wraps."""
    line = pt * 1.35 / 72
    out = []
    for row in (table.columns, *table.rows):
        lines = max((math.ceil(text_units(cell) * pt / 72 / max(w - 2 * CELL_PAD, 0.3)) or 1)
                    for cell, w in zip(row, widths)) if row else 1
        out.append(lines * line + 2 * CELL_VPAD * pt / 72)
    return out


def below(table_box: Box, used: float, bullets: Box) -> Box:
    """The bullets' box right under a table `used` inches tall (at least 0.9 inch tall)."""
    top = min(table_box.y + used + 0.3, BODY_BOTTOM - 0.9)
    return Box(bullets.x, top, bullets.w, BODY_BOTTOM - top)
