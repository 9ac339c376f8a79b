"""One table of field labels (planner.edits.FIELD_LABELS): the records tables' column titles,
the detail forms' labels, undo texts and refusals call a field by the same word, in English and
in the window's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner import edits
from planner.edits import FieldError, Reason
from planner.messages import N_
from ui.i18n import Translators
from ui.models.records import COLUMNS, RecordTableModel


def titles(kind: str) -> list[str]:
    model = RecordTableModel(kind)
    return [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]


def test_the_tables_keep_their_english_titles(qapp: QApplication) -> None:
    assert titles("organisation") == [
        "Name", "Japanese name", "Kind", "City", "Topics", "Website", "E-mail", "Phone",
        "Address", "Description", "Notes"]
    assert titles("contact") == ["Name", "Japanese name", "Organisation", "Role", "E-mail",
                                 "Phone", "Languages", "Notes"]
    assert titles("traveller") == ["Name", "Japanese name", "Company", "Role", "E-mail",
                                   "Languages", "Staff", "Dietary needs", "Notes"]
    assert titles("goal") == ["Owner", "Goal", "Japanese title", "Topics", "Priority",
                              "Description", "Outcome", "Outcome summary"]
    assert titles("place") == ["Name", "Kind", "City", "Country", "Time zone", "Location",
                               "Coordinates", "Address", "Phone", "Notes"]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_column_and_a_refusal_call_the_field_by_one_word(qapp: QApplication,
                                                           language: str) -> None:
    translators = Translators()
    try:
        translators.install(language)
        for kind, columns in COLUMNS.items():
            shown = titles(kind)
            for n, column in enumerate(columns):
                if column.field in edits.FIELD_LABELS and column.field != "title":
                    assert shown[n] == edits.field_title(column.field, language), (kind, n)
        refusal = FieldError("organisation", "email",
                             Reason(N_("{text!r} is not an e-mail address"), text="x"))
        email = edits.field_label("email", language)
        assert email in refusal.message(language)
        assert titles("organisation")[6] == email[:1].upper() + email[1:]
    finally:
        translators.install("en")
    assert edits.field_label("email") == "e-mail"  # the one spelling (not "email", "E-mail")
