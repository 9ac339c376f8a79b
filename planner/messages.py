"""The message catalogue: English text in the code, Japanese in ``planner/locale``.

Findings (and later the printed book's fixed text) are rendered here, once, for the CLI, the PDF
and the GUI. English templates are the gettext message ids; translations live in
``planner/locale/<lang>/LC_MESSAGES/ecovisit.po``, read with babel. A template is a
``str.format`` string whose fields come from a finding's ``data``.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LANGUAGES = ("en", "ja")
DOMAIN = "ecovisit"


def N_(message: str) -> str:
    """Mark *message* for the catalogue without translating it here."""
    return message


@functools.cache
def catalog(language: str) -> Catalog | None:
    """The catalogue of *language*, or None for English (the message ids are English)."""
    if language == "en":
        return None
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    # babel's catalogue reader is imported when a translation is first read: an English
    # window never needs it, and it is a third of babel's import time
    from babel.messages.pofile import read_po

    path = resources.files("planner") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def translate(message: str, language: str = "en") -> str:
    """*message* in *language* (the English text if there is no translation)."""
    found = catalog(language)
    if found is None:
        return message
    entry = found.get(message)
    if entry is None or not entry.string or entry.fuzzy:
        return message
    return str(entry.string)


def render(template: str, data: dict[str, Any], language: str = "en") -> str:
    """Translate *template* and fill in its fields from *data*."""
    return translate(template, language).format(**data)
