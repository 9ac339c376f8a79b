"""Folding of text for matching: the one way Ecovisit compares what someone types with a name
(``--traveller``, ``--host``, any record the command line finds, the window's filter boxes and
directory search, import column names, places and countries in the gazetteer), and the one
way a typed name chooses among records (:func:`named`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

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


def named(wanted: str, records: Iterable[T], keys: Callable[[T], Iterable[str | None]]) -> list[T]:
    """The records that the folded text *wanted* names by one of their *keys* (folded here):
    those it names exactly, spaces aside (``佐藤健二`` names ``佐藤 健二``), or else those with
    a key that contains it. One record is the answer, more are ambiguous, none names nothing."""
    squeezed = wanted.replace(" ", "")
    folded = [(record, [fold(key) for key in keys(record) if key]) for record in records]
    exact = [record for record, found in folded
             if wanted in found or squeezed in (key.replace(" ", "") for key in found)]
    return exact or [record for record, found in folded if any(wanted in key for key in found)]
