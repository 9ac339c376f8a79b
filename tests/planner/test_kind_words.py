"""An organisation's kind is a word of the reader's language wherever it is printed (issue 17):
the Japanese book says 研究機関, never the stored value "research"."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from planner.cli import main
from planner.formatting import ORGANISATION_KINDS, organisation_kind_text
from planner.model import OrganisationKind

#: This work's Japanese, which the lead merges into the planner's catalogue.


def test_every_kind_has_a_word_in_each_language() -> None:
    assert set(ORGANISATION_KINDS) == set(OrganisationKind)
    for kind in OrganisationKind:
        english, japanese_word = organisation_kind_text(kind), organisation_kind_text(kind, "ja")
        assert english != kind.value and "_" not in english
        assert japanese_word != english, kind
    assert organisation_kind_text("research", "ja") == "研究機関"
    assert organisation_kind_text(OrganisationKind.HUB, "ja") == "イノベーション拠点"


def test_the_japanese_book_names_kinds_in_japanese(demo_path: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "book.pdf"
    command = ["export-pdf", str(demo_path), str(pdf), "--kind", "book", "--lang", "ja"]
    assert main(command, out=io.StringIO()) == 0
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "EUREF-Campus (イノベーション拠点)" in text  # the hub of Thursday's living lab
    for value in ("(research)", "(hub)", "(startup)", "(public_agency)", "(corporate)"):
        assert value not in text
