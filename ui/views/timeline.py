"""The timeline: one day of the tour on a time axis, planned by dragging.

Items are blocks on their track (the delegation, or each traveller when the delegation splits);
the travel between consecutive items is drawn in the gap with its mode and minutes (red when it
does not fit), free time and the hosts' availability windows are shaded, and blocks with findings
are marked. Drag a block to move it, drag an edge to change its length (snapped to 5 minutes);
each drag is one undoable command. Double-click opens the item's editor; double-click on an empty
slot, or its context menu, opens the editor on a new item at that time. An organisation dragged
from the directory (:class:`OrganisationDragSource`, MIME type :data:`ORGANISATION_MIME`) and
dropped on the day becomes a meeting with it at the drop time, in one undoable step.

:mod:`planner.dayplan` decides what the day looks like; this module only turns it into pixels
and mouse gestures into commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from planner.dayplan import MEETING_MINUTES, DayPlan, Track, TravelLeg, day_plan, snap
from planner.errors import InputError
from planner.feasibility import Severity
from planner.feasibility.plan import PlanItem
from planner.formatting import format_day
from planner.model import ItemKind, ItemStatus
from planner.timezones import to_local
from ui import commands
from ui.document import TourDocument
from ui.i18n import current_language, message_of
from ui.selection import Selection
from ui.severity import severity_colour
from ui.text import fill, tooltip
from ui.views.reading import seen
from ui.widgets.split_day import SplitDayMenu

SNAP = 5  # minutes
#: The MIME type of an organisation dragged out of the directory: its key, as text.
ORGANISATION_MIME = "application/x-ecovisit-organisation"
EDGE = 6  # pixels within which a press grabs an edge
LABEL_WIDTH = 120
AXIS_HEIGHT = 26
TRACK_HEIGHT = 64
BLOCK_MARGIN = 6
WINDOW_STRIP = 5

#: Block colours by kind, readable on light and dark palettes (text colour chosen per fill).
KIND_COLOURS = {
    ItemKind.MEETING: "#4f7fbf", ItemKind.MEAL: "#c9913a", ItemKind.TRANSFER: "#7d8a96",
    ItemKind.TRAIN: "#6d6fa8", ItemKind.FLIGHT: "#5b6f8f", ItemKind.FREE: "#6f9f6f",
    ItemKind.OTHER: "#8c7aa6",
}
MODE_NAMES = {"walk": QT_TRANSLATE_NOOP("TimelineCanvas", "walk"),
              "taxi": QT_TRANSLATE_NOOP("TimelineCanvas", "taxi"),
              "transit": QT_TRANSLATE_NOOP("TimelineCanvas", "transit"),
              "rail": QT_TRANSLATE_NOOP("TimelineCanvas", "train"),
              "ferry": QT_TRANSLATE_NOOP("TimelineCanvas", "ferry"),
              "flight": QT_TRANSLATE_NOOP("TimelineCanvas", "flight")}


def _paint_warning(painter: QPainter, box: QRectF, colour: QColor, mark: QColor) -> None:
    """A warning triangle with an exclamation mark, filling *box* (drawn: ⚠ is a glyph many
    fonts lack, and a missing glyph shows as an empty box)."""
    triangle = QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(),
                          box.bottomLeft()])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(triangle)
    painter.setPen(QPen(mark, max(1.2, box.width() * 0.14), Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap))
    x = box.center().x()
    painter.drawLine(QPointF(x, box.top() + box.height() * 0.38),
                     QPointF(x, box.top() + box.height() * 0.68))
    painter.drawPoint(QPointF(x, box.top() + box.height() * 0.84))
    painter.restore()


def _minutes_mark(metrics: QFontMetricsF) -> str:
    """The mark after a leg's minutes: the prime (95′) where the font has it, else '."""
    return "′" if metrics.inFontUcs4(ord("′")) else "'"


def _paint_padlock(painter: QPainter, box: QRectF, colour: QColor, hole: QColor) -> None:
    """A small padlock filling *box*: a shackle over a body with a keyhole."""
    width, height = box.width(), box.height()
    body = QRectF(box.left(), box.top() + height * 0.45, width, height * 0.55)
    shackle = QPainterPath()
    inset = width * 0.2
    shackle.moveTo(box.left() + inset, body.top())
    shackle.lineTo(box.left() + inset, box.top() + (width - 2 * inset) / 2 + height * 0.05)
    shackle.arcTo(QRectF(box.left() + inset, box.top() + height * 0.05, width - 2 * inset,
                         width - 2 * inset), 180, -180)
    shackle.lineTo(box.right() - inset, body.top())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(colour, max(1.2, width * 0.16)))
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(body, width * 0.12, width * 0.12)
    painter.setBrush(hole)
    radius = max(0.8, width * 0.11)
    painter.drawEllipse(QPointF(body.center().x(), body.top() + body.height() * 0.45),
                        radius, radius)
    painter.restore()


def _text_on(fill: QColor) -> QColor:
    luminance = 0.299 * fill.red() + 0.587 * fill.green() + 0.114 * fill.blue()
    return QColor("#111111") if luminance > 150 else QColor("#ffffff")


def organisation_mime(key: int, name: str) -> QMimeData:
    """What an organisation dragged out of the directory carries."""
    data = QMimeData()
    data.setData(ORGANISATION_MIME, QByteArray(str(key).encode("ascii")))
    data.setText(name)
    return data


def organisation_of(data: QMimeData | None) -> int | None:
    """The key of the organisation *data* carries, or None."""
    if data is None or not data.hasFormat(ORGANISATION_MIME):
        return None
    try:
        return int(bytes(data.data(ORGANISATION_MIME).data()).decode("ascii"))
    except ValueError:
        return None


class OrganisationDragSource(QObject):
    """Lets the organisations of a directory table (a ``RecordBrowser``) be dragged out, onto
    the timeline: a press on a row and a move beyond the drag distance starts the drag. The
    table keeps its own clicks, selection and editing."""

    def __init__(self, browser: Any) -> None:
        super().__init__(browser)
        self.browser = browser
        self._press: QPoint | None = None
        browser.table.viewport().installEventFilter(self)

    def mime_data(self, row: int) -> QMimeData | None:
        """The drag's data for the table's (filtered) row *row*."""
        browser = self.browser
        record = browser.model.record_at(browser.proxy.mapToSource(
            browser.proxy.index(row, 0)).row())
        return organisation_mime(record.id, record.name) if record is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) \
                and self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if (event.position().toPoint() - self._press).manhattanLength() \
                    >= QApplication.startDragDistance():
                index = self.browser.table.indexAt(self._press)
                self._press = None
                data = self.mime_data(index.row()) if index.isValid() else None
                if data is not None:
                    drag = QDrag(self.browser.table)
                    drag.setMimeData(data)
                    self.run(drag)
                    return True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._press = None
        return False

    def run(self, drag: QDrag) -> None:
        """Carry out the drag (until the drop; tests replace this)."""
        drag.exec(Qt.DropAction.CopyAction)


@dataclass
class _Drag:
    uid: str
    mode: str  # "move", "start", "end"
    press_x: float
    start: datetime
    end: datetime
    new_start: datetime
    new_end: datetime
    moved: bool = False


class TimelineCanvas(QWidget):
    """The painted day: axis, tracks, blocks, legs; mouse and keys plan it."""

    #: (uid, new start, new end, whether only one edge moved)
    move_requested = Signal(str, object, object, bool)
    #: an item was double-clicked
    edit_requested = Signal(str)
    #: the user clicked items (their UIDs)
    clicked = Signal(list)
    #: a double-click on an empty slot: (its time, snapped; the track's row)
    add_requested = Signal(object, int)
    #: a context menu: (the item's UID or "", the slot's time or None, track row, where)
    menu_requested = Signal(str, object, int, QPoint)
    #: an organisation dropped: (its key, the drop time, snapped)
    organisation_dropped = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineCanvas")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.day: DayPlan | None = None
        self.marks: dict[str, Severity] = {}
        self.selected: set[str] = set()
        self.locked: set[str] = set()
        #: Where the last paint drew each locked block's padlock (by UID).
        self.padlocks: dict[str, QRectF] = {}
        #: Where it drew the warning triangle of each block with an error (by UID).
        self.badges: dict[str, QRectF] = {}
        self.language = current_language()
        self._drag: _Drag | None = None
        self._preview: tuple[datetime, datetime, str] | None = None  # a drop on its way
        self.setAcceptDrops(True)

    # --- geometry -----------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        tracks = len(self.day.tracks) if self.day else 1
        return QSize(900, AXIS_HEIGHT + tracks * TRACK_HEIGHT + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(400, self.sizeHint().height())

    def scale(self) -> float:
        """Pixels per minute."""
        if self.day is None or self.day.length <= 0:
            return 1.0
        return max(0.2, (self.width() - LABEL_WIDTH - 8) / self.day.length)

    def x_of(self, moment: datetime) -> float:
        assert self.day is not None
        return LABEL_WIDTH + self.day.minutes(moment) * self.scale()

    def time_at(self, x: float) -> datetime:
        assert self.day is not None
        return self.day.start + timedelta(minutes=(x - LABEL_WIDTH) / self.scale())

    def track_rect(self, row: int) -> QRectF:
        return QRectF(0, AXIS_HEIGHT + row * TRACK_HEIGHT, self.width(), TRACK_HEIGHT)

    def slot_at(self, point: QPointF) -> tuple[datetime, int] | None:
        """The time (snapped to 5 minutes) and the track row under *point*, or None off the
        tracks."""
        day = self.day
        if day is None or point.x() < LABEL_WIDTH:
            return None
        row = int((point.y() - AXIS_HEIGHT) // TRACK_HEIGHT)
        if point.y() < AXIS_HEIGHT or row >= len(day.tracks):
            return None
        moment = min(max(self.time_at(point.x()), day.start), day.end)
        return snap(moment, day.zone, SNAP), row

    def point_of(self, moment: datetime, row: int = 0) -> QPoint:
        """Where on the canvas *moment* is, in the middle of track *row*."""
        return QPointF(self.x_of(moment), self.track_rect(row).center().y()).toPoint()

    def _times(self, item: PlanItem) -> tuple[datetime, datetime]:
        drag = self._drag
        if drag is not None and drag.uid == item.uid:
            return drag.new_start, drag.new_end
        return item.start, item.end

    def block_rect(self, item: PlanItem, row: int) -> QRectF:
        start, end = self._times(item)
        track = self.track_rect(row)
        left, right = self.x_of(start), self.x_of(end)
        return QRectF(left, track.top() + BLOCK_MARGIN, max(3.0, right - left),
                      track.height() - 2 * BLOCK_MARGIN - WINDOW_STRIP - 2)

    def blocks(self) -> list[tuple[PlanItem, int, QRectF]]:
        """Every drawn block: (item, track row, rectangle)."""
        if self.day is None:
            return []
        return [(item, row, self.block_rect(item, row))
                for row, track in enumerate(self.day.tracks) for item in track.items]

    def hit(self, point: QPointF) -> tuple[PlanItem, str] | None:
        """The block under *point* and what a press there grabs ("move", "start", "end")."""
        for item, _row, rect in reversed(self.blocks()):
            grab = rect.adjusted(-EDGE / 2, 0, EDGE / 2, 0)
            if grab.contains(point):
                if point.x() - rect.left() <= EDGE and rect.width() > 3 * EDGE:
                    return item, "start"
                if rect.right() - point.x() <= EDGE and rect.width() > 3 * EDGE:
                    return item, "end"
                return item, "move"
        return None

    # --- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self.padlocks = {}
        self.badges = {}
        if self.day is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No day to show"))
            return
        self._paint_tracks(painter, palette)
        self._paint_axis(painter, palette)
        for row, track in enumerate(self.day.tracks):
            self._paint_free(painter, palette, track, row)
            self._paint_windows(painter, track, row)
        for item, row, rect in self.blocks():
            self._paint_block(painter, item, row, rect)
        for row, track in enumerate(self.day.tracks):
            self._paint_legs(painter, palette, track, row)
        if self._drag is not None and self._drag.moved:
            self._paint_drag_label(painter, palette)
        if self._preview is not None:
            self._paint_preview(painter, palette)

    def _paint_tracks(self, painter: QPainter, palette: QPalette) -> None:
        assert self.day is not None
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        text = palette.color(QPalette.ColorRole.Text)
        for row, track in enumerate(self.day.tracks):
            rect = self.track_rect(row)
            if row % 2:
                painter.fillRect(rect, alternate)
            painter.setPen(text)
            label = track.label or self.tr("Delegation")
            painter.drawText(rect.adjusted(6, 0, -(rect.width() - LABEL_WIDTH + 4), 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                             label)

    def _paint_axis(self, painter: QPainter, palette: QPalette) -> None:
        assert self.day is not None
        mid = palette.color(QPalette.ColorRole.Mid)
        text = palette.color(QPalette.ColorRole.Text)
        bottom = AXIS_HEIGHT + len(self.day.tracks) * TRACK_HEIGHT
        moment = self.day.start
        hour_width = 60 * self.scale()
        step = 1 if hour_width >= 40 else 2 if hour_width >= 20 else 3
        metrics = painter.fontMetrics()
        last_right = float("-inf")  # a label that would touch the one before is left out
        while moment <= self.day.end:
            x = self.x_of(moment)
            local = to_local(moment, self.day.zone)
            painter.setPen(QPen(mid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 4), QPointF(x, bottom))
            if local.hour % step == 0:
                hour = f"{local:%H:%M}"
                width = metrics.horizontalAdvance(hour) + 8
                label = QRectF(x - width / 2, 0, width, AXIS_HEIGHT - 4)
                if label.right() > self.width():
                    label.moveRight(self.width() - 2)
                if label.left() >= last_right:
                    painter.setPen(text)
                    painter.drawText(label, Qt.AlignmentFlag.AlignCenter, hour)
                    last_right = label.right()
            moment += timedelta(hours=1)
        painter.setPen(mid)
        painter.drawLine(QPointF(0, AXIS_HEIGHT - 1), QPointF(self.width(), AXIS_HEIGHT - 1))

    def _paint_free(self, painter: QPainter, palette: QPalette, track: Any, row: int) -> None:
        rect = self.track_rect(row)
        shade = QColor(palette.color(QPalette.ColorRole.Mid))
        shade.setAlpha(60)
        brush = QBrush(shade, Qt.BrushStyle.BDiagPattern)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        for free in track.free:
            left, right = self.x_of(free.start), self.x_of(free.end)
            area = QRectF(left, rect.top() + BLOCK_MARGIN, right - left,
                          rect.height() - 2 * BLOCK_MARGIN - WINDOW_STRIP - 2)
            painter.fillRect(area, brush)
            minutes = int((free.end - free.start).total_seconds() // 60)
            text = fill(self.tr("free %1"), f"{minutes // 60}:{minutes % 60:02d}")
            if QFontMetricsF(small).horizontalAdvance(text) + 6 < area.width():
                painter.setFont(small)
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(area.adjusted(0, 2, 0, 0),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
                painter.setFont(self.font())

    def _paint_windows(self, painter: QPainter, track: Any, row: int) -> None:
        """The hosts' availability of the track's meetings, as a green strip under the track
        (the dragged item's windows over the whole track)."""
        assert self.day is not None
        rect = self.track_rect(row)
        strip_top = rect.bottom() - BLOCK_MARGIN - WINDOW_STRIP
        green = QColor("#43a047")
        dragged = self._drag.uid if self._drag is not None else None
        for item in track.items:
            for window in self.day.windows.get(item.uid, ()):
                left = max(LABEL_WIDTH, self.x_of(window.start))
                right = min(self.width(), self.x_of(window.end))
                if right <= left:
                    continue
                if item.uid == dragged:
                    wash = QColor(green)
                    wash.setAlpha(40)
                    painter.fillRect(QRectF(left, rect.top(), right - left, rect.height()),
                                     wash)
                painter.fillRect(QRectF(left, strip_top, right - left, WINDOW_STRIP), green)

    def _paint_block(self, painter: QPainter, item: PlanItem, _row: int, rect: QRectF) -> None:
        fill = QColor(KIND_COLOURS.get(item.kind, "#888888"))
        if item.status in (ItemStatus.IDEA, ItemStatus.REQUESTED):
            fill = fill.lighter(125)
        if item.status is ItemStatus.CANCELLED:
            fill.setAlpha(90)
        painter.setBrush(fill)
        selected = item.uid in self.selected
        severity = self.marks.get(item.uid)
        if severity in (Severity.ERROR, Severity.WARNING):
            pen = QPen(severity_colour(severity), 3)
        elif selected:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 3)
        else:
            pen = QPen(fill.darker(140), 1)
        if item.status is ItemStatus.IDEA:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 4, 4)
        if selected and severity in (Severity.ERROR, Severity.WARNING):
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1.5))
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 3, 3)
        inner = rect.adjusted(5, 2, -5, -2)
        if inner.width() < 12:
            return
        painter.setPen(_text_on(fill))
        start, end = self._times(item)
        zone = item.zone if item.zone == (item.end_zone or item.zone) else None
        first = to_local(start, item.zone)
        last = to_local(end, item.end_zone or item.zone)
        clock = f"{first:%H:%M}–{last:%H:%M}" if zone else \
            f"{first:%H:%M} {first.tzname()} – {last:%H:%M} {last.tzname()}"
        metrics = QFontMetricsF(self.font())
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        left = inner.left()
        if severity is Severity.ERROR:  # drawn, as the padlock: not every font has ⚠
            size = metrics.ascent()
            badge = QRectF(left, inner.top() + metrics.ascent() - size * 0.9, size, size * 0.9)
            if badge.right() <= inner.right():
                _paint_warning(painter, badge, _text_on(fill), fill)
                self.badges[item.uid] = badge
                left = badge.right() + metrics.horizontalAdvance(" ")
        elif severity is Severity.WARNING:
            painter.drawText(inner, top, "! ")
            left += metrics.horizontalAdvance("! ")
        if item.locked:
            # Drawn, not written: the fonts of a fresh machine have no 🔒 (an empty box)
            size = metrics.ascent()
            padlock = QRectF(left, inner.top() + metrics.ascent() - size, size * 0.8, size)
            if padlock.right() <= inner.right():
                _paint_padlock(painter, padlock, _text_on(fill), fill)
                self.padlocks[item.uid] = padlock
                left = padlock.right() + metrics.horizontalAdvance(" ")
        title = QRectF(left, inner.top(), max(0.0, inner.right() - left), inner.height())
        painter.drawText(title, top, metrics.elidedText(item.title, Qt.TextElideMode.ElideRight,
                                                        title.width()))
        second = inner.adjusted(0, metrics.lineSpacing(), 0, 0)
        painter.drawText(second, top, metrics.elidedText(clock, Qt.TextElideMode.ElideRight,
                                                         inner.width()))

    def _leg_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        return small

    def _leg_labels(self, track: Track, row: int
                    ) -> Iterator[tuple[TravelLeg, float, QRectF, str]]:
        """Each travel leg of a track: the leg, its arrow's height, its label's box and text."""
        y = self.track_rect(row).bottom() - BLOCK_MARGIN - WINDOW_STRIP - 8
        metrics = QFontMetricsF(self._leg_font())
        for leg in track.legs:
            left = self.x_of(leg.start)
            mode = QCoreApplication.translate("TimelineCanvas",
                                              str(MODE_NAMES.get(leg.leg.mode, leg.leg.mode)))
            text = f"{mode} {leg.leg.minutes}{_minutes_mark(metrics)}"
            width = metrics.horizontalAdvance(text) + 6
            yield leg, y, QRectF(left + 2, y - metrics.height() - 2, width, metrics.height()), text

    def leg_at(self, point: QPointF) -> TravelLeg | None:
        """The travel leg whose label or arrow is under *point*, if any."""
        if self.day is None:
            return None
        for row, track in enumerate(self.day.tracks):
            for leg, y, label, _text in self._leg_labels(track, row):
                arrow = QRectF(label.left(), label.top(), max(label.width(),
                               leg.leg.minutes * self.scale()), y + 4 - label.top())
                if arrow.contains(point):
                    return leg
        return None

    def _paint_legs(self, painter: QPainter, palette: QPalette, track: Any, row: int) -> None:
        painter.setFont(self._leg_font())
        for leg, y, label, text in self._leg_labels(track, row):
            left = label.left() - 2
            right = left + leg.leg.minutes * self.scale()
            colour = QColor(palette.color(QPalette.ColorRole.Text)) if leg.fits \
                else severity_colour(Severity.ERROR)
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.drawLine(QPointF(right - 4, y - 3), QPointF(right, y))
            painter.drawLine(QPointF(right - 4, y + 3), QPointF(right, y))
            painter.fillRect(label, palette.color(QPalette.ColorRole.Base))
            painter.drawText(label, Qt.AlignmentFlag.AlignLeft, text)
        painter.setFont(self.font())

    def _paint_drag_label(self, painter: QPainter, palette: QPalette) -> None:
        drag = self._drag
        assert drag is not None and self.day is not None
        item = next((i for i, _r, _rect in self.blocks() if i.uid == drag.uid), None)
        if item is None:
            return
        first = to_local(drag.new_start, item.zone)
        last = to_local(drag.new_end, item.end_zone or item.zone)
        text = f"{first:%H:%M}–{last:%H:%M}"
        metrics = QFontMetricsF(self.font())
        x = self.x_of(drag.new_start)
        box = QRectF(x, 2, metrics.horizontalAdvance(text) + 10, AXIS_HEIGHT - 6)
        painter.fillRect(box, palette.color(QPalette.ColorRole.ToolTipBase))
        painter.setPen(palette.color(QPalette.ColorRole.ToolTipText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_preview(self, painter: QPainter, palette: QPalette) -> None:
        """Where a dropped organisation's meeting would go: a dashed block over the tracks."""
        assert self._preview is not None and self.day is not None
        start, end, name = self._preview
        top = self.track_rect(0).top() + BLOCK_MARGIN
        bottom = self.track_rect(len(self.day.tracks) - 1).bottom() - BLOCK_MARGIN
        rect = QRectF(self.x_of(start), top, self.x_of(end) - self.x_of(start), bottom - top)
        fill = QColor(KIND_COLOURS[ItemKind.MEETING])
        fill.setAlpha(70)
        painter.setBrush(fill)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(rect, 4, 4)
        local = to_local(start, self.day.zone)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        metrics = QFontMetricsF(self.font())
        painter.drawText(rect.adjusted(5, 2, -5, -2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         metrics.elidedText(f"{local:%H:%M} {name}",
                                            Qt.TextElideMode.ElideRight,
                                            max(0.0, rect.width() - 10)))

    # --- dropping an organisation ---------------------------------------------------------------
    def _drop_slot(self, event: QDropEvent) -> datetime | None:
        if self.day is None or organisation_of(event.mimeData()) is None:
            return None
        point = QPointF(max(float(LABEL_WIDTH), event.position().x()),
                        min(max(event.position().y(), AXIS_HEIGHT + 1.0),
                            AXIS_HEIGHT + len(self.day.tracks) * TRACK_HEIGHT - 1.0))
        found = self.slot_at(point)
        return found[0] if found is not None else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        start = self._drop_slot(event)
        if start is None:
            event.ignore()
            self._preview = None
        else:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._preview = (start, start + timedelta(minutes=MEETING_MINUTES),
                             event.mimeData().text())
        self.update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._preview = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        start = self._drop_slot(event)
        key = organisation_of(event.mimeData())
        self._preview = None
        self.update()
        if start is None or key is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.organisation_dropped.emit(key, start)

    # --- mouse and keys -----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.hit(event.position())
        if found is None:
            self.clicked.emit([])
            return
        item, mode = found
        self.clicked.emit([item.uid])
        if item.uid in self.locked:
            return
        self._drag = _Drag(item.uid, mode, event.position().x(), item.start, item.end,
                           item.start, item.end)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            self._hover(event)
            return
        assert self.day is not None
        delta = timedelta(minutes=(event.position().x() - drag.press_x) / self.scale())
        zone = self.day.zone
        if drag.mode == "move":
            drag.new_start = snap(drag.start + delta, zone, SNAP)
            drag.new_end = drag.new_start + (drag.end - drag.start)
        elif drag.mode == "start":
            drag.new_start = min(snap(drag.start + delta, zone, SNAP),
                                 drag.end - timedelta(minutes=SNAP))
        else:
            drag.new_end = max(snap(drag.end + delta, zone, SNAP),
                               drag.start + timedelta(minutes=SNAP))
        drag.moved = (drag.new_start, drag.new_end) != (drag.start, drag.end)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is not None and drag.moved:
            self.move_requested.emit(drag.uid, drag.new_start, drag.new_end, drag.mode != "move")
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        found = self.hit(event.position())
        if found is not None:
            self.edit_requested.emit(found[0].uid)
            return
        slot = self.slot_at(event.position())
        if slot is not None and event.button() == Qt.MouseButton.LeftButton:
            self.add_requested.emit(*slot)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = QPointF(event.pos())
        found = self.hit(point)
        slot = self.slot_at(point)
        if found is None and slot is None:
            return
        if found is not None:
            self.clicked.emit([found[0].uid])
        moment, row = slot if slot is not None else (None, 0)
        self.menu_requested.emit(found[0].uid if found is not None else "", moment, row,
                                 event.globalPos())

    def _hover(self, event: QMouseEvent) -> None:
        found = self.hit(event.position())
        if found is None:
            self.unsetCursor()
            leg = self.leg_at(event.position())
            if leg is None:
                self.setToolTip("")
                QToolTip.hideText()
            else:  # which way, and why that long (the travel model's reasons)
                QToolTip.showText(event.globalPosition().toPoint(),
                                  tooltip(leg.leg.explanation), self)
            return
        item, mode = found
        if item.uid in self.locked:
            self.setCursor(Qt.CursorShape.ForbiddenCursor)
        elif mode == "move":
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        lines: list[str] = []
        for part in (item.title, item.host, item.place.name if item.place else ""):
            if part and not any(part.casefold() in line.casefold() for line in lines):
                lines.append(part)  # "Meeting with Celonis" says the host already
        if item.locked:  # what the padlock means
            lines.append(self.tr("Fixed: planning never moves it"))
        tip = "\n".join(lines)
        QToolTip.showText(event.globalPosition().toPoint(), tooltip(tip), self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left/Right move the selected item 5 minutes (one undoable step each)."""
        step = {Qt.Key.Key_Left: -SNAP, Qt.Key.Key_Right: SNAP}.get(Qt.Key(event.key()))
        if step is None or len(self.selected) != 1 or self.day is None:
            super().keyPressEvent(event)
            return
        uid = next(iter(self.selected))
        item = next((i for i, _r, _rect in self.blocks() if i.uid == uid), None)
        if item is None or uid in self.locked:
            return
        shift = timedelta(minutes=step)
        self.move_requested.emit(uid, item.start + shift, item.end + shift, False)


class TimelineView(QWidget):
    """A day chooser over the timeline canvas."""

    def __init__(self, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.selection = selection
        self.document: TourDocument | None = None
        self.language = current_language()
        self.days: list[date] = []
        self._stale = False
        self._wanted_day: date | None = None
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.clicked.connect(lambda: self._step(1))
        self.day_box = QComboBox(self)
        self.day_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.day_box.currentIndexChanged.connect(self._day_chosen)
        self.zone_label = QLabel(self)
        self.zone_label.setTextFormat(Qt.TextFormat.PlainText)
        self.canvas = TimelineCanvas(self)
        self.canvas.move_requested.connect(self._move)
        self.canvas.clicked.connect(self._clicked)
        self.canvas.edit_requested.connect(self.edit_item)
        self.canvas.add_requested.connect(self._add_at)
        self.canvas.menu_requested.connect(self._menu)
        self.canvas.organisation_dropped.connect(self.add_meeting)
        self.menu: QMenu | None = None  # the context menu shown last (tests look at it)
        scroller = QScrollArea(self)
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.canvas)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.day_box)
        top.addWidget(self.next_button)
        top.addWidget(self.zone_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(scroller, 1)
        selection.changed.connect(self._selection_changed)
        self.retranslate()

    # --- the document -------------------------------------------------------------------------
    def set_document(self, document: TourDocument | None) -> None:
        if self.document is not None:
            self.document.findings_changed.disconnect(self._changed)
            self.document.records_changed.disconnect(self._records_changed)
        self.document = document
        if document is not None:
            document.findings_changed.connect(self._changed)
            document.records_changed.connect(self._records_changed)
        self._changed()  # drawn now if the timeline is in view, else when it comes into view

    def _records_changed(self, kind: str, _keys: list[int]) -> None:
        if kind in ("organisation", "traveller"):  # an item edit is followed by its findings
            self._changed()

    def _changed(self) -> None:
        """Redraw after an edit, or only note it while the timeline is not to be seen."""
        if not seen(self):
            self._stale = True
            return
        self._fill_days()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._fill_days()

    def _fill_days(self) -> None:
        self._stale = False
        document = self.document
        current = self._wanted_day or self.current_day()
        self._wanted_day = None
        if document is None:
            self.days = []
        else:
            # The tour's days, and any day outside them that still has an item.
            self.days = sorted(set(document.tour.days) | set(document.plan.days()))
        self.day_box.blockSignals(True)
        self.day_box.clear()
        for day in self.days:
            count = len(document.plan.items_on(day)) if document else 0
            self.day_box.addItem(f"{format_day(day, self.language)} ({count})")
        if current in self.days:
            self.day_box.setCurrentIndex(self.days.index(current))
        elif self.days:
            busy = [d for d in self.days if document and document.plan.items_on(d)]
            self.day_box.setCurrentIndex(self.days.index(busy[0] if busy else self.days[0]))
        self.day_box.blockSignals(False)
        self.refresh()

    def current_day(self) -> date | None:
        index = self.day_box.currentIndex()
        return self.days[index] if 0 <= index < len(self.days) else None

    def show_day(self, day: date) -> None:
        """Show *day* (now, or when the timeline comes into view)."""
        if self._stale or day not in self.days:
            self._wanted_day = day
        else:
            self.day_box.setCurrentIndex(self.days.index(day))

    def _step(self, direction: int) -> None:
        index = self.day_box.currentIndex() + direction
        if 0 <= index < len(self.days):
            self.day_box.setCurrentIndex(index)

    def _day_chosen(self, _index: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Redraw the chosen day from the document's current plan and findings."""
        document, day = self.document, self.current_day()
        canvas = self.canvas
        if document is None or day is None:
            canvas.day = None
            self.zone_label.setText("")
        else:
            canvas.day = day_plan(document.plan, document.travel, day, document.tour.home_zone)
            canvas.marks = document.marks
            canvas.locked = {uid for uid, item in document.plan.items.items() if item.locked}
            self.zone_label.setText(self._zone_text(canvas.day))
        canvas.selected = set(self.selection.items)
        self.previous_button.setEnabled(self.day_box.currentIndex() > 0)
        self.next_button.setEnabled(self.day_box.currentIndex() < len(self.days) - 1)
        canvas.updateGeometry()
        canvas.setMinimumHeight(canvas.sizeHint().height())
        canvas.update()

    def _zone_text(self, day: DayPlan) -> str:
        local = to_local(day.start, day.zone)
        text = fill(self.tr("Times in %1 (%2)"), day.zone, local.tzname() or "")
        # Only when the clocks differ: Stockholm to Copenhagen is no crossing ("CEST → CEST")
        if len({to_local(day.end, z).utcoffset() for z in day.zones}) > 1:
            names = " → ".join(to_local(day.end, z).tzname() or z for z in day.zones)
            text += " · " + fill(self.tr("the day crosses time zones: %1"), names)
        return text

    # --- language -----------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.language = language
        self.canvas.language = language
        self._fill_days()

    def retranslate(self) -> None:
        self.previous_button.setToolTip(self.tr("Previous day"))
        self.previous_button.setAccessibleName(self.tr("Previous day"))
        self.next_button.setToolTip(self.tr("Next day"))
        self.next_button.setAccessibleName(self.tr("Next day"))
        self.day_box.setAccessibleName(self.tr("Day"))
        self.canvas.setAccessibleName(self.tr("Timeline of the day"))
        self.refresh()

    # --- editing ------------------------------------------------------------------------------
    def _move(self, uid: str, start: datetime, end: datetime, resize: bool) -> None:
        document = self.document
        if document is None:
            return
        item = document.plan.items.get(uid)
        title = item.title if item else uid
        commands.execute(commands.MoveItem(document, uid, start, end, title, resize=resize))

    def _clicked(self, uids: list[str]) -> None:
        self.selection.select_items(uids, source=self)
        self.canvas.selected = set(uids)
        self.canvas.update()

    def _selection_changed(self, source: object) -> None:
        if source is self:
            return
        self.canvas.selected = set(self.selection.items)
        if self.selection.items and self.document is not None:
            item = self.document.plan.items.get(self.selection.items[0])
            if item is not None and item.day != self.current_day():
                self.show_day(item.day)
        self.canvas.update()

    def edit_item(self, uid: str) -> Any:
        """Open the item's editor (double-click); returns it."""
        from ui.dialogs.item import open_item_editor

        if self.document is None:
            return None
        try:
            dialog = open_item_editor(self.document, self, uid)
        except InputError as exc:  # deleted meanwhile (a team member, in a shared database)
            self.document.edit_failed.emit(message_of(exc))
            return None
        dialog.saved.connect(self.reveal)
        return dialog

    def add_item(self, day: date | None = None, start: datetime | None = None,
                 row: int = 0) -> Any:
        """Open the editor on a new item: at *start* (on track *row*), else on *day* (the
        shown day if None) after its last item; returns it."""
        from ui.dialogs.item import new_item_defaults, open_item_editor

        document = self.document
        if document is None:
            return None
        canvas = self.canvas
        zone = canvas.day.zone if canvas.day is not None and start is not None else None
        defaults = new_item_defaults(document, day or self.current_day(), start, zone)
        if canvas.day is not None and start is not None and 0 <= row < len(canvas.day.tracks):
            travellers = canvas.day.tracks[row].travellers
            if travellers:  # a traveller's own track on a split day
                defaults["attendees"] = sorted(travellers)
        dialog = open_item_editor(document, self, None, defaults)
        dialog.saved.connect(self.reveal)
        return dialog

    def _add_at(self, start: datetime, row: int) -> None:
        self.add_item(start=start, row=row)

    def duplicate_item(self, uid: str) -> None:
        """A copy of the item right after it (one undoable step), then selected."""
        document = self.document
        key = document.item_key(uid) if document is not None else None
        if document is None or key is None:
            return
        item = document.plan.items.get(uid)
        command = commands.DuplicateItem(document, key, item.title if item else uid)
        if commands.execute(command) and command.key is not None:
            self.reveal(document.uid_of(command.key) or "")

    def delete_item(self, uid: str) -> None:
        document = self.document
        key = document.item_key(uid) if document is not None else None
        if document is None or key is None:
            return
        item = document.plan.items.get(uid)
        commands.execute(commands.DeleteRecord(document, "item", key,
                                               item.title if item else uid))

    def add_meeting(self, organisation: int, start: datetime) -> str | None:
        """A meeting with *organisation* at *start* (dropped from the directory): at its
        office, a meeting's length, its contacts as hosts, everyone attending, the goals it
        serves; one undoable step. Returns the new item's UID."""
        from ui.dialogs.item import meeting_values

        document = self.document
        if document is None:
            return None
        try:
            with document.store.session() as session:
                values = meeting_values(session, organisation, start)
        except InputError as exc:
            document.edit_failed.emit(message_of(exc))
            return None
        command = commands.AddRecord(document, "item", values,
                                     fill(self.tr("Add meeting with %1"), str(values["title"])))
        if not commands.execute(command) or command.key is None:
            return None
        uid = document.uid_of(command.key)
        if uid:  # on the next turn of the event loop: the findings are painted first
            QTimer.singleShot(0, lambda: self.reveal(uid))
        return uid

    def reveal(self, uid: str) -> None:
        """Select the item *uid* in every view, on its day here."""
        document = self.document
        item = document.plan.items.get(uid) if document is not None and uid else None
        if item is None:
            return
        self.show_day(item.day)
        self.selection.select_items([uid])
        self.canvas.selected = {uid}
        self.canvas.update()

    def _menu(self, uid: str, start: datetime | None, row: int, where: QPoint) -> None:
        """The context menu: on an item, edit, duplicate or delete it; on an empty slot, add
        an item there, or say whether the delegation may split up that day."""
        document = self.document
        if document is None:
            return
        menu = QMenu(self)
        menu.setObjectName("timelineMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if uid:
            menu.addAction(self.tr("Edit…"), lambda: self.edit_item(uid))
            menu.addAction(self.tr("Duplicate"), lambda: self.duplicate_item(uid))
            menu.addSeparator()
            menu.addAction(self.tr("Delete"), lambda: self.delete_item(uid))
        elif start is not None and self.canvas.day is not None:
            local = to_local(start, self.canvas.day.zone)
            menu.addAction(fill(self.tr("Add item at %1…"), f"{local:%H:%M}"),
                           lambda: self.add_item(start=start, row=row))
            menu.addSeparator()
            menu.addMenu(SplitDayMenu(document, self.canvas.day.day, menu))
        self.menu = menu
        menu.popup(where)
