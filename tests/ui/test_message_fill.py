"""Translated messages take user text in one pass (ui.text.fill): a CalDAV URL with ``%20``, a
user name or a file name with ``%1`` or ``%2`` in it shows as typed."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import caldav
import pytest
from pytestqt.qtbot import QtBot

from tests.radicale_server import radicale_server
from tests.ui.test_export_dialogs import MemoryKeyring, memory_keyring  # noqa: F401
from ui.dialogs.export import ExportCalendarDialog
from ui.dialogs.publish import PublishDialog
from ui.mainwindow import MainWindow
from ui.text import fill

WAIT = 120_000
UI = Path(__file__).resolve().parents[2] / "ui"


def test_fill_puts_each_value_in_its_place_once() -> None:
    assert fill("%1 at %2", "ann%2", "https://x/my%20cal/") == "ann%2 at https://x/my%20cal/"
    assert fill("%2, then %1", "%1", 7) == "7, then %1"
    assert fill("100% of %1; %3 stays", "it") == "100% of it; %3 stays"
    assert fill("%1%2", "a", "b") == "ab"
    assert fill("no places", "unused") == "no places"


def test_no_message_of_the_window_is_filled_by_replace() -> None:
    """Every message of ui/ is filled by :func:`fill`, never by ``.replace("%1", x)``: a chain
    ``.replace("%1", a).replace("%2", b)`` reads a's text for ``%2``, and a single replace is
    one step from a chain (and reads ``%10`` as ``%1`` then ``0``)."""
    replaces = [f"{path.relative_to(UI.parent).as_posix()}:{node.lineno}"
                for path in sorted(UI.rglob("*.py"))
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if _fills(node)]
    assert not replaces, "messages filled by .replace(\"%N\", …) instead of ui.text.fill: " + \
        ", ".join(replaces)


def _fills(node: ast.AST) -> bool:
    """Whether *node* is ``….replace("%N…", …)``: a place of a message filled by hand."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
        and node.func.attr == "replace" and bool(node.args) \
        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
        and re.search(r"%[0-9]", node.args[0].value) is not None


@pytest.fixture
def spaced_calendar_url(tmp_path: Path) -> Iterator[str]:
    """A calendar whose URL holds ``%20`` (its name has a space)."""
    with radicale_server(tmp_path / "radicale") as base:
        with caldav.DAVClient(url=base, username="coordinator", password="any") as client:
            calendar = client.principal().make_calendar(name="Our tour", cal_id="our tour")
        url = str(calendar.url).replace(" ", "%20")  # as a browser or a server shows it
        assert url.endswith("/our%20tour/")
        yield url


def test_a_caldav_url_with_percent_20_is_said_as_typed(
        qtbot: QtBot, window: MainWindow, spaced_calendar_url: str,
        memory_keyring: MemoryKeyring) -> None:  # noqa: F811
    dialog = PublishDialog(window.document, window.operations, window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.url.setText(spaced_calendar_url)
    dialog.user.setText("coordinator")
    dialog.password.setText("not-a-secret")
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    assert dialog.status.text() == (f"Published to {spaced_calendar_url}:\n29 created, "
                                    "0 updated, 0 removed, 0 unchanged.")
    # a user name holding "%2", no password anywhere: both said as typed
    dialog.user.setText("ann%2")
    dialog.password.clear()
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.publish()
    assert dialog.status.text() == (
        f"Publishing failed: No password for ann%2 at {spaced_calendar_url} in the system "
        "keyring: type it in the Password field.")


def test_a_file_name_with_percent_signs_is_said_as_typed(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportCalendarDialog(window.document, window.operations, window)  # type: ignore
    qtbot.addWidget(dialog)
    folder = tmp_path / "100%20 sure"
    folder.mkdir()
    target = folder / "tour %1 %2.ics"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(window.operations.idle, timeout=WAIT):
        dialog.export()
    assert target.exists()
    assert dialog.status.text() == f"Wrote {target} (29 events)."  # the demo's idea left out
