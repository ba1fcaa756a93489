"""Write a `Deck` as PPTX: real text boxes and tables, pictures at 200 dpi, notes."""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from graph.briefing.layout import (BAND, CELL_PAD, CELL_VPAD, FOOTER, FOOTER_PT, HEIGHT, PPTX_FONT, WIDTH, Box,
                                   below, column_widths, layout, row_heights)
from graph.briefing.palette import BLUE, GAP, MUTED, PALE, TEXT
from graph.briefing.pictures import render
from graph.briefing.slides import Deck, Slide
from graph.briefing.text import Text

TITLE_ONLY = 5  #: the default template's "Title Only" layout


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _emu(box: Box):
    return Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h)


def _style(run, size: int, *, bold: bool = False, colour: str = TEXT) -> None:
    """Size, weight, colour and the typeface for both Latin and East Asian text."""
    font = run.font
    font.size, font.bold = Pt(size), bold
    font.color.rgb = _rgb(colour)
    font.name = PPTX_FONT
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", PPTX_FONT)


def _bullet(paragraph, size: int) -> None:
    """A real bullet (not a typed character), hanging indent."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(int(Pt(size * 1.1))))
    ppr.set("indent", str(-int(Pt(size * 1.1))))
    char = ppr.makeelement(qn("a:buChar"), {"char": "•"})
    ppr.append(char)


def _text(slide, box: Box, lines, size: int, *, bullets: bool = True,
          colour: str = TEXT) -> None:
    frame = slide.shapes.add_textbox(*_emu(box)).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint and WPS shrink an overflow
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.space_after = Pt(size * 0.5)
        run = p.add_run()
        run.text = line
        _style(run, size, colour=colour)
        if bullets:
            _bullet(p, size)


def _table(slide, box: Box, table, size: int) -> float:
    """Draw the table; returns its height in inches."""
    rows, cols = len(table.rows) + 1, len(table.columns)
    for pt in range(size, 11, -1):  # the largest type that fits the box
        widths = column_widths(table.columns, table.rows, box.w, pt)
        heights = row_heights(table, widths, pt)
        if sum(heights) <= box.h:
            break
    size = pt
    shape = slide.shapes.add_table(rows, cols, Inches(box.x), Inches(box.y), Inches(box.w),
                                   Inches(sum(heights)))
    grid = shape.table
    marked = set(table.marked)
    for i, w in enumerate(widths):
        grid.columns[i].width = Inches(w)
    for r in range(rows):
        grid.rows[r].height = Inches(heights[r])
        for c in range(cols):
            cell = grid.cell(r, c)
            text = table.columns[c] if r == 0 else (table.rows[r - 1][c]
                                                    if c < len(table.rows[r - 1]) else "")
            cell.text = ""
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = text
            _style(run, size, bold=r == 0)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.margin_left = cell.margin_right = Inches(CELL_PAD)
            cell.margin_top = cell.margin_bottom = Inches(CELL_VPAD * size / 72)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(
                PALE if r == 0 else GAP if (r - 1, c) in marked else "#FFFFFF" if r % 2
                else "#F7FAFC")
    return sum(heights)


def _slide(prs, slide: Slide, deck: Deck, page: int, tr: Text) -> None:
    shape_slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    lay = layout(slide)
    title = shape_slide.shapes.title
    title.left, title.top, title.width, title.height = _emu(lay.title)
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM if slide.key == "title" else MSO_ANCHOR.MIDDLE
    frame.text = ""
    p = frame.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    run = p.add_run()
    run.text = slide.title
    _style(run, lay.title_pt, bold=True)
    for box in ([lay.rule] if lay.rule else []) + ([BAND] if slide.key == "title" else []):
        rule = shape_slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emu(box))
        rule.fill.solid()
        rule.fill.fore_color.rgb = _rgb(BLUE)
        rule.line.fill.background()
        style = rule._element.find(qn("p:style"))
        if style is not None:  # the theme's shape style adds a shadow
            rule._element.remove(style)
    if lay.picture and slide.picture is not None:
        png = render(slide.picture, lay.picture.w, lay.picture.h)
        shape_slide.shapes.add_picture(io.BytesIO(png), *_emu(lay.picture))
    bullets = lay.bullets
    if lay.table and slide.table is not None:
        used = _table(shape_slide, lay.table, slide.table, lay.table_pt)
        if bullets:
            bullets = below(lay.table, used, bullets)
    if bullets and slide.bullets:
        _text(shape_slide, bullets, slide.bullets, lay.bullet_pt,
              bullets=slide.key != "title", colour=MUTED if slide.key == "title" else TEXT)
    if slide.key != "title":
        _text(shape_slide, FOOTER, [tr("footer", title=deck.title, page=page)], FOOTER_PT,
              bullets=False, colour=MUTED)
    if slide.notes:
        shape_slide.notes_slide.notes_text_frame.text = "\n".join(slide.notes)


def write_pptx(deck: Deck, path: str | Path | BinaryIO) -> None:
    """Write the deck (16:9) to a file path or a binary file object."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH), Inches(HEIGHT)
    prs.core_properties.title = deck.title
    tr = Text(deck.lang)
    for page, slide in enumerate(deck.slides, 1):
        _slide(prs, slide, deck, page, tr)
    prs.save(path if hasattr(path, "write") else str(path))
