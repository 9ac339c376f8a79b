"""Folding of text for matching: the one way Ecovisit compares what someone types with a name
(``--traveller``, ``--host``, any record the command line finds, the window's filter boxes and
directory search, import column names, places and countries in the gazetteer)."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑–—_/.,'’·・]+")


def fold(text: str) -> str:
    """A comparison key: ``München``, ``MUNCHEN`` and ``münchen`` fold alike; so do
    ``Frankfurt-am-Main`` and ``frankfurt am main``, full-width ``ＳＡＴＯ`` and ``sato``,
    half-width ``ｻﾄｳ`` and ``サトウ`` (NFKC); kana keep their voicing marks (``ガ`` is not ``カ``).
    Runs of spaces and separators read as one space, and the ends are stripped."""
    if text.isascii():  # the common case, and ten times faster
        return _SEPARATORS.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    # Drop combining accents, but not the voicing marks of kana (they change the word).
    kept = "".join(ch for ch in decomposed
                   if not (unicodedata.category(ch) == "Mn" and ch not in "\u3099\u309a"))
    text = unicodedata.normalize("NFC", kept)
    return _SEPARATORS.sub(" ", text).strip()
