"""Pieces dialogs share: a busy bar, a label for the outcome of long work, and the line that says
why a value was refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget


def busy_bar(parent: QWidget, name: str) -> QProgressBar:
    """A progress bar without a known end, hidden until the work runs."""
    bar = QProgressBar(parent)
    bar.setAccessibleName(name)
    bar.setTextVisible(False)
    bar.setRange(0, 0)
    bar.hide()
    return bar


def outcome_label(parent: QWidget, name: str) -> QLabel:
    """A label for what the work did or why it failed: plain text (file names, URLs and
    server errors are data), wrapped, selectable for copying."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


def refusal_label(parent: QWidget) -> QLabel:
    """Where a dialog says why it cannot take what was typed (plain text: it may quote it),
    wrapped, in the highlight colour so it is seen."""
    label = QLabel(parent)
    label.setObjectName("error")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(highlight);")
    return label
