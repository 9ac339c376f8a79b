"""One way of writing a day per language, everywhere (issue 17): "Thu 4 Feb" in the findings, the
agenda, the command line and the undo texts alike (never "Thu 04 Feb" in one and "Thu 4 Feb" in
another); "2月4日(木)" in Japanese. planner/formatting.py writes them all."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from planner.cli import main
from planner.demo import write_demo
from planner.edits import name_of
from planner.feasibility import Checker
from planner.feasibility.plan import Plan
from planner.formatting import LocalSpan, format_day, format_moment
from planner.model import AvailabilityWindow
from planner.store import TourStore
from tests.planner.test_feasibility import PLANTED

ROOT = Path(__file__).resolve().parents[2]
MONDAY = date(2027, 2, 1)  # the demo's Thursday is then the 4th: one digit
THURSDAY = date(2027, 2, 4)
BERLIN = ZoneInfo("Europe/Berlin")


def test_the_formats_of_a_day_and_a_moment() -> None:
    assert format_day(THURSDAY, short=True) == "Thu 4 Feb"
    assert format_day(THURSDAY) == "Thu 4 Feb 2027"
    assert format_day(THURSDAY, "ja", short=True) == "2月4日(木)"
    moment = datetime(2027, 2, 4, 9, 5, tzinfo=BERLIN)
    assert format_moment(moment) == "Thu 4 Feb 09:05"
    assert format_moment(moment, year=True) == "Thu 4 Feb 2027 09:05"
    assert format_moment(moment, "ja") == "2月4日(木) 09:05"
    span = LocalSpan(moment, datetime(2027, 2, 4, 12, 0, tzinfo=BERLIN))
    assert span.text() == str(span) == "Thu 4 Feb 09:05–12:00"
    assert span.text("ja") == "2月4日(木) 09:05–12:00"


def test_findings_agenda_command_line_and_undo_texts_write_a_day_alike(tmp_path: Path) -> None:
    path = tmp_path / "february.ecovisit"
    write_demo(path, MONDAY)
    with TourStore.open(path) as store:
        with store.transaction() as session:
            PLANTED["outside_availability"][0](session)
        with store.transaction() as session:
            findings = Checker(Plan.from_session(session), MONDAY).check_all()
            window = session.scalars(select(AvailabilityWindow)).first()
            assert window is not None
            undo_name = name_of(window, "availability")
    [outside] = [f for f in findings if f.code == "outside_availability"]
    assert outside.day == THURSDAY
    english, japanese = outside.message(), outside.message("ja")
    # the host's windows and the suggested slot: the day as the agenda writes it
    assert "Thu 4 Feb" in english and "Thu 4 Feb" in outside.suggestion(), english
    assert "Thu 04" not in english + outside.suggestion()
    assert "2月4日(木)" in japanese and "Thu" not in japanese, japanese
    assert outside.as_json()["data"]["windows"][0]["start"].startswith("2027-02-04T")
    # the availability slot's undo text
    assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d\d:\d\d–\d\d:\d\d", undo_name)
    assert not re.search(r" 0\d [A-Z]", undo_name), undo_name  # no "Tue 02 Feb"
    # the command line's agenda and summary
    out = io.StringIO()
    assert main(["agenda", str(path)], out) == 0
    assert "Thu 4 Feb 2027" in out.getvalue()
    out = io.StringIO()
    assert main(["info", str(path)], out) == 0
    assert "Mon 1 Feb 2027 to " in out.getvalue()


def test_no_module_writes_a_day_with_its_own_strftime_pattern() -> None:
    """Day and month names come from planner/formatting.py alone (babel, in the reader's
    language), never from an f-string's or strftime's %a %d %b."""
    pattern = re.compile(r"%[aAbB]\b|%[aAbB] ")
    found = [f"{path.relative_to(ROOT)}:{number}"
             for folder in ("planner", "ui") for path in sorted((ROOT / folder).rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []
