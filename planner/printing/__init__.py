"""Printed output (reportlab): the agenda now; the briefing book and host briefs follow."""
