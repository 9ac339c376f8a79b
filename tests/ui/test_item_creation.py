"""Agenda items made from nothing, every way the window offers: Agenda > Add Item… and the
agenda's button, a double-click on an empty slot of the timeline, the timeline's and the agenda's
context menus, an organisation dragged from the directory onto the timeline, and Duplicate. Each
is one undoable step, on a new tour that had no item at all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner import edits
from planner.model import AgendaItem
from planner.store import TourStore
from planner.timezones import to_local
from tests.ui.conftest import SCREENSHOTS, open_window, screenshot
from ui.dialogs.item import ItemDialog
from ui.mainwindow import MainWindow
from ui.views.timeline import ORGANISATION_MIME, TimelineCanvas, organisation_mime

ROOT = Path(__file__).resolve().parents[2]
FIRST, LAST = date(2027, 5, 3), date(2027, 5, 7)
TUESDAY = date(2027, 5, 4)  # Copenhagen
THURSDAY = date(2027, 5, 6)  # Stockholm
KTH = "KTH Innovation"
#: A context menu popped up on the offscreen platform says so.
MENUS = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


# --- the tour ---------------------------------------------------------------------------------
def build_tour(folder: Path) -> Path:
    """A new tour as a coordinator starts one: created empty, then in one setup transaction two
    hotels and their nights, two airports, three travellers, goals, two hosts with an office and
    a contact each. No agenda item."""
    path = folder / "nordic.ecovisit"
    edits.create_tour(path, "Nordic Ecosystems 2027", FIRST, LAST,
                      title_ja="北欧エコシステム視察 2027", home_zone="Asia/Tokyo")
    with TourStore.open(path) as store, store.transaction() as session:
        def add(record: str, **values: Any) -> int:
            return edits.add_record(session, record, values).value

        copenhagen = add("place", name="Hotel Ottilia", kind="hotel", city="Copenhagen",
                         country="DK", latitude=55.6675, longitude=12.5354, exact=True)
        stockholm = add("place", name="Hotel Skeppsholmen", kind="hotel", city="Stockholm",
                        country="SE", latitude=59.3262, longitude=18.0836, exact=True)
        add("place", name="Narita Airport", kind="airport", city="Narita", country="JP",
            latitude=35.772, longitude=140.3929, exact=True)
        add("place", name="Copenhagen Airport", kind="airport", city="Copenhagen",
            country="DK", latitude=55.618, longitude=12.656, exact=True)
        add("stay", place_id=copenhagen, check_in="2027-05-03", check_out="2027-05-05")
        add("stay", place_id=stockholm, check_in="2027-05-05", check_out="2027-05-07")
        for name, name_ja in (("Aiko Tanaka", "田中 愛子"), ("Kenji Sato", "佐藤 健二"),
                              ("Yuki Mori", "森 由紀")):
            add("traveller", name=name, name_ja=name_ja, languages="ja, en")
        add("goal", title="How universities turn research into startups",
            title_ja="大学の研究を起業につなげる方法", topics="spin-off, university",
            priority=5, traveller_id=None)
        add("goal", title="Climate-neutral city districts", topics="urban, sustainability",
            priority=3, traveller_id=None)
        office = add("place", name="KTH Innovation office", kind="office", city="Stockholm",
                     country="SE", latitude=59.3498, longitude=18.0707, exact=True,
                     address="Teknikringen 1")
        kth = add("organisation", name=KTH, name_ja="KTHイノベーション", kind="university",
                  topics="spin-off, university, deep-tech", place_id=office)
        add("contact", name="Anna Lind", role="Head of Startups", organisation_id=kth,
            email="anna@example.se")
        hub = add("place", name="BLOXHUB", kind="office", city="Copenhagen", country="DK",
                  latitude=55.6717, longitude=12.5786, exact=True)
        bloxhub = add("organisation", name="BLOXHUB", kind="hub",
                      topics="urban, sustainability", place_id=hub)
        add("contact", name="Mads Holm", role="Partnerships", organisation_id=bloxhub)
    return path


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    return build_tour(tmp_path)


@pytest.fixture
def window(qtbot: QtBot, tour: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour)
    shown.resize(1400, 900)
    yield shown
    shown.translators.install("en")
    shown.close()


# --- helpers ----------------------------------------------------------------------------------
def stored_items(path: Path) -> list[AgendaItem]:
    """The agenda items in the tour file, read by a new store, as after a restart."""
    with TourStore.open(path) as store, store.transaction() as session:
        return list(session.scalars(select(AgendaItem).options(
            selectinload(AgendaItem.place), selectinload(AgendaItem.destination),
            selectinload(AgendaItem.organisation), selectinload(AgendaItem.hosts),
            selectinload(AgendaItem.attendees), selectinload(AgendaItem.goals))
            .order_by(AgendaItem.start, AgendaItem.id)))


def item_dialog() -> ItemDialog:
    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, ItemDialog) and w.isVisible())


def local(item: AgendaItem) -> str:
    return f"{item.local_start:%Y-%m-%d %H:%M}–{item.local_end:%H:%M} {item.zone}"


def show_day(qtbot: QtBot, window: MainWindow, day: date) -> TimelineCanvas:
    window.central_tabs.setCurrentWidget(window.timeline)
    window.timeline.show_day(day)
    qtbot.waitUntil(lambda: window.timeline.canvas.isVisible()
                    and window.timeline.current_day() == day)
    return window.timeline.canvas


def at(canvas: TimelineCanvas, hour: int, minute: int, row: int = 0) -> QPoint:
    """The point of the canvas at a local time of the shown day."""
    assert canvas.day is not None
    moment = datetime.combine(canvas.day.day, datetime.min.time()).replace(
        hour=hour, minute=minute)
    from planner.timezones import zone

    return canvas.point_of(moment.replace(tzinfo=zone(canvas.day.zone)), row)


def one_step(window: MainWindow, path: Path, text: str) -> None:
    """The last change is one step named *text*: undo takes it all back, redo brings it again
    (the same records, the same UIDs)."""
    stack = window.document.undo_stack  # type: ignore[union-attr]
    assert stack.undoText() == text
    after = [(i.uid, local(i)) for i in stored_items(path)]
    count = stack.count()
    stack.undo()
    before = [(i.uid, local(i)) for i in stored_items(path)]
    assert before != after and len(before) < len(after)
    stack.redo()
    assert [(i.uid, local(i)) for i in stored_items(path)] == after
    assert stack.count() == count


# --- the tests --------------------------------------------------------------------------------
def test_a_new_tour_shows_its_days_on_the_timeline_ready_for_a_first_item(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.agenda_model.all_items() == []
    canvas = show_day(qtbot, window, TUESDAY)
    assert window.timeline.days == [FIRST + timedelta(days=n) for n in range(5)]
    assert canvas.day is not None and canvas.day.zone == "Europe/Copenhagen"  # the hotel's
    assert window.timeline.day_box.currentText().endswith("(0)")


def test_add_item_from_the_agenda_menu_makes_a_meeting_with_a_host(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    action = window.findChild(QAction, "addItem")
    assert action is window.add_item_action and action.shortcut().toString() == "Ctrl+Shift+N"
    assert action in window.agenda_menu.actions()
    assert window.add_item_button.defaultAction() is action  # the button on the agenda
    shortcuts = Counter(s.toString() for a in window.findChildren(QAction)
                        for s in a.shortcuts() if not s.isEmpty())
    assert shortcuts["Ctrl+Shift+N"] == 1
    screenshot(window, "agenda-add-item-button.png")
    window.add_item_button.click()
    dialog = item_dialog()
    assert dialog.windowTitle() == "New Agenda Item"
    assert dialog.start.dateTime().toString("yyyy-MM-dd HH:mm") == "2027-05-03 08:30"
    assert dialog.start_zone.text() == "Europe/Copenhagen (CEST)"  # that night's hotel
    dialog.host.setCurrentText("kth")  # typed into the searchable host box
    dialog.host.lineEdit().editingFinished.emit()
    assert dialog.host.currentText().startswith(KTH)
    assert dialog.place.currentText() == "KTH Innovation office · Stockholm"  # its office
    assert dialog.title.text() == KTH and dialog.title_ja.text() == "KTHイノベーション"
    assert dialog.start_zone.text() == "Europe/Stockholm (CEST)"  # typed where it happens
    assert dialog._checked(dialog.contacts) == {1}  # Anna Lind, suggested
    assert dialog.goal_list.item(0).text().startswith("★ How universities")
    dialog.start.setDateTime(dialog.start.dateTime().addDays(3).addSecs(90 * 60))  # Thu 10:00
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(75 * 60))
    assert dialog.length.text() == "1 h 15 min"
    dialog.accept()
    assert not dialog.isVisible()
    [item] = stored_items(tour)
    assert local(item) == "2027-05-06 10:00–11:15 Europe/Stockholm"
    assert item.organisation.name == KTH and item.place.name == "KTH Innovation office"
    assert [c.name for c in item.hosts] == ["Anna Lind"]
    assert [g.title for g in item.goals] == ["How universities turn research into startups"]
    assert [t.name for t in item.attendees] == ["Aiko Tanaka", "Kenji Sato", "Yuki Mori"]
    assert window.agenda_model.all_items()[0].uid == item.uid
    assert window.selection.items == (item.uid,)
    one_step(window, tour, f"Add {KTH}")


def test_double_click_on_an_empty_slot_opens_a_new_item_at_that_time(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    canvas = show_day(qtbot, window, TUESDAY)
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 10, 32))
    dialog = item_dialog()
    assert dialog.start.dateTime().toString("yyyy-MM-dd HH:mm") == "2027-05-04 10:30"  # snapped
    assert dialog.end.dateTime().toString("HH:mm") == "11:30"
    assert dialog.start_zone.text() == "Europe/Copenhagen (CEST)"  # the day's city
    assert dialog.length.text() == "1 h"
    dialog.title.setText("Lunch with the embassy")
    dialog.kind.setCurrentIndex(dialog.kind.findData("meal"))
    dialog.accept()
    [item] = stored_items(tour)
    assert local(item) == "2027-05-04 10:30–11:30 Europe/Copenhagen"
    assert item.kind.value == "meal" and item.place is None
    assert [b for b in canvas.blocks() if b[0].uid == item.uid]  # drawn on the day
    one_step(window, tour, "Add Lunch with the embassy")


def context_menu(canvas: TimelineCanvas, point: QPoint) -> QMenu:
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, canvas.mapToGlobal(point))
    QApplication.sendEvent(canvas, event)
    view = canvas.parent()
    while view is not None and not hasattr(view, "menu"):
        view = view.parent()
    menu = view.menu  # type: ignore[union-attr]
    assert isinstance(menu, QMenu) and menu.isVisible()
    return menu


def with_menu(widget: Any, menu: QMenu, name: str) -> None:
    """A picture of *widget* with the context menu popped up over it."""
    from PySide6.QtGui import QPainter

    picture = widget.grab()
    painter = QPainter(picture)
    painter.drawPixmap(widget.mapFromGlobal(menu.pos()), menu.grab())
    painter.end()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert picture.save(str(SCREENSHOTS / name))


def texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


@MENUS
@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_timeline_context_menus_add_edit_duplicate_and_delete(
        qtbot: QtBot, window: MainWindow, tour: Path, language: str) -> None:
    window.set_language(language)
    try:
        canvas = show_day(qtbot, window, TUESDAY)
        menu = context_menu(canvas, at(canvas, 14, 1))
        add_text = "Add item at 14:00…" if language == "en" else "14:00 に予定を追加…"
        assert texts(menu)[0] == add_text and len(texts(menu)) == 2  # and the day's split
        with_menu(window.timeline, menu, f"timeline-context-menu-{language}.png")
        menu.actions()[0].trigger()
        menu.close()
        dialog = item_dialog()
        assert dialog.start.dateTime().toString("HH:mm") == "14:00"
        dialog.title.setText("Harbour walk")
        dialog.accept()
        [item] = stored_items(tour)
        block = next(rect for i, _row, rect in canvas.blocks() if i.uid == item.uid)
        menu = context_menu(canvas, block.center().toPoint())
        expected = ["Edit…", "Duplicate", "Delete"] if language == "en" else \
            ["編集…", "複製", "削除"]
        assert texts(menu) == expected
        with_menu(window.timeline, menu, f"timeline-item-menu-{language}.png")
        menu.actions()[1].trigger()  # Duplicate
        menu.close()
        first, copy = stored_items(tour)
        assert first.uid == item.uid and copy.title == "Harbour walk"
        assert local(copy) == "2027-05-04 15:00–16:00 Europe/Copenhagen"  # right after it
        assert window.selection.items == (copy.uid,)
        if language == "en":
            one_step(window, tour, "Duplicate Harbour walk")
        block = next(rect for i, _row, rect in canvas.blocks() if i.uid == copy.uid)
        menu = context_menu(canvas, block.center().toPoint())
        menu.actions()[-1].trigger()  # Delete
        menu.close()
        assert [i.uid for i in stored_items(tour)] == [item.uid]
        window.document.undo_stack.undo()  # type: ignore[union-attr]
        assert [i.uid for i in stored_items(tour)] == [item.uid, copy.uid]
    finally:
        window.set_language("en")


@MENUS
def test_the_agenda_context_menu_adds_on_a_day_and_edits_duplicates_an_item(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    view = window.agenda_view
    view.customContextMenuRequested.emit(QPoint(40, 40))  # the empty agenda of a new tour
    menu = window.agenda_context_menu
    assert texts(menu) == ["Add item on Mon 3 May…"]
    menu.actions()[0].trigger()
    menu.close()
    dialog = item_dialog()
    assert dialog.start.dateTime().toString("yyyy-MM-dd") == "2027-05-03"
    dialog.title.setText("Welcome dinner")
    dialog.start.setTime(dialog.start.time().addSecs(10 * 3600))  # 18:30
    dialog.accept()
    [dinner] = stored_items(tour)
    assert local(dinner) == "2027-05-03 18:30–19:30 Europe/Copenhagen"
    window.central_tabs.setCurrentWidget(view)
    model = window.agenda_model
    day_row = model.index(0, 0)
    row = view.visualRect(model.index(0, 0, day_row)).center()
    view.customContextMenuRequested.emit(row)
    menu = window.agenda_context_menu
    assert texts(menu) == ["Edit…", "Duplicate", "Show in Timeline", "&Delete",
                           "Add item on Mon 3 May…"]
    menu.actions()[1].trigger()  # Duplicate
    menu.close()
    assert [i.title for i in stored_items(tour)] == ["Welcome dinner"] * 2
    one_step(window, tour, "Duplicate Welcome dinner")
    view.customContextMenuRequested.emit(view.visualRect(day_row).center())
    menu = window.agenda_context_menu
    assert texts(menu) == ["Add item on Mon 3 May…", "Delegation May Split This Day"]
    menu.actions()[0].trigger()
    menu.close()
    dialog = item_dialog()
    first_free = dialog.start.dateTime().toString("yyyy-MM-dd HH:mm")
    assert first_free == "2027-05-03 08:30"  # the last item ends after the working day
    dialog.reject()
    view.customContextMenuRequested.emit(row)
    window.agenda_context_menu.actions()[0].trigger()  # Edit…
    window.agenda_context_menu.close()
    dialog = item_dialog()
    assert dialog.windowTitle() == "Edit Welcome dinner"
    dialog.reject()
    window.selection.select_items([dinner.uid])
    window.agenda_menu.aboutToShow.emit()
    assert window.duplicate_item_action.isEnabled()
    window.duplicate_item_action.trigger()
    assert len(stored_items(tour)) == 3


def drop(canvas: TimelineCanvas, point: QPoint, data: Any, picture: str = "") -> QDropEvent:
    """An organisation's drag entering the canvas and dropped at *point* (a *picture* of the
    canvas taken just before the drop)."""
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, actions, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas, enter)
    assert enter.isAccepted()
    if picture:
        screenshot(canvas, picture)
    dropped = QDropEvent(QPointF(point), actions, data, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    QApplication.sendEvent(canvas, dropped)
    return dropped


def test_dropping_an_organisation_on_the_timeline_makes_a_meeting_there(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    canvas = show_day(qtbot, window, THURSDAY)
    browser = window.organisations
    browser.filter_box.setText("KTH")
    data = window.organisation_drag.mime_data(0)
    assert data is not None and data.hasFormat(ORGANISATION_MIME) and data.text() == KTH
    with qtbot.waitSignal(window.findings_shown, timeout=10_000):  # the findings follow
        event = drop(canvas, at(canvas, 13, 58), data, "timeline-drop-preview.png")
    assert event.isAccepted()
    [meeting] = stored_items(tour)
    assert local(meeting) == "2027-05-06 14:00–15:15 Europe/Stockholm"  # snapped, 75 min
    assert meeting.kind.value == "meeting" and meeting.title == KTH
    assert meeting.title_ja == "KTHイノベーション"
    assert meeting.organisation.name == KTH and meeting.place.name == "KTH Innovation office"
    assert [c.name for c in meeting.hosts] == ["Anna Lind"]
    assert [t.name for t in meeting.attendees] == ["Aiko Tanaka", "Kenji Sato", "Yuki Mori"]
    assert [g.title for g in meeting.goals] == ["How universities turn research into startups"]
    qtbot.waitUntil(lambda: window.selection.items == (meeting.uid,))  # then selected
    assert window.timeline.current_day() == THURSDAY
    one_step(window, tour, f"Add meeting with {KTH}")
    bad = organisation_mime(999, "Gone")
    drop(canvas, at(canvas, 9, 0), bad)
    assert len(stored_items(tour)) == 1  # an organisation deleted meanwhile: nothing added
    assert "999" in window.last_message


def test_an_organisation_is_dragged_out_of_the_directory_table(
        qtbot: QtBot, window: MainWindow) -> None:
    browser = window.organisations
    table = browser.table
    window.directory_dock.show()
    window.directory_dock.raise_()
    qtbot.waitUntil(table.isVisible)
    row = next(r for r in range(browser.proxy.rowCount())
               if browser.proxy.index(r, 0).data() == "BLOXHUB")
    start = table.visualRect(browser.proxy.index(row, 0)).center()
    carried: list[Any] = []
    window.organisation_drag.run = lambda drag: carried.append(  # type: ignore[method-assign]
        (bytes(drag.mimeData().data(ORGANISATION_MIME).data()), drag.mimeData().text()))
    qtbot.mousePress(table.viewport(), Qt.MouseButton.LeftButton, pos=start)
    QApplication.sendEvent(table.viewport(), _move(start + QPoint(30, 0)))
    assert carried == [(b"2", "BLOXHUB")]
    qtbot.mouseRelease(table.viewport(), Qt.MouseButton.LeftButton, pos=start)


def _move(point: QPoint) -> QEvent:
    from PySide6.QtGui import QMouseEvent

    return QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(point),
                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)


def test_a_double_click_on_a_travellers_own_track_invites_that_traveller(
        qtbot: QtBot, window: MainWindow, tour: Path) -> None:
    doc = window.document
    assert doc is not None
    from ui import commands

    assert commands.execute(commands.AddRecord(doc, "item", {
        "title": "Aiko's interview", "attendees": [1], "kind": "meeting",
        "start": datetime.fromisoformat("2027-05-04T09:00+02:00"),
        "end": datetime.fromisoformat("2027-05-04T10:00+02:00")}, "Add"))
    canvas = show_day(qtbot, window, TUESDAY)
    assert canvas.day is not None and len(canvas.day.tracks) == 3  # the day splits
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=at(canvas, 15, 0, row=1))
    dialog = item_dialog()
    chosen = {key for key, box in dialog.attendee_boxes.items() if box.isChecked()}
    assert chosen == {2}  # Kenji Sato's track
    assert dialog.everyone.checkState() == Qt.CheckState.PartiallyChecked
    dialog.reject()
    assert to_local(stored_items(tour)[0].start, "Europe/Copenhagen").hour == 9
