"""Tours built from nothing through the planner's own edits (``planner.edits``), the way the
window and the command line build them, for the tests that read our calendars with real readers
(tests/planner/test_ics_readers.py):

* :func:`clock_change_tour`: Berlin across the March and the October 2027 clock changes: an item
  typed in the hour the clocks skip, one across it, both 02:30s of the night the clocks go back,
  one across that hour, night trains on which the clocks change, a flight Frankfurt -> Tokyo
  across the change ending in Asia/Tokyo; a meeting deleted in the repeated hour (a tombstone),
  a traveller taken off another (a departure), a cancelled item, an idea.
* :func:`hostile_tour`: text that breaks naive writers and readers everywhere a calendar shows
  it (commas, semicolons, backslashes, newlines, very long lines, emoji, Japanese, ``%``,
  ``<>&"``).

Each returns the names of its travellers, in the order they were added.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from planner.edits import add_record, create_tour, delete_record, set_fields
from planner.store import TourStore

#: Text that a calendar writer must escape and fold, and a reader give back as typed.
HOSTILE = ('Kick-off; budget, 100% \\ done\nBEGIN:VEVENT\nEND:VCALENDAR 🚀 日本語の会議 '
           '<b>A&B "quoted"</b> %s %1 ,;:')
#: A line far over 75 octets, with multi-byte characters where a fold may fall.
LONG = " ".join(f"{n}: 長い説明、with commas, semicolons; a \\ and 🚀🚀 —" for n in range(60))


def _add(session: Session, kind: str, values: Mapping[str, Any]) -> int:
    return add_record(session, kind, values).value


def clock_change_tour(path: Path) -> list[str]:
    """The tour across the 2027 clock changes in Berlin (see the module docstring)."""
    create_tour(path, "Across the clock changes", date(2027, 3, 26), date(2027, 11, 1),
                home_zone="Asia/Tokyo", values={"coordinator": "Marie Lindqvist",
                                                "coordinator_phone": "+49 30 5555 0142"})
    names = ["Yumiko Sato", "Kenji Takahashi", "Takeshi Ito"]
    with TourStore.open(path) as store, store.transaction() as session:
        sato, takahashi, ito = (_add(session, "traveller", {"name": n}) for n in names)
        office = _add(session, "place", {"name": "Berlin office", "latitude": 52.5163,
                                         "longitude": 13.3777, "exact": True})
        paris = _add(session, "place", {"name": "Paris Gare de l'Est", "kind": "station",
                                        "latitude": 48.8768, "longitude": 2.3591})
        berlin = _add(session, "place", {"name": "Berlin Hbf", "kind": "station",
                                         "latitude": 52.5251, "longitude": 13.3694})
        frankfurt = _add(session, "place", {"name": "Frankfurt Airport (FRA)",
                                            "kind": "airport", "latitude": 50.0379,
                                            "longitude": 8.5622})
        haneda = _add(session, "place", {"name": "Tokyo Haneda Airport (HND)",
                                         "kind": "airport", "latitude": 35.5494,
                                         "longitude": 139.7798})
        everyone = [sato, takahashi, ito]

        def item(title: str, start: str, end: str, who: list[int], status: str = "confirmed",
                 **more: Any) -> int:
            return _add(session, "item", {"title": title, "start": start, "end": end,
                                          "attendees": who, "status": status,
                                          "place_id": office, **more})

        # March 28: at 02:00 the clocks go forward to 03:00.
        item("Night train Paris → Berlin (clocks go forward on board)",
             "2027-03-27T21:30+01:00", "2027-03-28T09:15+02:00", everyone, kind="train",
             place_id=paris, destination_id=berlin)
        item("Call typed at 02:30, an hour the clocks skip", "2027-03-28T02:30+01:00",
             "2027-03-28T04:00+02:00", [sato], status="requested")
        item("Across the skipped hour", "2027-03-28T01:30+01:00", "2027-03-28T03:30+02:00",
             [takahashi, ito])
        # October 31: at 03:00 the clocks go back to 02:00; 02:00-03:00 happens twice.
        item("First 02:30 (summer time)", "2027-10-31T02:30+02:00", "2027-10-31T02:50+02:00",
             everyone)
        item("Second 02:30 (winter time)", "2027-10-31T02:30+01:00", "2027-10-31T02:50+01:00",
             everyone)
        item("Across the repeated hour", "2027-10-31T01:45+02:00", "2027-10-31T02:15+01:00",
             [sato], status="cancelled")
        item("Night train Berlin → Paris (clocks go back on board)", "2027-10-30T22:00+02:00",
             "2027-10-31T09:30+01:00", [sato, ito], kind="train", place_id=berlin,
             destination_id=paris)
        item("Flight Frankfurt → Tokyo Haneda (clocks go back in the air)",
             "2027-10-30T21:05+02:00", "2027-10-31T17:20+09:00", [takahashi], kind="flight",
             place_id=frankfurt, destination_id=haneda)
        deleted = item("Meeting deleted in the repeated hour", "2027-10-31T02:10+01:00",
                       "2027-10-31T02:40+01:00", [takahashi, ito])
        left = item("Sato taken off in the repeated hour", "2027-10-31T02:05+02:00",
                    "2027-10-31T02:25+02:00", [sato, ito])
        item("Idea: breakfast at the station", "2027-10-31T08:00+01:00",
             "2027-10-31T08:45+01:00", everyone, status="idea")
    with TourStore.open(path) as store, store.transaction() as session:
        delete_record(session, "item", deleted)
        set_fields(session, "item", left, {"attendees": [ito]})
    return names


def hostile_tour(path: Path) -> list[str]:
    """The tour with hostile text everywhere a calendar shows text (see the module docstring)."""
    create_tour(path, HOSTILE[:200], date(2027, 5, 10), date(2027, 5, 12),
                values={"coordinator": 'Marie "M" O\'Neil; Nordlicht, <Tours> & Co \\ 🚀',
                        "coordinator_phone": "+49 (30) 5555; 0142, ext. 7",
                        "coordinator_email": "marie+tours@nordlicht.example"})
    names = ["佐藤, 由美子; \\ 🚀", 'Kenji "K" <Takahashi> & 100%']
    with TourStore.open(path) as store, store.transaction() as session:
        travellers = [_add(session, "traveller", {"name": n}) for n in names]
        place = _add(session, "place", {"name": HOSTILE[:200], "address": LONG[:2000],
                                        "latitude": 52.52, "longitude": 13.405, "exact": True})
        organisation = _add(session, "organisation", {"name": HOSTILE[:200],
                                                      "place_id": place})
        contact = _add(session, "contact", {"name": 'Dr. A; B, "C" \\ 🚀 山田', "role": HOSTILE[:200],
                                            "phone": "+49 30 1", "organisation_id": organisation})
        goal = _add(session, "goal", {"title": HOSTILE[:300]})
        common = {"place_id": place, "attendees": travellers}
        _add(session, "item", {"title": HOSTILE[:300], "start": "2027-05-10T10:00+02:00",
                               "end": "2027-05-10T11:30+02:00", "status": "confirmed",
                               "organisation_id": organisation, "hosts": [contact],
                               "goals": [goal], "questions": [HOSTILE, LONG],
                               "language": "ja", "booking_reference": "X;Y,Z\\%",
                               **common})
        _add(session, "item", {"title": LONG[:300], "start": "2027-05-10T12:00+02:00",
                               "end": "2027-05-10T13:00+02:00", "status": "requested",
                               "kind": "meal", **common})
        _add(session, "item", {"title": "キャンセル; cancelled, \\ 🚀 <x>",
                               "start": "2027-05-11T09:00+02:00",
                               "end": "2027-05-11T10:00+02:00", "status": "cancelled",
                               **common})
        gone = _add(session, "item", {"title": "Deleted: " + HOSTILE[:200],
                                      "start": "2027-05-11T14:00+02:00",
                                      "end": "2027-05-11T15:00+02:00", "status": "confirmed",
                                      **common})
    with TourStore.open(path) as store, store.transaction() as session:
        delete_record(session, "item", gone)
    return names
