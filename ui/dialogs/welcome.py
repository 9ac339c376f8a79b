"""The first start: no tour to reopen, so the window offers the demo tour, a new tour and Open.

The dialog stays until a tour is open in the window (a cancelled New Tour or Open leaves it
there, the demo still one click away); Close leaves an empty window, whose File menu does the
same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.demo import ensure_demo_tour

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow


class WelcomeDialog(QDialog):
    """Offers the demo tour, a new tour and Open in *window* (window-modal, non-blocking)."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("welcomeDialog")
        self.window_ = window
        self.setWindowTitle(self.tr("Welcome to Ecovisit"))
        heading = QLabel(self.tr("Welcome to Ecovisit"), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr(
            "Ecovisit plans study tours: the hosts to visit, the meetings, the travel between "
            "them, and what the delegation wants to learn. Try the demo tour to see it all, or "
            "start your own."), self)
        intro.setWordWrap(True)
        self.demo_button = QCommandLinkButton(
            self.tr("Open the demo tour"),
            self.tr("A complete example: ten days, five executives, four cities, with hosts, "
                    "goals and an agenda to explore and change."), self)
        self.demo_button.setObjectName("demoButton")
        self.new_button = QCommandLinkButton(
            self.tr("New tour…"),
            self.tr("An empty tour of your own: its title, dates and vision."), self)
        self.new_button.setObjectName("newButton")
        self.open_button = QCommandLinkButton(
            self.tr("Open a tour…"),
            self.tr("A tour file (.ecovisit) made earlier, here or by your team."), self)
        self.open_button.setObjectName("openButton")
        self.demo_button.clicked.connect(self.open_demo)
        self.new_button.clicked.connect(window.new_tour)
        self.open_button.clicked.connect(window.choose_tour)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        for button in (self.demo_button, self.new_button, self.open_button):
            button.setAccessibleName(button.text())
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.demo_button.setDefault(True)
        self.demo_button.setFocus()
        window.tour_opened.connect(self._tour_opened)
        self._watching = True
        layout.activate()
        self.resize(520, layout.totalHeightForWidth(520) if layout.hasHeightForWidth()
                    else self.sizeHint().height())

    def open_demo(self) -> None:
        """Open the built-in demo tour (written on its first use)."""
        self.window_.open_tour(str(ensure_demo_tour()))

    def _tour_opened(self, _location: str) -> None:
        self.accept()

    def done(self, result: int) -> None:
        if self._watching:
            self._watching = False
            self.window_.tour_opened.disconnect(self._tour_opened)
        super().done(result)


def show_welcome(window: MainWindow) -> WelcomeDialog:
    """Open the welcome dialog over *window* without blocking; it closes when a tour opens."""
    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
