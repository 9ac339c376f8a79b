"""The window's language comes from one place (ui.i18n.current_language, set by installing the
translators): the window, its views and models, and the dialogs all say the same."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.dialogs.export import ExportPdfDialog
from ui.i18n import Translators, current_language
from ui.mainwindow import MainWindow
from ui.models.agenda import AgendaModel
from ui.models.coverage import CoverageModel
from ui.models.findings import FindingsModel
from ui.views.coverage import CoverageView
from ui.views.route_map import RouteMapView
from ui.views.timeline import TimelineView


def spoken(window: MainWindow) -> dict[str, str]:
    """The language each part of the window speaks now."""
    pdf = ExportPdfDialog(window.document, window.operations, window)  # type: ignore[arg-type]
    try:
        return {"i18n": current_language(), "window": window.language,
                "map": window.route_map.language, "agenda": window.agenda_model.language,
                "timeline": window.timeline.language, "coverage": window.coverage.language,
                "findings": window.findings_model.language,
                "pdf default": pdf.language.currentData()}
    finally:
        pdf.deleteLater()


def test_every_part_of_the_window_speaks_the_language_chosen(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    try:
        for language in ("ja", "en"):
            window.set_language(language)
            assert set(spoken(window).values()) == {language}, spoken(window)
    finally:
        window.set_language("en")


def test_a_locale_set_elsewhere_does_not_change_the_window_language(
        qtbot: QtBot, window: MainWindow) -> None:
    window.set_language("en")
    QLocale.setDefault(QLocale("ja_JP"))  # as a system in Japan would have it
    try:
        window.route_map.retranslate()
        assert set(spoken(window).values()) == {"en"}, spoken(window)
    finally:
        QLocale.setDefault(QLocale("en"))


def test_a_view_or_model_made_after_a_switch_speaks_the_new_language(
        qtbot: QtBot, window: MainWindow) -> None:
    """No part starts in English and waits to be told: each asks the one source when made."""
    window.set_language("ja")
    try:
        made = [AgendaModel(), FindingsModel(), CoverageModel(),
                CoverageView(window.selection, window.operations),
                RouteMapView(window.selection, window.operations),
                TimelineView(window.selection)]
        assert {part.language for part in made} == {"ja"}
        for part in made:
            part.deleteLater()
    finally:
        window.set_language("en")


def test_the_application_speaks_the_language_installed_last(qapp: QApplication) -> None:
    """Two Translators (two windows, or a test's and a window's) replace each other's
    translators: Japanese left installed under an English window would win every text."""
    first, second = Translators(), Translators()
    try:
        first.install("ja")
        assert QCoreApplication.translate("MainWindow", "&File") == "ファイル(&F)"
        second.install("en")
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        assert current_language() == "en"
    finally:
        Translators().install("en")
