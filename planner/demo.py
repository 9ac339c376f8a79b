"""The built-in demo tour: a realistic ten-day study tour, dated relative to today.

The content lives in ``resources/demo/tour.json`` as a *template*: days counted from the first
(Monday) and local times. :func:`demo_document` turns it into a regular tour document for a chosen
start date, and :func:`write_demo` imports that document like any other, so the demo exercises the
same code paths as a user's tour.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from planner.locations import demo_tour_path
from planner.store import create_tour_file
from planner.timezones import local_today, zone

_UID_NAMESPACE = uuid.UUID("6f1d7c1e-7c5b-4e0b-9a55-0e2f3a9d7c11")


def default_start(today: date) -> date:
    """The Monday at least eight weeks after *today*: the demo always looks current."""
    earliest = today + timedelta(weeks=8)
    return earliest + timedelta(days=(7 - earliest.weekday()) % 7)


def load_template() -> dict[str, Any]:
    """The demo template shipped in ``resources/demo/tour.json``."""
    text = (resources.files("resources") / "demo" / "tour.json").read_text(encoding="utf-8")
    template: dict[str, Any] = json.loads(text)
    return template


def _at(start: date, day: int, clock: str, zone_name: str) -> str:
    """ISO local datetime for "day N at HH:MM" in *zone_name* (``+1 HH:MM`` = the day after)."""
    if clock.startswith("+"):
        extra, clock = clock[1:].split(" ", 1)
        day += int(extra)
    moment = datetime.combine(start + timedelta(days=day), time.fromisoformat(clock),
                              tzinfo=zone(zone_name))
    return moment.isoformat()


def _place(pid: int, raw: dict[str, Any], name: str, kind: str) -> dict[str, Any]:
    return {
        "id": pid, "name": name, "kind": kind, "address": raw["address"], "city": raw["city"],
        "country": raw["country"], "latitude": raw["lat"], "longitude": raw["lon"],
        "exact": raw["exact"], "zone": raw["zone"], "phone": raw.get("phone", ""), "notes": "",
    }


def demo_document(start: date) -> dict[str, Any]:
    """The demo tour as a tour document whose first day is *start* (should be a Monday)."""
    from planner.tourdoc import FORMAT_NAME, FORMAT_VERSION  # only to write the demo

    template = load_template()
    places: list[dict[str, Any]] = []
    place_ids: dict[str, int] = {}
    for raw in template["places"]:
        place_ids[raw["key"]] = len(places) + 1
        places.append(_place(len(places) + 1, raw, raw["name"], raw["kind"]))

    travellers = [
        {"id": n, "name": t["name"], "name_ja": t["name_ja"], "company": t["company"],
         "role": t["role"], "email": t["email"], "languages": t["languages"],
         "dietary": t["dietary"], "notes": t["notes"], "staff": t.get("staff", False),
         "position": n}
        for n, t in enumerate(template["travellers"], start=1)
    ]
    traveller_ids = {t["key"]: n for n, t in enumerate(template["travellers"], start=1)}

    goals = [
        {"id": n, "traveller": traveller_ids.get(g["traveller"]), "title": g["title"],
         "title_ja": g["title_ja"], "description": "", "topics": g["topics"],
         "priority": g["priority"], "outcome": g.get("outcome", "open"),
         "outcome_summary": g.get("outcome_summary", "")}
        for n, g in enumerate(template["goals"], start=1)
    ]
    goal_ids = {g["key"]: n for n, g in enumerate(template["goals"], start=1)}

    organisations: list[dict[str, Any]] = []
    org_ids: dict[str, int] = {}
    org_zones: dict[str, str] = {}
    contact_ids: dict[str, int] = {}
    window_id = 0
    for n, raw in enumerate(template["organisations"], start=1):
        pid = len(places) + 1
        places.append(_place(pid, raw["office"], raw["name"], "office"))
        org_ids[raw["key"]] = n
        office_zone = raw["office"]["zone"]
        org_zones[raw["key"]] = office_zone
        contacts = []
        for c in raw["contacts"]:
            contact_ids[c["key"]] = len(contact_ids) + 1
            contacts.append({"id": contact_ids[c["key"]], "name": c["name"], "name_ja": "",
                             "role": c["role"], "email": c["email"], "phone": "",
                             "languages": c["languages"], "notes": ""})
        windows = []
        for w in raw["availability"]:
            window_id += 1
            windows.append({"id": window_id, "zone": office_zone,
                            "start": _at(start, w["day"], w["from"], office_zone),
                            "end": _at(start, w["day"], w["to"], office_zone), "note": ""})
        organisations.append({
            "id": n, "name": raw["name"], "name_ja": raw.get("name_ja", ""), "kind": raw["kind"],
            "topics": raw["topics"], "description": raw["description"], "phone": "",
            "website": raw["website"], "email": "", "notes": "", "place": pid,
            "contacts": contacts, "availability": windows,
        })

    stays = [
        {"id": n, "place": place_ids[s["place"]],
         "check_in": (start + timedelta(days=s["check_in"])).isoformat(),
         "check_out": (start + timedelta(days=s["check_out"])).isoformat(),
         "booking_reference": s["booking_reference"], "notes": ""}
        for n, s in enumerate(template["stays"], start=1)
    ]

    everyone = list(traveller_ids.values())
    items = []
    for n, raw in enumerate(template["items"], start=1):
        if "organisation" in raw:
            org = organisations[org_ids[raw["organisation"]] - 1]
            place_id = org["place"]
        else:
            place_id = place_ids[raw["place"]]
        start_zone = places[place_id - 1]["zone"]
        end_place = place_ids.get(raw.get("end_place", ""))
        end_zone = places[end_place - 1]["zone"] if end_place else start_zone
        items.append({
            "id": n,
            "uid": f"{uuid.uuid5(_UID_NAMESPACE, f'{start.isoformat()}/{n}')}@ecovisit",
            "revision": 0, "kind": raw["kind"], "title": raw["title"],
            "title_ja": raw.get("title_ja", ""), "zone": start_zone,
            "end_zone": end_zone if end_zone != start_zone else None,
            "start": _at(start, raw["day"], raw["start"], start_zone),
            "end": _at(start, raw["day"], raw["end"], end_zone),
            "place": place_id, "destination": end_place,
            "organisation": org_ids.get(raw.get("organisation", "")),
            "status": raw["status"], "locked": raw.get("locked", False),
            "attendees": [traveller_ids[k] for k in raw["attendees"]] if "attendees" in raw
            else everyone,
            "hosts": [contact_ids[k] for k in raw.get("hosts", [])],
            "goals": sorted(goal_ids[k] for k in raw.get("goals", [])),
            "notes": raw.get("notes", ""), "questions": raw.get("questions", []),
            "language": raw.get("language", ""),
            "interpreter_booked": raw.get("interpreter", False),
            "protocol_notes": raw.get("protocol", ""),
            "booking_reference": raw.get("booking_reference", ""),
            "learnings": raw.get("summary", ""),
        })

    tour = template["tour"]
    end = start + timedelta(days=tour["days"] - 1)
    learnings, ratings, follow_ups = _debrief(template, start, end, traveller_ids, goal_ids,
                                              contact_ids)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "tour": {
            "title": tour["title"], "title_ja": tour["title_ja"], "vision": tour["vision"],
            "vision_ja": tour["vision_ja"], "vision_after": tour.get("vision_after", ""),
            "vision_after_ja": tour.get("vision_after_ja", ""),
            "coordinator": tour["coordinator"],
            "coordinator_phone": tour.get("coordinator_phone", ""),
            "coordinator_email": tour.get("coordinator_email", ""),
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "home_zone": tour["home_zone"], "day_start": tour["day_start"],
            "day_end": tour["day_end"], "travel_settings": {}, "revision": 1,
            "reminder_days": 5,
        },
        "places": places, "travellers": travellers, "goals": goals,
        "organisations": organisations, "stays": stays, "items": items,
        "learnings": learnings, "ratings": ratings, "follow_ups": follow_ups,
        "follow_up_tombstones": [],
        "requests": _outreach(template, start, org_ids, contact_ids),
        "letter_templates": [],
        "goal_matches": [], "tombstones": [], "departures": [],
    }


def _debrief(template: dict[str, Any], start: date, end: date, traveller_ids: dict[str, int],
             goal_ids: dict[str, int], contact_ids: dict[str, int]
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The demo's debrief: each meeting's learnings (per goal, by whom, key takeaways tagged)
    and attendees' ratings, and the follow-ups (the meetings' and the tour's own), due and
    completed so many days after the tour's last day *end*."""
    learnings: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    follow_ups: list[dict[str, Any]] = []

    def days_after(days: int | None) -> str | None:
        return None if days is None else (end + timedelta(days=days)).isoformat()

    def follow_up(raw: dict[str, Any], item_id: int | None) -> None:
        n = len(follow_ups) + 1
        follow_ups.append({
            "id": n, "uid": f"{uuid.uuid5(_UID_NAMESPACE, f'{start.isoformat()}/todo/{n}')}"
                           "@ecovisit",
            "revision": 0, "item": item_id, "goal": goal_ids.get(raw.get("goal") or ""),
            "description": raw["description"], "owner": traveller_ids.get(raw["owner"] or ""),
            "contact": contact_ids.get(raw.get("contact") or ""),
            "due": days_after(raw.get("due")), "status": raw.get("status", "open"),
            "completed": days_after(raw.get("completed")), "notes": raw.get("notes", "")})

    for item_id, raw in enumerate(template["items"], start=1):
        for position, entry in enumerate(raw.get("learnings", [])):
            learnings.append({
                "id": len(learnings) + 1, "item": item_id,
                "goal": goal_ids.get(entry.get("goal") or ""),
                "traveller": traveller_ids.get(entry.get("by") or ""), "text": entry["text"],
                "tag": entry.get("tag"), "next_step": entry.get("next_step", ""),
                "position": position})
        for entry in raw.get("ratings", []):
            ratings.append({
                "id": len(ratings) + 1, "item": item_id, "traveller": traveller_ids[entry["by"]],
                "score": entry["score"], "recommend": entry.get("recommend"),
                "comment": entry.get("comment", "")})
        for entry in raw.get("follow_ups", []):
            follow_up(entry, item_id)
    for entry in template.get("follow_ups", []):
        follow_up(entry, None)
    return learnings, ratings, follow_ups


def _outreach(template: dict[str, Any], start: date, org_ids: dict[str, int],
              contact_ids: dict[str, int]) -> list[dict[str, Any]]:
    """The demo's asking of hosts, weeks before the tour: a request per host (its meeting, the
    first one with it, and its first contact), each step's day counted from the tour's first
    day *start* (``-77``: eleven weeks before). The steps all lie before the earliest first
    start (:func:`default_start`: the tour starts eight to nine weeks ahead), so a first start
    shows confirmed hosts with their confirmations sent, one host replied, one to write, one
    declined with its reason, one given up on, and a host whose reminder is due."""
    meetings: dict[str, int] = {}
    for item_id, raw in enumerate(template["items"], start=1):
        if raw["kind"] == "meeting" and "organisation" in raw:
            meetings.setdefault(raw["organisation"], item_id)
    first_contact = {raw["key"]: contact_ids[raw["contacts"][0]["key"]]
                     for raw in template["organisations"] if raw["contacts"]}

    def day(offset: int | None) -> str | None:
        return None if offset is None else (start + timedelta(days=offset)).isoformat()

    return [{
        "id": n, "organisation": org_ids[raw["organisation"]],
        "item": meetings.get(raw["organisation"]),
        "contact": first_contact.get(raw["organisation"]), "state": raw["state"],
        "language": raw.get("language", ""), "sent_on": day(raw.get("sent")),
        "reminded_on": day(raw.get("reminded")), "replied_on": day(raw.get("replied")),
        "confirmation_sent_on": day(raw.get("confirmation_sent")),
        "reason": raw.get("reason", ""), "notes": raw.get("notes", "")}
        for n, raw in enumerate(template.get("outreach", []), start=1)]


def write_demo(path: Path, start: date, *, force: bool = False) -> None:
    """Write the demo tour starting on *start* to a new tour file at *path*."""
    from planner.tourdoc import import_document  # not at start: the demo is written once

    document = demo_document(start)
    create_tour_file(path, lambda session: import_document(document, session, "demo"),
                     force=force)


def ensure_demo_tour(today: date | None = None) -> Path:
    """The demo tour file a first start opens, written (dated from *today*) if it does not
    exist yet."""
    path = demo_tour_path()
    if not path.exists():
        write_demo(path, default_start(today or local_today()))
    return path
