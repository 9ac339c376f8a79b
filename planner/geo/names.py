"""Folding of place and organisation names for comparison (case, accents, width, punctuation)."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑–—_/.,'’·・]+")


def fold(text: str) -> str:
    """A comparison key: ``München``, ``MUNCHEN`` and ``münchen`` fold alike; so do
    ``Frankfurt-am-Main`` and ``frankfurt am main``; full- and half-width Japanese too."""
    if text.isascii():  # the common case, and ten times faster
        return _SEPARATORS.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    # Drop combining accents, but not the voicing marks of kana (they change the word).
    kept = "".join(ch for ch in decomposed
                   if not (unicodedata.category(ch) == "Mn" and ch not in "\u3099\u309a"))
    text = unicodedata.normalize("NFC", kept)
    return _SEPARATORS.sub(" ", text).strip()


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
