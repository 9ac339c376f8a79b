"""Geography without a web service: the gazetteer, countries, time zones from coordinates."""
