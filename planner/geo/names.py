"""Which scripts a name is written in (Japanese, Latin); folding for comparison is
:func:`planner.folding.fold`."""

from __future__ import annotations

import unicodedata


def has_japanese(text: str) -> bool:
    """Whether *text* contains kana or CJK ideographs."""
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or
               "\u3400" <= ch <= "\u4dbf" or "\uff66" <= ch <= "\uff9f" for ch in text)


def is_latin_or_japanese(text: str) -> bool:
    """Whether every letter of *text* is Latin script or Japanese (kana, kanji)."""
    for ch in text:
        if not ch.isalpha():
            continue
        if ch.isascii() or has_japanese(ch):
            continue
        if "LATIN" in unicodedata.name(ch, ""):
            continue
        return False
    return True
