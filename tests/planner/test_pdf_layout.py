"""Printed layout (issue 18 item 10): the coverage matrix's meeting labels never break (M10 was
printed as "M1" over "0"), Japanese lines never start with a character kinsoku forbids there
(a title broke so that a line began with "・AI") nor end with an opening bracket, and the
agenda marks ideas and requests where it marks cancellations."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from planner.printing.kinsoku import NO_END, NO_START, lines_of
from planner.printing.layout import para, styles
from tests.printed_pdf import JAPANESE_TITLES, export, fresh_tour, pages_of
from tests.printed_pdf import lines_of as pdf_lines

#: Half-width forms poppler may give for a full-width character it read.
FORBIDDEN_START = NO_START - set(".,:;?!)]}%")


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    return fresh_tour(tmp_path / "fresh.ecovisit")


def wrapped(text: str, width: float, style: str = "title") -> list[str]:
    """The lines reportlab's paragraph makes of *text* in *width* points (Japanese style)."""
    paragraph = para(text, styles("ja")[style])
    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines
    return ["".join(word.text for word in line.words) if hasattr(line, "words") else
            "".join(line[1]) for line in lines]


@pytest.mark.parametrize("style", ["title", "cell"])
def test_japanese_lines_never_start_or_end_where_kinsoku_forbids(style: str) -> None:
    checked = 0
    for title in JAPANESE_TITLES:
        for width in range(40, 520, 3):
            lines = wrapped(title, width, style)
            assert "".join(lines).replace(" ", "") == title.replace(" ", ""), (width, lines)
            for number, line in enumerate(lines):
                if number:
                    assert line[:1] not in NO_START, (width, lines)
                    assert line[:1] != " ", (width, lines)
                if number < len(lines) - 1:
                    assert line.rstrip()[-1:] not in NO_END, (width, lines)
            checked += len(lines)
    assert checked > 1000


def test_the_host_brief_title_that_began_a_line_with_a_middle_dot() -> None:
    # the width of the host brief's frame on A4, where "・AI" began the second line
    lines = wrapped(JAPANESE_TITLES[0], 481.2)
    assert len(lines) == 2 and not lines[1].startswith("・"), lines


def test_latin_words_and_numbers_with_units_stay_whole() -> None:
    text = "Which Japanese manufacturers already use Celonis 移動 51分 · 16.7 km"
    widths = [10.0] * len(text)
    for width in range(60, 400, 10):
        lines = [line.strip() for line in lines_of(text, widths, [width])]
        for word in ("Which", "Japanese", "manufacturers", "Celonis", "51分", "16.7"):
            if len(word) * 10 <= width:
                assert any(word in line for line in lines), (width, word, lines)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_printed_japanese_line_starts_with_a_forbidden_character(
        demo_path: Path, fresh: Path, tmp_path: Path, language: str) -> None:
    starts = 0
    for tour in (demo_path, fresh):
        for kind in ("agenda", "book", "host-brief"):
            extra = ["--host", "Agency One" if tour == fresh else "Celonis"] \
                if kind == "host-brief" else []
            pdf = tmp_path / f"{kind}.pdf"
            export(tour, pdf, "--kind", kind, "--lang", language, *extra)
            for line in pdf_lines(pdf):
                if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line):  # a Japanese line
                    starts += 1
                    assert line[:1] not in FORBIDDEN_START, (kind, line)
                    assert line[-1:] not in NO_END, (kind, line)
    assert starts > (200 if language == "ja" else 5)


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("meetings", [19, 25, 120])
def test_the_coverage_matrix_never_breaks_a_meeting_label(
        tmp_path: Path, language: str, meetings: int) -> None:
    tour = fresh_tour(tmp_path / "many.ecovisit", meetings=meetings)
    pdf = tmp_path / "book.pdf"
    export(tour, pdf, "--kind", "book", "--lang", language)
    headings = {"en": ("Goal coverage", "Directory of hosts"), "ja": ("目標の達成状況",
                                                                      "訪問先一覧")}
    pages = [page.lstrip() for page in pages_of(pdf)]
    heading, following = headings[language]
    first = next(n for n, page in enumerate(pages) if page.startswith(heading))
    after = next(n for n, page in enumerate(pages) if n > first and page.startswith(following))
    words = re.findall(r"\S+", " ".join(pages[first:after]))
    shown = {word for word in words if re.fullmatch(r"M\d+", word)}
    # a cancelled meeting has no column: every other meeting's label, whole
    expected = {f"M{n}" for n in range(1, meetings)}
    assert shown == expected, sorted(expected - shown)


def test_ideas_and_requests_carry_a_visible_mark(fresh: Path, tmp_path: Path) -> None:
    """The marked rows have their status colour's bar at the table's left edge."""
    pdf = tmp_path / "agenda.pdf"
    export(fresh, pdf, "--lang", "ja")
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    pixels = np.asarray(Image.open(next(tmp_path.glob("page-*.png"))).convert("RGB"))
    red, green, blue = (pixels[..., i].astype(int) for i in range(3))
    orange = (red > 170) & (green > 70) & (green < 130) & (blue < 60)  # requested, #c06000
    grey = (abs(red - 122) < 14) & (abs(green - 122) < 14) & (abs(blue - 122) < 14)
    assert orange.sum() > 20
    left = pixels.shape[1] // 8
    assert orange[:, :left].sum() > 10  # the bar, not only the word
    assert grey[:, :left].sum() > 10  # the idea's bar


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_time_keeps_its_zone(demo_path: Path, tmp_path: Path, language: str) -> None:
    """A flight's times name their zones: "17:50 EET" is never printed as "17:50" over "EET"."""
    pdf = tmp_path / "agenda.pdf"
    export(demo_path, pdf, "--lang", language)
    lines = [line.replace("\u00a0", " ").strip() for line in pdf_lines(pdf)]
    assert not [line for line in lines if re.fullmatch(r"[A-Z]{3,4}( \(\+1\))?", line)]
    zoned = [line for line in lines if re.search(r"\d\d:\d\d [A-Z]{3,4}\b", line)]
    assert len(zoned) >= 8  # both ends of the four flights
