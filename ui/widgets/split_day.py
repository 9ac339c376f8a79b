"""Whether the delegation may split up on one day: the day's own choice over the tour's setting
(:meth:`planner.travel.TravelSettings.with_split_day`), chosen from a day's context menu (the
agenda's day rows, the timeline's empty slots: this one menu for both), one undoable step."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from planner.formatting import format_day
from planner.travel import TravelSettings
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language
from ui.text import fill

#: The choices, in the menu's order: the tour's setting (no override), may split, together.
TOUR_SETTING, MAY_SPLIT, TOGETHER = None, True, False
CHOICES: tuple[bool | None, ...] = (TOUR_SETTING, MAY_SPLIT, TOGETHER)


class SplitDayMenu(QMenu):
    """The "Delegation May Split This Day" submenu of *day*: as the tour's setting, may split,
    stay together (radio choices). Its own action is checked when the delegation may split on
    the day, so the menu that holds it shows the day's rule at a glance."""

    def __init__(self, document: TourDocument, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitDayMenu")
        self.document, self.day = document, day
        settings = TravelSettings.from_json(document.tour.travel_settings)
        own = settings.day_choice(day)
        self.setTitle(self.tr("Delegation May Split This Day"))
        tour = (self.tr("As the Tour Setting (May Split)") if settings.split_delegation
                else self.tr("As the Tour Setting (Together)"))
        texts = {TOUR_SETTING: tour, MAY_SPLIT: self.tr("May Split"),
                 TOGETHER: self.tr("Stay Together")}
        group = QActionGroup(self)
        group.setExclusive(True)
        self.choices: dict[bool | None, QAction] = {}
        for choice in CHOICES:
            action = self.addAction(texts[choice])
            action.setCheckable(True)
            action.setChecked(choice is own)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, c=choice: self.choose(c))
            self.choices[choice] = action
        shown = self.menuAction()
        shown.setCheckable(True)
        shown.setChecked(settings.may_split(day))
        shown.setToolTip(self.tr("Whether planning may split the delegation into groups on "
                                 "this day when travellers' goals differ"))
        # planning leaves weekends alone: nothing to choose there
        self.setEnabled(not document.read_only and day.weekday() < 5)

    def choose(self, split: bool | None) -> bool:
        """Set the day's choice (None: back to the tour's setting) as one undoable step named
        after the day; False if it was refused (the document says why). The choice the day
        has already changes nothing."""
        document = self.document
        settings = TravelSettings.from_json(document.tour.travel_settings)
        if settings.day_choice(self.day) is split:
            return True
        value = settings.with_split_day(self.day, split).to_json()
        text = {MAY_SPLIT: self.tr("Let the delegation split on %1"),
                TOGETHER: self.tr("Keep the delegation together on %1"),
                TOUR_SETTING: self.tr("Delegation on %1 as the tour setting")}[split]
        command = commands.SetField(document, "tour", document.tour.id, "travel_settings",
                                    value, document.tour.title)
        command.setText(fill(text, format_day(self.day, current_language(), short=True)))
        return commands.execute(command)
