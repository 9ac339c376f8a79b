"""Asking hosts, tracked (issue 20): the outreach table and the steps that move a request on,
on a tour built from nothing with the command line and on the demo; a decline leaves the host
out of the next plan with its reason; each step undone; the findings for overdue replies and
confirmations not sent come and go."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import changes, edits
from planner.cli import main
from planner.feasibility import Checker
from planner.feasibility.plan import Plan, requests_of
from planner.model import (
    AgendaItem,
    HostRequest,
    ItemStatus,
    LetterKind,
    Organisation,
    RequestState,
    add_working_days,
    working_days,
)
from planner.outreach import tracking
from planner.outreach.tracking import OutreachError, outreach
from planner.store import TourStore
from tests.conftest import DEMO_START

SENT = date(2027, 3, 5)  # a Friday
HOSTS_CSV = (
    "organisation,kind,topics,description,address,city,country,latitude,longitude,contact,"
    "role,email,website\n"
    "Vinnova,public_agency,innovation-policy; funding,Sweden's innovation agency,"
    "Mäster Samuelsgatan 56,Stockholm,SE,59.3336,18.0602,Karin Lund,Head of International "
    "Cooperation,karin.lund@example.org,https://www.vinnova.se\n")


def run(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def run_json(*argv: str | Path) -> object:
    code, text = run(*argv, "--json")
    assert code == 0, text
    return json.loads(text)


def refused(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> str:
    capsys.readouterr()
    code, _text = run(*argv)
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert err.startswith("ecovisit: error: ") and "Traceback" not in err and "\n" not in err
    return err


def test_every_message_has_its_japanese() -> None:
    """Each message of the tracking and its findings is in the Japanese catalogue, with the
    same fields."""
    import ast
    import re
    from string import Formatter

    from planner.feasibility.findings import CODES
    from planner.messages import catalog

    source = Path(tracking.__file__).read_text(encoding="utf-8")
    ids = {node.args[0].value for node in ast.walk(ast.parse(source))
           if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_"}
    ids |= {text for code in ("reply_overdue", "confirmation_not_sent") for text in
            CODES[code][1:]}
    ids |= {"declined", "it gave no reason"}
    real = catalog("ja")
    assert real is not None

    def fields(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in Formatter().parse(text) if name}

    for msgid in ids:
        entry = real.get(msgid)
        text = entry.string if entry is not None else None
        assert text, msgid
        assert fields(str(text)) == fields(msgid), msgid
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", str(text)), msgid


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    """A tour from nothing: a traveller, a host with an office and a contact, an idea
    meeting with it."""
    path = tmp_path / "asking.ecovisit"
    hosts = tmp_path / "hosts.csv"
    hosts.write_text(HOSTS_CSV, encoding="utf-8")
    for argv in (
            ("new", path, "--title", "Stockholm day", "--start", "2027-05-10", "--end",
             "2027-05-12"),
            ("add-traveller", path, "Kenji Sato", "--email", "kenji@example.jp"),
            ("import-contacts", path, hosts),
            ("add-item", path, "Innovation funding", "--host", "Vinnova", "--start",
             "2027-05-11 10:00", "--end", "2027-05-11 11:15", "--status", "idea")):
        code, text = run(*argv)
        assert code == 0, text
    return path


def findings(path: Path, today: date) -> list[dict[str, object]]:
    code, text = run("check", path, "--today", today.isoformat(), "--json")
    assert code == 0, text  # warnings only
    return [f for f in json.loads(text) if f["code"] in ("reply_overdue",
                                                          "confirmation_not_sent")]


def test_working_days_count_monday_to_friday() -> None:
    friday = date(2027, 3, 5)
    assert working_days(friday, friday) == 0
    assert working_days(friday, friday + timedelta(days=2)) == 0  # the weekend
    assert working_days(friday, friday + timedelta(days=3)) == 1  # Monday
    assert working_days(friday, friday + timedelta(days=7)) == 5
    assert working_days(friday, friday - timedelta(days=3)) == 0
    assert add_working_days(friday, 5) == friday + timedelta(days=7)
    for n in range(12):
        assert working_days(friday, add_working_days(friday, n)) == n


def test_the_states_move_as_the_coordinator_acts(tour: Path) -> None:
    table = run_json("outreach", tour, "--today", "2027-03-01")
    assert table["requests"] == [] and set(table["counts"].values()) == {0}

    asked = run_json("ask", tour, "Vinnova")
    assert (asked["state"], asked["organisation"], asked["contact"]) == (
        "to_write", "Vinnova", "Karin Lund (Vinnova)")
    assert asked["item"].startswith("Innovation funding")  # its idea meeting

    row = run_json("mark-sent", tour, "vinnova", "--on", SENT, "--today", SENT)
    assert (row["state"], row["sent_on"], row["days_waiting"]) == ("sent", "2027-03-05", 0)
    assert row["meeting_status"] == "requested"  # the idea became a request
    assert row["reminder_due_on"] == "2027-03-12" and not row["reminder_due"]

    thursday = SENT + timedelta(days=6)  # four working days: not yet
    assert findings(tour, thursday) == []
    [waiting] = run_json("outreach", tour, "--today", thursday)["requests"]
    assert (waiting["days_waiting"], waiting["next_step"]) == (4, "wait")
    friday = SENT + timedelta(days=7)
    table = run_json("outreach", tour, "--today", friday)
    assert table["counts"]["sent"] == 1 and table["counts"]["reminder_due"] == 1
    [due] = table["requests"]
    assert (due["reminder_due"], due["days_waiting"], due["next_step"]) == (True, 5, "remind")
    assert run_json("outreach", tour, "--today", friday, "--state", "reminder_due")["requests"]
    assert run_json("outreach", tour, "--today", friday, "--state", "confirmed")[
        "requests"] == []
    code, text = run("outreach", tour, "--today", friday)
    assert code == 0 and "REMINDER DUE: sent Fri 5 Mar 2027, 5 working days waiting" in text
    assert "next: send a reminder" in text
    [overdue] = findings(tour, friday)
    assert (overdue["severity"], overdue["day"], overdue["items"]) == ("warning", None, [])
    assert overdue["message"] == ("Vinnova has not answered the request sent on Fri 5 Mar "
                                  "2027: 5 working days without a reply.")

    row = run_json("mark-sent", tour, "Vinnova", "--kind", "reminder", "--on", friday,
                   "--today", friday)
    assert row["reminded_on"] == friday.isoformat() and not row["reminder_due"]
    assert findings(tour, friday) == []  # the reminder went: the clock starts again
    assert len(findings(tour, friday + timedelta(days=7))) == 1

    answered = friday + timedelta(days=3)
    row = run_json("mark-reply", tour, "Vinnova", "--state", "confirmed", "--on", answered,
                   "--today", answered)
    assert (row["state"], row["meeting_status"], row["next_step"]) == (
        "confirmed", "confirmed", "confirm")
    [waiting] = findings(tour, answered)
    assert (waiting["code"], waiting["day"]) == ("confirmation_not_sent", "2027-05-11")
    assert waiting["message"] == ("Innovation funding (Tue 11 May) is confirmed, but Vinnova "
                                  "has not had the confirmation letter.")

    row = run_json("mark-sent", tour, "Vinnova", "--kind", "confirmation", "--on", answered,
                   "--today", answered)
    assert row["confirmation_sent_on"] == answered.isoformat() and row["next_step"] == "none"
    assert findings(tour, answered) == []
    table = run_json("outreach", tour, "--today", answered)
    assert table["counts"]["confirmed"] == 1 and table["counts"]["sent"] == 0


def test_refusals_say_what_and_where(tour: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, "mark-sent", tour, "Vinnova", "--today", SENT) == (
        "ecovisit: error: Vinnova has not been asked yet: start a request first")
    assert "host" in refused(capsys, "ask", tour, "Nobody AB")
    run_json("ask", tour, "Vinnova")
    assert refused(capsys, "ask", tour, "Vinnova") == (
        "ecovisit: error: Vinnova has been asked already (the request is to write): a host "
        "is asked once per tour")
    assert refused(capsys, "mark-sent", tour, "Vinnova", "--on", "2027-03-08", "--today",
                   SENT) == ("ecovisit: error: host request sent on: Vinnova: Mon 8 Mar 2027 "
                             "is after today (Fri 5 Mar 2027)")
    assert refused(capsys, "mark-sent", tour, "Vinnova", "--kind", "confirmation", "--on",
                   SENT, "--today", SENT) == (
        "ecovisit: error: Vinnova: the request is to write; the confirmation letter follows "
        "only a request that is confirmed")
    assert refused(capsys, "mark-reply", tour, "Vinnova", "--state", "replied", "--today",
                   SENT).endswith("a reply follows only a request that is sent or no answer")
    run_json("mark-sent", tour, "Vinnova", "--on", SENT, "--today", SENT)
    assert refused(capsys, "mark-reply", tour, "Vinnova", "--state", "replied", "--on",
                   "2027-03-04", "--today", SENT) == (
        "ecovisit: error: host request replied on: Vinnova: Thu 4 Mar 2027 is before the "
        "request it follows (Fri 5 Mar 2027)")
    assert "--reason" in refused(capsys, "mark-reply", tour, "Vinnova", "--state", "replied",
                                 "--reason", "x")
    run_json("mark-reply", tour, "Vinnova", "--state", "confirmed", "--on", SENT, "--today",
             SENT)
    run_json("set", tour, "item", "Innovation funding", "status=requested")
    assert refused(capsys, "mark-sent", tour, "Vinnova", "--kind", "confirmation", "--on",
                   SENT, "--today", SENT) == (
        "ecovisit: error: Vinnova: the meeting Innovation funding is requested, not "
        "confirmed; mark the request confirmed first")
    assert "1 to 60" in refused(capsys, "edit-tour", tour, "--reminder-days", "0")
    with TourStore.open(tour) as store, store.transaction() as session:  # nothing changed
        request = session.scalars(select(HostRequest)).one()
        assert (request.state, request.sent_on, request.confirmation_sent_on) == (
            RequestState.CONFIRMED, SENT, None)


def test_refusals_in_japanese(tour: Path) -> None:
    with TourStore.open(tour) as store, store.transaction() as session:
        vinnova = session.scalars(select(Organisation)).one()
        with pytest.raises(OutreachError) as refusal:
            tracking.require_request(session, vinnova.id)
        assert refusal.value.message("ja") == \
            "Vinnovaにはまだ依頼していません。先に依頼を作成してください"
        step = tracking.start_request(session, vinnova.id)
        with pytest.raises(edits.FieldError) as late:
            tracking.mark_sent(session, step.request_id, SENT, SENT - timedelta(days=1))
        assert late.value.message("ja") == \
            "訪問依頼の送付日: Vinnova：2027年3月5日(金)は今日（2027年3月4日(木)）より後の日付です"


def test_the_reminder_days_are_the_tours(tour: Path) -> None:
    run_json("ask", tour, "Vinnova")
    run_json("mark-sent", tour, "Vinnova", "--on", SENT, "--today", SENT)
    friday = SENT + timedelta(days=7)
    assert run_json("outreach", tour, "--today", friday)["counts"]["reminder_due"] == 1
    assert run_json("edit-tour", tour, "--reminder-days", "7")["reminder_days"] == 7
    table = run_json("outreach", tour, "--today", friday)
    assert table["counts"]["reminder_due"] == 0 and table["reminder_days"] == 7
    assert findings(tour, friday) == []
    assert len(findings(tour, SENT + timedelta(days=11))) == 1  # Tuesday: 7 working days


def test_set_and_delete_a_request_and_a_template(tour: Path) -> None:
    run_json("ask", tour, "Vinnova")
    changed = run_json("set", tour, "request", "Vinnova", "language=ja", "notes=Call first")
    assert (changed["language"], changed["notes"], changed["organisation"]) == (
        "ja", "Call first", "Vinnova")
    code, text = run("set", tour, "request", "Vinnova", "state=sent", "sent_on=2027-03-05")
    assert code == 0 and text.startswith("Changed host request #1 to Vinnova: for Innovation "
                                         "funding") and "sent Fri 5 Mar 2027" in text
    with TourStore.open(tour) as store, store.transaction() as session:
        edits.add_record(session, "template", {"kind": LetterKind.REQUEST, "language": "ja",
                                               "subject": "ご訪問のお願い", "body": "{host}様"})
    template = run_json("set", tour, "template", "request ja", "subject=視察のお願い")
    assert (template["kind"], template["language"], template["subject"]) == (
        "request", "ja", "視察のお願い")
    assert run_json("delete", tour, "template", "request")["deleted"]["id"] == template["id"]
    gone = run_json("delete", tour, "request", "vinnova")
    assert gone["deleted"]["organisation"] == "Vinnova"
    assert run_json("outreach", tour)["requests"] == []
    # deleting the meeting leaves the request without one; deleting the host takes it along
    run_json("ask", tour, "Vinnova")
    assert run_json("delete", tour, "item", "Innovation funding")["cleared"] == {
        "host request": 1}
    assert run_json("delete", tour, "organisation", "Vinnova")["removed"]["host request"] == 1


def _request(session: Session, host: str) -> HostRequest:
    return session.scalars(select(HostRequest).join(HostRequest.organisation).where(
        Organisation.name == host)).one()


def _state(session: Session) -> list[tuple[object, ...]]:
    session.flush()
    session.expire_all()
    return sorted(
        [("request", r.organisation_id, r.state, r.item_id, r.sent_on, r.reminded_on,
          r.replied_on, r.confirmation_sent_on, r.reason)
         for r in session.scalars(select(HostRequest))]
        + [("item", i.id, i.status, i.notes) for i in session.scalars(select(AgendaItem))],
        key=repr)


def test_undo_restores_each_step(demo_path: Path) -> None:
    """WERK1 (the demo's idea meeting, a request to write) through every step, each recorded
    as one undoable change (as the window records it) and undone, then redone; and each step
    undone by its own restore values too."""
    today = DEMO_START - timedelta(days=40)
    with TourStore.open(demo_path) as store, store.transaction() as session:
        werk1 = _request(session, "WERK1")
        meeting = werk1.item
        assert werk1.state is RequestState.TO_WRITE and meeting is not None
        assert meeting.status is ItemStatus.IDEA
        rid = werk1.id
        steps = [
            lambda s: tracking.mark_sent(s, rid, today - timedelta(days=14), today),
            lambda s: tracking.mark_reminded(s, rid, today - timedelta(days=7), today),
            lambda s: tracking.mark_replied(s, rid, today - timedelta(days=3), today),
            lambda s: tracking.mark_confirmed(s, rid, today - timedelta(days=2), today),
            lambda s: tracking.mark_confirmation_sent(s, rid, today, today),
        ]
        for step in steps:
            before = _state(session)
            done, changeset = changes.record(session, step)
            after = _state(session)
            assert after != before and changeset
            changes.apply(session, changeset, undo=True)
            assert _state(session) == before
            changes.apply(session, changeset, undo=False)
            assert _state(session) == after
            tracking.undo(session, done)  # the step's own restore values
            assert _state(session) == before
            step(session)
            assert _state(session) == after
        session.expire_all()
        assert meeting.status is ItemStatus.CONFIRMED
        assert werk1.state is RequestState.CONFIRMED and werk1.confirmation_sent_on == today

        wolt = session.scalars(select(Organisation).where(Organisation.name == "Wolt")).one()
        before = _state(session)
        started, changeset = changes.record(session, lambda s: tracking.start_request(
            s, wolt.id))
        assert _request(session, "Wolt").contact.name == "Sanna Nieminen"
        changes.apply(session, changeset, undo=True)
        assert _state(session) == before
        changes.apply(session, changeset, undo=False)
        tracking.undo(session, started)
        assert _state(session) == before


def test_a_decline_cancels_the_meeting_and_leaves_the_host_out_of_the_next_plan(
        demo_path: Path) -> None:
    reason = "No visits during their product launch week"
    row = run_json("mark-reply", demo_path, "WERK1", "--state", "declined", "--reason", reason,
                   "--on", "2027-03-01", "--today", "2027-03-01")
    assert (row["state"], row["reason"], row["meeting_status"], row["next_step"]) == (
        "declined", reason, "cancelled", "none")
    with TourStore.open(demo_path) as store, store.transaction() as session:
        pitch = _request(session, "WERK1").item
        assert pitch is not None and pitch.status is ItemStatus.CANCELLED  # kept, cancelled
        assert pitch.notes.endswith(f"Declined by WERK1 on 2027-03-01: {reason}")
    run_json("ask", demo_path, "Wolt")
    run_json("mark-reply", demo_path, "Wolt", "--state", "declined", "--reason",
             "No robot demo in winter", "--today", "2027-03-01", "--on", "2027-03-01")

    code, text = run("plan", demo_path, "--dry-run", "--iterations", "40", "--json")
    assert code == 0, text
    report = json.loads(text)
    planned = {change["organisation"] for change in report["changes"]}
    assert not planned & {"WERK1", "Wolt", "Zalando"}
    declined = {host["organisation"]: host for host in report["left_out"]
                if host["reason"] == "declined"}
    assert set(declined) >= {"Wolt", "Zalando"}  # the demo's own decline too
    assert declined["Wolt"]["declined"] == "No robot demo in winter"
    assert declined["Wolt"]["text"].startswith("declined: No robot demo in winter; it would "
                                               "serve: ")
    code, text = run("plan", demo_path, "--dry-run", "--iterations", "40")
    assert "  Wolt: declined: No robot demo in winter" in text
    assert "  Zalando: declined: Their innovation team is at an all-hands offsite" in text


def test_the_findings_come_and_go_with_the_requests(demo_path: Path) -> None:
    """On the demo: Celonis, sent eleven weeks before the tour, waits for an answer; a
    checker updated after each step (as the window's is) finds what the full check finds."""
    today = DEMO_START - timedelta(days=59)  # a Friday: Renault reminded four days before
    with TourStore.open(demo_path) as store, store.transaction() as session:
        checker = Checker(Plan.from_session(session), today)
        found = checker.check_all()
        [overdue] = [f for f in found if f.code == "reply_overdue"]
        assert overdue.data["host"] == "Celonis" and overdue.day is None
        assert overdue.data["days"] == working_days(DEMO_START - timedelta(days=77), today)
        assert "Celonis" in overdue.message("ja") and "営業日" in overdue.message("ja")
        assert not [f for f in found if f.code == "confirmation_not_sent"]

        celonis = _request(session, "Celonis")
        tracking.mark_reminded(session, celonis.id, today, today)
        session.flush()
        assert checker.update_requests(requests_of(session)) == set()
        assert not [f for f in checker.findings() if f.code == "reply_overdue"]

        bmw = _request(session, "BMW Group")
        edits.set_fields(session, "request", bmw.id, {"confirmation_sent_on": None})
        session.flush()
        days = checker.update_requests(requests_of(session))
        assert days == {DEMO_START + timedelta(days=7)}
        [waiting] = [f for f in checker.findings() if f.code == "confirmation_not_sent"]
        assert waiting.items == (bmw.item.uid,) and waiting.day == DEMO_START + timedelta(days=7)
        assert waiting.message("ja").startswith("「BMW Startup Garage")
        full = Checker(Plan.from_session(session), today).check_all()
        assert sorted(f.code for f in full) == sorted(f.code for f in checker.findings())


def test_the_demo_shows_every_state_of_asking_hosts(demo_path: Path) -> None:
    first_start = DEMO_START - timedelta(days=62)  # the earliest a first start can be
    table = run_json("outreach", demo_path, "--today", first_start)
    counts = table["counts"]
    assert counts["confirmed"] >= 10 and counts["reminder_due"] == 1
    assert all(counts[state] >= 1 for state in ("to_write", "sent", "replied", "declined",
                                                "no_answer"))
    rows = {row["host"]: row for row in table["requests"]}
    assert rows["Celonis"]["reminder_due"] and table["requests"][0]["host"] == "Celonis"
    assert rows["WERK1"]["meeting_status"] == "idea" and rows["WERK1"]["state"] == "to_write"
    assert rows["Zalando"]["reason"] and rows["Zalando"]["meeting"] is None
    assert all(row["confirmation_sent_on"] for row in rows.values()
               if row["state"] == "confirmed")
    assert all(row["meeting_status"] == row["state"] for row in rows.values()
               if row["state"] == "confirmed")
    for row in rows.values():  # every step before the first start could be
        for field in ("sent_on", "reminded_on", "replied_on", "confirmation_sent_on"):
            if row[field] is not None:
                day = date.fromisoformat(row[field])
                assert day <= first_start and day.weekday() < 5, (row["host"], field)
    with TourStore.open(demo_path) as store, store.transaction() as session:
        texts = [r.state_text("ja") for r in outreach(session, first_start).rows]
        assert any(text.startswith("催促期限：") for text in texts)


def test_a_travellers_check_names_only_the_replies_her_meetings_wait_for(
        demo_path: Path) -> None:
    today = DEMO_START - timedelta(days=59)
    with TourStore.open(demo_path) as store, store.transaction() as session:
        plan = Plan.from_session(session)
        celonis = _request(session, "Celonis").item
        assert celonis is not None
        at_celonis = {t.id for t in celonis.attendees}
        for traveller in plan.travellers:
            found = Checker(plan.for_traveller(traveller), today).check_all()
            overdue = [f.data["host"] for f in found if f.code == "reply_overdue"]
            assert overdue == (["Celonis"] if traveller in at_celonis else []), traveller
        assert 0 < len(at_celonis) < len(plan.travellers)
