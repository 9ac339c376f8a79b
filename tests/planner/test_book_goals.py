"""The briefing book's goals chapter: the delegation's own goals under a heading of their own, not
read as the last traveller's."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.cli import main

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils are not installed (.ci/run installs them)")

SHARED = {  # the demo's goals with no traveller, in English and Japanese (priority order)
    "en": ["How European corporates work with startups",
           "Startup speed and culture", "Circular economy and sustainable manufacturing"],
    "ja": ["欧州大企業のスタートアップ連携", "スタートアップのスピードと文化",
           "サーキュラーエコノミーと持続可能なものづくり"],
}


def text_of(tour: Path, pdf: Path, language: str) -> str:
    """The book of *tour* in *language*, as the text poppler reads from the PDF."""
    command = ["export-pdf", str(tour), str(pdf), "--kind", "book", "--lang", language]
    assert main(command, out=io.StringIO()) == 0
    result = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                            capture_output=True, text=True)
    return " ".join(result.stdout.split())


HEADING = {"en": "The delegation", "ja": "視察団全体"}
LAST = {"en": ("Takeshi Ito", "Setting up a European innovation outpost"),
        "ja": ("Takeshi Ito", "欧州イノベーション拠点の設立")}


def goals_chapter(text: str, language: str) -> str:
    """The text of the goals chapter (from its heading to the route map's)."""
    first = {"en": "Delegation and learning goals", "ja": "視察団と学習目標"}[language]
    after = {"en": "Route", "ja": "行程図"}[language]
    begin = text.index(first, text.index(first) + 1)  # the chapter, not its contents line
    return text[begin:text.index(after, begin)]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_delegations_goals_have_their_own_heading(demo_path: Path, tmp_path: Path,
                                                      language: str) -> None:
    text = text_of(demo_path, tmp_path / "book.pdf", language)
    chapter = goals_chapter(text, language)
    name, own_goal = LAST[language]
    heading = chapter.index(HEADING[language])
    assert chapter.index(name) < chapter.index(own_goal) < heading  # the last traveller first
    for goal in SHARED[language]:
        assert chapter.index(goal) > heading, goal  # then the delegation's, under its heading
    assert chapter.count(HEADING[language]) == 1
