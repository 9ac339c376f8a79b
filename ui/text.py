"""User text shown by Qt: typed text is data, never markup, nor a place to fill.

Qt guesses whether a tooltip is rich text (``Qt.mightBeRichText``), so an organisation called
``A<b>&Co;`` would turn bold in a tooltip. :func:`tooltip` escapes the text and marks it as rich
text on purpose, so it always shows exactly as typed (line breaks kept).

A translated message names its values ``%1``, ``%2``…; :func:`fill` puts them in, in one pass,
so a value that itself holds ``%2`` or ``%20`` (a CalDAV URL, a file name) stays as typed, as
``QString.arg`` would keep it.
"""

from __future__ import annotations

import html
import re

#: A place in a translated message: ``%1`` to ``%99`` (Qt's numbering).
_PLACE = re.compile(r"%([1-9][0-9]?)")


def fill(message: str, *values: object) -> str:
    """*message* with ``%1`` replaced by the first of *values*, ``%2`` by the second…, in one
    pass: the values are never searched for places (a URL's ``%20`` stays). A place with no
    value stays as written."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if number <= len(values) else match.group(0)

    return _PLACE.sub(value, message)


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
