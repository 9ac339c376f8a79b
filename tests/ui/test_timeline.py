"""The timeline: a day's items as blocks, planned by dragging, one undo per drag."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.dayplan import day_plan, snap
from planner.model import AgendaItem
from planner.store import TourStore
from planner.timezones import to_local
from tests.ui.conftest import screenshot
from ui.mainwindow import MainWindow
from ui.views.timeline import TimelineCanvas

MONDAY = date(2027, 5, 17)  # Garching and Munich; BMW 13:00-14:30, Celonis 15:15-16:30
CELONIS = "Process mining for manufacturing"
BMW = "BMW Startup Garage and the software-defined vehicle"


def show_timeline(qtbot: QtBot, window: MainWindow, day: date) -> TimelineCanvas:
    window.resize(1400, 860)
    window.central_tabs.setCurrentWidget(window.timeline)
    window.timeline.show_day(day)
    qtbot.waitUntil(lambda: window.timeline.canvas.isVisible())
    return window.timeline.canvas


def block(canvas: TimelineCanvas, title: str) -> tuple[str, QPoint]:
    """The UID and the centre of the (first) block of *title*."""
    for item, _row, rect in canvas.blocks():
        if item.title == title:
            return item.uid, rect.center().toPoint()
    raise AssertionError(f"no block {title}")


def stored(path: Path, title: str) -> str:
    with TourStore.open(path) as store, store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.title == title)).one()
        return f"{item.local_start:%H:%M}–{item.local_end:%H:%M}"


def overlap_errors(window: MainWindow) -> list[str]:
    return [f.message() for f in window.document.findings  # type: ignore[union-attr]
            if f.severity.value == "error" and f.code == "overlap"]


def drag(qtbot: QtBot, canvas: TimelineCanvas, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=start)
    steps = 8
    for n in range(1, steps + 1):  # a real drag passes through the points between
        point = start + (end - start) * n / steps
        qtbot.mouseMove(canvas, point)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=end)


def test_the_day_is_drawn_as_blocks_with_travel_and_free_time(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    canvas = show_timeline(qtbot, window, MONDAY)
    day = canvas.day
    assert day is not None and day.day == MONDAY
    assert day.split  # the delegation splits on Monday afternoon: a track per traveller
    assert [t.label for t in day.tracks][:2] == ["Kenji Takahashi", "Aiko Watanabe"] or \
        len(day.tracks) == 5
    titles = {item.title for item, _row, _rect in canvas.blocks()}
    assert {CELONIS, BMW} <= titles
    assert any(track.legs for track in day.tracks)
    assert all(leg.leg.minutes > 0 for track in day.tracks for leg in track.legs)
    assert window.timeline.zone_label.text() == "Times in Europe/Berlin (CEST)"
    screenshot(window.timeline, "timeline.png")


def test_dragging_a_meeting_onto_the_one_before_shows_the_overlap_and_undo_restores(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    canvas = show_timeline(qtbot, window, MONDAY)
    assert overlap_errors(window) == []
    uid, centre = block(canvas, CELONIS)
    minutes = 75  # 15:15 -> 14:00, onto BMW (13:00-14:30)
    drag(qtbot, canvas, centre, centre - QPoint(round(minutes * canvas.scale()), 0))
    assert stored(demo_path, CELONIS) == "14:00–15:15"
    errors = overlap_errors(window)
    assert len(errors) == 1 and BMW in errors[0]
    marked = {item.title for item, _row, _rect in canvas.blocks()
              if canvas.marks.get(item.uid) is not None
              and canvas.marks[item.uid].value == "error"}
    assert {CELONIS, BMW} <= marked
    assert window.document.undo_stack.count() == 1  # type: ignore[union-attr]
    screenshot(window.timeline, "timeline-overlap.png")
    window.activateWindow()
    qtbot.waitActive(window)
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_path, CELONIS) == "15:15–16:30"
    assert overlap_errors(window) == []
    del uid


def test_dragging_an_edge_changes_the_length_snapped_to_five_minutes(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    canvas = show_timeline(qtbot, window, MONDAY)
    for item, _row, rect in canvas.blocks():
        if item.title == CELONIS:
            edge = QPoint(round(rect.right()) - 2, round(rect.center().y()))
            break
    drag(qtbot, canvas, edge, edge + QPoint(round(22 * canvas.scale()), 0))  # ~ +22 minutes
    assert stored(demo_path, CELONIS) == "15:15–16:50"  # snapped to 20
    assert window.document.undo_stack.undoText() == f"Resize {CELONIS}"  # type: ignore


def test_a_locked_item_does_not_move(qtbot: QtBot, window: MainWindow,
                                     demo_path: Path) -> None:
    canvas = show_timeline(qtbot, window, date(2027, 5, 14))  # Friday: the ICE to Munich
    train = next(item for item, _row, _rect in canvas.blocks() if item.locked)
    before = stored(demo_path, train.title)
    _uid, centre = block(canvas, train.title)
    drag(qtbot, canvas, centre, centre + QPoint(120, 0))
    assert stored(demo_path, train.title) == before
    assert not window.document.undo_stack.canUndo()  # type: ignore[union-attr]


def test_double_click_edits_the_item_in_one_undoable_step(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    from ui.dialogs.item import ItemDialog

    canvas = show_timeline(qtbot, window, MONDAY)
    _uid, centre = block(canvas, CELONIS)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=centre)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ItemDialog) and w.isVisible())
    dialog.title.setText("Process mining at Celonis")
    dialog.start.setTime(dialog.start.time().addSecs(-15 * 60))
    assert dialog.end.time().toString("HH:mm") == "16:15"  # the end follows the start
    dialog.status.setCurrentIndex(dialog.status.findData("confirmed"))
    dialog.accept()
    assert stored(demo_path, "Process mining at Celonis") == "15:00–16:15"
    stack = window.document.undo_stack  # type: ignore[union-attr]
    assert stack.count() == 1 and stack.undoText() == f"Edit {CELONIS}"
    stack.undo()
    assert stored(demo_path, CELONIS) == "15:15–16:30"


def test_snapping_and_the_day_plan_without_qt(demo_store: TourStore) -> None:
    from planner.feasibility.plan import Plan
    from planner.travel import TravelModel

    with demo_store.transaction() as session:
        plan = Plan.from_session(session)
    moment = plan.items[next(iter(plan.items))].start
    snapped = snap(moment + timedelta(minutes=7), "Europe/Berlin")
    assert to_local(snapped, "Europe/Berlin").minute % 5 == 0
    assert abs((snapped - moment - timedelta(minutes=7)).total_seconds()) <= 150
    day = day_plan(plan, TravelModel(plan.settings), date(2027, 5, 15))  # free Saturday
    assert day.tracks[0].items == [] and day.tracks[0].free


def test_a_new_start_alone_keeps_the_length_in_the_editor(qtbot: QtBot, window: MainWindow,
                                                         demo_path: Path) -> None:
    from PySide6.QtCore import QTime

    from ui.dialogs.item import ItemDialog

    canvas = show_timeline(qtbot, window, MONDAY)
    uid, _centre = block(canvas, CELONIS)
    dialog = ItemDialog(window.document, uid, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.start.setTime(QTime(16, 45))  # after the old end (16:30)
    dialog.accept()
    assert stored(demo_path, CELONIS) == "16:45–18:00"
    dialog = ItemDialog(window.document, uid, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.end.setTime(QTime(0, 30))  # a new end before the start: past midnight
    dialog.accept()
    with TourStore.open(demo_path) as store, store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.title == CELONIS)).one()
        assert item.local_end - item.local_start == timedelta(hours=7, minutes=45)


def test_the_day_list_follows_an_item_moved_to_another_day(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    from ui import commands

    canvas = show_timeline(qtbot, window, date(2027, 5, 14))
    doc = window.document
    assert doc is not None
    dinner = next(i for i in doc.plan.items.values() if i.title == "Bavarian dinner")
    saturday = date(2027, 5, 15)
    texts = [window.timeline.day_box.itemText(n) for n in range(window.timeline.day_box.count())]
    index = window.timeline.days.index(saturday)
    assert texts[index].endswith("(0)")
    assert commands.execute(commands.MoveItem(doc, dinner.uid, dinner.start + timedelta(days=1),
                                              dinner.end + timedelta(days=1), dinner.title))
    assert window.timeline.day_box.itemText(index).endswith("(1)")
    assert canvas.day is not None


def test_show_in_timeline_opens_the_items_day(qtbot: QtBot, window: MainWindow) -> None:
    """The timeline is drawn only when it comes into view, and then on the chosen item's day."""
    assert window.central_tabs.currentWidget() is window.agenda_view
    dinner = next(i for i in window.agenda_model.all_items() if i.title == "Bavarian dinner")
    window.show_in_timeline(dinner.uid)
    qtbot.waitUntil(lambda: window.timeline.current_day() == date(2027, 5, 14))
    canvas = window.timeline.canvas
    assert canvas.selected == {dinner.uid}
    assert any(item.uid == dinner.uid for item, _row, _rect in canvas.blocks())


def test_hovering_a_travel_leg_says_which_way_and_why(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QToolTip

    canvas = show_timeline(qtbot, window, MONDAY)
    assert canvas.day is not None
    row, track = next((r, t) for r, t in enumerate(canvas.day.tracks) if t.legs)
    leg, _y, label, _text = next(canvas._leg_labels(track, row))
    assert canvas.leg_at(QPointF(label.center())) is leg
    assert canvas.leg_at(QPointF(-50, -50)) is None
    qtbot.mouseMove(canvas, label.center().toPoint())
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert leg.leg.explanation in QToolTip.text() and "straight line" in QToolTip.text()
