"""The Debrief view (issue 19): a meeting's summary, what was learned for each goal it served,
its key takeaways and each attendee's rating, entered in the window; each edit one undo step
that undo and redo show again; the goals' outcomes; on the demo and on a tour built from
nothing; English and Japanese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner import edits
from planner.model import AgendaItem, Learning, LearningGoal, Rating, Tour
from planner.store import TourStore
from tests.ui.conftest import open_window, screenshot
from tests.ui.test_tour_properties import click_ok, fill, open_properties
from ui.mainwindow import MainWindow
from ui.models.debrief import LearningsModel, RatingsModel
from ui.views.debrief import DebriefView

WAIT = 20_000


def rows(path: Path, entity: type, **where: object) -> list:
    with TourStore.open(path) as store, store.session() as session:
        query = select(entity)
        for name, value in where.items():
            query = query.where(getattr(entity, name) == value)
        return list(session.scalars(query))


def show_debrief(qtbot: QtBot, window: MainWindow, uid: str) -> DebriefView:
    """The Debrief tab in front, showing the meeting *uid* (selected as in the agenda)."""
    view = window.debrief
    with qtbot.waitSignal(view.refreshed, timeout=WAIT):
        window.central_tabs.setCurrentWidget(view)
        window.selection.select_items([uid], source=window.agenda_view)
    qtbot.waitUntil(lambda: view.shown.chosen is not None
                    and view.shown.chosen.meeting.uid == uid, timeout=WAIT)
    return view


def step(qtbot: QtBot, window: MainWindow, action: str) -> None:
    """Undo or redo through the window, and wait until the view has read the tour again."""
    with qtbot.waitSignal(window.debrief.refreshed, timeout=WAIT):
        (window.undo if action == "undo" else window.redo)()


def edited(qtbot: QtBot, view: DebriefView, change: object) -> None:
    with qtbot.waitSignal(view.refreshed, timeout=WAIT):
        change()  # type: ignore[operator]


# --- a tour built from nothing ----------------------------------------------------------------
@pytest.fixture(scope="module")
def nothing_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tour typed from nothing through planner.edits: two travellers, a goal, a host and one
    meeting both attend that serves the goal."""
    path = tmp_path_factory.mktemp("fresh") / "fresh.ecovisit"
    edits.create_tour(path, "After the tour", date(2027, 3, 1), date(2027, 3, 3),
                      home_zone="Asia/Tokyo")
    berlin = ZoneInfo("Europe/Berlin")
    with TourStore.open(path) as store, store.transaction() as session:
        aiko = edits.add_record(session, "traveller", {"name": "Aiko Mori",
                                                       "name_ja": "森 愛子"}).value
        ben = edits.add_record(session, "traveller", {"name": "Ben Ito"}).value
        goal = edits.add_record(session, "goal", {"title": "How agencies fund deep tech",
                                                  "title_ja": "ディープテック支援"}).value
        host = edits.add_record(session, "organisation", {"name": "Agency One"}).value
        edits.add_record(session, "item", {
            "title": "Funding talk", "kind": "meeting", "status": "confirmed",
            "start": datetime(2027, 3, 2, 10, tzinfo=berlin),
            "end": datetime(2027, 3, 2, 11, tzinfo=berlin), "zone": "Europe/Berlin",
            "organisation_id": host, "attendees": [aiko, ben], "goals": [goal]})
    return path


@pytest.fixture
def fresh(nothing_master: Path, tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[MainWindow,
                                                                                 Path]]:
    path = tmp_path / "fresh.ecovisit"
    path.write_bytes(nothing_master.read_bytes())
    window = open_window(qtbot, path)
    yield window, path
    window.translators.install("en")
    window.close()


def test_a_tour_from_nothing_gets_its_debrief_and_undo_redo_restore_each_edit(
        qtbot: QtBot, fresh: tuple[MainWindow, Path]) -> None:
    window, path = fresh
    item = rows(path, AgendaItem)[0]
    view = show_debrief(qtbot, window, item.uid)
    chosen = view.shown.chosen
    assert chosen is not None
    assert [g.title for g in chosen.goals] == ["How agencies fund deep tech"]
    assert [r.person.name for r in chosen.ratings] == ["Aiko Mori", "Ben Ito"]
    assert view.meetings.topLevelItemCount() == 1  # one day, one meeting

    # the summary, typed and committed when the focus leaves
    view.summary.setFocus()
    qtbot.keyClicks(view.summary, "Agencies fund pilots, not research")
    edited(qtbot, view, view.finish_editing)
    assert rows(path, AgendaItem)[0].learnings == "Agencies fund pilots, not research"

    # what was learned for the goal, typed into its line
    goal_id = chosen.goals[0].id
    line = view.goal_line(goal_id)
    assert line is not None
    line.learning.setFocus()
    qtbot.keyClicks(line.learning, "Grants follow a customer")
    edited(qtbot, view, lambda: qtbot.keyClick(line.learning, Qt.Key.Key_Return))
    assert [(x.goal_id, x.text, x.tag) for x in rows(path, Learning)] == [
        (goal_id, "Grants follow a customer", None)]

    # a partner-candidate takeaway with its next step, said by Aiko
    edited(qtbot, view, lambda: view.add_takeaway("partner_candidate"))
    model = view.learnings_model
    assert model.rowCount() == 1
    edited(qtbot, view, lambda: model.setData(model.index(0, LearningsModel.TEXT),
                                              "Agency One could co-fund a pilot"))
    aiko = next(p for p in view.shown.chosen.travellers if p.name == "Aiko Mori")  # type: ignore[union-attr]
    edited(qtbot, view, lambda: model.setData(model.index(0, LearningsModel.SAID_BY),
                                              str(aiko.id)))
    edited(qtbot, view, lambda: model.setData(model.index(0, LearningsModel.NEXT_STEP),
                                              "Send the pilot outline"))
    assert model.index(0, LearningsModel.TAG).data() == "Partner candidate"
    assert model.index(0, LearningsModel.SAID_BY).data() == "Aiko Mori"

    # Ben rates it 4 and would recommend it
    ratings = view.ratings_model
    edited(qtbot, view, lambda: ratings.setData(ratings.index(1, RatingsModel.SCORE), "4"))
    edited(qtbot, view, lambda: ratings.setData(ratings.index(1, RatingsModel.RECOMMEND),
                                                "yes"))
    assert [(r.score, r.recommend) for r in rows(path, Rating)] == [(4, True)]
    assert ratings.index(1, RatingsModel.SCORE).data() == "★★★★ 4"
    meeting_row = view.meetings.topLevelItem(0).child(0)
    assert meeting_row.text(1) == "★ 4.0 (1)"

    # the outcome of the goal, from the view's compact list
    line.outcome.setCurrentIndex(line.outcome.findData("answered"))
    edited(qtbot, view, lambda: view.set_outcome(line))
    assert rows(path, LearningGoal)[0].outcome.value == "answered"
    screenshot(window, "debrief-fresh-en.png")

    # undo each edit, newest first: the view shows each step going
    step(qtbot, window, "undo")  # the outcome
    assert rows(path, LearningGoal)[0].outcome.value == "open"
    assert view.goal_line(goal_id).outcome.currentData() == "open"  # type: ignore[union-attr]
    step(qtbot, window, "undo")  # would recommend
    assert ratings.index(1, RatingsModel.RECOMMEND).data() == ""
    step(qtbot, window, "undo")  # the rating
    assert rows(path, Rating) == []
    assert ratings.index(1, RatingsModel.SCORE).data() == ""
    assert view.meetings.topLevelItem(0).child(0).text(1) == ""
    for _ in range(4):  # next step, who said it, its text, the takeaway
        step(qtbot, window, "undo")
    assert model.rowCount() == 0
    step(qtbot, window, "undo")  # the goal's learning
    assert view.goal_line(goal_id).learning.text() == ""  # type: ignore[union-attr]
    step(qtbot, window, "undo")  # the summary
    assert view.summary.toPlainText() == ""
    assert rows(path, AgendaItem)[0].learnings == ""

    assert not window.document.undo_stack.canUndo()  # type: ignore[union-attr]
    # and redo brings every one back
    for _ in range(9):
        step(qtbot, window, "redo")
    assert view.summary.toPlainText() == "Agencies fund pilots, not research"
    assert view.goal_line(goal_id).learning.text() == "Grants follow a customer"  # type: ignore[union-attr]
    assert [model.index(0, c).data() for c in range(5)] == [
        "Partner candidate", "Agency One could co-fund a pilot", "Aiko Mori", "",
        "Send the pilot outline"]
    assert ratings.index(1, RatingsModel.SCORE).data() == "★★★★ 4"
    assert ratings.index(1, RatingsModel.RECOMMEND).data() == "yes"
    assert rows(path, LearningGoal)[0].outcome.value == "answered"

    # the vision after the tour, beside the vision it started with (Tour > Properties)
    dialog = open_properties(qtbot, window)
    fill(dialog, {"vision_after": "Partner with agencies on pilots",
                  "vision_after_ja": "公的機関と実証で組む"})
    screenshot(dialog, "debrief-vision-after-en.png")
    click_ok(qtbot, dialog)
    tour = rows(path, Tour)[0]
    assert (tour.vision_after, tour.vision_after_ja) == ("Partner with agencies on pilots",
                                                         "公的機関と実証で組む")
    window.undo()
    assert rows(path, Tour)[0].vision_after == ""


# --- the demo ---------------------------------------------------------------------------------
def test_the_demo_in_the_debrief_view_in_english_and_japanese(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    with TourStore.open(demo_path) as store, store.session() as session:
        learned = set(session.scalars(select(Learning.item_id)))
        candidates = [item for item in session.scalars(select(AgendaItem).order_by(
            AgendaItem.start)) if item.goals and len(item.attendees) > 1
            and item.status.value == "confirmed"]
        # a meeting the demo already has a debrief of, if it has one
        meeting = next((item for item in candidates if item.id in learned), candidates[0])
        uid, title = meeting.uid, meeting.title
    view = show_debrief(qtbot, window, uid)
    assert view.shown.meetings, "the demo's meetings are listed"
    assert view.heading.full_text().startswith(title)
    assert view.outcomes.topLevelItemCount() > 0  # every goal with its outcome

    # a takeaway typed on the demo, then undone and redone
    edited(qtbot, view, lambda: view.add_takeaway("trend"))
    model = view.learnings_model
    new_row = next(n for n in range(model.rowCount())
                   if model.index(n, LearningsModel.TEXT).data() == "New takeaway")
    edited(qtbot, view, lambda: model.setData(model.index(new_row, LearningsModel.TEXT),
                                              "Corporates buy from start-ups as clients"))
    assert model.index(new_row, LearningsModel.TAG).data() == "Trend"
    before = model.rowCount()
    step(qtbot, window, "undo")
    step(qtbot, window, "undo")
    assert model.rowCount() == before - 1
    step(qtbot, window, "redo")
    step(qtbot, window, "redo")
    # the Delete key in the takeaways takes the chosen one away (one step, undone)
    view.learnings_table.setFocus()
    view.learnings_table.selectRow(new_row)
    with qtbot.waitSignal(view.refreshed, timeout=WAIT):
        window.delete_action.trigger()
    assert model.rowCount() == before - 1
    step(qtbot, window, "undo")
    assert model.rowCount() == before
    assert any(model.index(n, LearningsModel.TEXT).data()
               == "Corporates buy from start-ups as clients" for n in range(model.rowCount()))
    QApplication.processEvents()
    screenshot(window, "debrief-demo-en.png")

    # the goals form shows each goal's outcome and its summary
    goals = window.goals
    window.delegation_dock.raise_()
    goals.table.selectRow(0)
    outcome = goals.form.editors["outcome"]
    assert outcome.currentText() in ("Open", "Partly answered", "Answered")  # type: ignore[attr-defined]
    assert "outcome_summary" in goals.form.editors
    column = goals.model.column_of("outcome")
    assert goals.proxy.index(0, column).data() in ("Open", "Partly answered", "Answered")

    window.set_language("ja")
    QApplication.processEvents()
    words = {model.index(n, LearningsModel.TAG).data() for n in range(model.rowCount())}
    assert "トレンド" in words
    outcomes = {view.outcomes.topLevelItem(n).text(1)
                for n in range(view.outcomes.topLevelItemCount())}
    assert outcomes <= {"未解決", "一部解決", "解決"}
    assert window.central_tabs.tabText(window.central_tabs.indexOf(view)) == "振り返り"
    # the follow-ups dock and the files after the tour are in the window's menus
    assert window.follow_ups_dock.toggleViewAction() in window.view_menu.actions()
    names = [a.objectName() for a in window.file_menu.actions()]
    assert {"exportNotes", "importNotes", "exportFollowUps", "writeThanks"} <= set(names)
    window.export_notes_action.trigger()  # the dialog opens on the tour (its module loaded now)
    opened = [w for w in QApplication.topLevelWidgets()
              if type(w).__name__ == "ExportNotesDialog" and w.isVisible()]
    assert len(opened) == 1
    opened[0].close()
    assert window.write_thanks_action.text() == "お礼状を作成(&T)…"
    assert goals.proxy.index(0, column).data() in ("未解決", "一部解決", "解決")
    screenshot(window.delegation_dock, "debrief-goal-outcome-ja.png")
    screenshot(window, "debrief-demo-ja.png")
