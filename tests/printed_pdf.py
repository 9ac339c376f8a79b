"""Reading printed PDFs back for the tests of their words and layout: the text poppler reads,
each line as poppler lays it out (a table cell's lines apart from its neighbours'), and a tour
built from nothing with what the demo lacks (a public agency, ideas, 25 meetings)."""

from __future__ import annotations

import html
import io
import re
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from planner.cli import main
from planner.store import create_tour_file
from planner.tourdoc import import_document

#: Long Japanese titles: middle dots, brackets, small kana, long vowels and Latin words mixed.
JAPANESE_TITLES = [
    "欧州イノベーション・エコシステム視察 ― モビリティ・エネルギー・AI ご訪問のご案内",
    "「ソフトウェア・デファインド・ビークル」とサーキュラーエコノミー（循環経済）の実証、"
    "そしてスタートアップとのオープンイノベーション。",
    "ミュンヘンのモビリティ系スタートアップ・ピッチセッション：ディープテック・AI・IoT・5G/6G",
    "チェックイン、ショートトリップ、ウェルカムパーティー……【重要】ジョッキー・キャップ着用",
]


def export(tour: Path, pdf: Path, *extra: str) -> str:
    """Print *tour* to *pdf* with the CLI; returns what the CLI said."""
    said = io.StringIO()
    assert main(["export-pdf", str(tour), str(pdf), "--force", *extra], out=said) == 0
    return said.getvalue()


def text_of(pdf: Path) -> str:
    """The PDF's text, whitespace folded to single spaces."""
    result = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                            capture_output=True, text=True)
    return " ".join(result.stdout.split())


def lines_of(pdf: Path) -> list[str]:
    """Every line of text of the PDF as poppler lays the pages out (``-bbox-layout``): a table
    cell's lines are lines of their own, so a line's first character is where a line began."""
    result = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                            capture_output=True, text=True)
    return [html.unescape(" ".join(re.findall(r"<word[^>]*>(.*?)</word>", line)))
            for line in re.findall(r"<line[^>]*>(.*?)</line>", result.stdout, re.S)]


def pages_of(pdf: Path) -> list[str]:
    """The text of each page."""
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                            capture_output=True, text=True)
    return result.stdout.split("\f")


def fresh_tour(path: Path, meetings: int = 25) -> Path:
    """A tour built from nothing: a traveller speaking three languages, a public agency whose
    topics are the vocabulary's tags, *meetings* meetings over five days (one requested, one an
    idea, one cancelled), five a day, with long Japanese titles, and walks between two
    venues."""
    places = [{"id": 1, "name": "Hotel Adlon", "kind": "hotel", "latitude": 52.5163,
               "longitude": 13.3806, "zone": "Europe/Berlin", "city": "Berlin"},
              {"id": 2, "name": "Agency House", "latitude": 52.5200, "longitude": 13.4050,
               "zone": "Europe/Berlin", "city": "Berlin", "address": "Alexanderplatz 1"},
              {"id": 3, "name": "Campus Süd", "latitude": 52.4900, "longitude": 13.3900,
               "zone": "Europe/Berlin", "city": "Berlin"}]
    statuses = {1: "requested", 2: "idea", 3: "cancelled"}
    first = date(2027, 3, 1)
    items: list[dict[str, Any]] = []
    for n in range(1, meetings + 1):
        day, slot = divmod(n - 1, 5)
        hour = 9 + 2 * slot
        items.append({
            "id": n, "uid": f"{n}@fresh", "kind": "meeting", "organisation": 1,
            "title": f"Meeting {n} on public funding", "place": 2 + n % 2,
            "title_ja": JAPANESE_TITLES[n % len(JAPANESE_TITLES)],
            "status": statuses.get(n, "confirmed"), "zone": "Europe/Berlin",
            "attendees": [1], "goals": [1],
            "start": f"{first + timedelta(days=day)}T{hour:02d}:00:00+01:00",
            "end": f"{first + timedelta(days=day)}T{hour + 1:02d}:15:00+01:00"})
    last = first + timedelta(days=(meetings - 1) // 5 + 1)
    document = {
        "format": "ecovisit-tour", "version": 1,
        "tour": {"title": "Fresh tour", "title_ja": JAPANESE_TITLES[0],
                 "start_date": str(first), "end_date": str(last),
                 "coordinator": "Yuki Mori"},
        "places": places,
        "travellers": [{"id": 1, "name": "Kenji Sato", "name_ja": "佐藤 健二",
                        "role": "CEO", "languages": ["ja", "en", "de"]}],
        "goals": [{"id": 1, "title": "How public agencies fund deep tech",
                   "title_ja": "公的機関によるディープテック支援", "priority": 5,
                   "topics": ["public-funding", "deep-tech"]}],
        "organisations": [{"id": 1, "name": "Agency One", "kind": "public_agency",
                           "topics": ["public-funding", "deep-tech", "ai", "process-mining"],
                           "place": 2, "description": "Funds research."}],
        "stays": [{"id": 1, "place": 1, "check_in": str(first), "check_out": str(last)}],
        "items": items,
    }
    create_tour_file(path, lambda session: import_document(document, session))
    return path
