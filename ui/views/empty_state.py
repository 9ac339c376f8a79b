"""What to do next, where a new tour's agenda would be: a card over the empty agenda (and over the
timeline) with a button and a line for each first step: the hotel nights, the contacts, an item,
planning, the tour's properties.

The card is an overlay: a child of the view it covers, kept centred (or at the bottom, where the
timeline's day leaves room) as the view resizes, shown while a tour is open and the agenda model
has no rows. It goes as soon as the first item exists and comes back when the last is deleted.
Its buttons trigger the main window's actions, found at run time by object name, so a button
whose action the window does not have (yet) is not shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QObject,
)
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QCommandLinkButton, QFrame, QLabel, QVBoxLayout, QWidget

#: The steps the card offers, in order: (object name of the window's action, button text, the
#: line that explains it), translated in the context "EmptyStateGuide" when shown.
STEPS: tuple[tuple[str, Any, Any], ...] = (
    ("addStay", QT_TRANSLATE_NOOP("EmptyStateGuide", "Add the hotel nights"),
     QT_TRANSLATE_NOOP("EmptyStateGuide", "Which hotel the delegation sleeps in on which "
                       "nights; each day's city follows from them.")),
    ("importContacts", QT_TRANSLATE_NOOP("EmptyStateGuide", "Import contacts…"),
     QT_TRANSLATE_NOOP("EmptyStateGuide", "The organisations and people you may visit, from "
                       "a CSV, Excel or vCard file.")),
    ("addItem", QT_TRANSLATE_NOOP("EmptyStateGuide", "Add an item…"),
     QT_TRANSLATE_NOOP("EmptyStateGuide", "A meeting, meal, train, flight or free time, on the "
                       "day and at the time you choose.")),
    ("planTour", QT_TRANSLATE_NOOP("EmptyStateGuide", "Plan the tour…"),
     QT_TRANSLATE_NOOP("EmptyStateGuide", "Ecovisit proposes meetings with hosts that serve "
                       "the delegation's goals; you review them before anything changes.")),
    ("tourProperties", QT_TRANSLATE_NOOP("EmptyStateGuide", "Tour properties…"),
     QT_TRANSLATE_NOOP("EmptyStateGuide", "Title, dates, home time zone, working day, vision "
                       "and the coordinator's contact details.")),
)


def _tr(text: Any) -> str:
    return QCoreApplication.translate("EmptyStateGuide", str(text))


class EmptyStateGuide(QFrame):
    """The card over *host* (a view), shown while *model* has no rows and a tour is open.

    *window* owns the actions the buttons trigger (looked up by object name when the card is
    shown); *at_bottom* makes the card compact (each step's line as its tooltip) and puts it at
    the bottom of *host*, leaving the top (the timeline's tracks) free to double-click.
    """

    MARGIN = 16
    WIDTH = 520

    def __init__(self, window: QWidget, model: QAbstractItemModel, host: QWidget, name: str,
                 *, at_bottom: bool = False) -> None:
        super().__init__(host)
        self.setObjectName(name)
        self.window_ = window
        self.model = model
        self.host = host
        self.at_bottom = at_bottom
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.heading = QLabel(self)
        self.heading.setObjectName("guideHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        #: A button per step, by the object name of its action.
        self.buttons: dict[str, QCommandLinkButton] = {}
        for action_name, _text, _line in STEPS:
            button = QCommandLinkButton(self)
            button.setObjectName(f"{action_name}Step")
            button.clicked.connect(lambda _checked=False, a=action_name: self.trigger(a))
            self.buttons[action_name] = button
            layout.addWidget(button)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset,
                       model.layoutChanged):
            signal.connect(self.update_visibility)
        host.installEventFilter(self)
        self.retranslate()
        self.update_visibility()

    # --- what it offers -----------------------------------------------------------------------
    def action(self, name: str) -> QAction | None:
        """The window's action *name*, if it has one."""
        found = self.window_.findChild(QAction, name)
        return found if isinstance(found, QAction) else None

    def trigger(self, name: str) -> None:
        """Do what the button *name* offers (the window's action of that name)."""
        action = self.action(name)
        if action is not None and action.isEnabled():
            action.trigger()

    def _refresh_buttons(self) -> None:
        for name, button in self.buttons.items():
            action = self.action(name)
            button.setVisible(action is not None)
            button.setEnabled(action is not None and action.isEnabled())

    def retranslate(self) -> None:
        self.heading.setText(self.tr("This tour has no agenda yet"))
        self.intro.setText(self.tr("Where to start:"))
        for action_name, text, line in STEPS:
            button = self.buttons[action_name]
            button.setText(_tr(text))
            if self.at_bottom:
                button.setToolTip(_tr(line))
                button.setAccessibleDescription(_tr(line))
            else:
                button.setDescription(_tr(line))
            button.setAccessibleName(_tr(text))
        self._place()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- when and where -----------------------------------------------------------------------
    @property
    def wanted(self) -> bool:
        """Whether the card belongs on screen: a tour is open and its agenda is empty."""
        return getattr(self.model, "document", None) is not None and self.model.rowCount() == 0

    def update_visibility(self, *_args: Any) -> None:
        if self.wanted:
            self._refresh_buttons()
            self._place()
            self.show()
            self.raise_()
        else:
            self.hide()

    def showEvent(self, event: Any) -> None:
        self._refresh_buttons()  # an action may have come (or gone) since it was last shown
        super().showEvent(event)

    def _place(self) -> None:
        """Fit the card to its host: centred (at the bottom for the timeline), narrower if the
        host is."""
        host = self.host.rect()
        widest = self.WIDTH * 3 // 4 if self.at_bottom else self.WIDTH
        width = max(200, min(widest, host.width() - 2 * self.MARGIN))
        layout = self.layout()
        height = layout.totalHeightForWidth(width) + 8 if layout is not None and \
            layout.hasHeightForWidth() else self.sizeHint().height()
        height = min(height, max(80, host.height() - 2 * self.MARGIN))
        x = (host.width() - width) // 2
        y = host.height() - height - self.MARGIN if self.at_bottom \
            else max(self.MARGIN, (host.height() - height) // 2)
        self.setGeometry(max(0, x), max(0, y), width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self._place()
        return False
