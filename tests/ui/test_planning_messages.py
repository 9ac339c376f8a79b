"""Tour > Plan on a tour that lacks what planning needs: the dialog says, in the window's
language, the one sentence naming what to add (never a Python message); on a tour that may
split, who goes to each meeting and each traveller's coverage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.messages import translate
from planner.model import Tour
from planner.planning.prerequisites import NO_TRAVELLERS
from planner.store import create_tour_file
from planner.travel import TravelSettings
from tests.planner.test_planning_split import small_tour
from tests.ui.conftest import open_window, screenshot
from ui.dialogs.planning import PlanningDialog


def empty_tour(folder: Path) -> Path:
    """A tour as ``ecovisit new`` leaves it: a title and dates, nothing else."""
    path = folder / "empty.ecovisit"
    create_tour_file(path, lambda session: session.add(Tour(
        title="Empty", start_date=date(2027, 5, 3), end_date=date(2027, 5, 7))))
    return path


@pytest.mark.parametrize("language", ["en", "ja"])
def test_planning_an_empty_tour_says_what_to_add(qtbot: QtBot, tmp_path: Path,
                                                 language: str) -> None:
    window = open_window(qtbot, empty_tour(tmp_path))
    try:
        window.set_language(language)
        window.plan_action.trigger()
        dialog = window.findChild(PlanningDialog)
        assert isinstance(dialog, PlanningDialog)
        with qtbot.waitSignal(window.operations.idle, timeout=60_000):
            dialog.start_button.click()
        expected = translate(NO_TRAVELLERS, language)
        assert dialog.status.text() == expected
        assert ("視察団" in expected) == (language == "ja")
        assert "Error" not in dialog.status.text() and "min()" not in dialog.status.text()
        assert dialog.start_button.isEnabled() and not dialog.apply_button.isEnabled()
        assert dialog.proposal is None
        screenshot(dialog, f"planning-nothing-to-plan-{language}.png")
        dialog.reject()
    finally:
        window.set_language("en")
        window.close()


def test_the_dialog_says_who_goes_and_each_travellers_coverage(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    """A tour that may split: each added meeting names who goes, and each traveller's goals
    covered before and after are said above the changes."""
    window = open_window(qtbot, small_tour(tmp_path, TravelSettings(split_delegation=True)))
    try:
        dialog = PlanningDialog(window.document, window.operations, parent=window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.max_iterations = 200
        dialog.minutes.setValue(60)
        with qtbot.waitSignal(window.operations.idle, timeout=120_000):
            dialog.start()
        assert dialog.proposal is not None
        model = dialog.changes_model
        who = {model.data(model.index(row, 1)): model.data(model.index(row, 3))
               for row in range(model.rowCount())}
        assert who == {"Cell Works": "Anna Battery", "Anode Lab": "Anna Battery",
                       "Campus Ventures": "Ben Spinoff", "Uni Transfer": "Ben Spinoff"}
        assert model.headerData(3, Qt.Orientation.Horizontal) == "Who"
        assert dialog.travellers.text() == ("Goals covered by traveller: Anna Battery 0% → "
                                            "100%, Ben Spinoff 0% → 100%")
        screenshot(dialog, "planning-split.png")
        dialog.reject()
    finally:
        window.close()
