"""The notes sheet (issue 19, item 2): exported, filled in with openpyxl as an executive would
(Japanese text, an empty row, a rating of 7, dates typed as text), imported back all or nothing,
and imported again without a change; on the demo and on a tour built from nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from planner import changes
from planner.debrief.notes import (
    NotesRejected,
    export_notes,
    import_notes,
    parse_day,
    read_notes,
    sheet_title,
)
from planner.errors import InputError
from planner.model import FollowUp, Learning, Rating, TakeawayTag, Tour, Traveller
from planner.store import TourStore
from tests.printed_pdf import fresh_tour

TOURS = ["demo", "fresh"]


@pytest.fixture(scope="module")
def tours(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo and a tour built from nothing (one traveller, six meetings: one requested, one
    an idea, one cancelled), written once; each test copies the one it changes."""
    folder = tmp_path_factory.mktemp("notes-tours")
    demo = folder / "demo.ecovisit"
    shutil.copyfile(demo_master, demo)
    return {"demo": demo, "fresh": fresh_tour(folder / "fresh.ecovisit", meetings=6)}


@pytest.fixture
def store(request: pytest.FixtureRequest, tours: dict[str, Path],
          tmp_path: Path) -> Iterator[TourStore]:
    path = tmp_path / tours[request.param].name
    shutil.copyfile(tours[request.param], path)
    with TourStore.open(path) as opened:
        yield opened


def _counts(store: TourStore) -> tuple[int, int, int, int]:
    with store.session() as session:
        return (session.get(Tour, 1).revision,  # type: ignore[union-attr]
                *(int(session.scalar(select(func.count()).select_from(entity)) or 0)
                  for entity in (Learning, Rating, FollowUp)))


def _columns(sheet: Any) -> dict[str, int]:
    """Header -> column number (1-based), as the user finds them."""
    return {str(cell.value): cell.column for cell in sheet[1] if cell.value}


def _fill(sheet: Any, row: int, language: str = "en", **values: Any) -> None:
    from planner.messages import translate

    columns = _columns(sheet)
    headers = {"learned": "What I learned", "takeaways": "Key takeaways",
               "rating": "Rating 1–5", "recommend": "Would recommend",
               "follow_ups": "Follow-ups"}
    for name, value in values.items():
        column = columns[translate(headers[name], language)]
        sheet.cell(row=row, column=column, value=value)


def _export(store: TourStore, path: Path, **options: Any) -> int:
    with store.session() as session:
        return export_notes(session, path, **options)


def _import(store: TourStore, path: Path) -> Any:
    with store.transaction(write=True) as session:
        return import_notes(session, path)


@pytest.mark.parametrize("store", TOURS, indirect=True)
def test_the_round_trip_an_executive_makes(store: TourStore, tmp_path: Path) -> None:
    sheet_file = tmp_path / "notes.xlsx"
    rows = _export(store, sheet_file)
    workbook = load_workbook(sheet_file)
    sheet = workbook.worksheets[-1]  # the last traveller's (the fresh tour has one)
    title = sheet.title
    assert sheet.max_row - 1 >= 3 and rows >= sheet.max_row - 1
    with store.session() as session:
        coordinator = session.get(Tour, 1).coordinator  # type: ignore[union-attr]
        travellers = list(session.scalars(select(Traveller).order_by(Traveller.position)))
    colleague = travellers[0].name.split()[-1]  # "Takahashi", or herself on the fresh tour
    assert coordinator
    # Row 2: Japanese, a takeaway per tag word, a rating of 7 and a date typed as text.
    _fill(sheet, 2, learned="現地の公的資金は外国企業にも開かれている。\n次回は技術者も同行させたい。",
          takeaways="trend: public money follows private money\nリスク：申請は英語のみ\n"
                    "partner candidate: joint pilot on battery passports",
          rating=7, recommend="yes",
          follow_ups=f"Send our R&D deck; {colleague}; 15 March\n"
                     "Book a call with their CTO; ; 2027/3/15\n"
                     "Share the visit report; coordinator; 3/4/2027")
    # Row 3 stays empty: skipped. Row 4: a rating and a plain "no".
    _fill(sheet, 4, rating="4", recommend="no")
    workbook.save(sheet_file)
    before = _counts(store)

    with store.session() as session:
        report = read_notes(session, sheet_file)
    said = [problem.text() for problem in report.problems]
    assert said == [
        f"{title}, row 2, Rating 1–5: 7 is not a rating from 1 to 5",
        f"{title}, row 2, Follow-ups: '3/4/2027' could be Sat 3 Apr 2027 or Thu 4 Mar 2027: "
        f"write the month as a word or the day as year-month-day"], said
    with pytest.raises(NotesRejected) as refused:
        _import(store, sheet_file)
    assert isinstance(refused.value, InputError)
    assert "row 2, Rating 1–5: 7 is not a rating" in str(refused.value)
    assert refused.value.report.problems == report.problems
    assert _counts(store) == before  # nothing changed, not even the revision

    _fill(sheet, 2, rating=5, follow_ups=f"Send our R&D deck; {colleague}; 15 March\n"
                                         "Book a call with their CTO; ; 2027/3/15\n"
                                         "Share the visit report; coordinator; 3 Apr 2027")
    workbook.save(sheet_file)
    report = _import(store, sheet_file)
    assert report.ok and report.imported
    # her learning, three takeaways, two ratings, three follow-ups (the demo's debrief has
    # some of her ratings and learnings already: those change)
    assert len(report.added) + len(report.changed) == 9, report.text()
    assert report.empty + report.unchanged + 2 == rows  # every other row, of every sheet
    added = {what: sum(1 for change in report.added if change.what == what)
             for what in ("learning", "takeaway", "rating", "follow-up")}
    assert added["takeaway"] == 3 and added["follow-up"] == 3
    revision, learnings, ratings, follow_ups = _counts(store)
    assert revision > before[0]
    assert (learnings, ratings, follow_ups) == (
        before[1] + added["learning"] + 3, before[2] + added["rating"], before[3] + 3)
    her = travellers[-1]
    with store.session() as session:
        mine = session.scalars(select(Learning).where(Learning.traveller_id == her.id)).all()
        assert {(learning.tag, learning.text) for learning in mine} >= {
            (None, "現地の公的資金は外国企業にも開かれている。\n次回は技術者も同行させたい。"),
            (TakeawayTag.TREND, "public money follows private money"),
            (TakeawayTag.RISK, "申請は英語のみ"),
            (TakeawayTag.PARTNER_CANDIDATE, "joint pilot on battery passports")}
        scores = {(r.score, r.recommend) for r in session.scalars(
            select(Rating).where(Rating.traveller_id == her.id))}
        assert (5, True) in scores and (4, False) in scores
        tasks = {f.description: f for f in session.scalars(
            select(FollowUp).order_by(FollowUp.id.desc()).limit(3))}
        deck = tasks["Send our R&D deck"]
        assert deck.owner_id == travellers[0].id
        end = session.get(Tour, 1).end_date  # type: ignore[union-attr]
        # "15 March" without a year: the first 15 March after the tour
        assert deck.due == date(end.year + (end >= date(end.year, 3, 15)), 3, 15)
        assert tasks["Book a call with their CTO"].owner_id == her.id
        assert tasks["Book a call with their CTO"].due == date(2027, 3, 15)
        assert tasks["Share the visit report"].owner_id is None  # the coordinator's
        assert tasks["Share the visit report"].due == date(2027, 4, 3)

    # The same sheet again: nothing added, nothing changed, the revision stays.
    again = _import(store, sheet_file)
    assert (len(again.added), len(again.changed)) == (0, 0), again.text()
    assert again.unchanged == report.unchanged + 2
    assert _counts(store) == (revision, learnings, ratings, follow_ups)

    # Exported again, what she entered is filled in; imported as it is, nothing changes.
    second = tmp_path / "again.xlsx"
    _export(store, second)
    reread = load_workbook(second)[title]
    columns = _columns(reread)
    assert reread.cell(2, columns["What I learned"]).value.startswith("現地の公的資金")
    assert reread.cell(2, columns["Rating 1–5"]).value == 5
    assert reread.cell(2, columns["Would recommend"]).value == "yes"
    assert "risk: 申請は英語のみ" in reread.cell(2, columns["Key takeaways"]).value
    assert "Book a call with their CTO" in reread.cell(2, columns["Follow-ups"]).value
    third = _import(store, second)
    assert (len(third.added), len(third.changed)) == (0, 0), third.text()
    assert _counts(store) == (revision, learnings, ratings, follow_ups)

    # She changes her mind: one rating and one tag change, nothing is added.
    _fill(reread, 2, rating=3, takeaways="technology: public money follows private money")
    reread.parent.save(second)
    changed = _import(store, second)
    assert (len(changed.added), len(changed.changed)) == (0, 2), changed.text()


@pytest.mark.parametrize("store", ["demo"], indirect=True)
def test_the_sheet_as_excel_shows_it(store: TourStore, tmp_path: Path) -> None:
    with store.transaction() as session:
        her = session.scalars(select(Traveller).order_by(Traveller.position)).first()
        assert her is not None
        from planner.debrief.notes import meetings_of

        meeting = meetings_of(session, her)[0]
        session.add(Learning(item_id=meeting.id, traveller_id=her.id, text="=HYPERLINK(1)",
                             position=-1))  # before any she has there: the one the sheet shows
    path = tmp_path / "ja.xlsx"
    rows = _export(store, path, language="ja")
    workbook = load_workbook(path)
    assert len(workbook.worksheets) == 5
    assert rows == sum(sheet.max_row - 1 for sheet in workbook.worksheets)
    sheet = workbook.worksheets[0]
    assert sheet.title == "高橋 健二"  # named after her, in Japanese for a Japanese sheet
    columns = _columns(sheet)
    assert sheet.freeze_panes == "C2"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["L"].hidden and sheet.column_dimensions["M"].hidden
    assert {"item_uid", "traveller_id"} <= columns.keys()
    cell = sheet.cell(2, 7)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"  # text, never a formula
    kinds = {check.type for check in sheet.data_validations.dataValidation}
    assert {"whole", "list"} <= kinds
    # in time order
    days = [sheet.cell(row, columns["item_uid"]).value for row in range(2, sheet.max_row + 1)]
    assert len(days) == len(set(days))


@pytest.mark.parametrize("store", ["fresh"], indirect=True)
def test_rows_and_columns_moved_still_match_and_broken_sheets_are_named(
        store: TourStore, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    _export(store, path)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.move_range("A3:M3", rows=sheet.max_row - 1)  # the second meeting's row to the end
    sheet.delete_rows(3)
    sheet.insert_cols(1)  # a column of her own before everything
    sheet.cell(1, 1, "My marks")
    _fill(sheet, sheet.max_row, learned="Funding calls open twice a year.")
    stray = workbook.create_sheet("Scratch")
    stray["A1"] = "shopping list"
    broken = workbook.copy_worksheet(sheet)
    broken.title = "Copy"
    broken.delete_cols(_columns(broken)["traveller_id"])
    workbook.save(path)
    with store.session() as session:
        report = read_notes(session, path)
    said = [problem.text() for problem in report.problems]
    assert any(text.startswith("Scratch: not a notes sheet") for text in said), said
    assert any(text.startswith("Copy: the hidden key column 'traveller_id' is missing")
               for text in said), said
    del workbook["Scratch"], workbook["Copy"]
    workbook.save(path)
    with store.transaction(write=True) as session:
        report, changeset = changes.record(session, lambda s: import_notes(s, path))
    assert len(report.added) == 1 and changeset
    with store.session() as session:
        [learned] = session.scalars(select(Learning)).all()
        assert learned.text == "Funding calls open twice a year."
        assert learned.item.uid == "4@fresh"  # the row moved to the end: the second (an idea
    # and a cancelled meeting have no row)
    # One undoable step: undo takes it back, redo makes it again.
    with store.transaction(write=True) as session:
        changes.apply(session, changeset, undo=True)
    assert _counts(store)[1] == 0
    with store.transaction(write=True) as session:
        changes.apply(session, changeset, undo=False)
    assert _counts(store)[1] == 1


@pytest.mark.parametrize("store", ["demo"], indirect=True)
def test_two_colleagues_giving_the_same_task_add_it_once(store: TourStore,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    _export(store, path)
    workbook = load_workbook(path)
    first, second = workbook.worksheets[1], workbook.worksheets[2]
    assert first.cell(2, 12).value == second.cell(2, 12).value  # the same first meeting
    for sheet in (first, second):
        _fill(sheet, 2, follow_ups="Send them our battery data; Takahashi; 2027-07-01")
    workbook.save(path)
    report = _import(store, path)
    assert [change.what for change in report.added] == ["follow-up"], report.text()
    assert (len(_import(store, path).added), len(_import(store, path).changed)) == (0, 0)


@pytest.mark.parametrize("store", ["fresh"], indirect=True)
def test_a_japanese_sheet_round_trips(store: TourStore, tmp_path: Path) -> None:
    from planner.messages import translate

    path = tmp_path / "ja.xlsx"
    _export(store, path, language="ja")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet.title == "佐藤 健二"
    _fill(sheet, 2, "ja", learned="公的資金の審査は半年かかる", takeaways="リスク：審査が長い",
          rating="５", recommend=translate("yes", "ja"),
          follow_ups="審査の流れを資料にまとめる; 佐藤; 2027年4月15日(木)")
    workbook.save(path)
    report = _import(store, path)
    assert (len(report.added), len(report.changed)) == (4, 0), report.text("ja")
    again = tmp_path / "again.xlsx"
    _export(store, again, language="ja")
    reread = load_workbook(again).worksheets[0]
    columns = _columns(reread)
    assert reread.cell(2, columns[translate("Follow-ups", "ja")]).value == \
        "審査の流れを資料にまとめる; 佐藤 健二; 2027年4月15日(木)"
    assert reread.cell(2, columns[translate("Would recommend", "ja")]).value == \
        translate("yes", "ja")
    for sheet_file in (path, again):
        repeat = _import(store, sheet_file)
        assert (len(repeat.added), len(repeat.changed)) == (0, 0), repeat.text("ja")


def test_days_typed_as_text() -> None:
    after = date(2027, 5, 20)
    for text, day in [("2027-03-15", date(2027, 3, 15)), ("2027/3/15", date(2027, 3, 15)),
                      ("15.3.2027", date(2027, 3, 15)), ("15 March 2027", date(2027, 3, 15)),
                      ("March 15, 2027", date(2027, 3, 15)), ("Mon 15 Mar 2027",
                                                              date(2027, 3, 15)),
                      ("2027年3月15日(月)", date(2027, 3, 15)), ("15th March", date(2028, 3, 15)),
                      ("6月1日", date(2027, 6, 1)), ("15/3/2027", date(2027, 3, 15)),
                      ("3/15", date(2028, 3, 15)), ("Thu 4 Feb 2027", date(2027, 2, 4))]:
        assert parse_day(text, after) == day, text
    for text in ("3/4/2027", "next week", "31 Feb 2027", "2027-13-01"):
        with pytest.raises(ValueError):
            parse_day(text, after)


def test_sheet_names_follow_excel_rules() -> None:
    taken: set[str] = set()
    assert sheet_title("Kenji Sato", taken) == "Kenji Sato"
    assert sheet_title("kenji sato", taken) == "kenji sato (2)"
    assert sheet_title("A/B: [test]*?", taken) == "A B test"
    long = sheet_title("Maximiliane Alexandra von Hohenzollern-Sigmaringen", taken)
    assert len(long) <= 31
    assert len(sheet_title("Maximiliane Alexandra von Hohenzollern-Sigmaringen", taken)) <= 31
    assert sheet_title("'quoted'", taken) == "quoted"
    assert sheet_title("History", taken) != "History"
    assert sheet_title("", taken) == "Notes"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_books_notes_pages_have_the_sheets_structure(tmp_path: Path, language: str) -> None:
    """The notes page as the book prints it after each meeting's page (built alone: a whole
    book's route map costs seconds the first time)."""
    from reportlab.lib.units import mm

    from planner.debrief.notes import TAG_WORDS
    from planner.messages import translate
    from planner.printing.book import notes_block
    from planner.printing.layout import PAPERS, Document, build, styles
    from tests.printed_pdf import pages_of

    pdf = tmp_path / "notes.pdf"
    notes = translate("Notes", language)
    heading = f"{notes} — M1 {'欧州の公的資金' if language == 'ja' else 'Public funding'}"
    document = Document(str(pdf), paper="a4", language=language, title="t", author="a",
                        subject="s")
    width = PAPERS["a4"][0] - 30 * mm
    assert build(document, notes_block(heading, language, styles(language), width,
                                       "Tue 2 Mar 2027 09:00–10:15"), "footer", language) == 1
    [page] = [" ".join(page.split()) for page in pages_of(pdf) if page.strip()]
    assert page.startswith(heading)

    def said(text: str) -> str:
        return " ".join(translate(text, language).split())

    for text in ("What I learned", "Key takeaways", "Rating 1–5", "Would recommend",
                 "Follow-ups", "What", "Who", "By when", "yes", "no",
                 *TAG_WORDS.values()):
        assert said(text) in page, text
    assert "1 2 3 4 5" in page


@pytest.mark.parametrize("store", ["fresh"], indirect=True)
def test_a_file_that_is_no_workbook_is_refused_by_name(store: TourStore, tmp_path: Path) -> None:
    text, damaged = tmp_path / "notes.xlsx", tmp_path / "damaged.xlsx"
    text.write_text("Day;Time;Meeting\n", encoding="utf-8")
    _export(store, damaged)
    damaged.write_bytes(damaged.read_bytes()[:600])  # cut off: the zip's directory is gone
    before = _counts(store)
    for path, reason in ((text, "is not an Excel .xlsx workbook"), (damaged, "damaged")):
        with pytest.raises(InputError, match=reason) as refused, store.session() as session:
            read_notes(session, path)
        assert str(path) in str(refused.value)
        with pytest.raises(InputError):
            _import(store, path)
    assert _counts(store) == before
