"""The window's keyboard shortcuts: each key held by one action alone (Qt calls a key held
twice "ambiguous" and does nothing), in English and in Japanese, and Redo's keys redo."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window
from tests.ui.test_mainwindow import item_index
from ui.mainwindow import MainWindow
from ui.models.agenda import AgendaModel

DINNER = "Bavarian dinner"
#: What X11 (Xvfb, most Linux desktops) binds to the standard keys that differ from the
#: offscreen platform's: Redo is Ctrl+Shift+Z there, the key the window adds for everyone.
X11_BINDINGS = {
    QKeySequence.StandardKey.Redo: ["Ctrl+Shift+Z", "Redo"],
    QKeySequence.StandardKey.Undo: ["Ctrl+Z", "F14", "Undo"],
    QKeySequence.StandardKey.Delete: ["Del", "Ctrl+D"],
    QKeySequence.StandardKey.Quit: ["Ctrl+Q", "Exit"],
}


def held_keys(window: MainWindow) -> Counter[str]:
    """How many times each key is held by the window's actions and shortcuts (menus, docks,
    views), an action's second hold of a key counted too."""
    keys: Counter[str] = Counter()
    for action in window.findChildren(QAction):
        keys.update(sequence.toString() for sequence in action.shortcuts())
    for shortcut in window.findChildren(QShortcut):
        keys.update(sequence.toString() for sequence in list(shortcut.keys()))
    return keys


def shared(window: MainWindow) -> dict[str, int]:
    return {key: count for key, count in held_keys(window).items() if count > 1}


def edit_and_undo(window: MainWindow) -> None:
    """Move the dinner's start, then undo it: Redo has one step to do."""
    index = item_index(window, DINNER, AgendaModel.TIME)
    assert window.agenda_model.setData(index, QTime(20, 30))
    window.undo_action.trigger()
    assert item_index(window, DINNER, AgendaModel.TIME).data() == "19:00–21:00"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_two_actions_of_the_window_share_a_key(window: MainWindow, language: str) -> None:
    window.set_language(language)
    assert shared(window) == {}
    assert "Ctrl+Shift+Z" in held_keys(window)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_key_is_shared_with_the_bindings_of_x11(
        qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    """Under X11 Redo's own key is Ctrl+Shift+Z: held twice by Redo, it did nothing."""
    platform = QKeySequence.keyBindings

    def x11(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        if key in X11_BINDINGS:
            return [QKeySequence(text) for text in X11_BINDINGS[key]]
        return platform(key)

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(x11))
    window = open_window(qtbot, demo_path)
    try:
        window.set_language(language)
        assert shared(window) == {}
        redo = [sequence.toString() for sequence in window.redo_action.shortcuts()]
        assert redo == ["Ctrl+Shift+Z", "Redo"]
    finally:
        window.translators.install("en")
        window.close()


def test_every_key_of_redo_redoes(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Shift+Z and each key the platform binds to Redo (those a keyboard types with a
    modifier: the test cannot press a media key), pressed on the window after an edit and its
    undo, redo the edit."""
    window.activateWindow()
    qtbot.waitActive(window)
    keys = [QKeySequence("Ctrl+Shift+Z"),
            *(key for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
              if key[0].keyboardModifiers() != Qt.KeyboardModifier.NoModifier)]
    for key in keys:
        edit_and_undo(window)
        window.agenda_view.setFocus()
        qtbot.keyClick(window.agenda_view, key[0].key(), key[0].keyboardModifiers())
        assert item_index(window, DINNER, AgendaModel.TIME).data() == "20:30–22:30", \
            key.toString()


def test_delete_in_the_hotel_nights_is_the_windows_one_delete_key(
        qtbot: QtBot, window: MainWindow) -> None:
    """The hotel nights' list held Del a second time (with the window's Delete): the key was
    ambiguous there. The window's Delete now deletes the chosen night."""
    window.stays_dock.show()
    window.stays_dock.raise_()
    view = window.stays.view
    qtbot.waitUntil(lambda: view.topLevelItemCount() > 0, timeout=10_000)
    nights = view.topLevelItemCount()
    view.setCurrentItem(view.topLevelItem(0))
    window.activateWindow()
    qtbot.waitActive(window)
    view.setFocus()
    stack = window.document.undo_stack  # type: ignore[union-attr]
    count = stack.count()
    qtbot.keyClick(view, QKeySequence("Del")[0].key())
    qtbot.waitUntil(lambda: stack.count() == count + 1, timeout=5_000)
    assert stack.count() == count + 1 and nights > 0
