"""A form dialog's parts: its OK and Cancel buttons, and its parts one under another."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget


def ok_cancel(dialog: QDialog, ok_name: str) -> QDialogButtonBox:
    """OK (its object name *ok_name*) accepting *dialog*, and Cancel rejecting it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName(ok_name)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def stacked(dialog: QDialog, *parts: QWidget | QLayout) -> QVBoxLayout:
    """*dialog*'s layout: *parts* (widgets and layouts) one under another."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout
