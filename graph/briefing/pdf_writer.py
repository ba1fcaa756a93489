"""Write a `Deck` as PDF with reportlab: one slide per page, the CJK font embedded."""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph, Table, TableStyle

from graph.briefing.fonts import pdf_font
from graph.briefing.layout import (BAND, CELL_PAD, CELL_VPAD, FOOTER, FOOTER_PT, HEIGHT, WIDTH, Box, below,
                                   column_widths, layout)
from graph.briefing.palette import BLUE, GAP, MUTED, PALE, TEXT
from graph.briefing.pictures import render
from graph.briefing.slides import Deck, Slide
from graph.briefing.text import Text

FONT = "InnographCJK"
PT = 72  #: points per inch


def _register() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        font = pdf_font()
        pdfmetrics.registerFont(TTFont(FONT, font.path, subfontIndex=font.index))
    return FONT


def _style(size: float, colour: str = TEXT, **kw) -> ParagraphStyle:
    return ParagraphStyle("s", fontName=FONT, bulletFontName=FONT, fontSize=size,
                          leading=size * 1.35,
                          textColor=colors.HexColor(colour), wordWrap="CJK", **kw)


def _rect(box: Box) -> tuple[float, float, float, float]:
    """(x, y from the bottom, w, h) in points."""
    return box.x * PT, (HEIGHT - box.y - box.h) * PT, box.w * PT, box.h * PT


def _paragraphs(c, box: Box, lines, size: int, *, bullets: bool, colour: str = TEXT) -> None:
    style = _style(size, colour, spaceAfter=size * 0.5,
                   **({"leftIndent": size * 1.1, "bulletIndent": 0} if bullets else {}))
    story = [Paragraph(escape(line), style, bulletText="•" if bullets else None)
             for line in lines]
    x, y, w, h = _rect(box)
    frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.addFromList([KeepInFrame(w, h, story, mode="shrink")], c)


def _table(c, box: Box, table, size: int) -> float:
    """Draw the table; returns its height in inches."""
    x, y, w, h = _rect(box)
    for pt in range(size, 11, -1):  # the largest type that fits the box
        widths = [v * PT for v in column_widths(table.columns, table.rows, box.w, pt)]
        head, body = _style(pt, TEXT), _style(pt, TEXT)
        data = [[Paragraph(f"<b>{escape(t)}</b>", head) for t in table.columns]]
        data += [[Paragraph(escape(t), body) for t in row] for row in table.rows]
        grid = Table(data, colWidths=widths, repeatRows=1)
        grid.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(PALE)),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F7FAFC")]),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#CBD5E0")),
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD * PT),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD * PT),
            ("TOPPADDING", (0, 0), (-1, -1), pt * CELL_VPAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pt * CELL_VPAD),
            *(("BACKGROUND", (col, row + 1), (col, row + 1), colors.HexColor(GAP))
              for row, col in table.marked)]))
        _, th = grid.wrapOn(c, w, h)
        if th <= h:
            break
    grid.drawOn(c, x, y + h - th)
    return th / PT


def _page(c, slide: Slide, deck: Deck, page: int, tr: Text) -> None:
    lay = layout(slide)
    x, y, w, h = _rect(lay.title)
    c.setFillColor(colors.HexColor(TEXT))
    size = lay.title_pt
    while size > 18 and pdfmetrics.stringWidth(slide.title, FONT, size) > w:
        size -= 1
    c.setFont(FONT, size)
    baseline = y + (size * 0.25 if slide.key == "title" else (h - size) / 2 + size * 0.12)
    # fake bold: fill and stroke the glyphs (the embedded face has no bold)
    text = c.beginText(x, baseline)
    text.setTextRenderMode(2)
    c.setStrokeColor(colors.HexColor(TEXT))
    c.setLineWidth(size * 0.025)
    text.setFont(FONT, size)
    text.textOut(slide.title)
    c.drawText(text)
    c.setFillColor(colors.HexColor(BLUE))
    for box in ([lay.rule] if lay.rule else []) + ([BAND] if slide.key == "title" else []):
        c.rect(*_rect(box), stroke=0, fill=1)
    if lay.picture and slide.picture is not None:
        png = render(slide.picture, lay.picture.w, lay.picture.h)
        c.drawImage(ImageReader(io.BytesIO(png)), *_rect(lay.picture))
    bullets = lay.bullets
    if lay.table and slide.table is not None:
        used = _table(c, lay.table, slide.table, lay.table_pt)
        if bullets:
            bullets = below(lay.table, used, bullets)
    if bullets and slide.bullets:
        _paragraphs(c, bullets, slide.bullets, lay.bullet_pt, bullets=slide.key != "title",
                    colour=MUTED if slide.key == "title" else TEXT)
    if slide.key != "title":
        c.setFillColor(colors.HexColor(MUTED))
        c.setFont(FONT, FOOTER_PT)
        fx, fy, _, _ = _rect(FOOTER)
        c.drawString(fx, fy + 4, tr("footer", title=deck.title, page=page))


def write_pdf(deck: Deck, path: str | Path | BinaryIO) -> None:
    """Write the deck, one 16:9 page per slide, to a file path or a binary file object."""
    _register()
    c = canvas.Canvas(path if hasattr(path, "write") else str(path), pagesize=(WIDTH * PT, HEIGHT * PT), initialFontName=FONT)
    c.setTitle(deck.title)
    c.setAuthor("innograph")
    tr = Text(deck.lang)
    for page, slide in enumerate(deck.slides, 1):
        _page(c, slide, deck, page, tr)
        c.showPage()
    c.save()
