"""Topics show in the window's language (the directory's table and form, the goals' table, the
coverage view's match texts) and an edit keeps the topics it did not touch as they were typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.goals import Match
from planner.model import LearningGoal, Organisation
from planner.store import TourStore
from tests.ui.conftest import screenshot
from ui.mainwindow import MainWindow
from ui.models.coverage import CoverageModel

CELONIS_EN = "process-mining, industrial-ai, ai, manufacturing"
CELONIS_JA = "プロセスマイニング, 産業AI, AI, 製造業"


def stored_topics(path: Path, record: type[Organisation] | type[LearningGoal],
                  key: int) -> list[str]:
    with TourStore.open(path) as store, store.transaction() as session:
        return list(session.scalars(select(record.topics).where(record.id == key)).one())


def test_topics_show_in_the_windows_language_and_edits_keep_what_was_typed(
        qtbot: QtBot, window: MainWindow, demo_path: Path) -> None:
    browser, model = window.organisations, window.models["organisation"]
    row = next(r for r in range(model.rowCount()) if model.record_at(r).name == "Celonis")
    key = model.record_at(row).id
    cell = model.index(row, model.column_of("topics"))
    assert cell.data() == CELONIS_EN
    assert browser.select_key(key)
    form = browser.form.editors["topics"]
    assert isinstance(form, QLineEdit) and form.text() == CELONIS_EN
    window.language_actions["ja"].trigger()
    try:
        assert cell.data() == CELONIS_JA
        browser.filter_box.setText("process mining")  # the English words find it too
        assert [browser.proxy.index(r, 0).data() for r in range(browser.proxy.rowCount())] \
            == ["Celonis"]
        browser.filter_box.clear()
        assert form.text() == CELONIS_JA
        screenshot(window, "topics-directory-ja.png")
        goals = window.models["goal"]
        shown = {goals.record_at(r).title: goals.index(r, goals.column_of("topics")).data()
                 for r in range(goals.rowCount())}
        assert shown["Industrial AI and process mining in manufacturing"] == \
            "産業AI, プロセスマイニング, 製造業, AI"
        steps = window.document.undo_stack.count() if window.document else 0
        browser.form.mapper.submit()  # the labels as shown are no edit
        assert window.document is not None and window.document.undo_stack.count() == steps
        form.setText(CELONIS_JA + ", ロボット")
        browser.form.mapper.submit()
        assert stored_topics(demo_path, Organisation, key) == [
            "process-mining", "industrial-ai", "ai", "manufacturing", "ロボット"]
    finally:
        window.language_actions["en"].trigger()
    assert model.index(row, model.column_of("topics")).data() == CELONIS_EN + ", robotics"
    screenshot(window, "topics-directory-en.png")


def test_the_coverage_views_match_texts_name_topics_in_its_language(qtbot: QtBot) -> None:
    model = CoverageModel()
    found = Match(0.75, topics=("manufacturing", "モビリティ"), mentioned=("ＡＩ",))
    model.set_language("ja")
    text = model.match_text(found)
    assert "製造業, モビリティ" in text and "AI" in text and "manufacturing" not in text
    model.set_language("en")
    assert "manufacturing, mobility" in model.match_text(found)
    assert "ai" in model.match_text(found)
