"""Undo commands: done once before they are pushed, whichever way they are pushed, and each
remembering what it touched (so another program's change to it is caught)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from planner import edits
from planner.store import TourStore
from tests.ui.test_tour_properties import click_ok, open_properties, stored_tour
from ui import commands
from ui.mainwindow import MainWindow


def test_a_command_pushed_straight_onto_the_stack_does_its_work(
        window: MainWindow, demo_path: Path) -> None:
    doc = window.document
    assert doc is not None
    title = doc.tour.title
    doc.undo_stack.push(commands.SetField(doc, "tour", 1, "title", "Pushed", title))
    assert stored_tour(demo_path)["title"] == "Pushed"  # the push's redo did it, once
    doc.undo_stack.undo()
    assert stored_tour(demo_path)["title"] == title


def test_a_step_a_dialog_pushed_is_caught_when_another_program_changes_it(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    doc = window.document
    assert doc is not None
    window.outside_timer.stop()  # only check_outside looks
    dialog = open_properties(qtbot, window)
    dialog.title.setText("The window's title")
    click_ok(qtbot, dialog)  # the dialog does the step itself, then pushes it
    assert doc.undo_stack.count() == 1
    with TourStore.open(demo_path) as other, other.transaction() as session:
        edits.set_field(session, "tour", 1, "title", "Another program's title")
    with qtbot.waitSignal(doc.changed_outside, timeout=10_000):
        assert window.check_outside()
    assert "1 undo step" in window.last_message
    window.undo_action.trigger()
    assert stored_tour(demo_path)["title"] == "Another program's title"  # their work stays
