"""The route map: the tour's cities, places and legs drawn from their coordinates over land and
sea from the offline land mask (no web tiles, nothing online).

:class:`RouteMapView` is the panel (a day filter, zoom buttons, the map); :class:`MapCanvas`
draws it. The map is zoomed with the mouse wheel, the +/- keys or the buttons, panned by
dragging, and fitted to the tour (or the chosen day) with "Fit". It shares the window's
:class:`~ui.selection.Selection`: the places of the selected agenda items or organisations are
highlighted (and brought into view), and clicking a place selects its items, or its
organisation when it has none.

Drawing stays cheap: the land and sea come from tiles drawn once (:mod:`ui.views.map_tiles`);
legs are kept as polygons for the current scale and labels are laid out once per scale and
area, so a pan or a repaint only translates what was prepared.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from planner.formatting import format_day
from planner.geo.mapping import EUROPE, Box, great_circle, latitude_at, mercator_y
from planner.geo.sphere import KM_PER_DEGREE
from planner.model import PlaceKind
from planner.route import Leg, Mode, TourRoute, read_route
from ui.document import TourDocument
from ui.i18n import current_language
from ui.operations import Operations
from ui.selection import Selection
from ui.text import fill, tooltip
from ui.views.map_tiles import TileCache

if TYPE_CHECKING:  # numpy is imported when the map gets places or is drawn, not at start
    import numpy as np
from ui.views.reading import Reader

#: One zoom step (a wheel notch, a key press, a button click).
ZOOM_STEP = 1.25
#: Pixels per map degree: the whole world in 360 pixels ... a street.
MIN_SCALE = 1.0
MAX_SCALE = 256 * 2**16 / 360
#: The route's place names are written from this scale on (about 200 m a pixel in central Europe:
#: a region), the directory's offices from the next (about 6 m a pixel: a district); the mouse
#: names any place.
PLACE_LABEL_SCALE = 400.0
DIRECTORY_LABEL_SCALE = 12000.0
#: How near (pixels) a click or the mouse must be to a place to mean it.
PICK_RADIUS = 9.0

LIGHT_LAND, LIGHT_SEA = QColor(226, 222, 208), QColor(200, 220, 238)
DARK_LAND, DARK_SEA = QColor(70, 72, 66), QColor(38, 50, 66)
#: Leg colours by mode (legible on the light and the dark map), and their dash patterns.
MODE_COLOURS = {Mode.FLIGHT: QColor("#1565c0"), Mode.TRAIN: QColor("#7b1fa2"),
                Mode.GROUND: QColor("#c62828")}
MODE_DASHES: dict[Mode, list[float]] = {Mode.FLIGHT: [6.0, 3.0], Mode.TRAIN: [1.5, 1.5],
                                        Mode.GROUND: []}
KIND_COLOURS = {PlaceKind.HOTEL: QColor("#00695c"), PlaceKind.AIRPORT: QColor("#37474f"),
                PlaceKind.STATION: QColor("#37474f"), PlaceKind.PORT: QColor("#37474f")}
VENUE_COLOUR = QColor("#bf360c")


@dataclass
class Label:
    """A name written on the map, where the layout put it (world pixels)."""

    text: str
    rect: QRectF
    style: str  # "city", "place", "directory", "edge"


@dataclass
class _Scene:
    """What is drawn at one scale, in world pixels (map degrees times the scale, y downwards):
    a pan only moves it."""

    scale: float
    xs: np.ndarray
    ys: np.ndarray
    legs: list[tuple[Leg, QPolygonF]] = field(default_factory=list)
    paths: dict[Mode, QPainterPath] = field(default_factory=dict)
    #: The places off the route (the directory's offices, other days' stops): small circles.
    faint: QPainterPath = field(default_factory=QPainterPath)
    #: The day's stops, numbered in visiting order; stops that would cover each other at this
    #: scale share one marker ("3–5").
    stops: list[_Stop] = field(default_factory=list)


@dataclass
class _Stop:
    """One numbered marker of a day's route."""

    keys: list[int]
    numbers: list[int]
    rect: QRectF = field(default_factory=QRectF)

    @property
    def text(self) -> str:
        runs: list[list[int]] = []
        for number in self.numbers:
            if runs and number == runs[-1][-1] + 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r))
                         for r in runs)


class MapCanvas(QWidget):
    """The map itself: land and sea, legs, places, names, a legend and a scale bar."""

    #: A place was clicked (its id, or -1 for the empty map), with the keyboard modifiers.
    place_clicked = Signal(int, object)
    #: The map moved, zoomed or shows something else.
    view_changed = Signal()
    #: In pick mode: a point of the map was clicked (latitude, longitude).
    point_picked = Signal(float, float)
    #: In pick mode: Esc was pressed.
    pick_cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routeMapCanvas")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(240, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.route = TourRoute()
        self.day: date | None = None
        self.highlighted: list[int] = []
        self.scale = 8.0
        self.centre = (10.0, mercator_y(50.0))
        self.tiles = TileCache()
        self.no_places_text = ""
        #: The tooltip of a place (rich text, every name escaped); set by the panel.
        self.describe: Callable[[int], str] = lambda _key: ""
        self._ids: list[int] = []
        self._index: dict[int, int] = {}
        # the places' map coordinates, set with the first route (set_route): the window builds
        # the map without numpy, which is imported when the map gets places or is drawn
        self._x: np.ndarray
        self._y: np.ndarray
        self._on_route: np.ndarray
        self._lines: dict[Leg, tuple[np.ndarray, np.ndarray]] = {}
        self._version = 0
        self._scene: _Scene | None = None
        self._layout_key: tuple[object, ...] | None = None
        self._layout: list[Label] = []
        self._layout_area = QRectF()
        self._stops: dict[int, int] = {}
        self._shown: set[int] = set()
        self._hover: int | None = None
        self._press: QPointF | None = None
        self._dragging = False
        self._fitted: Box | None = EUROPE  # refit on resize until the user moves the map
        #: The user zoomed or panned this tour's map: a read landing later keeps the view.
        self.moved_by_user = False
        self._names: dict[tuple[str, str, int, int, float], QPixmap] = {}
        #: The next click gives a point (:attr:`point_picked`) instead of choosing a place.
        self.picking = False
        self._use_palette_colours()

    # --- content ------------------------------------------------------------------------------
    def set_route(self, route: TourRoute) -> None:
        """Show *route* (the view stays where it is)."""
        import numpy as np

        self.route = route
        self._ids = list(route.places)
        self._index = {key: n for n, key in enumerate(self._ids)}
        places = [route.places[key] for key in self._ids]
        self._x = np.array([p.longitude for p in places], dtype=float)
        self._y = np.array([mercator_y(p.latitude) for p in places], dtype=float)
        self._on_route = np.array([p.on_route for p in places], dtype=bool)
        self._lines = {}
        for leg in route.legs:
            a, b = route.places[leg.origin], route.places[leg.destination]
            if leg.mode is Mode.FLIGHT:
                lats, lons = great_circle(a.latitude, a.longitude, b.latitude, b.longitude)
            else:
                lats = np.array([a.latitude, b.latitude])
                lons = np.array([a.longitude, b.longitude])
            self._lines[leg] = (lons, np.array([mercator_y(v) for v in lats]))
        self.highlighted = [k for k in self.highlighted if k in route.places]
        if self.day is not None and self.day not in route.days:
            self.day = None
        self._changed()

    def set_day(self, day: date | None) -> None:
        """Draw the legs of *day* only (None: of the whole tour), and fit the map to them."""
        self.day = day
        self._changed()
        self.fit()

    def set_highlighted(self, keys: list[int]) -> None:
        if keys != self.highlighted:
            self.highlighted = list(keys)
            self._layout_key = None
            self.update()

    def _changed(self) -> None:
        self._version += 1
        self._scene = None
        self._layout_key = None
        self._stops = {}
        self._shown = set(self.route.stops_on(self.day)) if self.day is not None else \
            {key for key, n in self._index.items() if self._on_route[n]}
        if self.day is not None:
            number = 0
            for key in self.route.stops_on(self.day):
                if self.route.places[key].kind is not PlaceKind.HOTEL:
                    number += 1
                    self._stops[key] = number
        self.update()

    def drawn_legs(self) -> list[Leg]:
        """The legs the map draws now (the day's, or the whole tour's)."""
        return self.route.legs_on(self.day)

    # --- geometry -----------------------------------------------------------------------------
    def screen_point(self, latitude: float, longitude: float) -> QPointF:
        """Where a point of the earth is on the canvas."""
        return self._to_screen(longitude, mercator_y(latitude))

    def point_at(self, position: QPointF) -> tuple[float, float]:
        """The (latitude, longitude) under a canvas position (the inverse of
        :meth:`screen_point`; the longitude brought into -180..180)."""
        x = self.centre[0] + (position.x() - self.width() / 2) / self.scale
        y = self.centre[1] - (position.y() - self.height() / 2) / self.scale
        latitude = latitude_at(min(180.0, max(-180.0, y)))
        longitude = (x + 180.0) % 360.0 - 180.0
        return latitude, longitude

    def set_picking(self, picking: bool) -> None:
        """Enter or leave pick mode (a crosshair; the next click is a point)."""
        self.picking = picking
        self._update_cursor()
        self.update()

    def _update_cursor(self) -> None:
        if self.picking:
            self.setCursor(Qt.CursorShape.CrossCursor)
        elif self._dragging:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor if self._hover is not None
                           else Qt.CursorShape.OpenHandCursor)

    def place_point(self, key: int) -> QPointF:
        """Where a place is on the canvas."""
        n = self._index[key]
        return self._to_screen(float(self._x[n]), float(self._y[n]))

    def _to_screen(self, x: float, y: float) -> QPointF:
        return QPointF((x - self.centre[0]) * self.scale + self.width() / 2,
                       (self.centre[1] - y) * self.scale + self.height() / 2)

    def _origin(self) -> QPointF:
        """The canvas position of world pixel (0, 0)."""
        return QPointF(self.width() / 2 - self.centre[0] * self.scale,
                       self.height() / 2 + self.centre[1] * self.scale)

    def _set_view(self, centre: tuple[float, float], scale: float) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        x = min(540.0, max(-540.0, centre[0]))
        y = min(180.0, max(-180.0, centre[1]))
        if scale != self.scale:
            self._layout_key = None
        self.centre, self.scale = (x, y), scale
        self.update()
        self.view_changed.emit()

    # --- zoom and pan -------------------------------------------------------------------------
    def fit(self, box: Box | None = None) -> None:
        """Show *box* whole (by default the tour's, or the chosen day's, places)."""
        box = box or self.route.box(self.day)
        self._fitted = box
        if self.width() < 10 or self.height() < 10:
            return  # done again once the canvas has a size
        margin = 12.0
        west, east = box.west, box.east
        south, north = mercator_y(box.south), mercator_y(box.north)
        scale = min((self.width() - 2 * margin) / max(east - west, 1e-6),
                    (self.height() - 2 * margin) / max(north - south, 1e-6))
        self._set_view(((west + east) / 2, (south + north) / 2), scale)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by *factor*, keeping the point under *anchor* (default: the middle) in place."""
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        before_x = self.centre[0] + (anchor.x() - self.width() / 2) / self.scale
        before_y = self.centre[1] - (anchor.y() - self.height() / 2) / self.scale
        scale = min(MAX_SCALE, max(MIN_SCALE, self.scale * factor))
        centre = (before_x - (anchor.x() - self.width() / 2) / scale,
                  before_y + (anchor.y() - self.height() / 2) / scale)
        self._fitted = None
        self.moved_by_user = True
        self._set_view(centre, scale)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) pixels."""
        self._fitted = None
        self.moved_by_user = True
        self._set_view((self.centre[0] - dx / self.scale, self.centre[1] + dy / self.scale),
                       self.scale)

    def ensure_visible(self, keys: list[int]) -> None:
        """Bring these places into view (centred; zoomed out if they do not fit)."""
        points = [self.route.places[k] for k in keys if k in self.route.places]
        if not points:
            return
        inside = QRectF(self.rect()).adjusted(20, 20, -20, -20)
        if all(inside.contains(self.place_point(p.id)) for p in points):
            return
        box = Box.around(((p.latitude, p.longitude) for p in points), minimum_km=1.0)
        assert box is not None
        width = (box.east - box.west) * self.scale
        height = (mercator_y(box.north) - mercator_y(box.south)) * self.scale
        if width <= inside.width() and height <= inside.height():
            latitude, longitude = box.centre
            self._set_view((longitude, mercator_y(latitude)), self.scale)
        else:
            self.fit(box)
        self._fitted = None

    # --- picking ------------------------------------------------------------------------------
    def place_at(self, point: QPointF) -> int | None:
        """The place drawn nearest to *point* (within a few pixels), route places first."""
        if not self._ids:
            return None
        import numpy as np

        xs = (self._x - self.centre[0]) * self.scale + self.width() / 2
        ys = (self.centre[1] - self._y) * self.scale + self.height() / 2
        distance = np.hypot(xs - point.x(), ys - point.y())
        # a stop of the route wins over a directory office drawn under it
        shown = np.array([key in self._shown for key in self._ids], dtype=bool)
        distance = np.where(shown, distance, distance + 3.0)
        best = int(np.argmin(distance))
        return self._ids[best] if distance[best] <= PICK_RADIUS + (
            0.0 if shown[best] else 3.0) else None

    # --- events -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted is not None:
            self.fit(self._fitted)
        self._layout_key = None

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP ** steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key == Qt.Key.Key_Left:
            self.pan_by(60, 0)
        elif key == Qt.Key.Key_Right:
            self.pan_by(-60, 0)
        elif key == Qt.Key.Key_Up:
            self.pan_by(0, 60)
        elif key == Qt.Key.Key_Down:
            self.pan_by(0, -60)
        elif key == Qt.Key.Key_Escape and self.picking:
            self.pick_cancelled.emit()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            moved = position - self._press
            if self._dragging or moved.manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self._update_cursor()
                self.pan_by(moved.x(), moved.y())
                self._press = position
            return
        hover = self.place_at(position)
        if hover != self._hover:
            self._hover = hover
            self._update_cursor()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragging and self.picking:
                self.point_picked.emit(*self.point_at(event.position()))
            elif not self._dragging:
                key = self.place_at(event.position())
                self.place_clicked.emit(-1 if key is None else key, event.modifiers())
            self._press = None
            self._dragging = False
            self._update_cursor()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.picking:
            return
        if event.button() == Qt.MouseButton.LeftButton and self.place_at(event.position()) is None:
            self.zoom_by(2.0, event.position())

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            key = self.place_at(QPointF(event.pos()))
            text = self.describe(key) if key is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.PaletteChange:
            self._use_palette_colours()
        return super().event(event)

    def _use_palette_colours(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.tiles.set_colours(DARK_LAND if dark else LIGHT_LAND,
                               DARK_SEA if dark else LIGHT_SEA)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # --- drawing ------------------------------------------------------------------------------
    def _prepared(self) -> _Scene:
        scene = self._scene
        if scene is not None and scene.scale == self.scale:
            return scene
        scale = self.scale
        if self._ids:
            scene = _Scene(scale, self._x * scale, -self._y * scale)
        else:  # no places, perhaps no route yet (and so no arrays)
            import numpy as np

            scene = _Scene(scale, np.zeros(0), np.zeros(0))
        for leg in self.drawn_legs():  # one path per mode: a few calls draw them all
            xs, ys = self._lines[leg]
            polygon = QPolygonF([QPointF(float(x) * scale, -float(y) * scale)
                                 for x, y in zip(xs, ys, strict=True)])
            scene.legs.append((leg, polygon))
            scene.paths.setdefault(leg.mode, QPainterPath()).addPolygon(polygon)
        shown = self._shown_stops()
        for n, key in enumerate(self._ids):
            if key not in shown:
                scene.faint.addEllipse(QPointF(scene.xs[n], scene.ys[n]), 2.5, 2.5)
        metrics = QFontMetricsF(self._stop_font())
        for key, number in sorted(self._stops.items(), key=lambda e: e[1]):
            n = self._index[key]
            point = QPointF(scene.xs[n], scene.ys[n])
            near = next((s for s in scene.stops if s.rect.adjusted(-4, -4, 4, 4).contains(point)),
                        None)
            if near is None:
                near = _Stop([], [], QRectF(point.x() - 7.5, point.y() - 7.5, 15, 15))
                scene.stops.append(near)
            near.keys.append(key)
            near.numbers.append(number)
            width = max(15.0, metrics.horizontalAdvance(near.text) + 8)
            centre = near.rect.center()
            near.rect = QRectF(centre.x() - width / 2, centre.y() - 7.5, width, 15)
        self._scene = scene
        return scene

    def _stop_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(10)
        font.setBold(True)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        width, height = self.width(), self.height()
        self.tiles.draw(painter, width, height, self.centre[0], self.centre[1], self.scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        scene = self._prepared()
        origin = self._origin()
        view = QRectF(-origin.x(), -origin.y(), width, height)  # the canvas in world pixels
        painter.save()
        painter.translate(origin)
        self._draw_legs(painter, scene)
        self._draw_places(painter, scene, view)
        self._draw_labels(painter, scene, view)
        painter.restore()
        self._draw_edge_labels(painter, scene, view, origin)
        if not self.route.places and self.no_places_text and not self.picking:
            self._draw_note(painter, self.no_places_text)
        painter.end()

    def _draw_note(self, painter: QPainter, text: str) -> None:
        """A short text in the middle of the map, on a box of the base colour (the map of
        Europe stays visible around it, to be clicked in pick mode)."""
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        width = min(360.0, self.width() - 40.0)
        bounds = painter.boundingRect(QRectF(0, 0, width, 1000), flags, text)
        box = QRectF(0, 0, bounds.width() + 24, bounds.height() + 14)
        box.moveCenter(QRectF(self.rect()).center())
        base = QColor(self.palette().color(QPalette.ColorRole.Base))
        base.setAlpha(220)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(base)
        painter.drawRoundedRect(box, 6, 6)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(box, flags, text)

    def _draw_legs(self, painter: QPainter, scene: _Scene) -> None:
        halo = QColor(self.palette().color(QPalette.ColorRole.Base))
        halo.setAlpha(150)
        day_view = self.day is not None
        width = 3.0 if day_view else 2.2
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(halo, width + 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for path in scene.paths.values():
            painter.drawPath(path)
        for mode, path in scene.paths.items():
            pen = QPen(MODE_COLOURS[mode], width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap,
                       Qt.PenJoinStyle.RoundJoin)
            if MODE_DASHES[mode]:
                pen.setDashPattern(MODE_DASHES[mode])
            painter.setPen(pen)
            painter.drawPath(path)
        if day_view:
            for leg, polygon in scene.legs:
                self._draw_arrow(painter, polygon, MODE_COLOURS[leg.mode])

    @staticmethod
    def _draw_arrow(painter: QPainter, polygon: QPolygonF, colour: QColor) -> None:
        """An arrowhead half-way along a leg, pointing where it goes."""
        points = [polygon.at(i) for i in range(polygon.size())]
        lengths = [math.dist((a.x(), a.y()), (b.x(), b.y()))
                   for a, b in pairwise(points)]
        total = sum(lengths)
        if total < 36:
            return
        walked = 0.0
        for (a, b), length in zip(pairwise(points), lengths, strict=True):
            if walked + length >= total / 2 and length > 0:
                t = (total / 2 - walked) / length
                tip = QPointF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t)
                angle = math.atan2(b.y() - a.y(), b.x() - a.x())
                break
            walked += length
        else:
            return
        size = 7.0
        head = QPolygonF([tip + QPointF(math.cos(angle) * size, math.sin(angle) * size),
                          tip + QPointF(math.cos(angle + 2.5) * size,
                                        math.sin(angle + 2.5) * size),
                          tip + QPointF(math.cos(angle - 2.5) * size,
                                        math.sin(angle - 2.5) * size)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(head)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _visible(self, scene: _Scene, view: QRectF, margin: float = 12.0) -> np.ndarray:
        import numpy as np

        return np.flatnonzero((scene.xs >= view.left() - margin)
                              & (scene.xs <= view.right() + margin)
                              & (scene.ys >= view.top() - margin)
                              & (scene.ys <= view.bottom() + margin))

    def _draw_places(self, painter: QPainter, scene: _Scene, view: QRectF) -> None:
        palette = self.palette()
        outline = QPen(palette.color(QPalette.ColorRole.Base), 1.2)
        faint = QColor(palette.color(QPalette.ColorRole.Text))
        faint.setAlpha(110)
        shown = self._shown_stops()
        highlight = set(self.highlighted)
        visible = self._visible(scene, view)
        painter.setPen(QPen(faint, 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(scene.faint)
        # a ring around what is selected, under the markers
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3.0))
        for key in self.highlighted:
            stop = next((s for s in scene.stops if key in s.keys), None)
            if stop is not None:
                painter.drawRoundedRect(stop.rect.adjusted(-5, -5, 5, 5), 12, 12)
            elif key in self._index:
                n = self._index[key]
                painter.drawEllipse(QPointF(scene.xs[n], scene.ys[n]), 10.5, 10.5)
        numbered = {key for stop in scene.stops for key in stop.keys}
        for n in visible:
            key = self._ids[n]
            if (key in shown or key in highlight) and key not in numbered:
                self._draw_marker(painter, QPointF(scene.xs[n], scene.ys[n]),
                                  self.route.places[key].kind, outline,
                                  6.0 if key in highlight else 4.5)
        painter.setFont(self._stop_font())
        for stop in scene.stops:
            painter.setPen(outline)
            painter.setBrush(VENUE_COLOUR)
            painter.drawRoundedRect(stop.rect, 7.5, 7.5)
            painter.setPen(QColor("white"))
            painter.drawText(stop.rect, Qt.AlignmentFlag.AlignCenter, stop.text)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _shown_stops(self) -> set[int]:
        """The places drawn as stops: the day's, or every place on the route."""
        return self._shown

    @staticmethod
    def _draw_marker(painter: QPainter, at: QPointF, kind: PlaceKind, outline: QPen,
                     radius: float) -> None:
        """A hotel is a square, a station or an airport a diamond, anything else a dot."""
        painter.setPen(outline)
        painter.setBrush(KIND_COLOURS.get(kind, VENUE_COLOUR))
        if kind is PlaceKind.HOTEL:
            painter.drawRect(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius))
        elif kind in (PlaceKind.AIRPORT, PlaceKind.STATION, PlaceKind.PORT):
            painter.drawPolygon(QPolygonF([at + QPointF(0, -radius - 1.5),
                                           at + QPointF(radius + 1.5, 0),
                                           at + QPointF(0, radius + 1.5),
                                           at + QPointF(-radius - 1.5, 0)]))
        else:
            painter.drawEllipse(at, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    # --- names --------------------------------------------------------------------------------
    def _fonts(self) -> dict[str, QFont]:
        base = QFont(self.font())
        city = QFont(base)
        city.setBold(True)
        place = QFont(base)
        place.setPointSizeF(max(6.0, base.pointSizeF() * 0.9))
        directory = QFont(place)
        directory.setItalic(True)
        return {"city": city, "place": place, "directory": directory, "edge": place}

    def labels(self) -> dict[str, QRectF]:
        """The names written on the map now, with where they are on the canvas."""
        scene = self._prepared()
        origin = self._origin()
        view = QRectF(-origin.x(), -origin.y(), self.width(), self.height())
        return {label.text: label.rect.translated(origin) for label in self._laid_out(scene, view)
                if label.rect.intersects(view)}

    def _laid_out(self, scene: _Scene, view: QRectF) -> list[Label]:
        """Names placed so that none covers another or a stop, the most important first; done
        again when the scale changes or the map leaves the area laid out."""
        key = (self._version, self.scale, tuple(self.highlighted), self.day)
        if key == self._layout_key and self._layout_area.contains(view):
            return self._layout
        area = view.adjusted(-view.width(), -view.height(), view.width(), view.height())
        fonts = self._fonts()
        metrics = {style: QFontMetricsF(font) for style, font in fonts.items()}
        names, stops = _Occupied(), _Occupied()
        shown = self._shown_stops()
        for key_ in shown:
            n = self._index[key_]
            if area.contains(QPointF(scene.xs[n], scene.ys[n])) and key_ not in self._stops:
                stops.add(QRectF(scene.xs[n] - 5, scene.ys[n] - 5, 10, 10))
        for stop in scene.stops:
            stops.add(stop.rect)
        wanted: list[tuple[str, QPointF, str, float]] = []  # text, anchor, style, gap
        for key_ in self.highlighted:
            if key_ in self._index:
                n = self._index[key_]
                wanted.append((self.route.places[key_].name,
                               QPointF(scene.xs[n], scene.ys[n]), "place", 12.0))
        for city in self.route.cities:
            if self.day is not None and not shown & set(city.places):
                continue
            x, y = city.longitude * self.scale, -mercator_y(city.latitude) * self.scale
            style = "city" if city.on_route else "directory"
            wanted.append((city.name, QPointF(x, y), style, 6.0))
        if self.scale >= PLACE_LABEL_SCALE:
            highlighted = set(self.highlighted)
            order = sorted(self._visible(scene, area, 0.0),
                           key=lambda n: (self._ids[n] not in shown,
                                          -len(self.route.places[self._ids[n]].items)))
            for n in order:
                key_ = self._ids[n]
                if key_ in highlighted or (key_ not in shown
                                           and self.scale < DIRECTORY_LABEL_SCALE):
                    continue
                style = "place" if key_ in shown else "directory"
                wanted.append((self.route.places[key_].name,
                               QPointF(scene.xs[n], scene.ys[n]), style, 8.0))
        labels: list[Label] = []
        written: set[tuple[str, float, float]] = set()
        for text, anchor, style, gap in wanted:
            if not text or (text, anchor.x(), anchor.y()) in written \
                    or not area.contains(anchor):
                continue
            size = metrics[style].boundingRect(text).size() + QSize(4, 0).toSizeF()
            # Beside the point, clear of stops; a little further out; else over a stop; and
            # on the canvas rather than off its edge.
            tries = ((gap, (names, stops)),) if style == "directory" else (
                (gap, (names, stops)), (gap + 10, (names, stops)), (gap + 22, (names, stops)),
                (gap, (names,)))
            rect = next((r for inside in (True, False) for distance, avoid in tries
                         for r in _around(anchor, size, distance)
                         if (not inside or view.contains(r))
                         and not any(taken.hits(r) for taken in avoid)), None)
            if rect is not None:  # else there is no room for it
                names.add(rect)
                labels.append(Label(text, rect, style))
                written.add((text, anchor.x(), anchor.y()))
        self._layout_key, self._layout, self._layout_area = key, labels, area
        return labels

    def _draw_labels(self, painter: QPainter, scene: _Scene, view: QRectF) -> None:
        palette = self.palette()
        fonts = self._fonts()
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        halo = QColor(palette.color(QPalette.ColorRole.Base))
        halo.setAlpha(215)
        labels = [label for label in self._laid_out(scene, view) if label.rect.intersects(view)]
        if self._hover is not None and self._hover in self._index:
            n = self._index[self._hover]
            name = self.route.places[self._hover].name
            if name and not any(label.text == name for label in labels):
                size = QFontMetricsF(fonts["place"]).boundingRect(name).size()
                labels.append(Label(name, QRectF(scene.xs[n] + 10, scene.ys[n] - size.height()
                                                 / 2, size.width() + 4, size.height()), "place"))
        for label in labels:
            self._write(painter, label, fonts[label.style],
                        muted if label.style == "directory" else text_colour, halo)

    def _write(self, painter: QPainter, label: Label, font: QFont, colour: QColor,
               halo: QColor) -> None:
        """A name with a halo of the base colour, legible on land and on sea (drawn once into
        a pixmap, which later paints reuse)."""
        ratio = self.devicePixelRatioF()
        key = (label.text, font.key(), colour.rgba(), halo.rgba(), ratio)
        pixmap = self._names.get(key)
        if pixmap is None:
            size = label.rect.size().toSize() + QSize(4, 4)
            pixmap = QPixmap(size * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            path = QPainterPath()
            path.addText(QPointF(4, 2 + QFontMetricsF(font).ascent()), font, label.text)
            name = QPainter(pixmap)
            name.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            name.setPen(QPen(halo, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                             Qt.PenJoinStyle.RoundJoin))
            name.drawPath(path)
            name.fillPath(path, colour)
            name.end()
            if len(self._names) > 1000:
                self._names.clear()
            self._names[key] = pixmap
        painter.drawPixmap(label.rect.topLeft() - QPointF(2, 2), pixmap)

    def _draw_edge_labels(self, painter: QPainter, scene: _Scene, view: QRectF,
                          origin: QPointF) -> None:
        """Name the far end of a leg that leaves the map (the flight home), where it leaves."""
        inside = view.adjusted(6, 6, -6, -6)
        named: set[int] = set()
        font = self._fonts()["edge"]
        metrics = QFontMetricsF(font)
        colour = self.palette().color(QPalette.ColorRole.Text)
        halo = QColor(self.palette().color(QPalette.ColorRole.Base))
        halo.setAlpha(215)
        for leg, polygon in scene.legs:
            if polygon.size() < 2:
                continue
            start, end = polygon.at(0), polygon.at(polygon.size() - 1)
            for near, far, here, key, points in (
                    (start, end, leg.origin, leg.destination, range(polygon.size())),
                    (end, start, leg.destination, leg.origin,
                     range(polygon.size() - 1, -1, -1))):
                if key in named or not inside.contains(near) or inside.contains(far):
                    continue
                previous = near
                for i in points:
                    point = polygon.at(i)
                    if not inside.contains(point):
                        crossing = _crossing(previous, point, inside)
                        place = self.route.places[key]
                        other_city = place.city and place.city != self.route.places[here].city
                        text = f"→ {place.city if other_city else place.name}"
                        size = metrics.boundingRect(text).size() + QSize(4, 0).toSizeF()
                        left = min(max(crossing.x() - size.width() / 2, inside.left()),
                                   inside.right() - size.width())
                        top = min(max(crossing.y() - size.height() / 2, inside.top()),
                                  inside.bottom() - size.height())
                        rect = QRectF(left, top, size.width(), size.height()).translated(origin)
                        self._write(painter, Label(text, rect, "edge"), font, colour, halo)
                        named.add(key)
                        break
                    previous = point

    def kilometres_per_pixel(self) -> float:
        """The map's scale in the middle of the canvas."""
        latitude = latitude_at(self.centre[1])
        return KM_PER_DEGREE * math.cos(math.radians(latitude)) / self.scale


class MapFooter(QWidget):
    """Under the map: what the lines mean, and a scale bar."""

    def __init__(self, canvas: MapCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.texts = {Mode.FLIGHT: "Flight", Mode.TRAIN: "Train", Mode.GROUND: "Ground"}
        canvas.view_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(320, round(QFontMetricsF(self.font()).height()) + 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.sizeHint().height())

    def scale_bar(self) -> tuple[str, float]:
        """The scale bar's text and length in pixels (a round distance, about 100 pixels)."""
        per_pixel = self.canvas.kilometres_per_pixel()
        target = per_pixel * 100
        magnitude = 10 ** math.floor(math.log10(target))
        length = max(n * magnitude for n in (1, 2, 5) if n * magnitude <= target)
        text = f"{length:g} km" if length >= 1 else f"{length * 1000:g} m"
        return text, length / per_pixel

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetricsF(self.font())
        middle = self.height() / 2
        x = 8.0
        for mode in (Mode.FLIGHT, Mode.TRAIN, Mode.GROUND):
            pen = QPen(MODE_COLOURS[mode], 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
            if MODE_DASHES[mode]:
                pen.setDashPattern(MODE_DASHES[mode])
            painter.setPen(pen)
            painter.drawLine(QPointF(x, middle), QPointF(x + 30, middle))
            width = metrics.horizontalAdvance(self.texts[mode]) + 2
            painter.setPen(text_colour)
            painter.drawText(QRectF(x + 36, 0, width, self.height()),
                             Qt.AlignmentFlag.AlignVCenter, self.texts[mode])
            x += 36 + width + 14
        text, pixels = self.scale_bar()
        right = self.width() - 10.0
        left = right - pixels
        if left - metrics.horizontalAdvance(text) - 8 > x:
            painter.setPen(QPen(text_colour, 1.5))
            painter.drawPolyline(QPolygonF([QPointF(left, middle - 4), QPointF(left, middle + 3),
                                            QPointF(right, middle + 3),
                                            QPointF(right, middle - 4)]))
            painter.drawText(QRectF(0, 0, left - 6, self.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
        painter.end()


#: Where a name may go around its point: right, left, above, below, then the diagonals.
_CANDIDATES = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (1, 1), (-1, -1), (-1, 1))


def _around(anchor: QPointF, size: QSizeF, gap: float) -> list[QRectF]:
    """Where a name of *size* may go around its point, *gap* pixels away."""
    return [QRectF(anchor.x() + dx * (gap + size.width() / 2) - size.width() / 2,
                   anchor.y() + dy * (gap + size.height() / 2) - size.height() / 2,
                   size.width(), size.height()) for dx, dy in _CANDIDATES]


class _Occupied:
    """Rectangles already taken on the map, bucketed for quick overlap tests."""

    CELL = 64.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        return [(i, j) for i in range(math.floor(rect.left() / self.CELL),
                                      math.floor(rect.right() / self.CELL) + 1)
                for j in range(math.floor(rect.top() / self.CELL),
                               math.floor(rect.bottom() / self.CELL) + 1)]

    def hits(self, rect: QRectF) -> bool:
        return any(rect.intersects(other) for key in self._keys(rect)
                   for other in self._cells.get(key, ()))

    def add(self, rect: QRectF) -> None:
        for key in self._keys(rect):
            self._cells.setdefault(key, []).append(rect)


def _crossing(inside: QPointF, outside: QPointF, rect: QRectF) -> QPointF:
    """Where the segment from a point in *rect* to one outside it leaves *rect*."""
    low, high = 0.0, 1.0
    for _ in range(24):
        middle = (low + high) / 2
        point = inside + (outside - inside) * middle
        if rect.contains(point):
            low = middle
        else:
            high = middle
    return inside + (outside - inside) * low


class RouteMapView(QWidget):
    """The route map panel: a day filter, zoom and fit, and the map sharing the selection."""

    #: The map shows the tour as it is now (after opening it or after an edit).
    refreshed = Signal()

    def __init__(self, selection: Selection, operations: Operations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routeMapView")
        self.selection = selection
        self.document: TourDocument | None = None
        self.route = TourRoute()
        self.language = current_language()
        self.canvas = MapCanvas(self)
        self.canvas.describe = self.tooltip_for
        self.footer = MapFooter(self.canvas, self)
        self.day_label = QLabel(self)
        self.day_box = QComboBox(self)
        self.day_box.setObjectName("routeMapDay")
        self.day_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.day_box.setMinimumContentsLength(22)  # a narrow panel elides, the list does not
        self.day_label.setBuddy(self.day_box)
        self.zoom_in_action = QAction(self)
        self.zoom_in_action.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action = QAction(self)
        self.zoom_out_action.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.fit_action = QAction(self)
        self.fit_action.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_action.triggered.connect(self.fit)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 2)
        bar.addWidget(self.day_label)
        bar.addWidget(self.day_box)
        bar.addStretch(1)
        self.buttons: list[QToolButton] = []
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            bar.addWidget(button)
            self.buttons.append(button)
        self.pick_bar = QWidget(self)
        self.pick_bar.setObjectName("routeMapPickBar")
        self.pick_bar.setAutoFillBackground(True)
        self.pick_bar.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.pick_hint = QLabel(self.pick_bar)
        self.pick_hint.setObjectName("routeMapPickHint")
        self.pick_hint.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.pick_hint.setWordWrap(True)
        self.pick_cancel = QToolButton(self.pick_bar)
        self.pick_cancel.setObjectName("routeMapPickCancel")
        self.pick_cancel.clicked.connect(self.cancel_pick)
        pick_layout = QHBoxLayout(self.pick_bar)
        pick_layout.setContentsMargins(8, 4, 6, 4)
        pick_layout.addWidget(self.pick_hint, 1)
        pick_layout.addWidget(self.pick_cancel)
        self.pick_bar.hide()
        self._pick: tuple[Callable[[float, float], None], Callable[[], None]] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.pick_bar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.footer)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self.reader = Reader(self, self.tr("Reading the route"), operations)
        self._fit_next = False
        self.day_box.currentIndexChanged.connect(self._day_chosen)
        self.canvas.place_clicked.connect(self._place_clicked)
        self.canvas.point_picked.connect(self._point_picked)
        self.canvas.pick_cancelled.connect(self.cancel_pick)
        selection.changed.connect(self._selection_changed)
        self.retranslate()

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None) -> None:
        """Show the route of *document* (None: no tour), fitted to the whole tour."""
        if self.document is not None:
            try:
                self.document.records_changed.disconnect(self._records_changed)
                self.document.tour_changed.disconnect(self._schedule_reload)
            except (RuntimeError, TypeError):
                pass  # the document is already gone
        self.document = document
        self._reload_timer.stop()
        if document is not None:
            document.records_changed.connect(self._records_changed)
            document.tour_changed.connect(self._schedule_reload)
        self.canvas.day = None
        self._fit_next = True  # a new tour is shown whole, once its route is read
        self.canvas.moved_by_user = False
        self.reload()

    def _records_changed(self, kind: str, _keys: list[int]) -> None:
        if kind in ("item", "organisation", "place", "stay"):
            self._schedule_reload()

    def _schedule_reload(self) -> None:
        self._reload_timer.start()

    def reload(self) -> None:
        """Read the route again (after an edit), keeping the view, the day and the highlight
        (see :mod:`reading`)."""
        self._reload_timer.stop()
        document = self.document
        if document is None:
            self._show_route(None, TourRoute())
            return
        self.reader.read(lambda: _read_route(document),
                         lambda route: self._show_route(document, route))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.catch_up()

    def catch_up(self) -> None:
        """Read what changed while the map was not to be seen (its dock tab came forward)."""
        if self.reader.stale:
            self.reload()

    def _show_route(self, document: TourDocument | None, route: TourRoute) -> None:
        if document is not self.document:
            return  # read for a tour no longer shown
        first_places = not self.route.places and bool(route.places)
        self.route = route
        self.canvas.set_route(self.route)
        if self._fit_next or first_places:  # a new tour's first hotel: show where it is
            self._fit_next = False
            # ...unless the user has zoomed or panned meanwhile (the map came forward for a
            # pick and this first read landed after the user's first turn of the wheel)
            if not self.canvas.moved_by_user:
                self.canvas.fit()
        self._fill_days()
        self._show_selection(follow=False)
        self.refreshed.emit()

    # --- picking a point ----------------------------------------------------------------------
    @property
    def picking(self) -> bool:
        """Whether the next click on the map gives a point (see :meth:`pick_point`)."""
        return self._pick is not None

    def pick_point(self, on_point: Callable[[float, float], None],
                   on_cancel: Callable[[], None]) -> None:
        """Let the user click a point of the map: a crosshair and a hint show, the next click
        calls *on_point* (latitude, longitude); Esc or Cancel calls *on_cancel*. A pick already
        waiting is cancelled first."""
        if self._pick is not None:
            self.cancel_pick()
        self._pick = (on_point, on_cancel)
        self.canvas.set_picking(True)
        self.pick_bar.show()
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel_pick(self) -> None:
        """Leave pick mode without a point."""
        pick = self._end_pick()
        if pick is not None:
            pick[1]()

    def _point_picked(self, latitude: float, longitude: float) -> None:
        pick = self._end_pick()
        if pick is not None:
            pick[0](latitude, longitude)

    def _end_pick(self) -> tuple[Callable[[float, float], None], Callable[[], None]] | None:
        pick, self._pick = self._pick, None
        self.canvas.set_picking(False)
        self.pick_bar.hide()
        return pick

    # --- days ---------------------------------------------------------------------------------
    def _fill_days(self) -> None:
        chosen = self.canvas.day
        self.day_box.blockSignals(True)
        try:
            self.day_box.clear()
            self.day_box.addItem(self.tr("Whole tour"), None)
            for day in self.route.days:
                self.day_box.addItem(self._day_text(day), day.toordinal())
            found = self.day_box.findData(chosen.toordinal()) if chosen is not None else 0
            self.day_box.setCurrentIndex(max(0, found))
        finally:
            self.day_box.blockSignals(False)
        popup = self.day_box.view()
        popup.setMinimumWidth(popup.sizeHintForColumn(0) + 24)

    def _day_text(self, day: date) -> str:
        cities: list[str] = []
        for key in self.route.stops_on(day):
            city = self.route.places[key].city
            if city and city not in cities:
                cities.append(city)
        text = format_day(day, self.language, short=True)
        return f"{text} · {' / '.join(cities)}" if cities else text

    def _day_chosen(self, _index: int) -> None:
        ordinal = self.day_box.currentData()
        self.canvas.set_day(date.fromordinal(int(ordinal)) if ordinal is not None else None)

    def show_day(self, day: date | None) -> None:
        """Draw only *day*'s route (None: the whole tour)."""
        found = self.day_box.findData(day.toordinal()) if day is not None else 0
        self.day_box.setCurrentIndex(max(0, found))

    # --- zoom ---------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.canvas.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.canvas.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        """Show the whole route (or the chosen day's)."""
        self.canvas.fit()

    # --- the shared selection -----------------------------------------------------------------
    def _selection_changed(self, source: object) -> None:
        self._show_selection(follow=source is not self)

    def _show_selection(self, follow: bool) -> None:
        route = self.route
        keys = route.places_of_items(self.selection.items)
        for key in route.places_of_organisations(self.selection.organisations):
            if key not in keys:
                keys.append(key)
        if follow and self.canvas.day is not None and self.selection.items:
            days = {route.items[uid].day for uid in self.selection.items if uid in route.items}
            if days and days != {self.canvas.day}:
                self.show_day(days.pop() if len(days) == 1 else None)
        self.canvas.set_highlighted(keys)
        if follow and keys:
            self.canvas.ensure_visible(keys)

    def _place_clicked(self, key: int, modifiers: object) -> None:
        if key < 0:
            self.selection.clear(source=self)
            return
        route = self.route
        day = self.canvas.day
        uids = route.items_at(key, day) or route.items_at(key)
        if uids:
            if isinstance(modifiers, Qt.KeyboardModifier) and \
                    modifiers & Qt.KeyboardModifier.ControlModifier:
                uids = [*self.selection.items, *(u for u in uids
                                                 if u not in self.selection.items)]
            self.selection.select_items(uids, source=self)
        elif route.places[key].organisations:
            self.selection.select_organisations(list(route.places[key].organisations),
                                                source=self)
        else:
            self.selection.clear(source=self)
            self.canvas.set_highlighted([key])

    # --- text ---------------------------------------------------------------------------------
    def tooltip_for(self, key: int) -> str:
        """What the map says about a place when the mouse rests on it (every name shows as
        typed: see :func:`ui.text.tooltip`)."""
        place = self.route.places.get(key)
        if place is None:
            return ""
        kinds = {"office": self.tr("Office"), "hotel": self.tr("Hotel"),
                 "restaurant": self.tr("Restaurant"), "station": self.tr("Station"),
                 "airport": self.tr("Airport"), "port": self.tr("Ferry port"),
                 "venue": self.tr("Venue"),
                 "other": self.tr("Place")}
        where = ", ".join(x for x in (place.city, place.country) if x)
        lines = [place.name, f"{kinds.get(place.kind, place.kind)} · {where}" if where
                 else kinds.get(place.kind, place.kind)]
        lines += [name for name in place.organisation_names if name != place.name]
        shown = 8
        cancelled = self.tr("cancelled")
        for uid in place.items[:shown]:
            item = self.route.items[uid]
            title = item.title_ja if self.language == "ja" and item.title_ja else item.title
            day = format_day(item.day, self.language, short=True)
            lines.append(f"{day} {item.time_text}  {title}"
                         + (f" ({cancelled})" if item.cancelled else ""))
        if len(place.items) > shown:
            lines.append(fill(self.tr("… and %1 more"), str(len(place.items) - shown)))
        return tooltip("\n".join(lines))

    def retranslate(self) -> None:
        """Set every text of the panel in the current language."""
        self.language = current_language()
        self.day_label.setText(self.tr("&Day:"))
        self.zoom_in_action.setText(self.tr("Zoom In"))
        self.zoom_in_action.setIconText("+")
        self.zoom_in_action.setToolTip(self.tr("Zoom in (mouse wheel, +)"))
        self.zoom_out_action.setText(self.tr("Zoom Out"))
        self.zoom_out_action.setIconText("−")
        self.zoom_out_action.setToolTip(self.tr("Zoom out (mouse wheel, -)"))
        self.fit_action.setText(self.tr("Fit"))
        self.fit_action.setIconText(self.tr("Fit"))
        self.fit_action.setToolTip(self.tr("Show the whole route (or the whole day)"))
        self.footer.texts = {Mode.FLIGHT: self.tr("Flight"), Mode.TRAIN: self.tr("Train"),
                             Mode.GROUND: self.tr("Ground")}
        self.footer.update()
        self.canvas.no_places_text = self.tr("No places yet: hotels, venues and offices "
                                             "appear here once they are added")
        self.pick_hint.setText(self.tr("Click the place on the map; Esc cancels. Zoom with the "
                                       "mouse wheel and drag to move the map first if needed."))
        self.pick_cancel.setText(self.tr("Cancel"))
        self.canvas.setAccessibleName(self.tr("Route map"))
        self.day_box.setAccessibleName(self.tr("Day shown on the map"))
        self._fill_days()
        self.canvas.update()


def _read_route(document: TourDocument) -> TourRoute:
    with document.store.session() as session:
        return read_route(session)
