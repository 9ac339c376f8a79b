"""User text shown by Qt: typed text is data, never markup.

Qt guesses whether a tooltip is rich text (``Qt.mightBeRichText``), so an organisation called
``A<b>&Co;`` would turn bold in a tooltip. :func:`tooltip` escapes the text and marks it as rich
text on purpose, so it always shows exactly as typed (line breaks kept).
"""

from __future__ import annotations

import html


def tooltip(text: str) -> str:
    """*text* as a tooltip that shows it literally."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def titled_tooltip(lines: list[str]) -> str:
    """A tooltip of lines of typed text, the first in bold, each shown literally."""
    if not lines:
        return ""
    head, *rest = (html.escape(line) for line in lines)
    return "<p style='white-space:pre-wrap'><b>" + head + "</b>" + \
        "".join("<br>" + line for line in rest) + "</p>"
