"""The debrief report a delegation hands to its board (issue 19, item 5), read back as a reader
gets it: pdftotext finds every goal with its outcome, every follow-up, every rated meeting and
the people met, in English and Japanese, on the demo and on a tour built from nothing; the fonts
are embedded; user text prints as typed; overdue follow-ups say so."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner import edits
from planner.debrief.summary import Debrief, debrief, outcome_text, status_text
from planner.messages import translate
from planner.model import FollowUpStatus, GoalOutcome
from planner.printing.debrief import T, build_debrief
from planner.queries import load_tour
from planner.store import TourStore
from tests.planner.report_data import debrief_demo, debrief_fresh, has_debrief
from tests.printed_pdf import fresh_tour, text_of


@dataclass(frozen=True)
class Printed:
    report: Debrief
    pdfs: dict[str, Path]
    pages: dict[str, int]


def _print(tour: Path, folder: Path, today: date) -> Printed:
    pdfs, pages = {}, {}
    with TourStore.open(tour) as store, store.transaction() as session:
        report = debrief(session, today=today)
        for language in ("en", "ja"):
            pdfs[language] = folder / f"debrief-{language}.pdf"
            pages[language] = build_debrief(session, pdfs[language], language=language,
                                            today=today)
    return Printed(report, pdfs, pages)


@pytest.fixture(scope="module")
def demo(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """The demo with its debrief (the one the demo ships, else one entered here), printed
    in both languages a month after the tour."""
    folder = tmp_path_factory.mktemp("debrief-demo")
    tour = folder / "demo.ecovisit"
    shutil.copyfile(demo_master, tour)
    with TourStore.open(tour) as store, store.transaction(write=True) as session:
        if not has_debrief(session):
            debrief_demo(session)
        end = load_tour(session).end_date
    return _print(tour, folder, end + timedelta(days=30))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """A tour built from nothing, debriefed through the editor's records."""
    folder = tmp_path_factory.mktemp("debrief-fresh")
    tour = fresh_tour(folder / "fresh.ecovisit", meetings=10)
    with TourStore.open(tour) as store, store.transaction(write=True) as session:
        debrief_fresh(session)
    return _print(tour, folder, date(2027, 3, 25))


def _squeezed(text: str) -> str:
    """Text without whitespace: a title wrapped over two lines (or two cells' lines, in
    Japanese with no spaces at all) still reads as one."""
    return re.sub(r"\s+", "", text)


def _pick(english: str, japanese: str, language: str) -> str:
    return japanese if language == "ja" and japanese else english


@pytest.fixture(params=["demo", "fresh"])
def printed(request: pytest.FixtureRequest) -> Printed:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_goal_follow_up_rated_meeting_and_person_met_is_in_the_report(
        printed: Printed, language: str) -> None:
    report = printed.report
    assert report.goals and report.follow_ups and report.meetings and report.people
    assert any(goal.learnings for goal in report.goals)
    text = _squeezed(text_of(printed.pdfs[language]))
    for goal in report.goals:
        assert _squeezed(goal.text(language)) in text, goal.title
        for learned in goal.learnings:
            assert _squeezed(learned.text) in text
    for row in report.follow_ups:
        assert _squeezed(row.description) in text
    rated = [m for m in report.meetings if m.count]
    assert rated
    for meeting in rated:
        assert _squeezed(meeting.meeting.text(language)) in text
        assert f"{meeting.average:.1f}/5" in text
    for person in report.people:
        assert _squeezed(person.text(language)) in text
        assert person.email in text
    for candidate in report.partner_candidates:
        assert _squeezed(candidate.text(language)) in text
        for step in candidate.next_steps:
            assert _squeezed(step) in text
    after = _pick(report.vision_after, report.vision_after_ja, language)
    assert after and _squeezed(after) in text


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_summary_comes_first_then_a_page_per_goal_the_ranking_follow_ups_and_people(
        printed: Printed, language: str) -> None:
    pages = [_squeezed(page) for page in subprocess.run(
        ["pdftotext", "-raw", str(printed.pdfs[language]), "-"], check=True,
        capture_output=True, text=True).stdout.split("\f")]
    report = printed.report
    assert printed.pages[language] >= len(report.goals) + 3
    counts = report.outcome_counts()
    summary = translate(T["goals_line"], language).format(
        answered=counts[GoalOutcome.ANSWERED], partly=counts[GoalOutcome.PARTLY],
        open=counts[GoalOutcome.OPEN])
    assert _squeezed(summary) in pages[0]
    assert _squeezed(translate(T["before"], language)) in pages[0]
    assert _squeezed(translate(T["after"], language)) in pages[0]
    for goal in report.goals:  # each goal's page opens with its title and says its outcome
        heading = _squeezed(translate(T["goal_page"], language).format(
            title=goal.text(language)))
        page = next(p for p in pages if heading in p)
        assert _squeezed(outcome_text(goal.outcome, language)) in page
        if goal.summary:
            assert _squeezed(goal.summary) in page
    order = [next(n for n, p in enumerate(pages) if _squeezed(translate(T[key], language)) in p)
             for key in ("summary", "ranked", "follow_ups", "people")]
    assert order == sorted(order)
    ranking = "".join(pages[order[1]:order[2]])
    titles = [_squeezed(m.meeting.text(language)) for m in report.meetings if m.count]
    assert [ranking.index(t) for t in titles] == sorted(ranking.index(t) for t in titles)
    averages = [m.average for m in report.meetings if m.average is not None]
    assert averages == sorted(averages, reverse=True)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_overdue_follow_ups_are_marked_and_done_ones_say_so(printed: Printed,
                                                            language: str) -> None:
    report = printed.report
    overdue = [f for f in report.follow_ups if f.overdue]
    assert overdue, "the test data has an overdue follow-up"
    assert all(f.status is FollowUpStatus.OPEN and f.due and f.due < report.today
               for f in overdue)
    lines = [_squeezed(line) for line in
             subprocess.run(["pdftotext", "-layout", str(printed.pdfs[language]), "-"],
                            check=True, capture_output=True, text=True).stdout.splitlines()]
    word = _squeezed(status_text(FollowUpStatus.OPEN, language, overdue=True))
    for row in overdue:
        start = _squeezed(row.description)[:12]
        assert any(start in line and word in line for line in lines), row.description


def test_fonts_are_embedded_and_the_document_says_its_language(demo: Printed,
                                                               fresh: Printed) -> None:
    for printed in (demo, fresh):
        for language, pdf in printed.pdfs.items():
            fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                                   text=True).stdout.splitlines()[2:]
            assert fonts
            assert all(line.split()[-5] == "yes" for line in fonts), fonts  # emb
            assert f"/Lang ({language})".encode() in pdf.read_bytes()


def test_user_text_prints_as_typed(fresh: Printed) -> None:
    text = text_of(fresh.pdfs["en"])
    assert "<b>bold</b> & more." in text
    assert 'Zoë "Z" <Ö> Müller' in text
    assert "ミュラー ゾエ" in text_of(fresh.pdfs["ja"])


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_tour_with_nothing_to_report_prints_a_report_saying_so(tmp_path: Path,
                                                                 language: str) -> None:
    tour = tmp_path / "empty.ecovisit"
    edits.create_tour(tour, "Empty tour", date(2027, 1, 4), date(2027, 1, 5))
    pdf = tmp_path / "debrief.pdf"
    with TourStore.open(tour) as store, store.transaction() as session:
        assert build_debrief(session, pdf, language=language, today=date(2027, 2, 1)) == 4
    text = _squeezed(text_of(pdf))
    for key in ("no_goals", "no_follow_ups", "no_meetings", "none_agreed", "no_people"):
        assert _squeezed(translate(T[key], language)) in text
