"""The window's language: Ecovisit's own translations and Qt's, installed on the application.

Our texts go through ``tr()``; ``resources/translations/ecovisit_<lang>.ts`` holds their
translations (for English, only the singular and plural of texts with a count, ``%n``) and is
compiled to the ``.qm`` file that ships beside it
(``scripts/update-translations`` runs ``lupdate`` and ``lrelease``). Qt's own dialogs and context
menus use the ``qtbase_<lang>.qm`` that comes with PySide6. Findings are translated by the
planner's catalogue (:mod:`planner.messages`), in the same language.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: The languages the window speaks, with their names written in themselves (for the menu).
LANGUAGES = {"en": "English", "ja": "日本語"}
DEFAULT = "en"
#: The language the window speaks now: set by :meth:`Translators.install` alone, read through
#: :func:`current_language` by everything that shows text (one source, never a guess).
_language = DEFAULT
#: The translators installed on the application now (one set, whichever Translators put them).
_installed: list[QTranslator] = []


def system_language() -> str:
    """The system locale's language if the window speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


def resolve(choice: str) -> str:
    """The language to use for a setting's value ('' follows the system)."""
    return choice if choice in LANGUAGES else system_language()


def translations_folder() -> str:
    """Where our compiled translations are (package data of ``resources``)."""
    return str(resources.files("resources") / "translations")


class Translators:
    """Installs the translators of a language on the application, replacing those installed
    before (by any Translators: the application speaks one language)."""

    def install(self, language: str) -> str:
        """Switch the application to *language* (every widget gets a LanguageChange event);
        returns the language the window speaks now (English for one it does not)."""
        global _language, _installed
        app = QCoreApplication.instance()
        assert app is not None, "a QApplication must exist before translators are installed"
        language = language if language in LANGUAGES else DEFAULT
        # said before the translators change: their LanguageChange events re-text the widgets,
        # which ask current_language() and format days with QLocale()
        _language = language
        QLocale.setDefault(QLocale(language))
        for translator in _installed:
            app.removeTranslator(translator)
            translator.deleteLater()
        _installed = []
        # English has ours too: the singular and plural of texts with a count ("1 slot").
        wanted = [(f"ecovisit_{language}", translations_folder())]
        if language != DEFAULT:
            qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            wanted.insert(0, (f"qtbase_{language}", qt_folder))
        for name, folder in wanted:
            translator = QTranslator(app)
            if not translator.load(name, folder):
                raise FileNotFoundError(f"translation {name}.qm is missing from {folder}")
            app.installTranslator(translator)
            _installed.append(translator)
        return language


def current_language() -> str:
    """The language the window speaks now (set by :meth:`Translators.install`; English until
    then): the one place every view, dialog and message asks."""
    return _language


def message_of(error: BaseException) -> str:
    """An error's text for the user, in the window's language where the planner offers it."""
    message = getattr(error, "message", None)
    return str(message(current_language())) if callable(message) else str(error)
