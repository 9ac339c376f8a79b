"""Mutated free/busy calendars through `ecovisit import-availability`: a message and the tour
unchanged, or windows that every later command can read; never a traceback.

Two realistic calendars of a Munich host are the seeds: busy time with recurring meetings (a
weekly jour fixe with an exception and a moved occurrence, a daily stand-up, extra dates, an
all-day offsite, a cancelled event) and a VFREEBUSY of free and busy periods. A seeded mutator
changes their lines: dates far outside the tour's centuries, zones dropped or unknown, durations
that are text, rules that never end, properties lost or repeated, bytes cut and flipped.
``ECOVISIT_FUZZ_CASES`` sets how many cases run; every input that ever failed is kept in
``tests/data/fuzz/ics/``.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.planner.test_fuzz_tourdoc import problems_with_output, run, warm_up

CASES = int(os.environ.get("ECOVISIT_FUZZ_CASES", "60"))
KEPT = Path(__file__).parents[1] / "data" / "fuzz" / "ics"
HOST = "Celonis"  # Munich: Europe/Berlin

BUSY = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Celonis//Calendar export 16.0//EN
METHOD:PUBLISH
X-WR-CALNAME:Executive office
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:jourfixe@celonis.example
DTSTAMP:20270401T080000Z
DTSTART;TZID=Europe/Berlin:20270406T090000
DTEND;TZID=Europe/Berlin:20270406T103000
RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T215959Z
EXDATE;TZID=Europe/Berlin:20270513T090000
SUMMARY:Jour fixe management board
END:VEVENT
BEGIN:VEVENT
UID:jourfixe@celonis.example
RECURRENCE-ID;TZID=Europe/Berlin:20270518T090000
DTSTAMP:20270401T080000Z
DTSTART;TZID=Europe/Berlin:20270518T140000
DTEND;TZID=Europe/Berlin:20270518T153000
SUMMARY:Jour fixe management board (moved)
END:VEVENT
BEGIN:VEVENT
UID:standup@celonis.example
DTSTAMP:20270401T080000Z
DTSTART;TZID=Europe/Berlin:20270503T084500
DURATION:PT15M
RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=60
SUMMARY:Stand-up
END:VEVENT
BEGIN:VEVENT
UID:investors@celonis.example
DTSTAMP:20270401T080000Z
DTSTART:20270510T150000Z
DTEND:20270510T160000Z
RDATE:20270512T150000Z,20270517T150000Z
SUMMARY:Investor calls
END:VEVENT
BEGIN:VEVENT
UID:offsite@celonis.example
DTSTAMP:20270401T080000Z
DTSTART;VALUE=DATE:20270514
DTEND;VALUE=DATE:20270515
SUMMARY:Leadership offsite
END:VEVENT
BEGIN:VEVENT
UID:lunch@celonis.example
DTSTAMP:20270401T080000Z
DTSTART:20270519T120000
DTEND:20270519T133000
SUMMARY:Lunch with the mayor (floating time)
END:VEVENT
BEGIN:VEVENT
UID:cancelled@celonis.example
DTSTAMP:20270401T080000Z
DTSTART;TZID=Europe/Berlin:20270511T130000
DTEND;TZID=Europe/Berlin:20270511T170000
STATUS:CANCELLED
SUMMARY:Strategy day (cancelled)
END:VEVENT
END:VCALENDAR
"""

FREE = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Celonis//Free busy 1.0//EN
METHOD:PUBLISH
BEGIN:VFREEBUSY
UID:fb@celonis.example
DTSTAMP:20270401T080000Z
DTSTART:20270510T000000Z
DTEND:20270520T000000Z
ORGANIZER:mailto:office@celonis.example
FREEBUSY;FBTYPE=FREE:20270511T070000Z/20270511T110000Z,20270512T120000Z/PT3H
FREEBUSY;FBTYPE=FREE:20270518T070000Z/20270518T150000Z
FREEBUSY;FBTYPE=BUSY:20270518T090000Z/PT1H
FREEBUSY:20270511T080000Z/20270511T083000Z
END:VFREEBUSY
BEGIN:VEVENT
UID:open-house@celonis.example
DTSTAMP:20270401T080000Z
DTSTART;TZID=Europe/Berlin:20270513T140000
DTEND;TZID=Europe/Berlin:20270513T160000
RRULE:FREQ=WEEKLY;COUNT=3
TRANSP:TRANSPARENT
SUMMARY:Open for visitors
END:VEVENT
END:VCALENDAR
"""

INSTANTS = ["99991231T230000Z", "99991231T235959", "00010101T000000", "00010101T000000Z",
            "19000101T000000Z", "21010101T000000Z", "20270231T100000", "20271301T100000",
            "20270512T250000", "2027", "", "20270512", "20270512T100000Z", "20270512T100000",
            "not a date", "20270512T100000+0200", "-20270512T100000", "20270515T080000Z",
            "99991231", "00010101"]
DURATIONS = ["soon", "PT", "P9999999D", "-PT1H", "P1W", "PT0S", "P99999999999W", "PT1H30X",
             "P", "1H", "PT-5M"]
RULES = ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=WEEKLY;COUNT=100000000",
         "FREQ=DAILY;UNTIL=99991231T000000Z", "FREQ=WEEKLY;BYDAY=XX", "garbage",
         "FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=2", "FREQ=WEEKLY;BYDAY=TU", "FREQ=DAILY;INTERVAL=0",
         "FREQ=HOURLY;UNTIL=20270101T000000Z", "FREQ=WEEKLY;UNTIL=00010101T000000Z",
         "FREQ=DAILY;COUNT=-1", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270512", "FREQ=MONTHLY;BYSETPOS=400"]
LINES = ["DTSTART:99991231T000000Z", "DTEND:00010101T000000", "DURATION:soon",
         "RRULE:FREQ=WEEKLY;BYDAY=TU", "RDATE:99991231T000000Z", "RDATE;VALUE=PERIOD:"
         "20270512T100000Z/PT1H", "EXDATE;VALUE=DATE:20270511", "EXDATE:garbage",
         "RECURRENCE-ID:20270511T070000Z", "RECURRENCE-ID;VALUE=DATE:99991231",
         "DTSTART;VALUE=DATE:20270512", "DTSTART;TZID=Mars/Olympus:20270512T100000",
         "FREEBUSY;FBTYPE=FREE:20270512T100000Z/99991231T000000Z",
         "FREEBUSY;FBTYPE=FREE:20270512T100000/20270512T120000Z", "FREEBUSY:garbage",
         "STATUS:CANCELLED", "TRANSP:TRANSPARENT", "BEGIN:VEVENT", "END:VEVENT",
         "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-ANYTHING;TZID=\"\":x"]
TIME_PROPERTIES = ("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID", "FREEBUSY", "DTSTAMP")


def mutate_line(line: str, rng: random.Random) -> str:
    """*line* with its value or parameters changed in a way a bad exporter might."""
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    roll = rng.random()
    if name in TIME_PROPERTIES and roll < 0.6:
        if name == "FREEBUSY" and rng.random() < 0.5:
            start, _, end = value.partition(",")[0].partition("/")
            return f"{head}:{rng.choice([start, rng.choice(INSTANTS)])}/" \
                   f"{rng.choice(INSTANTS + DURATIONS + [end])}"
        return f"{head}:{rng.choice(INSTANTS)}"
    if name == "DURATION" and roll < 0.7:
        return f"{head}:{rng.choice(DURATIONS)}"
    if name == "RRULE" and roll < 0.7:
        return f"{head}:{rng.choice(RULES)}"
    if params and roll < 0.85:
        if rng.random() < 0.5:
            return ";".join([name]) + ":" + value  # the zone or VALUE=DATE dropped
        return f"{name};{rng.choice(['TZID=Mars/Olympus', 'VALUE=DATE', 'TZID=UTC'])}:{value}"
    if value and roll < 0.9:
        return f"{head};TZID=Europe/Berlin:{value}" if "TZID" not in head else f"{head}:{value}Z"
    return f"{head}:{rng.choice(INSTANTS + DURATIONS + RULES)}"


def mutant(seed: int) -> bytes:
    """Case number *seed*: the same bytes every run."""
    rng = random.Random(seed)
    lines = rng.choice([BUSY, BUSY, FREE]).splitlines()
    for _ in range(rng.choice([1, 1, 2, 3])):
        at = rng.randrange(len(lines))
        roll = rng.random()
        if roll < 0.5:
            lines[at] = mutate_line(lines[at], rng)
        elif roll < 0.62:
            del lines[at]
        elif roll < 0.7:
            lines.insert(at, lines[at])
        elif roll < 0.75:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines.insert(at, rng.choice(LINES))
    data = "\r\n".join(lines).encode("utf-8") + b"\r\n"
    if rng.random() < 0.12:
        at = rng.randrange(len(data))
        data = rng.choice([data[:at], data[:at] + bytes([rng.randrange(256)]) + data[at + 1:],
                           data[:at] + b"\xff\xfe\r\n" + data[at:]])
    return data


def tour_content(path: Path) -> str:
    """A digest of every row of every table (through SQLite, never open())."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()


def judge(source: Path, tour: Path, before: str) -> list[str]:
    """What is wrong with how `import-availability` treated *source* (nothing: all is well)."""
    code, err = run(["import-availability", str(tour), HOST, str(source)])
    found = problems_with_output("import-availability", code, err)
    if code == 0:
        for argv in (["check", str(tour)],
                     ["export-json", str(tour), str(tour.with_suffix(".json")), "--force"]):
            later, later_err = run(argv)
            found += problems_with_output(argv[0], later, later_err)
            if "ecovisit: error:" in later_err:
                found.append(f"{argv[0]} after an accepted import: {later_err.strip()}")
    elif not found:
        if tour_content(tour) != before:
            found.append(f"refused (exit {code}) but the tour changed")
        if err.count("ecovisit: error:") != 1:
            found.append(f"a refusal without one error line: {err!r}")
    return found


@pytest.fixture(scope="module")
def before(demo_master: Path) -> str:
    warm_up(demo_master)
    return tour_content(demo_master)


def test_mutated_calendars_give_a_message_or_windows(demo_master: Path, before: str,
                                                      tmp_path: Path) -> None:
    failures = []
    accepted = 0
    tour = tmp_path / "tour.ecovisit"
    for case in range(CASES):
        source = tmp_path / f"case{case}.ics"
        source.write_bytes(mutant(case))
        shutil.copyfile(demo_master, tour)
        found = judge(source, tour, before)
        accepted += not found and tour_content(tour) != before
        if found:
            failures.append(f"case {case}: {'; '.join(found)}")
    assert not failures, f"{len(failures)} of {CASES} cases failed:\n" + "\n".join(failures[:20])
    assert 0 < accepted < CASES  # the mutator makes both kinds, or it tests nothing


@pytest.mark.parametrize("kept", sorted(KEPT.glob("*.ics")), ids=lambda p: p.name)
def test_every_kept_failure_is_now_a_message_or_windows(kept: Path, demo_path: Path,
                                                        before: str) -> None:
    assert judge(kept, demo_path, before) == []
