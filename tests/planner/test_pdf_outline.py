"""The printed documents as a PDF reader finds them: the book's bookmarks and contents links lead
to the pages the contents print, the agenda and the host brief have a bookmark per day at that
day's page, and every PDF says its title, author (the coordinator), subject and language.

Read back with pypdf (outline, links, text positions, catalogue) and poppler's pdfinfo, on the
demo and on a tour built from an empty file with the command line, in English and Japanese.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from planner.cli import main
from planner.formatting import format_day
from planner.messages import translate
from planner.model import AgendaItem, ItemStatus, Organisation
from planner.queries import items_by_day, load_tour
from planner.store import TourStore

LANGUAGES = ["en", "ja"]
CONTENTS = {"en": "Contents", "ja": "目次"}


def run(*argv: Any) -> None:
    out = io.StringIO()
    assert main([str(a) for a in argv], out=out) == 0, out.getvalue()


def export(tour: Path, out: Path, language: str, kind: str, *extra: str) -> PdfReader:
    run("export-pdf", tour, out, "--force", "--kind", kind, "--lang", language, *extra)
    return PdfReader(out)


def outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    """(title, page from 1, level) of every bookmark, in order."""
    found: list[tuple[str, int, int]] = []

    def walk(entries: list[Any], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                page = reader.get_destination_page_number(entry)
                assert page is not None, entry.title
                found.append((entry.title, page + 1, level))

    walk(reader.outline, 0)
    return found


@dataclass
class Chunk:
    x: float
    y: float
    text: str


def chunks(page: Any) -> list[Chunk]:
    """The page's text pieces at their place on the page (user space), top to bottom."""
    found: list[Chunk] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Chunk(x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda c: (-round(c.y, 1), c.x))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Entry:
    title: str
    number: int
    pieces: list[tuple[int, Chunk]]  # (page index, piece)


def contents_entries(reader: PdfReader, pages: list[int], language: str) -> list[Entry]:
    """The contents as printed: each title (its lines joined) with the page number printed at
    the right of its last line."""
    entries: list[Entry] = []
    pending: list[tuple[int, Chunk]] = []
    for index in pages:
        page = reader.pages[index]
        middle = float(page.mediabox.width) / 2
        pieces = chunks(page)
        assert pieces[0].text == CONTENTS[language]
        for piece in pieces[1:]:
            if piece.x > middle and piece.text.isdigit():
                entries.append(Entry(" ".join(p.text for _, p in pending), int(piece.text),
                                     [*pending, (index, piece)]))
                pending = []
            elif piece.y > 40:  # not the footer
                pending.append((index, piece))
    assert not pending, [p.text for _, p in pending]
    return entries


def links(page: Any) -> list[tuple[list[float], Any]]:
    """(rectangle, destination) of the page's internal links."""
    found = []
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
            found.append(([float(v) for v in annotation["/Rect"]], annotation["/Dest"]))
    return found


def page_of(reader: PdfReader, destination: Any) -> int:
    """The page (from 1) an explicit destination [page /Fit...] names."""
    for number, page in enumerate(reader.pages, start=1):
        if page.indirect_reference == destination[0]:
            return number
    raise AssertionError(f"a link to no page: {destination}")


def inside(piece: Chunk, rect: list[float]) -> bool:
    return rect[0] - 1 <= piece.x <= rect[2] + 1 and rect[1] - 1 <= piece.y <= rect[3] + 1


def check_book(reader: PdfReader, language: str) -> list[tuple[str, int, int]]:
    """Every bookmark at the page the contents print for it, every contents link there too."""
    marks = outline(reader)
    assert marks and all(level == 0 for *_, level in marks)
    linked = [i for i, page in enumerate(reader.pages) if links(page)]
    assert linked and linked == list(range(linked[0], linked[-1] + 1))  # the contents pages
    entries = contents_entries(reader, linked, language)
    assert [(squeeze(e.title), e.number) for e in entries] == \
        [(squeeze(title), page) for title, page, _ in marks]
    assert all(page > linked[-1] + 1 for _, page, _ in marks)  # chapters after the contents
    for title, page, _ in marks:  # the bookmark's page shows the chapter heading first
        assert squeeze(chunks(reader.pages[page - 1])[0].text) in squeeze(title), (title, page)
    served = set()
    for index in linked:
        for rect, destination in links(reader.pages[index]):
            owners = {n for n, entry in enumerate(entries)
                      if any(at == index and inside(p, rect) for at, p in entry.pieces)}
            assert len(owners) == 1, (rect, owners)  # a link over one entry's title or number
            owner = owners.pop()
            assert page_of(reader, destination) == entries[owner].number == marks[owner][1]
            served.add(owner)
    assert served == set(range(len(entries)))  # every entry is a link
    return marks


def info(pdf: Path) -> dict[str, str]:
    lines = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def catalog(reader: PdfReader) -> Any:
    """The document catalogue (/Lang, /PageMode...)."""
    return reader.trailer["/Root"]


def check_metadata(pdf: Path, reader: PdfReader, language: str, title: str, author: str,
                   subject: str) -> None:
    shown = info(pdf)
    assert (shown["Title"], shown["Author"], shown["Subject"], shown["Creator"]) == (
        title, author, subject, "Ecovisit")
    assert catalog(reader)["/Lang"] == language
    assert catalog(reader)["/PageMode"] == "/UseOutlines"


def tour_days(tour: Path) -> tuple[list[date], str, str, str]:
    with TourStore.open(tour) as store, store.transaction() as session:
        items = list(session.scalars(select(AgendaItem).order_by(AgendaItem.start)))
        record = load_tour(session)
        return list(items_by_day(items)), record.title, record.title_ja, record.coordinator


def visit_days(tour: Path, host: str) -> tuple[list[date], str]:
    with TourStore.open(tour) as store, store.transaction() as session:
        organisation = session.scalars(select(Organisation).where(
            Organisation.name.contains(host))).one()
        days = [i.day for i in session.scalars(select(AgendaItem).where(
            AgendaItem.organisation_id == organisation.id).order_by(AgendaItem.start))
            if i.status is not ItemStatus.CANCELLED]
        return list(dict.fromkeys(days)), organisation.name


def say(text: str, language: str, **values: str) -> str:
    """*text* in *language*, from the catalogue (whose completeness test_messages.py checks)."""
    return translate(text, language).format(**values)


def check_all(tour: Path, folder: Path, language: str, host: str) -> list[tuple[str, int, int]]:
    days, title, title_ja, coordinator = tour_days(tour)
    shown_title = title_ja if language == "ja" and title_ja else title
    agenda_subject, book_subject, brief_subject = (
        say(text, language) for text in ("Agenda", "Briefing book", "Host brief"))

    book_pdf = folder / f"book-{language}.pdf"
    book = export(tour, book_pdf, language, "book")
    marks = check_book(book, language)
    check_metadata(book_pdf, book, language, shown_title, coordinator, book_subject)

    agenda_pdf = folder / f"agenda-{language}.pdf"
    agenda = export(tour, agenda_pdf, language, "agenda")
    headings = [format_day(day, language) for day in days]
    assert outline(agenda) == [(h, n, 0) for n, h in enumerate(headings, start=1)]
    for heading, sheet in zip(headings, agenda.pages, strict=True):  # a day per page
        assert chunks(sheet)[0].text == heading
    check_metadata(agenda_pdf, agenda, language, shown_title, coordinator, agenda_subject)

    brief_pdf = folder / f"brief-{language}.pdf"
    brief = export(tour, brief_pdf, language, "host-brief", "--host", host)
    visits, name = visit_days(tour, host)
    marks_brief = outline(brief)
    assert [(t, level) for t, _, level in marks_brief] == \
        [(format_day(day, language), 0) for day in visits]
    for heading, page, _ in marks_brief:  # the day's first visit line is on that page
        assert any(c.text.startswith(heading) for c in chunks(brief.pages[page - 1])), heading
    check_metadata(brief_pdf, brief, language, say("Briefing for {host}", language, host=name),
                   coordinator, brief_subject)
    return marks


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_books_bookmarks_and_links_lead_to_their_pages(
        demo_path: Path, tmp_path: Path, language: str) -> None:
    marks = check_all(demo_path, tmp_path, language, "BMW")
    pages = [page for _, page, _ in marks]
    assert len(marks) == 33 and pages == sorted(pages) and len(set(pages)) == len(pages)


def built_from_nothing(folder: Path) -> Path:
    """A small tour from an empty file: hostile text in titles, names and the coordinator,
    meetings on two days (a long Japanese title that wraps in the contents), one cancelled."""
    tour = folder / "small.ecovisit"
    run("new", tour, "--title", "A<b>&Co; tour", "--title-ja", "「A<b>&Co;」視察",
        "--start", "2027-05-10", "--end", "2027-05-12", "--home-zone", "Asia/Tokyo")
    run("edit-tour", tour, "--coordinator", "Yuki Mori <Ops> & Partners")
    csv = folder / "hosts.csv"
    csv.write_text(
        "organisation,kind,topics,description,address,city,country,latitude,longitude,"
        "contact,role,email,website\n"
        "Vinnova & <Co>,public_agency,funding,Sweden's innovation agency,Mäster Samuelsgatan 56,"
        "Stockholm,SE,59.3336,18.0602,Karin Lund,Head,karin.lund@example.org,"
        "https://www.vinnova.se\n", encoding="utf-8")
    run("import-contacts", tour, csv)
    run("add-item", tour, "Funding </para> & grants", "--host", "Vinnova", "--start",
        "2027-05-10 10:00", "--status", "confirmed",
        "--title-ja", "公的機関によるディープテック支援と、スタートアップ・エコシステムの"
        "資金調達の仕組みについての意見交換・AI")
    run("add-item", tour, "Second visit", "--host", "Vinnova", "--start", "2027-05-11 14:00",
        "--status", "requested")
    run("add-item", tour, "Called off", "--host", "Vinnova", "--start", "2027-05-12 09:00",
        "--status", "cancelled")
    return tour


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tour_built_from_an_empty_file_has_its_outline_and_metadata(
        tmp_path: Path, language: str) -> None:
    tour = built_from_nothing(tmp_path)
    marks = check_all(tour, tmp_path, language, "Vinnova")
    # delegation, route, three days, two meetings (not the cancelled one), coverage, directory,
    # practical information
    assert len(marks) == 10


def test_an_empty_tour_prints_no_day_bookmarks_and_no_made_up_author(tmp_path: Path) -> None:
    tour = tmp_path / "empty.ecovisit"
    run("new", tour, "--title", "Nothing yet", "--start", "2027-05-10", "--end", "2027-05-11")
    agenda_pdf = tmp_path / "agenda.pdf"
    agenda = export(tour, agenda_pdf, "en", "agenda")
    assert outline(agenda) == []
    shown = info(agenda_pdf)
    assert (shown["Title"], shown["Author"], shown["Subject"]) == ("Nothing yet", "", "Agenda")
    assert catalog(agenda)["/Lang"] == "en"
    book = export(tour, tmp_path / "book.pdf", "ja", "book")
    marks = check_book(book, "ja")
    assert len(marks) == 5  # delegation, route, coverage, directory, practical information
    assert catalog(book)["/Lang"] == "ja"
