"""Japanese line breaking (kinsoku shori, after JIS X 4051) for reportlab paragraphs.

reportlab's CJK wrapping cuts a line where it overflows and keeps at most one forbidden
character on the line above, so a title could break as ``モビリティ・エネルギー`` over
``・AI`` (the prolonged sound mark hung, the middle dot began the next line). Here a line breaks
only where Japanese typesetting allows it: never before a closing bracket, punctuation, a middle
dot, a small kana, the prolonged sound mark or an iteration mark (:data:`NO_START`), never after
an opening bracket (:data:`NO_END`), never inside a Latin word or number, nor between a number
and the unit that follows it (``51分``). The characters that do not fit go down to the next line
(no hanging punctuation). Only a run with no allowed break at all is cut where it overflows,
still keeping the forbidden characters off the lines' ends: a column too narrow for a run that
may not be broken lets that line overflow.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import (
    ParaLines,
    _handleBulletWidth,
    cjkU,
    makeCJKParaLine,
)
from reportlab.rl_config import _FUZZ

#: Characters a line never starts with: closing brackets and quotes, hyphens and the wave dash,
#: ? and !, middle dots and colons, full stops, commas, iteration marks, the prolonged sound
#: mark, small kana, and units written after a number.
NO_START = frozenset(
    ")]}）〕］｝〉》」』】〙〗〟’”｠»"
    "‐゠–〜～"
    "?!？！‼⁇⁈⁉"
    "・･:;：；·"
    ".。．｡"
    ",、，､"
    "ヽヾゝゞ々〻"
    "ーｰ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "ｧｨｩｪｫｬｭｮｯ"
    "゛゜°′″℃％‰%"
)
#: Characters a line never ends with: opening brackets and quotes.
NO_END = frozenset("([{（〔［｛〈《「『【〘〖〝‘“｟«")
#: Characters that are not split from a neighbour of their own kind (``――``, ``……``).
INSEPARABLE = frozenset("―…‥")
#: Spaces no line breaks at (``17:50\u00a0EET`` stays whole), as in reportlab's own wrapping.
GLUE = frozenset("\u00a0\u2007\u2060\ufeff")


def _space(char: str) -> bool:
    """Whether a line may break at *char*, a space (a no-break space is not one)."""
    return char.isspace() and char not in GLUE


def _wide(char: str) -> bool:
    """Whether *char* is set on the CJK grid (a line may break on either side of it)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def may_break_before(previous: str, char: str) -> bool:
    """Whether a line may end after *previous* and the next begin with *char*."""
    if not previous or not char or char.isspace() or previous in GLUE:
        return False
    if char in NO_START or previous in NO_END:
        return False
    if _space(previous):
        return True
    if previous == char and char in INSEPARABLE:
        return False
    if previous.isdigit() and not char.isdigit() and _wide(char):
        return False  # a number and its unit: 51分, 2027年
    if not _wide(previous) and not _wide(char):
        return previous in "/-" and char.isalnum()  # within a Latin word or number
    return True


def lines_of(text: str, widths: Sequence[float], max_widths: Sequence[float]) -> list[str]:
    """*text* broken into lines no wider than *max_widths* (one per line, the last repeated)
    when its characters are *widths* wide; the lines keep their spaces. For tests and tools:
    paragraphs use :class:`KinsokuParagraph`."""
    return ["".join(text[start:end]) for start, end in
            _breaks(list(text), list(widths), list(max_widths), [False] * len(text))]


def _breaks(chars: list[str], widths: list[float], max_widths: list[float],
            hard: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each line; *hard* marks the characters a line must end after."""
    spans: list[tuple[int, int]] = []
    start, count = 0, len(chars)
    while start < count:
        limit = max_widths[min(len(spans), len(max_widths) - 1)] + _FUZZ
        used, end = 0.0, start
        while end < count:  # the longest run that fits (trailing spaces may overhang)
            if used + widths[end] > limit and not _space(chars[end]) and end > start:
                break
            used += widths[end]
            end += 1
            if hard[end - 1]:
                break
        if end < count and not hard[end - 1]:
            end = _best_break(chars, start, end)
        spans.append((start, end))
        start = end
        while start < count and _space(chars[start]) and not hard[start]:
            start += 1  # a broken line's next line starts with its next word
    return spans


def _best_break(chars: list[str], start: int, end: int) -> int:
    """Where to end a line that would overflow after ``chars[start:end]``: at the last
    allowed break, else the last place that at least keeps the forbidden characters off the
    line's ends (cutting a Latin word longer than the line), else, in a column narrower than
    a run that may not be broken (``ギー・``), the first such place after it: the line
    overflows rather than break the rule."""
    def kept(cut: int) -> bool:
        return chars[cut] not in NO_START and chars[cut - 1] not in NO_END

    for cut in range(end, start, -1):
        if may_break_before(chars[cut - 1], chars[cut]):
            return cut
    for cut in range(end, start, -1):
        if kept(cut):
            return cut
    return next((cut for cut in range(end + 1, len(chars)) if kept(cut)), len(chars))


def _width(unit: Any, max_width: float) -> float:
    width = unit.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        width = width.normalizedValue(max_width)
    return float(width)


class KinsokuParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph whose Japanese lines (style ``wordWrap="CJK"``) break by :func:`_breaks`."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # reportlab calls it so
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        units: list[Any] = []
        for frag in frags:
            text = frag.text.decode("utf8") if isinstance(frag.text, bytes) else frag.text
            if text:
                units.extend(cjkU(char, frag, "utf8") for char in text)
            else:  # a line break, or a mark with no text (an anchor, an image)
                units.append(cjkU("", frag, "utf8"))
        hard = [hasattr(unit.frag, "lineBreak") for unit in units]
        chars = [str(unit) or ("\n" if end else "\u2060") for unit, end in
                 zip(units, hard, strict=True)]
        widths = [_width(unit, maxWidths[0]) for unit in units]
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        bounds = auto_leading not in ("", "off")
        lines = []
        for number, (start, end) in enumerate(_breaks(chars, widths, list(maxWidths), hard)):
            max_width = maxWidths[min(number, len(maxWidths) - 1)]
            shown = end
            while shown > start and _space(chars[shown - 1]) and not hard[shown - 1]:
                shown -= 1
            used = sum(widths[start:shown])
            lines.append(makeCJKParaLine(units[start:end], max_width, used, max_width - used,
                                         hard[end - 1], bounds))
        return ParaLines(kind=1, lines=lines)


def paragraph(markup: str, style: Any) -> Paragraph:
    """A reportlab paragraph of *markup*: Japanese styles break lines by kinsoku rules."""
    if getattr(style, "wordWrap", None) == "CJK":
        return KinsokuParagraph(markup, style)
    return Paragraph(markup, style)
