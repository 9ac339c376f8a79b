"""Findings as text for a terminal: grouped by day, worst first, with the suggested fix."""

from __future__ import annotations

from itertools import groupby

from planner.feasibility.findings import Finding, Severity
from planner.formatting import format_day
from planner.messages import N_, translate

_LABELS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"), Severity.INFO: N_("info")}


def findings_text(findings: list[Finding], language: str = "en") -> str:
    """The findings grouped under their day; a one-line verdict at the end."""
    lines: list[str] = []
    for day, group in groupby(findings, key=lambda f: f.day):
        lines.append(format_day(day, language) if day else translate(N_("Whole tour"), language))
        for finding in group:
            label = translate(_LABELS[finding.severity], language)
            lines.append(f"  {label:<8} {finding.message(language)}")
            lines.append(f"  {'':<8} → {finding.suggestion(language)}")
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    lines.append(translate(N_("{errors} errors, {warnings} warnings, {infos} notes"), language)
                 .format(errors=errors, warnings=warnings,
                         infos=len(findings) - errors - warnings))
    return "\n".join(lines)
