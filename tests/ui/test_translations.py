"""The Japanese window: every text translated, the shipped .qm built from the .ts, Qt's own
texts translated too."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from ui.i18n import LANGUAGES, Translators, resolve, translations_folder

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ecovisit_ja.ts"
TOOLS = Path(sys.executable).parent


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [m.findtext("source") or "" for m in root.iter("message")
            if m.find("translation") is not None
            and m.find("translation").get("type") in ("unfinished", "vanished")]  # type: ignore


def test_every_text_of_the_window_has_a_japanese_translation(tmp_path: Path) -> None:
    """lupdate over ui/ finds no text the .ts lacks (run scripts/update-translations and
    translate the new entries when this fails)."""
    copy = tmp_path / "ecovisit_ja.ts"
    shutil.copyfile(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                    *sources, "-ts", str(copy)], check=True, capture_output=True)
    assert unfinished(copy) == []
    assert len(list(ET.parse(copy).getroot().iter("message"))) > 150


def test_the_shipped_qm_file_is_compiled_from_the_ts_file(tmp_path: Path) -> None:
    compiled = tmp_path / "ecovisit_ja.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)],
                   check=True, capture_output=True)
    shipped = Path(translations_folder()) / "ecovisit_ja.qm"
    assert shipped.read_bytes() == compiled.read_bytes()


def test_installing_japanese_translates_ours_and_qts_own_texts(qapp: QApplication) -> None:
    translators = Translators()
    try:
        assert translators.install("ja") == "ja"
        assert QCoreApplication.translate("MainWindow", "&File") == "ファイル(&F)"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    finally:
        translators.install("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert translators.install("xx") == "en"


def test_the_language_follows_the_setting_or_else_the_system() -> None:
    assert resolve("ja") == "ja"
    assert resolve("en") == "en"
    assert resolve("") in LANGUAGES
