"""The colours that say how bad a finding is, wherever the window shows one: the findings list's
severity column, the agenda's times and the timeline's block outlines and travel legs.

One table, so that an error is the same red in every view. Each colour reads on white as text
(contrast at least 4.5:1, WCAG AA) and is darker than the timeline's block fills, so an outline
stands apart from the block it surrounds; the timeline's badges (⚠, !) say it without colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from planner.feasibility import Severity

#: The colour of each severity, as ``#rrggbb``.
SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.ERROR: "#c62828",
    Severity.WARNING: "#a15c00",
    Severity.INFO: "#4a78a8",
}


def severity_colour(severity: Severity) -> QColor:
    """The colour that shows *severity* (a new QColor: the caller may change it)."""
    return QColor(SEVERITY_COLOURS[severity])
