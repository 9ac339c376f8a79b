"""After the tour on the command line (issue 19): learnings, ratings, follow-ups, goal outcomes
and the vision after, entered and read with ``ecovisit`` on a tour built from nothing with the
command line itself, and on the demo; the debrief's files written from it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from planner.cli import main
from planner.model import (
    FollowUp,
    FollowUpStatus,
    GoalOutcome,
    Learning,
    LearningGoal,
    Rating,
    Tour,
)
from planner.store import TourStore

#: The hosts: organisation, its office (city, latitude, longitude, zone) and its contact.
HOSTS = (("Vinnova", "Stockholm", 59.3336, 18.0602, "Europe/Stockholm", "Karin Lund"),
         ("BLOXHUB", "Copenhagen", 55.6736, 12.5796, "Europe/Copenhagen", "Mette Friis"))


def add_hosts(tour: Path) -> None:
    """The hosts, entered as the window's directory enters them (planner.edits)."""
    from planner import edits

    with TourStore.open(tour) as store, store.transaction(write=True) as session:
        for name, city, latitude, longitude, zone, contact in HOSTS:
            place = edits.add_record(session, "place", {
                "name": name, "kind": "office", "city": city, "latitude": latitude,
                "longitude": longitude, "zone": zone}).value
            org = edits.add_record(session, "organisation", {"name": name,
                                                             "place_id": place}).value
            edits.add_record(session, "contact", {"name": contact, "organisation_id": org})


def run(*argv: Any) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def ok(*argv: Any) -> str:
    code, out = run(*argv)
    assert code == 0, (argv, out)
    return out


def as_json(*argv: Any) -> Any:
    return json.loads(ok(*argv, "--json"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tour typed from nothing, then its debrief, every step an ``ecovisit`` command."""
    folder = tmp_path_factory.mktemp("debrief")
    tour = folder / "nordic.ecovisit"
    ok("new", tour, "--title", "Nordic debrief", "--start", "2027-05-10", "--end",
       "2027-05-12", "--home-zone", "Asia/Tokyo")
    add_hosts(tour)
    for argv in (
        ["edit-tour", tour, "--coordinator", "Yuki Mori"],
        ["add-traveller", tour, "Kenji Sato", "--name-ja", "佐藤 健二"],
        ["add-traveller", tour, "Haruka Tanaka", "--name-ja", "田中 遥"],
        ["add-goal", tour, "How public agencies fund deep tech", "--priority", "5"],
        ["add-goal", tour, "Urban mobility pilots", "--traveller", "Tanaka"],
        ["add-item", tour, "Vinnova: funding deep tech", "--host", "Vinnova", "--start",
         "2027-05-11 09:30", "--contact", "Karin Lund", "--goal", "deep tech", "--status",
         "confirmed"],
        ["add-item", tour, "BLOXHUB: mobility pilots", "--host", "BLOXHUB", "--start",
         "2027-05-12 15:30", "--traveller", "Tanaka", "--goal", "mobility", "--contact",
         "Mette Friis", "--status", "confirmed"],
        # the debrief
        ["set", tour, "item", "Vinnova", "learnings=Grants for hardware, in consortia."],
        ["add-learning", tour, "Vinnova", "Grants need a public partner", "--goal",
         "deep tech", "--by", "Sato"],
        ["add-learning", tour, "Vinnova", "Challenge-driven calls fund consortia", "--tag",
         "trend"],
        ["add-learning", tour, "BLOXHUB", "Pilots with the city of Copenhagen", "--tag",
         "partner-candidate", "--next-step", "Send a pilot proposal", "--by", "田中"],
        ["rate", tour, "Vinnova", "Sato", "5", "--recommend", "yes", "--comment",
         "Clear and generous"],
        ["rate", tour, "Vinnova", "Tanaka", "3"],
        ["rate", tour, "BLOXHUB", "Tanaka", "4", "--recommend", "yes"],
        ["follow-ups", tour, "add", "Send the pilot proposal", "--owner", "Tanaka", "--due",
         "2027-06-15", "--meeting", "BLOXHUB", "--contact", "Mette", "--goal", "mobility"],
        ["follow-ups", tour, "add", "Book the board debrief", "--due", "2027-05-20"],
        ["follow-ups", tour, "add", "Thank Vinnova", "--owner", "Sato", "--meeting",
         "Vinnova"],
        ["edit-tour", tour, "--vision-after", "Partner with one Nordic city on a pilot",
         "--vision-after-ja", "北欧の都市と実証で組む"],
        ["set", tour, "goal", "deep tech", "outcome=answered",
         "outcome_summary=Grants for consortia with a public partner"],
    ):
        ok(*argv)
    return tour


@pytest.fixture
def tour(built: Path, tmp_path: Path) -> Path:
    """A copy of the built tour to change."""
    return Path(shutil.copy(built, tmp_path / "copy.ecovisit"))


def document(tour: Path) -> str:
    """The whole tour as its JSON document (what export-json writes)."""
    from planner.tourdoc import dumps, export_document

    with TourStore.open(tour, read_only=True) as store, store.transaction() as session:
        return dumps(export_document(session))


@pytest.fixture(scope="module")
def built_document(built: Path) -> str:
    return document(built)


def rows(tour: Path, entity: Any, show: Any) -> list[Any]:
    with TourStore.open(tour) as store, store.transaction() as session:
        return [show(r) for r in session.scalars(select(entity).order_by(entity.id))]


# --- reading the debrief --------------------------------------------------------------------

def test_learnings_are_printed_per_meeting_by_day(built: Path) -> None:
    text = ok("learnings", built)
    lines = text.splitlines()
    assert lines[0] == "Tue 11 May 2027"
    assert lines[1] == "  09:30 Vinnova: funding deep tech · Vinnova"
    assert "    Summary: Grants for hardware, in consortia." in lines
    goal = lines.index("    For the goal How public agencies fund deep tech:")
    assert lines[goal + 1] == "      - Grants need a public partner — Kenji Sato"
    assert "      - [trend] Challenge-driven calls fund consortia — the delegation" in lines
    assert "    Ratings (average 4 of 5, 1 of 2 would recommend):" in lines
    assert "      Kenji Sato: 5, would recommend; 'Clear and generous'" in lines
    assert "Wed 12 May 2027" in lines
    assert ("      - [partner candidate] Pilots with the city of Copenhagen (next step: Send a "
            "pilot proposal) — Haruka Tanaka") in lines

    japanese = ok("learnings", built, "--lang", "ja").splitlines()
    assert japanese[0] == "2027年5月11日(火)"
    assert any(line.endswith("— 佐藤 健二") for line in japanese)

    data = as_json("learnings", built)
    assert [m["title"] for m in data] == ["Vinnova: funding deep tech",
                                          "BLOXHUB: mobility pilots"]
    vinnova = data[0]
    assert vinnova["average"] == 4 and vinnova["would_recommend"] == 1
    assert vinnova["summary"] == "Grants for hardware, in consortia."
    assert [(x["text"], x["goal"], x["by"], x["tag"]) for x in vinnova["learnings"]] == [
        ("Grants need a public partner", "How public agencies fund deep tech", "Kenji Sato",
         None),
        ("Challenge-driven calls fund consortia", None, None, "trend")]
    assert data[1]["learnings"][0]["next_step"] == "Send a pilot proposal"


def test_learnings_of_one_traveller_or_one_meeting(built: Path) -> None:
    hers = as_json("learnings", built, "--traveller", "Haruka")
    vinnova = hers[0]  # her rating and the delegation's words; not Sato's
    assert [r["traveller"] for r in vinnova["ratings"]] == ["Haruka Tanaka"]
    assert [x["text"] for x in vinnova["learnings"]] == ["Challenge-driven calls fund consortia"]
    assert [m["title"] for m in as_json("learnings", built, "--meeting", "BLOXHUB")] == [
        "BLOXHUB: mobility pilots"]
    assert as_json("learnings", built, "--traveller", "Sato", "--meeting", "Vinnova")[0][
        "ratings"][0]["score"] == 5


def test_follow_ups_are_listed_soonest_due_first_with_the_overdue_marked(built: Path) -> None:
    text = ok("follow-ups", built, "--today", "2027-05-25")
    lines = text.splitlines()
    assert lines[0] == ("3 follow-ups, soonest due first (3 open, 1 overdue on "
                        "Tue 25 May 2027):")
    assert lines[1].startswith("  #2    Book the board debrief; Yuki Mori (coordinator); "
                               "due Thu 20 May 2027; OVERDUE")
    assert lines[2].startswith("  #1    Send the pilot proposal; Haruka Tanaka (田中 遥); "
                               "due Tue 15 Jun 2027; open; with Mette Friis (BLOXHUB); "
                               "from BLOXHUB: mobility pilots; for the goal Urban mobility")
    assert lines[3].startswith("  #3    Thank Vinnova; Kenji Sato (佐藤 健二); no due day; open")

    def listed(*options: str) -> list[str]:
        return [f["description"] for f in as_json("follow-ups", built, "--today",
                                                  "2027-05-25", *options)]

    assert listed("--overdue") == ["Book the board debrief"]
    assert listed("--owner", "coordinator") == ["Book the board debrief"]
    assert listed("--owner", "tanaka") == ["Send the pilot proposal"]
    assert listed("--goal", "mobility") == ["Send the pilot proposal"]
    assert listed("--status", "done") == []
    data = as_json("follow-ups", built, "--today", "2027-05-25")
    assert [(f["owner"], f["due"], f["overdue"], f["status"]) for f in data] == [
        ("coordinator", "2027-05-20", True, "open"),
        ("Haruka Tanaka", "2027-06-15", False, "open"),
        ("Kenji Sato", None, False, "open")]
    assert data[1]["contact"] == "Mette Friis (BLOXHUB)" and data[1]["uid"]
    assert ok("follow-ups", built, "--today", "2027-05-01", "--overdue") == \
        "No follow-ups overdue\n"
    assert "田中 遥 (Haruka Tanaka)" in ok("follow-ups", built, "--lang", "ja")


def test_goal_outcome_and_the_vision_after(built: Path) -> None:
    goals = rows(built, LearningGoal, lambda g: (g.title, g.outcome, g.outcome_summary))
    assert goals[0] == ("How public agencies fund deep tech", GoalOutcome.ANSWERED,
                        "Grants for consortia with a public partner")
    assert goals[1][1] is GoalOutcome.OPEN
    tour = as_json("edit-tour", built)
    assert (tour["vision_after"], tour["vision_after_ja"]) == (
        "Partner with one Nordic city on a pilot", "北欧の都市と実証で組む")
    assert rows(built, Tour, lambda t: t.vision_after) == [tour["vision_after"]]


# --- changing it ----------------------------------------------------------------------------

def test_follow_ups_are_done_dropped_and_reopened_by_number_or_words(tour: Path) -> None:
    out = ok("follow-ups", tour, "done", "pilot proposal")
    assert out.startswith("Done: follow-up #1: Send the pilot proposal;")
    assert ok("follow-ups", tour, "done", "pilot").startswith("Already done: follow-up #1")
    ok("follow-ups", tour, "drop", "#2")
    done = rows(tour, FollowUp, lambda f: (f.status, f.completed, f.revision))
    assert done[0][0] is FollowUpStatus.DONE and isinstance(done[0][1], date)
    assert done[1][:2] == (FollowUpStatus.DROPPED, None)
    assert [f["description"] for f in as_json("follow-ups", tour, "--status", "open")] == [
        "Thank Vinnova"]
    reopened = as_json("follow-ups", tour, "reopen", "1")
    assert (reopened["status"], reopened["completed"]) == ("open", None)
    assert reopened["revision"] > 0  # the owner's task list sees the change


def test_rating_again_changes_the_rating(tour: Path) -> None:
    assert ok("rate", tour, "Vinnova", "Sato", "2", "--recommend", "no").startswith(
        "Changed rating #1: Kenji Sato rated Vinnova: funding deep tech (2027-05-11 09:30) "
        "2 of 5, would not recommend; 'Clear and generous'")
    assert rows(tour, Rating, lambda r: (r.traveller.name, r.item.title, r.score)) == [
        ("Kenji Sato", "Vinnova: funding deep tech", 2),
        ("Haruka Tanaka", "Vinnova: funding deep tech", 3),
        ("Haruka Tanaka", "BLOXHUB: mobility pilots", 4)]


def test_set_and_delete_learnings_ratings_and_follow_ups_by_name(tour: Path) -> None:
    changed = as_json("set", tour, "learning", "public partner", "tag=Business model",
                      "by=delegation", "goal=")
    assert (changed["tag"], changed["traveller_id"], changed["goal_id"]) == (
        "business_model", None, None)
    assert ok("set", tour, "rating", "Tanaka@Vinnova", "score=4", "comment=Good").startswith(
        "Changed rating #2: Haruka Tanaka rated Vinnova")
    assert as_json("set", tour, "rating", "#3", "recommend=no")["recommend"] is False
    moved = as_json("set", tour, "follow_up", "board", "owner=Sato", "due=2027-07-01",
                    "meeting=Vinnova")
    assert (moved["owner"], moved["due"], moved["item"]) == (
        "Kenji Sato", "2027-07-01", "Vinnova: funding deep tech (2027-05-11 09:30)")
    assert as_json("set", tour, "follow-up", "board", "owner=coordinator")["owner"] == \
        "coordinator"
    assert ok("delete", tour, "rating", "Tanaka@BLOXHUB").startswith("Deleted rating #3")
    ok("delete", tour, "learning", "Challenge-driven")
    ok("delete", tour, "follow_up", "Thank")
    assert rows(tour, Rating, lambda r: r.id) == [1, 2]
    assert rows(tour, Learning, lambda x: x.text) == ["Grants need a public partner",
                                                      "Pilots with the city of Copenhagen"]
    assert rows(tour, FollowUp, lambda f: f.description) == ["Send the pilot proposal",
                                                             "Book the board debrief"]
    deleted = as_json("delete", tour, "item", "BLOXHUB: mobility")
    assert deleted["removed"] == {"learning": 1}  # its rating went above


@pytest.mark.parametrize(("argv", "says"), [
    (["rate", "{tour}", "Vinnova", "Sato", "7"], "SCORE '7': a meeting is rated 1 (poor) to 5"),
    (["rate", "{tour}", "BLOXHUB", "Sato", "4"],
     "Kenji Sato did not attend 'BLOXHUB: mobility pilots' (its attendees: Haruka Tanaka)"),
    (["set", "{tour}", "rating", "Sato@Vinnova", "score=0"], "1 (poor) to 5 (excellent)"),
    (["set", "{tour}", "rating", "Sato@BLOXHUB", "score=4"],
     "Kenji Sato has not rated 'BLOXHUB: mobility pilots'"),
    (["follow-ups", "{tour}", "add", "Call", "--owner", "Nobody"],
     "no owner matches 'Nobody'; known: Kenji Sato"),
    (["follow-ups", "{tour}", "add", "Call", "--due", "2027-13-01"], "'2027-13-01' is not a date"),
    (["follow-ups", "{tour}", "done", "nothing like it"], "no follow-up matches"),
    (["follow-ups", "{tour}", "done", "pilot", "--owner", "Sato"],
     "'follow-ups done' takes no --owner"),
    (["follow-ups", "{tour}", "add"], "follow-ups add needs the follow-up's DESCRIPTION"),
    (["add-learning", "{tour}", "Nowhere", "Text"], "no meeting matches 'Nowhere'"),
    (["add-learning", "{tour}", "Vinnova", "Text", "--tag", "gossip"], "invalid tag 'gossip'"),
    (["export-follow-ups", "{tour}", "{out}.ics"], "an .ics is one owner's task list"),
    (["export-pdf", "{tour}", "{out}.pdf", "--kind", "debrief", "--traveller", "Sato"],
     "the debrief is the whole delegation's"),
])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
        built: Path, built_document: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        argv: list[str], says: str) -> None:
    code, out = run(*(a.format(tour=built, out=tmp_path / "x") for a in argv))
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert says in err, err
    assert len(err.strip().splitlines()) == 1 or "usage:" in err
    assert document(built) == built_document
    assert list(tmp_path.iterdir()) == []


def test_the_new_commands_explain_themselves(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("learnings", "add-learning", "rate", "follow-ups", "export-follow-ups",
                    "export-notes", "import-notes", "write-thanks"):
        assert main([command, "--help"]) == 0
    text = capsys.readouterr().out
    assert "done|drop|reopen KEY" in text and "partner_candidate" in text
    assert "TRAVELLER@MEETING" in (main(["set", "--help"]) == 0 and capsys.readouterr().out)


# --- the debrief's files --------------------------------------------------------------------

def test_follow_ups_are_written_as_an_owners_tasks_and_as_a_sheet(
        built: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ics = tmp_path / "tanaka.ics"
    assert ok("export-follow-ups", built, ics, "--owner", "Tanaka") == \
        f"Wrote {ics} (1 follow-up)\n"
    text = ics.read_text(encoding="utf-8")
    assert text.count("BEGIN:VTODO") == 1 and "SUMMARY:Send the pilot proposal" in text
    assert "DUE;VALUE=DATE:20270615" in text
    sheet = tmp_path / "all.xlsx"
    ok("export-follow-ups", built, sheet)
    values = [[c.value for c in row] for row in load_workbook(sheet).active.iter_rows()]
    assert [row[0] for row in values[1:]] == ["Book the board debrief",
                                              "Send the pilot proposal", "Thank Vinnova"]
    assert run("export-follow-ups", built, sheet)[0] == 2  # there: --force replaces it
    ok("export-follow-ups", built, sheet, "--owner", "coordinator", "--force")
    assert load_workbook(sheet).active.max_row == 2


def test_the_debrief_pdf(built: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "debrief.pdf"
    out = ok("export-pdf", built, pdf, "--kind", "debrief")
    assert out.startswith(f"Wrote {pdf} (") and pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for words in ("How public agencies fund deep tech", "Send the pilot proposal",
                  "Partner with one Nordic city on a pilot"):
        assert words in " ".join(text.split()), words


# --- the demo -------------------------------------------------------------------------------

def test_the_demos_debrief_reads_day_by_day_and_soonest_due_first(demo_master: Path) -> None:
    meetings = as_json("learnings", demo_master)
    assert len(meetings) >= 3 and any(m["ratings"] for m in meetings)
    assert [m["start"] for m in meetings] == sorted(m["start"] for m in meetings)
    assert any(x["tag"] == "partner_candidate" for m in meetings for x in m["learnings"])
    listed = as_json("follow-ups", demo_master)
    assert listed and [f["due"] or "9999" for f in listed] == sorted(
        f["due"] or "9999" for f in listed)


def test_the_demo_is_debriefed_with_hosts_named_as_users_know_them(demo_path: Path) -> None:
    meeting = "Finland's innovation funding and the Team Finland network"
    added = as_json("add-learning", demo_path, "Business Finland",
                    "Team Finland opens doors abroad", "--by", "Yumiko", "--tag",
                    "partner_candidate", "--next-step", "Ask for a soft-landing contact")
    assert added["item"].startswith(meeting)
    ok("rate", demo_path, "Business Finland", "Yumiko", "4")  # the demo's own, or a new one
    assert ok("rate", demo_path, "Business Finland", "Yumiko", "5").startswith(
        "Changed rating")
    follow_up = as_json("follow-ups", demo_path, "add", "Write to Business Finland",
                        "--owner", "Sato", "--meeting", "Business Finland", "--contact",
                        "Anna", "--due", "2020-01-31")
    assert follow_up["contact"] == "Anna Virtanen (Business Finland)"
    overdue = as_json("follow-ups", demo_path, "--overdue", "--owner", "Yumiko")
    assert "Write to Business Finland" in [f["description"] for f in overdue]
    shown = [m for m in as_json("learnings", demo_path, "--meeting", "Business Finland")]
    assert shown[0]["title"] == meeting
    assert ("Team Finland opens doors abroad", "partner_candidate", "Yumiko Sato") in [
        (x["text"], x["tag"], x["by"]) for x in shown[0]["learnings"]]
    assert 5 in [r["score"] for r in shown[0]["ratings"]
                 if r["traveller"] == "Yumiko Sato"]
    ok("set", demo_path, "rating", "Yumiko@Business Finland", "comment=Best of the week")
    assert ok("follow-ups", demo_path, "done", "Write to Business Finland").startswith("Done:")


def _fill(sheet_path: Path, values: dict[str, Any], meeting: str) -> None:
    """Fill in *meeting*'s row of the first sheet as an executive does (by the headers)."""
    from openpyxl import load_workbook

    book = load_workbook(sheet_path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("Meeting")].value
               and meeting in str(r[header.index("Meeting")].value))
    for column, value in values.items():
        row[header.index(column)].value = value
    book.save(sheet_path)


def test_the_notes_sheet_goes_out_and_comes_back_all_or_nothing(
        tour: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "tanaka.xlsx"
    assert ok("export-notes", tour, sheet, "--traveller", "Tanaka") == \
        f"Wrote {sheet} (2 meeting rows)\n"
    assert run("export-notes", tour, sheet)[0] == 2  # there already: --force replaces it
    capsys.readouterr()
    _fill(sheet, {"Rating 1–5": 7, "What I learned": "Pilots start small"}, "BLOXHUB")
    before = document(tour)
    code, out = run("import-notes", tour, sheet)
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert "1 problem; nothing is imported until it is fixed" in err
    assert "Haruka Tanaka" in err and "row 3, Rating 1–5: 7 is not a rating from 1 to 5" in err
    assert document(tour) == before
    rejected = json.loads(run("import-notes", tour, sheet, "--json")[1])
    assert rejected["imported"] is False and len(rejected["problems"]) == 1

    _fill(sheet, {"Rating 1–5": 5}, "BLOXHUB")
    trial = ok("import-notes", tour, sheet, "--dry-run")
    assert trial.startswith("Nothing was changed (--dry-run). ")
    assert document(tour) == before
    said = ok("import-notes", tour, sheet)
    assert said.splitlines()[0].endswith(": 1 added, 1 changed, 1 rows unchanged, "
                                         "0 empty rows skipped")
    assert "rating changed: " in said
    assert rows(tour, Rating, lambda r: (r.item.title, r.traveller.name, r.score))[2] == (
        "BLOXHUB: mobility pilots", "Haruka Tanaka", 5)
    again = as_json("import-notes", tour, sheet)
    assert (again["added"], again["changed"]) == ([], [])


def test_thank_you_letters_are_written_per_host(tour: Path, tmp_path: Path) -> None:
    folder = tmp_path / "letters"  # made if missing
    out = ok("write-thanks", tour, folder, "--host", "BLOXHUB")
    assert out.splitlines()[0] == f"Wrote 1 letter to {folder} (0 e-mail drafts):"
    letter = (folder / "thanks-BLOXHUB.txt").read_text(encoding="utf-8")
    assert "Mette Friis" in letter and "Send the pilot proposal" in letter
    assert run("write-thanks", tour, folder, "--host", "BLOXHUB")[0] == 2  # --force replaces
    ok("write-thanks", tour, folder, "--force")
    assert sorted(p.name for p in folder.iterdir()) == ["thanks-BLOXHUB.txt",
                                                        "thanks-Vinnova.txt"]


def test_a_meeting_of_the_whole_delegation_is_rated_noted_and_thanked_by_everyone(
        tmp_path: Path) -> None:
    """A meeting typed before anyone was in the delegation names no attendees: it is the
    whole delegation's (as the checks read it), so each traveller added later rates it, finds
    it in her notes sheet, and is named among those who came."""
    tour = tmp_path / "early.ecovisit"
    ok("new", tour, "--title", "Early", "--start", "2027-05-10", "--end", "2027-05-12")
    add_hosts(tour)
    ok("add-item", tour, "Vinnova: funding deep tech", "--host", "Vinnova", "--start",
       "2027-05-11 09:30", "--status", "confirmed")
    assert "the whole delegation" in ok("set", tour, "item", "Vinnova", "status=confirmed")
    ok("add-traveller", tour, "Kenji Sato")
    ok("add-traveller", tour, "Haruka Tanaka")
    assert "Kenji Sato rated" in ok("rate", tour, "Vinnova", "Sato", "4", "--recommend", "yes")
    ok("rate", tour, "Vinnova", "Tanaka", "5")
    ok("add-learning", tour, "Vinnova", "Grants favour hardware", "--by", "Tanaka",
       "--tag", "trend")
    learned = as_json("learnings", tour, "--traveller", "Tanaka")
    assert [m["attendees"] for m in learned] == [["Kenji Sato", "Haruka Tanaka"]]
    assert "2 meeting rows" in ok("export-notes", tour, tmp_path / "notes.xlsx")
    ok("write-thanks", tour, tmp_path / "letters")
    letter = (tmp_path / "letters" / "thanks-Vinnova.txt").read_text(encoding="utf-8")
    assert "- Kenji Sato" in letter and "- Haruka Tanaka" in letter
