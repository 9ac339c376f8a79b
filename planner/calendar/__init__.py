"""Calendars: .ics export for the tour and each traveller (later: CalDAV publishing, import of
hosts' availability)."""
