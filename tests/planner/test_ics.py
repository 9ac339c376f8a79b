"""The .ics export: what calendars need, nothing private, updates that replace, never duplicate."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from planner.cli import main
from planner.edits import add_record, create_tour, delete_record, set_fields
from planner.model import AgendaItem, ItemStatus, Traveller
from planner.store import TourStore, create_tour_file
from planner.tourdoc import import_document


def export(tour: Path, out: Path, *extra: str) -> bytes:
    assert main(["export-ics", str(tour), str(out), "--force", *extra], out=io.StringIO()) == 0
    return out.read_bytes()


def lint(data: bytes) -> list[str]:
    """RFC 5545 rules that calendar programs rely on."""
    problems = []
    if b"\n" in data.replace(b"\r\n", b""):
        problems.append("bare LF line end")
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            problems.append(f"line over 75 octets: {line[:40]!r}")
    cal = Calendar.from_ical(data)
    if "METHOD" in cal:  # a calendar snapshot, not an iTIP message (see planner.calendar.ics)
        problems.append("a METHOD")
    zones = {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")}
    for tz in cal.walk("VTIMEZONE"):
        if tz.walk("STANDARD") and any("RDATE" in part for part in tz.subcomponents):
            problems.append(f"{tz['tzid']}: RDATE in a VTIMEZONE")
    for event in cal.walk("VEVENT"):
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"):
            if name not in event:
                problems.append(f"{event.get('UID')}: no {name}")
        for name in ("ATTENDEE", "ORGANIZER"):  # a meeting invitation, which we never send
            if name in event:
                problems.append(f"{event['UID']}: {name}")
        for name in ("DTSTART", "DTEND"):
            tzid = event[name].params.get("TZID")
            if tzid is not None and tzid not in zones:
                problems.append(f"{event['UID']}: TZID {tzid} has no VTIMEZONE")
    return problems


def test_the_demo_calendar_passes_the_lint(demo_path: Path, tmp_path: Path) -> None:
    data = export(demo_path, tmp_path / "tour.ics")
    assert lint(data) == []
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 29  # the demo's 30 items but its one idea
    assert len({str(e["UID"]) for e in events}) == 29
    berlin = next(tz for tz in cal.walk("VTIMEZONE") if tz["tzid"] == "Europe/Berlin")
    rules = [str(part["RRULE"].to_ical(), "ascii") for part in berlin.subcomponents]
    assert rules == ["FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"]
    flight = next(e for e in events if str(e["SUMMARY"]).startswith("Flight Paris"))
    assert flight["DTSTART"].params["TZID"] == "Europe/Paris"
    assert flight["DTEND"].params["TZID"] == "Asia/Tokyo"
    bmw = next(e for e in events if "BMW" in str(e["SUMMARY"]))
    assert "Markus Zimmermann" in str(bmw["DESCRIPTION"])
    assert "Why we meet:" in str(bmw["DESCRIPTION"])
    assert str(bmw["URL"]).startswith("https://www.openstreetmap.org/?mlat=48.")
    assert [str(a["ACTION"]) for a in bmw.walk("VALARM")] == ["DISPLAY"]
    assert "(travel: taxi, about" in str(bmw["DESCRIPTION"])  # to the next meeting


def test_vobject_reads_the_demo_calendar_too(demo_path: Path, tmp_path: Path) -> None:
    import vobject

    parsed = vobject.readOne(export(demo_path, tmp_path / "tour.ics").decode("utf-8"))
    events = parsed.contents["vevent"]
    assert len(events) == 29
    first = min(events, key=lambda e: e.dtstart.value)
    assert first.dtstart.value.utcoffset() == timedelta(hours=9)  # Tokyo, from the VTIMEZONE
    assert first.summary.value == "Flight Tokyo Haneda → Helsinki (Finnair)"


def test_times_are_right_in_tokyo(demo_path: Path, tmp_path: Path) -> None:
    """Parsed back, every event starts at the same instant as the item, in any zone."""
    cal = Calendar.from_ical(export(demo_path, tmp_path / "tour.ics"))
    with TourStore.open(demo_path) as store, store.transaction() as session:
        items = {i.uid: i for i in session.scalars(select(AgendaItem))}
    tokyo = ZoneInfo("Asia/Tokyo")
    for event in cal.walk("VEVENT"):
        item = items[str(event["UID"])]
        assert event.decoded("DTSTART").astimezone(tokyo) == item.start.astimezone(tokyo)
        assert event.decoded("DTEND") == item.end


def test_a_changed_item_keeps_its_uid_with_a_higher_sequence_and_a_deleted_one_is_cancelled(
        demo_path: Path, tmp_path: Path) -> None:
    before = Calendar.from_ical(export(demo_path, tmp_path / "a.ics", "--include-ideas"))
    with TourStore.open(demo_path) as store, store.transaction() as session:
        moved = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Process mining"))).one()
        moved.start += timedelta(minutes=30)
        moved.end += timedelta(minutes=30)
        gone = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Pitch session"))).one()
        moved_uid, gone_uid = moved.uid, gone.uid
        session.delete(gone)
        cancelled = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Bavarian dinner"))).one()
        cancelled.status = ItemStatus.CANCELLED
    after = Calendar.from_ical(export(demo_path, tmp_path / "b.ics", "--include-ideas"))
    old = {str(e["UID"]): e for e in before.walk("VEVENT")}
    new = {str(e["UID"]): e for e in after.walk("VEVENT")}
    assert set(old) == set(new)  # nothing new, nothing silently dropped
    assert int(new[moved_uid]["SEQUENCE"]) == int(old[moved_uid]["SEQUENCE"]) + 1
    assert str(new[gone_uid]["STATUS"]) == "CANCELLED"
    assert int(new[gone_uid]["SEQUENCE"]) > int(old[gone_uid]["SEQUENCE"])
    statuses = [str(e["STATUS"]) for e in after.walk("VEVENT")]
    assert statuses.count("CANCELLED") == 2
    unchanged = next(u for u in old if u not in (moved_uid, gone_uid))
    assert old[unchanged]["SEQUENCE"] == new[unchanged]["SEQUENCE"]


def test_nothing_private_leaves_and_phones_only_on_request(demo_path: Path,
                                                           tmp_path: Path) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        item = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("BMW"))).one()
        item.notes = "INTERNAL: budget 40k"
        item.hosts[0].phone = "+49 89 555 0101"
        traveller = session.scalars(select(Traveller)).first()
        assert traveller is not None
        traveller.dietary = "SECRET-DIET"
    data = export(demo_path, tmp_path / "tour.ics").decode()
    for secret in ("INTERNAL", "SECRET-DIET", "Shellfish", "@example.com", "+49 89 555 0101",
                   "Needs consecutive interpretation"):
        assert secret not in data
    assert "+49 89 555 0101" in export(demo_path, tmp_path / "p.ics", "--with-phones").decode()


def test_one_travellers_calendar(demo_path: Path, tmp_path: Path) -> None:
    cal = Calendar.from_ical(export(demo_path, tmp_path / "n.ics", "--traveller", "中村"))
    titles = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert "Process mining for manufacturing" not in titles
    assert "BMW Startup Garage and the software-defined vehicle" in titles
    assert "Hiroshi Nakamura" in str(cal["X-WR-CALNAME"])
    # The pitch session is an idea: in her calendar only when asked for, and then tentative.
    assert "Pitch session: Munich mobility startups" not in titles
    cal = Calendar.from_ical(export(demo_path, tmp_path / "i.ics", "--traveller", "中村",
                                    "--include-ideas"))
    pitch = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Pitch session"))
    assert (str(pitch["STATUS"]), str(pitch["TRANSP"]),
            str(pitch["X-MICROSOFT-CDO-BUSYSTATUS"])) == ("TENTATIVE", "OPAQUE", "TENTATIVE")


def test_no_alarm_with_zero(demo_path: Path, tmp_path: Path) -> None:
    cal = Calendar.from_ical(export(demo_path, tmp_path / "q.ics", "--alarm", "0"))
    assert not cal.walk("VALARM")


HOSTILE = "Kick-off; budget, 100% \\ done\nBEGIN:VEVENT\nEND:VCALENDAR 🚀 日本語の会議"


def test_hostile_text_survives_export_and_reparse(tmp_path: Path) -> None:
    document = {"format": "ecovisit-tour", "version": 1,
                "tour": {"title": HOSTILE, "start_date": "2027-01-18", "end_date": "2027-01-19"},
                "places": [{"id": 1, "name": HOSTILE, "latitude": 52.5, "longitude": 13.4,
                            "zone": "Europe/Berlin", "address": "A<b>&Co; \"quoted\""}],
                "items": [{"id": 1, "uid": "x@test", "title": HOSTILE, "zone": "Europe/Berlin",
                           "status": "confirmed",
                           "start": "2027-01-18T10:00:00+01:00", "place": 1,
                           "end": "2027-01-18T11:00:00+01:00", "questions": [HOSTILE]}]}
    tour = tmp_path / "hostile.ecovisit"
    create_tour_file(tour, lambda s: import_document(document, s))
    data = export(tour, tmp_path / "h.ics")
    assert lint(data) == []
    cal = Calendar.from_ical(data)
    [event] = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == HOSTILE
    assert HOSTILE in str(event["DESCRIPTION"])
    # icalendar leaves unknown X- properties escaped on reading; RFC 5545 TEXT rules undo it:
    raw = str(cal["X-WR-CALNAME"])
    assert re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw) == HOSTILE
    assert len(re.findall(rb"^BEGIN:VEVENT\r$", data, re.M)) == 1


def test_winter_and_summer_meetings_in_berlin_shift_differently_in_tokyo(tmp_path: Path) -> None:
    document = {"format": "ecovisit-tour", "version": 1,
                "tour": {"title": "Two seasons", "start_date": "2027-01-18",
                         "end_date": "2027-07-20"},
                "places": [{"id": 1, "name": "Berlin office", "latitude": 52.5,
                            "longitude": 13.4, "zone": "Europe/Berlin"}],
                "items": [{"id": 1, "uid": "winter@test", "title": "Winter", "status": "requested",
                           "zone": "Europe/Berlin", "place": 1,
                           "start": "2027-01-19T10:00:00+01:00",
                           "end": "2027-01-19T11:00:00+01:00"},
                          {"id": 2, "uid": "summer@test", "title": "Summer", "status": "confirmed",
                           "zone": "Europe/Berlin", "place": 1,
                           "start": "2027-07-13T10:00:00+02:00",
                           "end": "2027-07-13T11:00:00+02:00"}]}
    tour = tmp_path / "seasons.ecovisit"
    create_tour_file(tour, lambda s: import_document(document, s))
    cal = Calendar.from_ical(export(tour, tmp_path / "s.ics"))
    tokyo = {str(e["SUMMARY"]): e.decoded("DTSTART").astimezone(ZoneInfo("Asia/Tokyo")).hour
             for e in cal.walk("VEVENT")}
    assert tokyo == {"Winter": 18, "Summer": 17}
    assert all(e.decoded("DTSTAMP").tzinfo is not None and e.decoded("DTSTAMP") <=
               datetime.now(UTC) for e in cal.walk("VEVENT"))


def test_export_refuses_to_overwrite(demo_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "keep.ics"
    target.write_text("keep")
    assert main(["export-ics", str(demo_path), str(target)], out=io.StringIO()) == 2
    assert target.read_text() == "keep"


def shown_as(event: Any) -> tuple[str, str, str]:
    return (str(event["STATUS"]), str(event["TRANSP"]), str(event["X-MICROSOFT-CDO-BUSYSTATUS"]))


def test_outlook_shows_cancelled_items_free_and_requested_ones_tentative(
        demo_path: Path, tmp_path: Path) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        dinner = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Bavarian dinner")).one()
        set_fields(session, "item", dinner.id, {"status": "cancelled"})
        pitch = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("Pitch session"))).one()
        delete_record(session, "item", pitch.id)
    data = export(demo_path, tmp_path / "t.ics")
    assert b"TRANSP:OPAQUE\r\n" in data and b"X-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n" in data
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    assert shown_as(events["Bavarian dinner"]) == ("CANCELLED", "TRANSPARENT", "FREE")
    assert not events["Bavarian dinner"].walk("VALARM")
    assert shown_as(events["Pitch session: Munich mobility startups"]) == (
        "CANCELLED", "TRANSPARENT", "FREE")  # the deleted item's tombstone
    assert shown_as(events["Process mining for manufacturing"]) == (
        "TENTATIVE", "OPAQUE", "TENTATIVE")  # requested
    assert shown_as(events["Design thinking for executives"]) == ("CONFIRMED", "OPAQUE", "BUSY")


def test_the_coordinator_is_named_in_every_description_and_nobody_organises(
        demo_path: Path, tmp_path: Path) -> None:
    data = export(demo_path, tmp_path / "c.ics")
    cal = Calendar.from_ical(data)
    assert "METHOD" not in cal
    for event in cal.walk("VEVENT"):
        assert "ORGANIZER" not in event and "ATTENDEE" not in event
        assert str(event["DESCRIPTION"]).endswith(
            "Coordinator: Marie Lindqvist, Nordlicht Study Tours, +49 30 5555 0142, "
            "marie.lindqvist@nordlicht-tours.example")


def test_a_travellers_file_never_names_a_meeting_she_did_not_attend(
        demo_path: Path, tmp_path: Path) -> None:
    """A deleted meeting of two colleagues is cancelled in their files and the tour's, and is
    not in Sato's at all (it was, with its title, as a cancelled event)."""
    with TourStore.open(demo_path) as store, store.transaction() as session:
        mining = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Process mining for manufacturing")).one()
        assert sorted(t.name for t in mining.attendees) == ["Aiko Yamamoto", "Kenji Takahashi"]
        delete_record(session, "item", mining.id)
    sato = export(demo_path, tmp_path / "s.ics", "--traveller", "Sato")
    assert b"Process mining" not in sato
    for who in ("Takahashi", None):
        data = export(demo_path, tmp_path / "x.ics", *(("--traveller", who) if who else ()))
        [gone] = [e for e in Calendar.from_ical(data).walk("VEVENT")
                  if str(e["SUMMARY"]) == "Process mining for manufacturing"]
        assert str(gone["STATUS"]) == "CANCELLED"


def test_a_traveller_taken_off_a_meeting_gets_it_cancelled_and_nothing_else_changes(
        demo_path: Path, tmp_path: Path) -> None:
    with TourStore.open(demo_path) as store, store.transaction() as session:
        design = session.scalars(select(AgendaItem).where(
            AgendaItem.title == "Design thinking for executives")).one()
        keep = [t.id for t in design.attendees if t.name != "Yumiko Sato"]
        set_fields(session, "item", design.id, {"attendees": keep})
    mine = Calendar.from_ical(export(demo_path, tmp_path / "s.ics", "--traveller", "Sato"))
    design_events = [e for e in mine.walk("VEVENT")
                     if str(e["SUMMARY"]) == "Design thinking for executives"]
    assert [shown_as(e) for e in design_events] == [("CANCELLED", "TRANSPARENT", "FREE")]
    theirs = Calendar.from_ical(export(demo_path, tmp_path / "t.ics", "--traveller", "Ito"))
    assert [str(e["STATUS"]) for e in theirs.walk("VEVENT")
            if str(e["SUMMARY"]) == "Design thinking for executives"] == ["CONFIRMED"]


def test_a_time_the_clocks_pass_twice_is_written_in_utc(tmp_path: Path) -> None:
    tour = tmp_path / "autumn.ecovisit"
    create_tour(tour, "Autumn", date(2027, 10, 30), date(2027, 11, 1))
    with TourStore.open(tour) as store, store.transaction() as session:
        office = add_record(session, "place", {"name": "Office", "latitude": 52.5,
                                               "longitude": 13.4}).value
        for n, (start, end) in enumerate((("02:30+02:00", "03:30+01:00"),
                                          ("02:30+01:00", "02:45+01:00"),
                                          ("03:00+01:00", "03:30+01:00"))):
            add_record(session, "item", {"title": f"Item {n}", "status": "confirmed",
                                         "place_id": office,
                                         "start": f"2027-10-31T{start}",
                                         "end": f"2027-10-31T{end}"})
    text = export(tour, tmp_path / "a.ics").decode()
    assert "DTSTART:20271031T003000Z\r\nDTEND;TZID=Europe/Berlin:20271031T033000\r\n" in text
    assert "DTSTART:20271031T013000Z\r\nDTEND:20271031T014500Z\r\n" in text
    assert "DTSTART;TZID=Europe/Berlin:20271031T030000\r\n" in text  # once only: local
    # the description's "next" says which 02:30 (the summer-time one is followed by the other)
    first = Calendar.from_ical(text).walk("VEVENT")[0]
    assert "Next: Item 1 at 02:30 CET" in str(first["DESCRIPTION"])


def test_export_says_which_idea_items_it_left_out(demo_path: Path, tmp_path: Path) -> None:
    said = io.StringIO()
    assert main(["export-ics", str(demo_path), str(tmp_path / "a.ics")], out=said) == 0
    assert said.getvalue().splitlines()[1] == (
        "Not in the file: 1 idea item (--include-ideas adds them): "
        "Pitch session: Munich mobility startups")
    for extra in (["--include-ideas"], ["--traveller", "Takahashi"]):  # asked for; none of his
        said = io.StringIO()
        assert main(["export-ics", str(demo_path), str(tmp_path / "b.ics"), "--force", *extra],
                    out=said) == 0
        assert said.getvalue() == f"Wrote {tmp_path / 'b.ics'}\n"
