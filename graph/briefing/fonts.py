"""The system's CJK fonts, found through fontconfig (or Debian's paths) and registered
explicitly, so Chinese never renders as boxes.

Pictures use Noto Sans CJK SC (``fonts-noto-cjk``). The PDF embeds a font with TrueType
outlines, which reportlab needs: Noto CJK's outlines are CFF, so the PDF uses WenQuanYi
Micro Hei (``fonts-wqy-microhei``) when it is there.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.errors import InnographError

#: families tried for pictures, best first
CHART_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                  "Noto Sans SC", "Droid Sans Fallback")
#: Debian paths, when fontconfig is not installed: (path, face index, family)
KNOWN = (("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"),
         ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "WenQuanYi Micro Hei"),
         ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"),
         ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0, "Droid Sans Fallback"))
INSTALL = "apt-get install -y fonts-noto-cjk fonts-wqy-microhei"


class FontMissing(InnographError):
    """No CJK font is installed."""


@dataclass(frozen=True)
class CJKFont:
    """A font face that covers Chinese: its file, face index in a collection and family."""

    path: str
    index: int
    family: str
    truetype: bool  #: TrueType outlines (reportlab can embed it); CFF otherwise


def _fontconfig(args: list[str]) -> list[list[str]]:
    """Rows of `%{file}|%{index}|%{family}|%{fontformat}` from fc-list or fc-match."""
    if shutil.which(args[0]) is None:
        return []
    fmt = "%{file}|%{index}|%{family[0]}|%{fontformat}\\n"
    try:
        out = subprocess.run([*args, "-f", fmt], capture_output=True, text=True, timeout=20,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.split("|") for line in out.splitlines() if line.count("|") == 3]


def _covers_chinese(path: str, index: int) -> bool:
    try:
        from matplotlib.ft2font import FT2Font

        try:
            face = FT2Font(path, face_index=index)
        except TypeError:  # matplotlib before face_index reads the first face
            face = FT2Font(path)
        return face.get_char_index(ord("中")) != 0
    except Exception:  # an unreadable font file is simply not a candidate
        return False


def _known(truetype_only: bool) -> list[CJKFont]:
    out = []
    for path, index, family in KNOWN:
        if Path(path).exists() and (not truetype_only or "noto" not in path.lower()):
            out.append(CJKFont(path, index, family, "noto" not in path.lower()))
    return out


@lru_cache(maxsize=1)
def chart_font() -> CJKFont:
    """The CJK face the pictures are drawn in (raises FontMissing)."""
    for family in CHART_FAMILIES:
        for path, index, found, fmt in _fontconfig(["fc-match", f"{family}:lang=zh-cn"]):
            if found.lower() == family.lower() and _covers_chinese(path, int(index or 0)):
                return CJKFont(path, int(index or 0), found, fmt == "TrueType")
    for font in _known(truetype_only=False):
        if _covers_chinese(font.path, font.index):
            return font
    raise FontMissing(f"no Chinese font found for the pictures: install one ({INSTALL})")


@lru_cache(maxsize=1)
def pdf_font() -> CJKFont:
    """A CJK face with TrueType outlines for the PDF (raises FontMissing)."""
    rows = _fontconfig(["fc-list", ":lang=zh-cn:fontformat=TrueType"])
    rows.sort(key=lambda r: ("micro hei" not in r[2].lower(), "mono" in r[2].lower(), r[0], r[1]))
    for path, index, family, _ in rows:
        if _covers_chinese(path, int(index or 0)):
            return CJKFont(path, int(index or 0), family, True)
    for font in _known(truetype_only=True):
        if _covers_chinese(font.path, font.index):
            return font
    raise FontMissing("no Chinese TrueType font found for the PDF (reportlab embeds only "
                      f"TrueType outlines): install one ({INSTALL})")


def use_chart_font() -> str:
    """Register `chart_font()` with matplotlib and make it the default; its family."""
    import matplotlib
    from matplotlib import font_manager

    font = chart_font()
    font_manager.fontManager.addfont(font.path)
    for path, _, family, _ in _fontconfig(["fc-match", f"{font.family}:bold"]):
        if family == font.family and path != font.path:  # the bold face, for titles
            font_manager.fontManager.addfont(path)
    names = [f.name for f in font_manager.fontManager.ttflist if f.fname == font.path]
    # an older matplotlib names a collection by its first face only
    family = font.family if font.family in names else (names[0] if names else font.family)
    matplotlib.rcParams["font.family"] = [family]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
