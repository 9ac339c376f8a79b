"""Tour > Plan on a tour that lacks what planning needs: the dialog says, in the window's
language, the one sentence naming what to add (never a Python message)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner.messages import translate
from planner.model import Tour
from planner.planning.prerequisites import NO_TRAVELLERS
from planner.store import create_tour_file
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
