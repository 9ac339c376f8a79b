// Reads .ics files with ical.js (the parser of Thunderbird) as a calendar program would, given
// nothing but each file: its own VTIMEZONEs are registered with ICAL.TimezoneService, and the
// service is emptied before the next file, so a zone the file does not define stays unknown
// (its times would read as floating, which the output shows: "zone": "floating").
// Usage: node read_ics.mjs FILE.ics... ; prints one JSON object: {file: [event, ...]}, each
// event {uid, status, transp, busy, summary, description, location, start, end, startZone,
// endZone}, start and end as UTC ISO 8601.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function instant(time) {
  return new Date(time.toUnixTime() * 1000).toISOString();
}

function zoneOf(time) {
  return time.zone ? time.zone.tzid : "floating";
}

const result = {};
for (const file of process.argv.slice(2)) {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  result[file] = root.getAllSubcomponents("vevent").map((vevent) => {
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
}
process.stdout.write(JSON.stringify(result));
