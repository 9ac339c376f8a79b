"""``ecovisit split-day``: a day's own choice on splitting the delegation, set, replaced and
removed in one transaction; a day outside the tour or no day at all refused, changing nothing;
``travel-settings`` shows the days' choices readably."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from planner.cli import main
from planner.queries import load_tour
from planner.store import TourStore


def run(*args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    path = tmp_path / "split.ecovisit"
    code, _ = run("new", path, "--title", "Split tour", "--start", "2027-05-10",
                  "--end", "2027-05-14")
    assert code == 0
    return path


def stored(path: Path) -> tuple[dict[str, Any], int]:
    """The tour's travel settings and revision, read by a new store."""
    with TourStore.open(path) as store, store.transaction() as session:
        tour = load_tour(session)
        return dict(tour.travel_settings), tour.revision


def test_split_day_sets_replaces_and_removes_a_days_choice(tour: Path) -> None:
    code, text = run("split-day", tour, "2027-05-11", "split")
    assert code == 0
    assert text == ("2027-05-11 (Tue 11 May 2027): the delegation may split "
                    "(this day's own choice)\n")
    assert stored(tour)[0] == {"split_days": {"2027-05-11": True}}
    code, text = run("split-day", tour, "2027-05-12", "together")
    assert code == 0 and "stays together (this day's own choice)" in text
    assert stored(tour)[0] == {"split_days": {"2027-05-11": True, "2027-05-12": False}}
    code, text = run("travel-settings", tour)
    assert code == 0
    assert "split_days               2027-05-11 may split, 2027-05-12 together   (changed)" \
        in text.splitlines()
    assert "split_delegation         False" in text.splitlines()
    code, text = run("split-day", tour, "2027-05-11", "together")  # replaced
    assert code == 0
    assert stored(tour)[0] == {"split_days": {"2027-05-11": False, "2027-05-12": False}}
    code, text = run("split-day", tour, "2027-05-11", "tour")
    assert code == 0
    assert text == ("2027-05-11 (Tue 11 May 2027): the delegation stays together "
                    "(the tour's setting, split_delegation=false)\n")
    assert stored(tour)[0] == {"split_days": {"2027-05-12": False}}
    code, _ = run("split-day", tour, "2027-05-12", "tour")
    assert code == 0 and stored(tour)[0] == {}
    code, text = run("travel-settings", tour)
    assert "split_days               none" in text.splitlines()


def test_the_tours_setting_is_said_and_the_same_choice_writes_nothing(tour: Path) -> None:
    assert run("travel-settings", tour, "split_delegation=true")[0] == 0
    settings, revision = stored(tour)
    code, text = run("split-day", tour, "2027-05-13", "tour")
    assert code == 0
    assert text.endswith("the delegation may split (the tour's setting, "
                         "split_delegation=true)\n")
    assert stored(tour) == (settings, revision)  # nothing to change: nothing written
    code, _ = run("split-day", tour, "2027-05-13", "together")
    assert code == 0
    assert stored(tour)[0] == {"split_delegation": True, "split_days": {"2027-05-13": False}}


@pytest.mark.parametrize(("args", "said"), [
    (("2027-06-01", "split"), "2027-06-01 is not a day of the tour, which runs from "
                              "2027-05-10 to 2027-05-14"),
    (("2027-05-09", "together"), "2027-05-09 is not a day of the tour, which runs from "
                                 "2027-05-10 to 2027-05-14"),
    (("2027-02-30", "split"), "invalid date '2027-02-30' (expected YYYY-MM-DD"),
    (("tomorrow", "split"), "invalid date 'tomorrow'"),
    (("2027-05-11", "maybe"), "invalid choice: 'maybe'"),
])
def test_a_day_outside_the_tour_or_no_day_is_refused_changing_nothing(
        tour: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, str],
        said: str) -> None:
    assert run("split-day", tour, "2027-05-11", "split")[0] == 0
    before = stored(tour)
    capsys.readouterr()
    code, text = run("split-day", tour, *args)
    assert code == 2 and text == ""
    assert said in capsys.readouterr().err
    assert stored(tour) == before


def test_the_help_says_what_each_choice_does(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("split-day", "--help")
    assert code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "usage: ecovisit split-day [-h] TOUR DATE {split,together,tour}" in text
    assert "may split the delegation into groups on DATE" in text
    assert "tour (remove the day's own choice" in text


def test_a_weekend_day_is_refused_and_never_splits(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from planner.travel import TravelSettings

    path = tmp_path / "week.ecovisit"
    assert run("new", path, "--title", "A week", "--start", "2027-05-10",
               "--end", "2027-05-17")[0] == 0
    before = stored(path)
    code, _ = run("split-day", path, "2027-05-15", "split")  # a Saturday
    assert code == 2 and stored(path) == before
    assert "weekend" in capsys.readouterr().err
    assert not TravelSettings(split_delegation=True).may_split(date(2027, 5, 15))
    assert TravelSettings(split_delegation=True).may_split(date(2027, 5, 14))
