"""Fonts that are embedded in every PDF, for English and Japanese alike.

reportlab embeds TrueType fonts only (its built-in Helvetica and CID fonts are not embedded, so
a book would print differently elsewhere). IPAex Gothic and Mincho (Debian's fonts-ipaexfont)
carry Latin and Japanese glyphs, so mixed text needs no font switching.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from planner.errors import WorkFailed

SANS, SERIF = "IPAexGothic", "IPAexMincho"
_FILES = {SANS: "ipaexg.ttf", SERIF: "ipaexm.ttf"}
_FOLDERS = [Path("/usr/share/fonts/opentype/ipaexfont-gothic"),
            Path("/usr/share/fonts/opentype/ipaexfont-mincho"),
            Path("/usr/share/fonts/truetype/ipaexfont"), Path("/usr/share/fonts/truetype"),
            Path("/Library/Fonts"), Path.home() / ".fonts", Path.home() / ".local/share/fonts"]


def _find(file_name: str) -> Path:
    for folder in _FOLDERS:
        candidate = folder / file_name
        if candidate.exists():
            return candidate
    raise WorkFailed(f"the font {file_name} (IPAex) is not installed; on Debian/Ubuntu: "
                     "apt-get install fonts-ipaexfont")


@functools.cache
def register() -> tuple[str, str]:
    """Register the fonts with reportlab once; returns (sans, serif) font names."""
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(_find(file_name))))
    # Every canvas starts with this font (reportlab's default, Helvetica, is never embedded).
    rl_config.canvas_basefontname = SANS
    # ... and so does every drawing (the route map, QR codes): their default is Helvetica too.
    shapes.STATE_DEFAULTS["fontName"] = SANS
    return SANS, SERIF
