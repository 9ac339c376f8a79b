"""One colour per severity in every view: the findings list, the agenda and the timeline show an
error (and a warning) in the same colour, and each colour reads where it is shown."""

from __future__ import annotations

import math
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from planner.feasibility import Finding, Severity
from planner.feasibility.findings import CODES
from ui.mainwindow import MainWindow
from ui.models.agenda import AgendaModel
from ui.models.findings import FindingsModel
from ui.severity import SEVERITY_COLOURS, severity_colour
from ui.views.timeline import KIND_COLOURS

MONDAY = date(2027, 5, 17)


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2)."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + \
        0.0722 * linear(colour.blueF())


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def code_of(severity: Severity) -> str:
    return next(code for code, (found, _m, _s) in CODES.items() if found is severity)


@pytest.mark.parametrize("severity", [Severity.ERROR, Severity.WARNING])
def test_the_findings_list_the_agenda_and_the_timeline_agree(
        qtbot: QtBot, window: MainWindow, severity: Severity) -> None:
    window.resize(1400, 860)
    window.central_tabs.setCurrentWidget(window.timeline)
    window.timeline.show_day(MONDAY)
    canvas = window.timeline.canvas
    qtbot.waitUntil(canvas.isVisible)
    item, _row, rect = max(canvas.blocks(), key=lambda block: block[2].width())
    finding = Finding(code_of(severity), (item.uid,), (), MONDAY)

    listed = FindingsModel()
    listed.set_findings([finding])
    in_list = listed.index(0, 1).data(Qt.ItemDataRole.ForegroundRole)

    agenda = window.agenda_model
    agenda.set_findings([finding])
    row = agenda.index_of(item.uid)
    in_agenda = row.siblingAtColumn(AgendaModel.TIME).data(Qt.ItemDataRole.ForegroundRole)

    canvas.selected = set()
    canvas.marks = {item.uid: severity}
    image = canvas.grab().toImage()
    # the 3-pixel outline covers the whole pixel where the block's left edge falls
    outline = image.pixelColor(math.floor(rect.left()), round(rect.center().y()))

    wanted = severity_colour(severity).name()
    assert (in_list.name(), in_agenda.name(), outline.name()) == (wanted, wanted, wanted)


def test_each_severity_reads_on_white_and_stands_out_from_the_blocks() -> None:
    white = QColor("#ffffff")
    for severity in Severity:
        assert contrast(severity_colour(severity), white) >= 4.5, severity  # text on a list
    for severity in (Severity.ERROR, Severity.WARNING):  # the timeline's outlines
        for kind, fill in KIND_COLOURS.items():
            assert luminance(severity_colour(severity)) < luminance(QColor(fill)), (severity,
                                                                                      kind)
    assert set(SEVERITY_COLOURS) == set(Severity)
