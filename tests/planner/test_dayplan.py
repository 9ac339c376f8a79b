"""The day's clock and the meeting length, each decided once in planner/dayplan.py."""

from __future__ import annotations

import re
from pathlib import Path

from planner.cli import build_parser
from planner.dayplan import MEETING_MINUTES

ROOT = Path(__file__).resolve().parents[2]


def test_a_meeting_lasts_the_same_everywhere() -> None:
    """The planner, the editor, a meeting dropped on the timeline and the command line take
    the one constant; no file writes its own 75 any more."""
    from planner.planning import tour

    assert tour.MEETING_MINUTES == MEETING_MINUTES
    args = build_parser().parse_args(["plan", "x.ecovisit"])
    assert args.meeting_minutes == MEETING_MINUTES
    for name in ("ui/dialogs/item.py", "ui/views/timeline.py", "planner/cli.py",
                 "planner/planning/tour.py", "planner/planning/windows.py",
                 "planner/planning/tour_problem.py", "planner/planning/proposal.py"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert not re.search(rf"\b{MEETING_MINUTES}\b", text), name
