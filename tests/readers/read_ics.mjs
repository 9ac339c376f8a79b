// Reads .ics files with ical.js (the parser of Thunderbird) as a calendar program would, given
// nothing but each file: its own VTIMEZONEs are registered with ICAL.TimezoneService, and the
// service is emptied before the next file, so a zone the file does not define stays unknown
// (its times would read as floating, which the output shows: "zone": "floating").
// Usage: node read_ics.mjs FILE.ics... ; prints one JSON object: {file: [event, ...]}, each
// event {uid, status, transp, busy, summary, description, location, start, end, startZone,
// endZone}, start and end as UTC ISO 8601.
// With --todos first (node read_ics.mjs --todos FILE.ics...): {file: {events: [...], todos:
// [...]}}, each task (VTODO) {uid, status, sequence, summary, description, priority, due,
// dueIsDate, dueLocalDay, completed}: due as ical.js writes it ("2027-04-20" for a DATE),
// dueLocalDay the day a program shows in node's own zone (run it with TZ=Asia/Tokyo to read
// as a laptop in Tokyo does), completed as UTC ISO 8601.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function instant(time) {
  return new Date(time.toUnixTime() * 1000).toISOString();
}

function zoneOf(time) {
  return time.zone ? time.zone.tzid : "floating";
}

function localDay(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function todoOf(vtodo) {
  const due = vtodo.getFirstPropertyValue("due");
  const completed = vtodo.getFirstPropertyValue("completed");
  return {
    uid: vtodo.getFirstPropertyValue("uid"),
    status: vtodo.getFirstPropertyValue("status"),
    sequence: vtodo.getFirstPropertyValue("sequence"),
    summary: vtodo.getFirstPropertyValue("summary"),
    description: vtodo.getFirstPropertyValue("description"),
    priority: vtodo.getFirstPropertyValue("priority"),
    due: due ? due.toString() : null,
    dueIsDate: due ? due.isDate : null,
    dueLocalDay: due ? localDay(due.toJSDate()) : null,
    completed: completed ? instant(completed) : null,
  };
}

const args = process.argv.slice(2);
const withTodos = args[0] === "--todos";
const result = {};
for (const file of withTodos ? args.slice(1) : args) {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      status: vevent.getFirstPropertyValue("status"),
      transp: vevent.getFirstPropertyValue("transp"),
      busy: vevent.getFirstPropertyValue("x-microsoft-cdo-busystatus"),
      summary: event.summary,
      description: event.description,
      location: event.location,
      start: instant(event.startDate),
      end: instant(event.endDate),
      startZone: zoneOf(event.startDate),
      endZone: zoneOf(event.endDate),
    };
  });
  result[file] = withTodos
    ? { events, todos: root.getAllSubcomponents("vtodo").map(todoOf) }
    : events;
}
process.stdout.write(JSON.stringify(result));
