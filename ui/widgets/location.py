"""Where a place is: one box for whatever the coordinator has (typed coordinates, a map link, an
airport code, a city), a "Pick on map" button, and a line saying what was found.

:class:`LocationField` reads the text with :func:`planner.geo.locate.locate` (offline) on a worker
thread, since the first lookup of a session opens (on a first start, builds) the gazetteer's index,
and says what it found: the point, its time zone, the town and where it came from, or that it is
only a city's centre ("approximate"). A name it cannot place comes back with the reason and, where
there are any, the names it may have meant as buttons that look them up. It only emits
:attr:`LocationField.located`: the panel that owns it decides what to change in the tour.

:class:`MapPicker` lends the window's route map to a field: the map comes forward in pick mode and
the next click on it is the point (a dialog asking steps aside meanwhile and comes back after).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import message_of
from ui.operations import Operations, Progress
from ui.text import fill, tooltip

if TYPE_CHECKING:
    from planner.geo.locate import Located  # the finder: imported when a place is looked up
    from ui.views.route_map import RouteMapView


#: The end of a message that lists what was meant ("...; did you mean Copenhagen, DK?").
_DID_YOU_MEAN = re.compile(r"[;,:]?\s*did you mean [^?]*\?\s*$")


#: How the field says a place was found (by the lookup's ``Located.source``).
_HOW = {"coordinates": str(QT_TRANSLATE_NOOP("LocationField", "typed coordinates")),
        "map link": str(QT_TRANSLATE_NOOP("LocationField", "from a map link")),
        "airport": str(QT_TRANSLATE_NOOP("LocationField", "airport")),
        "station": str(QT_TRANSLATE_NOOP("LocationField", "station")),
        "port": str(QT_TRANSLATE_NOOP("LocationField", "ferry port")),
        "map": str(QT_TRANSLATE_NOOP("LocationField", "picked on the map"))}
_CENTRE_OF = str(QT_TRANSLATE_NOOP("LocationField", "approximate: the centre of %1"))
_CITY_CENTRE = str(QT_TRANSLATE_NOOP("LocationField", "approximate (the centre of the city)"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("LocationField", text)


def coordinates_text(latitude: float, longitude: float) -> str:
    """``55.67594, 12.56553``: five decimals (about a metre), as a map link gives them."""
    return f"{latitude:.5f}, {longitude:.5f}"


def _where(city: str, country: str) -> str:
    return ", ".join(part for part in (city, country) if part)


def describe(found: Located) -> str:
    """What the field says about a place it found, in the window's language: the point, its
    zone, the town and how it was found (or that only the city's centre is known), then any
    note the lookup made."""
    parts = [coordinates_text(found.latitude, found.longitude), found.zone]
    where = _where(found.city, found.country)
    notes = [note for note in found.note.split("; ") if note]
    if found.source == "city":
        notes = [n for n in notes if not n.startswith("approximate:")]
        parts.append(fill(_tr(_CENTRE_OF), found.city or where))
    else:
        how = _tr(_HOW[found.source]) if found.source in _HOW else ""
        named = ", ".join(p for p in (found.name, where) if p)
        if named and how:
            parts.append(f"{named} ({how})")
        elif named or how:
            parts.append(named or how)
    text = " · ".join(part for part in parts if part)
    return "\n".join([text, *notes])


def stored_text(latitude: float, longitude: float, zone: str, exact: bool, city: str = "",
                country: str = "") -> str:
    """What a place holds now, in the words of :func:`describe`."""
    parts = [coordinates_text(latitude, longitude), zone, _where(city, country)]
    if not exact:
        parts.append(_tr(_CITY_CENTRE))
    return " · ".join(part for part in parts if part)


def _gazetteer_ready() -> bool:
    from planner.geo.gazetteer import gazetteer

    return bool(gazetteer.cache_info().currsize)


def reveal(widget: QWidget) -> None:
    """Bring *widget* into view: the tab holding it current, its dock shown and raised."""
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs = parent.parentWidget()
            assert isinstance(tabs, QTabWidget)
            tabs.setCurrentWidget(child)
        if isinstance(parent, QDockWidget):
            parent.show()
            parent.raise_()
        child, parent = parent, parent.parentWidget()


class _LocationEdit(QLineEdit):
    """A line edit whose Enter looks the text up (and never presses a dialog's default
    button)."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class MapPicker(QObject):
    """The window's route map, lent to location fields for "Pick on map" (*map_view* and its
    *dock* may be given later, once the window has built them)."""

    def __init__(self, map_view: RouteMapView | None = None, dock: QDockWidget | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.map_view = map_view
        self.dock = dock

    def pick(self, requester: QWidget, on_point: Callable[[float, float], None],
             on_cancel: Callable[[], None]) -> None:
        """Show the map in pick mode; the next click gives *on_point* (latitude, longitude),
        Esc or Cancel calls *on_cancel*. A dialog holding *requester*, and every dialog it was
        opened from, is hidden meanwhile (a modal one left up would block the map), and they
        come back afterwards, the outer first."""
        if self.map_view is None:
            on_cancel()
            return
        dialogs = _dialogs_holding(requester)
        back: QWidget | None = None
        parent = requester.parentWidget()
        while parent is not None and back is None:
            if isinstance(parent, QDockWidget) and parent is not self.dock:
                back = parent
            parent = parent.parentWidget()
        for dialog in dialogs:  # every modal one: any left up blocks clicks on the map
            dialog.hide()
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()

        def restore() -> None:
            if not shiboken6.isValid(requester):
                return
            for dialog in reversed(dialogs):  # the outer first, the requester's on top
                if shiboken6.isValid(dialog):
                    dialog.show()
                    dialog.raise_()
                    dialog.activateWindow()
            if not dialogs and back is not None:
                reveal(requester)

        def done(latitude: float, longitude: float) -> None:
            restore()
            if shiboken6.isValid(requester):
                on_point(latitude, longitude)

        def cancelled() -> None:
            restore()
            if shiboken6.isValid(requester):
                on_cancel()

        self.map_view.pick_point(done, cancelled)


def _dialogs_holding(widget: QWidget) -> list[QDialog]:
    """The dialog holding *widget* and the dialogs that one was opened from (its parents'
    windows), innermost first."""
    dialogs: list[QDialog] = []
    window: QWidget | None = widget.window()
    while isinstance(window, QDialog) and window not in dialogs:
        dialogs.append(window)
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return dialogs


class LocationField(QWidget):
    """One box for a place's location, a Find button, "Pick on map", and what was found."""

    #: A place was found (a :class:`~planner.geo.locate.Located`).
    located = Signal(object)
    #: A text gave no place (the message shown).
    failed = Signal(str)

    def __init__(self, parent: QWidget | None, operations: Operations,
                 picker: MapPicker | None = None) -> None:
        if operations is None:  # a caller without types: say so now, not by a frozen window
            raise TypeError("the location box looks places up on the window's operations: "
                            "pass them")
        super().__init__(parent)
        self.setObjectName("locationField")
        self.operations = operations
        self.picker = picker
        self.country = ""  # narrows city names (a code or a name), if set
        self.found: Located | None = None
        self.suggestions: list[str] = []
        self._generation = 0
        self._state: tuple[str, Any] = ("", None)
        self.edit = _LocationEdit(self)
        self.edit.setObjectName("locationText")
        self.edit.setClearButtonEnabled(True)
        self.edit.entered.connect(self.find_place)
        self.find_button = QPushButton(self)
        self.find_button.setObjectName("locationFind")
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.find_place)
        self.pick_button = QPushButton(self)
        self.pick_button.setObjectName("locationPick")
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(self.pick)
        self.pick_button.setVisible(picker is not None)
        self.result = QLabel(self)
        self.result.setObjectName("locationResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # names from the gazetteer are data
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion_bar = QWidget(self)
        self.suggestion_label = QLabel(self.suggestion_bar)
        self.suggestion_layout = QHBoxLayout(self.suggestion_bar)
        self.suggestion_layout.setContentsMargins(0, 0, 0, 0)
        self.suggestion_layout.addWidget(self.suggestion_label)
        self.suggestion_layout.addStretch(1)
        self.suggestion_buttons: list[QToolButton] = []
        self.suggestion_bar.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.find_button)
        row.addWidget(self.pick_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.suggestion_bar)
        self.retranslate()

    # --- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr(
            "Coordinates, a map link, an airport code or a city"))
        self.edit.setAccessibleName(self.tr("Location"))
        self.edit.setToolTip(self.tr(
            "Type or paste: 55.6759, 12.5655 · a link from OpenStreetMap, Google Maps or "
            "Apple Maps · geo:55.6759,12.5655 · an airport code such as CPH · a city such as "
            "Copenhagen (then only its centre is known). Enter finds it."))
        self.find_button.setText(self.tr("Find"))
        self.find_button.setToolTip(self.tr("Find the place typed in the box (Enter)"))
        self.pick_button.setText(self.tr("Pick on Map"))
        self.pick_button.setToolTip(self.tr("Click the place on the route map"))
        self.suggestion_label.setText(self.tr("Did you mean:"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_state(self) -> None:
        kind, value = self._state
        if kind == "found":
            text = describe(value)
        elif kind == "busy":
            text = self.tr("Looking up…") if _gazetteer_ready() else self.tr(
                "Looking up… (the first search prepares the offline place index; "
                "this takes a few seconds)")
        elif kind == "picking":
            text = self.tr("Click the place on the map; Esc cancels.")
        elif kind == "stored":
            text = stored_text(*value)
        elif kind == "error":
            text = str(value)
        else:
            text = ""
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def _set_state(self, kind: str, value: Any = None) -> None:
        self._state = (kind, value)
        self._show_state()

    # --- showing what a record holds ----------------------------------------------------------
    def show_stored(self, latitude: float, longitude: float, zone: str, exact: bool,
                    city: str = "", country: str = "") -> None:
        """Say where the record is now (see :func:`stored_text`); the box is emptied."""
        self._reset()
        self._set_state("stored", (latitude, longitude, zone, exact, city, country))

    def clear(self) -> None:
        """Nothing found, nothing to say (no record)."""
        self._reset()
        self._set_state("", None)

    def _reset(self) -> None:
        self._generation += 1  # a lookup on its way is for the previous record
        self.found = None
        self.edit.clear()
        self._set_suggestions([])

    # --- looking up ---------------------------------------------------------------------------
    def find_place(self) -> None:
        """Look up the text of the box."""
        from planner.geo.locate import LocationError, locate

        text = self.edit.text().strip()
        if not text:
            self._fail(LocationError(self.tr(
                "Type coordinates, paste a map link, or type an airport code or a city.")))
            return
        country = self.country or None
        self._run(fill(self.tr("Finding %1"), text[:40]),
                  lambda: locate(text, country))

    def look_up(self, text: str) -> None:
        """Put *text* in the box and look it up (a suggestion was clicked)."""
        self.edit.setText(text)
        self.find_place()

    def pick(self) -> None:
        """Ask the route map for a point."""
        if self.picker is None:
            return
        self._generation += 1
        self._set_suggestions([])
        self._set_state("picking")
        self.picker.pick(self, self.picked, self._pick_cancelled)

    def picked(self, latitude: float, longitude: float) -> None:
        """The point chosen on the map: the town and zone at it are looked up."""
        from planner.geo.locate import located_at

        self.edit.setText(coordinates_text(latitude, longitude))
        self._run(self.tr("Finding the point picked on the map"),
                  lambda: located_at(latitude, longitude, "map"))

    def _pick_cancelled(self) -> None:
        if self._state[0] == "picking":
            self._set_state("", None)

    def _run(self, title: str, work: Callable[[], Located]) -> None:
        self._generation += 1
        generation = self._generation
        self._set_suggestions([])
        self._set_state("busy")

        def found(place: Located) -> None:
            if generation == self._generation and shiboken6.isValid(self):
                self._found(place)

        def failed(error: BaseException) -> None:
            if generation == self._generation and shiboken6.isValid(self):
                self._fail(error)

        def background(_progress: Progress) -> Located:
            return work()

        self.operations.run(title, background, found, failed)

    def _found(self, place: Located) -> None:
        self.found = place
        self._set_state("found", place)
        self.located.emit(place)

    def _fail(self, error: BaseException) -> None:
        self.found = None
        text = message_of(error)
        suggestions = list(getattr(error, "suggestions", []))
        if suggestions:  # the buttons below say it
            text = _DID_YOU_MEAN.sub("", text)
        self._set_state("error", text)
        self._set_suggestions(suggestions)
        self.failed.emit(text)

    def _set_suggestions(self, suggestions: list[str]) -> None:
        self.suggestions = suggestions
        for button in self.suggestion_buttons:
            button.deleteLater()
        self.suggestion_buttons = []
        for n, text in enumerate(suggestions[:6]):
            button = QToolButton(self.suggestion_bar)
            button.setObjectName("locationSuggestion")
            button.setText(text.replace("&", "&&"))  # a name, not a mnemonic
            button.setAutoRaise(True)
            font = button.font()
            font.setUnderline(True)
            button.setFont(font)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(tooltip(fill(self.tr("Look up %1"), text)))
            button.clicked.connect(lambda _checked=False, t=text: self.look_up(t))
            self.suggestion_layout.insertWidget(1 + n, button)
            self.suggestion_buttons.append(button)
        self.suggestion_bar.setVisible(bool(suggestions))
