"""Asking hosts in the window's findings (issue 20): a request sent long ago and not answered is
a finding of the whole tour as soon as it is recorded, goes when the reply is, and comes back
with undo; on a tour typed from nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from planner import edits
from planner.store import TourStore
from tests.ui.conftest import open_window
from ui import commands
from ui.commands import AddRecord, SetFields
from ui.mainwindow import MainWindow

#: "Today" in these tests: three weeks before the tour.
TODAY = date(2027, 4, 12)


@pytest.fixture
def tour_path(tmp_path: Path) -> Path:
    path = tmp_path / "asking.ecovisit"
    edits.create_tour(path, "Nordic tour", date(2027, 5, 3), date(2027, 5, 7))
    with TourStore.open(path) as store, store.transaction() as session:
        edits.add_record(session, "organisation", {"name": "Vinnova"})
    return path


@pytest.fixture
def window(qtbot: QtBot, tour_path: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, tour_path)
    assert shown.document is not None
    shown.document.today = TODAY
    with qtbot.waitSignal(shown.findings_shown, timeout=30_000):
        shown.document.check_everything()
    yield shown
    shown.close()


def findings(window: MainWindow) -> list[tuple[str, str]]:
    model = window.findings_model
    return [(str(model.index(row, 0).data()), str(model.index(row, 2).data()))
            for row in range(model.rowCount())]


def test_an_unanswered_request_is_a_finding_until_the_reply(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    document = window.document
    assert document is not None and findings(window) == []
    commands.execute(AddRecord(document, "request", {
        "organisation_id": 1, "state": "sent", "sent_on": "2027-03-29"}, "Ask Vinnova"))
    # sent Mon 29 Mar, five working days to answer: a reminder is due since Mon 5 Apr
    qtbot.waitUntil(lambda: any("Vinnova has not answered" in text
                                for _day, text in findings(window)))
    assert [day for day, text in findings(window) if "Vinnova" in text] == ["Whole tour"]
    commands.execute(SetFields(document, "request", 1, {"state": "replied",
                                                        "replied_on": "2027-04-09"},
                               "Vinnova replied"))
    qtbot.waitUntil(lambda: findings(window) == [])
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: any("Vinnova" in text for _day, text in findings(window)))
