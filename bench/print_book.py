"""Print the briefing book of a 10-day tour with 60 meetings and of a 200-meeting stress tour.

Reports the median seconds and pages of each, and the ratio to reportlab building the same number
of plain pages (one paragraph each, same fonts): our overhead over the library floor.

    python bench/print_book.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from sqlalchemy import select

from planner.demo import write_demo
from planner.model import AgendaItem, ItemKind, ItemStatus, Organisation, Traveller
from planner.printing.book import build_book
from planner.printing.fonts import register
from planner.store import TourStore


def add_meetings(path: Path, total: int) -> None:
    """Bring the demo to *total* meetings (extra ones at the demo's hosts, spread over days)."""
    with TourStore.open(path) as store, store.transaction() as session:
        orgs = list(session.scalars(select(Organisation)))
        travellers = list(session.scalars(select(Traveller)))
        have = len([i for i in session.scalars(select(AgendaItem)) if i.kind is ItemKind.MEETING])
        start = datetime(2027, 6, 7, 6, 0, tzinfo=UTC)
        for n in range(total - have):
            org = orgs[n % len(orgs)]
            begin = start + timedelta(days=n % 10, minutes=20 * (n // 10))
            session.add(AgendaItem(kind=ItemKind.MEETING, title=f"Extra meeting {n}",
                                   start=begin, end=begin + timedelta(minutes=15),
                                   zone=org.place.zone, place=org.place, organisation=org,
                                   status=ItemStatus.CONFIRMED, attendees=travellers[:2],
                                   hosts=list(org.contacts), questions=["What next?"]))


def floor(pages: int, path: Path) -> None:
    style = ParagraphStyle("p", fontName=register()[0], fontSize=10)
    story = []
    for n in range(pages):
        story += [Paragraph(f"Page {n}", style), PageBreak()]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for meetings in (60, 200):
            tour = Path(folder) / f"tour{meetings}.ecovisit"
            write_demo(tour, date(2027, 6, 7))
            add_meetings(tour, meetings)
            ours, base, pages = [], [], 0
            for _ in range(args.repeat):
                out = Path(folder) / "book.pdf"
                begin = time.perf_counter()
                with TourStore.open(tour) as store, store.transaction() as session:
                    pages = build_book(session, out)
                ours.append(time.perf_counter() - begin)
                begin = time.perf_counter()
                floor(pages, Path(folder) / "floor.pdf")
                base.append(time.perf_counter() - begin)
            info = subprocess.run(["pdfinfo", str(Path(folder) / "book.pdf")],
                                  capture_output=True, text=True, check=True).stdout
            real = next(line.split()[-1] for line in info.splitlines()
                        if line.startswith("Pages:"))
            print(f"{meetings} meetings: median {statistics.median(ours):.2f} s for {real} "
                  f"pages; plain pages floor {statistics.median(base):.2f} s; ratio "
                  f"{statistics.median(ours) / statistics.median(base):.1f} (n={args.repeat})")


if __name__ == "__main__":
    main()
