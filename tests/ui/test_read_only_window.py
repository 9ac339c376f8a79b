"""A tour that cannot be written opens for reading in the window (issue 15, item 5): the title
and a banner say so, every way of changing it is disabled with the reason as its tooltip, an edit
is refused saying why, and not a byte of the file changes.

Permissions are tested as a user they apply to: the suite may run as root, whom file modes do
not stop, and ``runuser -u nobody`` cannot start our Python here (it lives under /root). So the
window runs in a subprocess that has lost the two capabilities that override permissions
(``setpriv --bounding-set=-dac_override,-dac_read_search``), as tests/planner/test_read_only.py
does; for another user the subprocess runs as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import SCREENSHOTS, screenshot
from ui import commands
from ui.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DINNER = "Bavarian dinner"

#: The window on argv[1], offscreen; prints what it shows and what an edit gets, as JSON.
WINDOW = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
    from ui import commands
    from ui.mainwindow import MainWindow
    window = MainWindow()
    window.resize(1100, 700)
    window.show()
    opened = []
    window.tour_opened.connect(lambda _location: opened.append(1))
    window.open_tour(sys.argv[1])
    for _ in range(3000):
        if opened or window.last_message:
            break
        QTest.qWait(20)
    doc = window.document
    if doc is None:
        print(json.dumps({"failed": window.last_message}))
        sys.exit(0)
    item = next(i for i in window.agenda_model.all_items() if i.title == "Bavarian dinner")
    QTest.qWait(200)
    window.grab().save(sys.argv[3])
    said = {
        "title": window.windowTitle(),
        "banner": window.read_only_banner.isVisible(),
        "banner_text": window.read_only_banner.text(),
        "add_item": window.add_item_action.isEnabled(),
        "add_item_tip": window.add_item_action.toolTip(),
        "import": window.import_action.isEnabled(),
        "add_button": window.organisations.add_button.isEnabled(),
        "items": len(window.agenda_model.all_items()),
        "edited": commands.execute(commands.SetField(doc, "item", item.id, "title", "X",
                                                     item.title)),
        "message": window.last_message,
        "looked": window.check_outside(),
    }
    window.close()
    print(json.dumps(said))
""")


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _without_permission_overrides() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv is not None, "setpriv (util-linux) is needed to test permissions as root"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_a_tour_in_a_read_only_folder_opens_for_reading_in_the_window(
        demo_path: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    tour = shared / "tour.ecovisit"
    shutil.copyfile(demo_path, tour)
    settings = tmp_path / "settings"
    settings.mkdir()
    picture = tmp_path / "pictures"
    picture.mkdir()
    tour.chmod(0o444)
    shared.chmod(0o555)
    before = _digest(shared)
    try:
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
        result = subprocess.run(
            [*_without_permission_overrides(), sys.executable, "-c", WINDOW, str(tour),
             str(settings), str(picture / "window.png")],
            capture_output=True, text=True, timeout=120, check=False, env=environment, cwd=ROOT)
        assert result.returncode == 0, result.stderr[-3000:]
        said = json.loads(result.stdout.strip().splitlines()[-1])
        after = _digest(shared)
    finally:
        shared.chmod(0o755)
        tour.chmod(0o644)
    assert "failed" not in said, said
    assert said["items"] > 10  # the agenda is shown
    assert "[read-only]" in said["title"]
    assert said["banner"] and "tour.ecovisit is read-only" in said["banner_text"]
    assert not said["add_item"] and "read-only" in said["add_item_tip"]
    assert not said["import"] and not said["add_button"]
    assert said["edited"] is False and "read-only" in said["message"]
    assert said["looked"] is False
    assert after == before  # not a byte changed, no -wal or -shm left beside it
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(picture / "window.png", SCREENSHOTS / "read-only-window.png")


def test_a_tour_opened_for_reading_refuses_edits_and_saves_an_editable_copy(
        qtbot: QtBot, demo_path: Path, tmp_path: Path) -> None:
    before = demo_path.read_bytes()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        window.open_tour(str(demo_path), read_only=True)
    doc = window.document
    assert doc is not None and doc.read_only
    assert window.windowTitle().startswith(f"{doc.tour.title} [read-only]")
    assert window.read_only_banner.isVisible()
    assert "open for reading only" in window.read_only_banner.text()
    for action in (window.add_item_action, window.delete_action, window.plan_action,
                   window.properties_action, window.undo_action):
        assert not action.isEnabled() and "reading only" in action.toolTip()
    window.selection.select_items([window.agenda_model.all_items()[0].uid])
    window.agenda_menu.aboutToShow.emit()
    assert not window.edit_item_action.isEnabled()
    item = next(i for i in window.agenda_model.all_items() if i.title == DINNER)
    assert not commands.execute(commands.SetField(doc, "item", item.id, "title", "X", DINNER))
    assert "reading only" in window.last_message
    screenshot(window, "read-only-opened-for-reading.png")
    # Save As makes a copy that can be edited
    copy = tmp_path / "mine.ecovisit"
    with qtbot.waitSignal(window.tour_opened, timeout=30_000):
        window.save_copy_and_switch(copy)
    assert not doc.read_only and not window.read_only_banner.isVisible()
    assert window.add_item_action.isEnabled() and "read" not in window.add_item_action.toolTip()
    assert commands.execute(commands.SetField(doc, "item", item.id, "title", "Mine", DINNER))
    window.close()
    assert demo_path.read_bytes() == before
