"""Printed words, not stored identifiers (issue 18 item 9): an organisation's kind, its topics,
the travellers' languages, a travel leg's minutes and an item's status print as words of the
reader's language (public agency / 公的機関, process mining / プロセスマイニング, Japanese /
日本語, 51 min / 51分, requested / 依頼中), in the book, the agenda and the host brief, on a tour
built from nothing and on the demo; the command line counts pages as English does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.formatting import (
    distance_text,
    duration_text,
    language_names,
    status_text,
    topic_words,
)
from planner.model import ItemStatus, OrganisationKind
from planner.topics import concepts
from tests.printed_pdf import export, fresh_tour, text_of

WORDS = {
    "en": {"kind": "Agency One (Public agency)", "topics": "public funding · deep tech · AI · "
           "process mining", "languages": "Languages: Japanese, English, German",
           "requested": "(requested)", "idea": "(idea)", "cancelled": "(cancelled)"},
    "ja": {"kind": "Agency One (公的機関)", "topics": "公的資金 · ディープテック · AI · "
           "プロセスマイニング", "languages": "言語: 日本語、英語、ドイツ語",
           "requested": "（依頼中）", "idea": "（構想）", "cancelled": "（中止）"},
}
#: What must never be printed: stored values and tags.
IDENTIFIERS = ["public_agency", "public-funding", "deep-tech", "process-mining", " ai ",
               "ja, en", "Languages: ja", "言語: ja"]


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    return fresh_tour(tmp_path / "fresh.ecovisit")


def squeezed(text: str) -> str:
    return text.replace(" ", "")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_fresh_tours_book_and_brief_print_words(fresh: Path, tmp_path: Path,
                                                  language: str) -> None:
    export(fresh, tmp_path / "book.pdf", "--kind", "book", "--lang", language)
    book = text_of(tmp_path / "book.pdf")
    brief_said = export(fresh, tmp_path / "brief.pdf", "--kind", "host-brief", "--host",
                        "Agency One", "--lang", language)
    brief = text_of(tmp_path / "brief.pdf")
    words = WORDS[language]
    assert words["kind"] in book
    assert squeezed(words["topics"]) in squeezed(book)
    assert squeezed(words["languages"]) in squeezed(brief)
    for identifier in IDENTIFIERS:
        assert identifier not in f" {book} ", identifier
        assert identifier not in f" {brief} ", identifier
    # a meeting page says a meeting is not agreed yet; its day page marks it too
    assert squeezed(words["requested"]) in squeezed(book)
    assert squeezed(words["idea"]) in squeezed(book)
    assert re.search(r"\(\d+ pages?\)", brief_said)
    # a place without an address or phone leaves no empty field behind
    assert "Campus Süd" in book and "Campus Süd," not in book
    assert "Hotel Adlon —" in book and "Hotel Adlon," not in book


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_agenda_marks_ideas_and_requests_as_it_marks_cancellations(
        fresh: Path, tmp_path: Path, language: str) -> None:
    export(fresh, tmp_path / "agenda.pdf", "--lang", language)
    text = squeezed(text_of(tmp_path / "agenda.pdf"))
    for status in ("requested", "idea", "cancelled"):
        assert squeezed(WORDS[language][status]) in text, status
    # exactly the three items not confirmed are marked
    marks = sum(text.count(squeezed(WORDS[language][s]))
                for s in ("requested", "idea", "cancelled"))
    assert marks == 3


@pytest.mark.parametrize("language", ["en", "ja"])
def test_travel_legs_in_the_readers_language(demo_path: Path, fresh: Path, tmp_path: Path,
                                             language: str) -> None:
    for tour in (demo_path, fresh):
        export(tour, tmp_path / "agenda.pdf", "--lang", language)
        text = text_of(tmp_path / "agenda.pdf")
        legs = re.findall(r"↓ [^↓]*? km", text)
        assert legs, tour
        for leg in legs:
            if language == "ja":
                assert re.search(r"\d+(時間|分)(\d+分)? · [\d,]+\.\d km", leg), leg
                assert "min" not in leg, leg
            else:
                assert re.search(r"\d+ (h|min)( \d+ min)? · [\d,]+\.\d km", leg), leg


def test_the_demo_book_prints_topics_as_words(demo_path: Path, tmp_path: Path) -> None:
    export(demo_path, tmp_path / "book.pdf", "--kind", "book")
    text = text_of(tmp_path / "book.pdf")
    assert "process mining · industrial AI · AI · manufacturing" in text  # Celonis
    for tag in ("process-mining", "industrial-ai", "deal-flow", "soft-landing", "deep-tech",
                "public-funding", "innovation-outpost", "open-innovation"):
        assert tag not in text, tag


def test_the_command_line_counts_pages_in_english(demo_path: Path, tmp_path: Path) -> None:
    said = export(demo_path, tmp_path / "brief.pdf", "--kind", "host-brief", "--host", "Celonis")
    assert said.strip().endswith("(1 page)"), said
    said = export(demo_path, tmp_path / "agenda.pdf")
    assert said.strip().endswith("(9 pages)"), said


def test_every_stored_value_has_a_word() -> None:
    for status in ItemStatus:
        assert status_text(status, "ja") != status.value, status
    for kind in OrganisationKind:
        assert "_" not in kind.value or kind is OrganisationKind.PUBLIC_AGENCY
    for concept in concepts().values():
        english = topic_words([concept.name])[0]
        assert "-" not in english or english in ("scale-ups", "spin-offs",
                                                 "software-defined vehicles"), english
        assert topic_words([concept.name], "ja") == [concept.ja]
    assert topic_words(["my-own-tag"]) == ["my-own-tag"]  # typed, not the vocabulary's


def test_durations_distances_and_languages_read_as_words() -> None:
    assert [duration_text(m) for m in (5, 51, 60, 125)] == ["5 min", "51 min", "1 h",
                                                           "2 h 5 min"]
    assert [duration_text(m, "ja") for m in (5, 51, 60, 125)] == ["5分", "51分", "1時間",
                                                                 "2時間5分"]
    assert distance_text(16.66) == "16.7 km" and distance_text(1204.31, "ja") == "1,204.3 km"
    assert language_names(["ja", "en", "de"]) == "Japanese, English, German"
    assert language_names(["ja", "en", "de"], "ja") == "日本語、英語、ドイツ語"
    assert language_names(["de-CH", "tlh-x"]) == "German (Switzerland), tlh-x"
