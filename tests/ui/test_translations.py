"""The Japanese window: every text translated, the shipped .qm built from the .ts, Qt's own
texts translated too."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
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


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_shipped_qm_file_is_compiled_from_the_ts_file(tmp_path: Path, language: str) -> None:
    source = TS.with_name(f"ecovisit_{language}.ts")
    compiled = tmp_path / f"ecovisit_{language}.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(source), "-qm",
                    str(compiled)], check=True, capture_output=True)
    shipped = Path(translations_folder()) / f"ecovisit_{language}.qm"
    assert shipped.read_bytes() == compiled.read_bytes()


def test_every_english_text_with_a_count_has_its_singular_and_plural(tmp_path: Path) -> None:
    """'1 slots' nowhere: lupdate -pluralonly over ui/ finds no count text the English .ts
    lacks, and each has two forms."""
    copy = tmp_path / "ecovisit_en.ts"
    shutil.copyfile(TS.with_name("ecovisit_en.ts"), copy)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-pluralonly", "-no-obsolete", "-locations",
                    "none", *sources, "-ts", str(copy)], check=True, capture_output=True)
    assert unfinished(copy) == []
    messages = list(ET.parse(copy).getroot().iter("message"))
    assert len(messages) >= 10
    for message in messages:
        forms = [f.text for f in message.iter("numerusform")]
        assert (len(forms) == 2 and forms[0] != forms[1]) or "more" in (forms[0] or "")


def test_english_counts_are_singular_for_one(qapp: QApplication) -> None:
    translators = Translators()
    assert translators.install("en") == "en"
    one = QCoreApplication.translate("WeeklySlotsDialog", "Makes %n slots: %1.", None, 1)
    two = QCoreApplication.translate("WeeklySlotsDialog", "Makes %n slots: %1.", None, 2)
    assert (one, two) == ("Makes 1 slot: %1.", "Makes 2 slots: %1.")


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
