"""The printed agenda, read back with poppler: every item, every time, fonts embedded."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import select

from planner.cli import main
from planner.model import AgendaItem
from planner.queries import items_by_day
from planner.store import TourStore, create_tour_file
from planner.tourdoc import import_document

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils are not installed (.ci/run installs them)")


def export(tour: Path, out: Path, *extra: str) -> Path:
    assert main(["export-pdf", str(tour), str(out), "--force", *extra], out=io.StringIO()) == 0
    return out


def text_of(pdf: Path) -> str:
    result = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                            capture_output=True, text=True)
    return " ".join(result.stdout.split())


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_item_and_time_is_printed(demo_path: Path, tmp_path: Path, language: str) -> None:
    text = text_of(export(demo_path, tmp_path / "agenda.pdf", "--lang", language))
    with TourStore.open(demo_path) as store, store.transaction() as session:
        items = session.scalars(select(AgendaItem)).all()
        for item in items:
            title = item.title_ja if language == "ja" and item.title_ja else item.title
            assert " ".join(title.split()) in text or title.replace(" ", "") in \
                text.replace(" ", ""), title
            assert f"{item.local_start:%H:%M}" in text
            for host in item.hosts:
                assert host.name in text
    assert ("時刻" in text) == (language == "ja")


def test_one_page_per_day_none_blank_and_every_font_embedded(demo_path: Path,
                                                              tmp_path: Path) -> None:
    pdf = export(demo_path, tmp_path / "agenda.pdf", "--lang", "ja")
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    with TourStore.open(demo_path) as store, store.transaction() as session:
        days = len(items_by_day(list(session.scalars(select(AgendaItem)))))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == days == 9
    for page in pages:
        dark = int((np.asarray(Image.open(page).convert("L")) < 128).sum())
        assert dark > 500, f"{page.name} looks blank"


def test_hostile_and_long_text_prints_literally(tmp_path: Path) -> None:
    hostile = "A<b>&Co; <font size=40>big</font>"
    long_title = "A very long meeting title " * 12
    document = {"format": "ecovisit-tour", "version": 1,
                "tour": {"title": hostile, "start_date": "2027-01-18", "end_date": "2027-01-19"},
                "places": [{"id": 1, "name": hostile, "latitude": 52.5, "longitude": 13.4,
                            "zone": "Europe/Berlin"}],
                "items": [{"id": n, "uid": f"{n}@t", "title": hostile if n == 1 else long_title,
                           "zone": "Europe/Berlin", "place": 1,
                           "start": f"2027-01-18T{8 + n // 3:02d}:{(n % 3) * 20:02d}:00+01:00",
                           "end": f"2027-01-18T{8 + n // 3:02d}:{(n % 3) * 20 + 15:02d}:00+01:00"}
                          for n in range(1, 31)]}
    tour = tmp_path / "hostile.ecovisit"
    create_tour_file(tour, lambda s: import_document(document, s))
    text = text_of(export(tour, tmp_path / "hostile.pdf"))
    assert hostile in text
    assert "A very long meeting title" in text
    book = text_of(export(tour, tmp_path / "hostile-book.pdf", "--kind", "book"))
    assert hostile in book and text.count("A very long meeting title") >= 29


def test_a_failed_export_leaves_no_file(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "agenda.pdf"
    assert main(["export-pdf", str(demo_path), str(target)], out=io.StringIO()) == 2
    assert not target.exists()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_host_brief_says_who_comes_and_why_and_nothing_internal(
        demo_path: Path, tmp_path: Path, language: str) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        bmw = session.scalars(select(AgendaItem).where(AgendaItem.title.startswith("BMW"))).one()
        bmw.notes = "INTERNAL: push for an exclusive pilot"
    pdf = export(demo_path, tmp_path / "brief.pdf", "--kind", "host-brief", "--host", "bmw",
                 "--lang", language)
    text = text_of(pdf)
    for expected in ("Kenji Takahashi", "高橋 健二", "Executive Vice President and CTO",
                     "How is in-vehicle software from startups validated?", "13:00–14:30"):
        assert expected in text, expected
    goal = ("ソフトウェア・デファインド・ビークルと自動車AI" if language == "ja"
            else "Software-defined vehicles and automotive AI")
    assert goal.replace(" ", "") in text.replace(" ", "")
    for secret in ("INTERNAL", "Shellfish", "Pescatarian", "@example.com", "Celonis",
                   "Needs consecutive interpretation"):
        assert secret not in text, secret


def test_a_host_brief_needs_a_host(demo_path: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-pdf", str(demo_path), str(tmp_path / "b.pdf"), "--kind",
                 "host-brief"], out=io.StringIO()) == 2
    assert "needs --host" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_briefing_book(demo_path: Path, tmp_path: Path, language: str) -> None:
    pdf = export(demo_path, tmp_path / "book.pdf", "--kind", "book", "--lang", language)
    text = text_of(pdf)
    squeezed = text.replace(" ", "")
    with TourStore.open(demo_path) as store, store.transaction() as session:
        items = session.scalars(select(AgendaItem)).all()
        meetings = [i for i in items if i.kind.value == "meeting"]
        days = len(items_by_day(list(items)))
        for item in items:
            title = item.title_ja if language == "ja" and item.title_ja else item.title
            assert title.replace(" ", "") in squeezed, title
            assert f"{item.local_start:%H:%M}" in text
            for host in item.hosts:
                assert host.name in text
    contents = "目次" if language == "ja" else "Contents"
    assert contents in text and ("Emergency" in text or "緊急" in text)
    raw = pdf.read_bytes()
    assert b"/Outlines" in raw  # PDF bookmarks
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
        if line.startswith("Pages:")))
    # cover, contents, delegation, route map, a page per day and per meeting, coverage,
    # directory, practical information
    assert pages >= 3 + 1 + days + len(meetings) + 3
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    for page in sorted(tmp_path.glob("p-*.png")):
        assert int((np.asarray(Image.open(page).convert("L")) < 128).sum()) > 100, page.name
