"""`ecovisit rescue TOUR OUT`: what can be read of a damaged tour, in a new tour; what was lost,
said by table, row and reason."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from planner.cli import main
from planner.rescue import rescue

ITEMS, PLACES, CONTACTS = 30, 42, 32  # in the demo tour


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue(), capsys.readouterr().err


def write(path: Path, *statements: str) -> None:
    """Damage written as another program or a failing disk might leave it."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            connection.execute(statement)
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()  # no connection of ours has it open


def exported(capsys: pytest.CaptureFixture[str], tour: Path) -> dict:  # type: ignore[type-arg]
    out = tour.with_suffix(".json")
    assert run(capsys, "export-json", str(tour), str(out), "--force")[0] == 0
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_readable_rows_are_rescued_and_the_lost_ones_reported(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(demo_path,
          "UPDATE tour SET vision = CAST(x'c328' AS TEXT)",                 # a field: left out
          "UPDATE places SET name = CAST(x'80ff' AS TEXT) WHERE id = 2",     # required: the row
          "UPDATE contacts SET languages = '[1,' WHERE id = 4",              # a field: left out
          "UPDATE agenda_items SET start = 'yesterday' WHERE id = 3",        # required: the row
          "UPDATE agenda_items SET zone = 'Mars/Olympus' WHERE id = 5")      # required: the row
    before = digest(demo_path)
    assert run(capsys, "info", str(demo_path))[0] == 2  # refused as it is
    out = tmp_path / "rescued.ecovisit"
    code, text, err = run(capsys, "rescue", str(demo_path), str(out))
    assert code == 0, err
    assert digest(demo_path) == before  # the damaged tour is only read
    for line in ("tour row 1: vision: '\\xc3(' is not UTF-8 text; left out",
                 "places row 2: name: '\\x80\\xff' is not UTF-8 text; left out",
                 "contacts row 4: languages: '[1,' is not JSON; left out",
                 "agenda_items row 3: start: 'yesterday' is not a date and time",
                 "agenda_items row 5: zone: unknown time zone 'Mars/Olympus'"):
        assert line in text, text
    assert "places row 2: not kept: required field 'name' is missing" in text
    assert "place: refers to place 2" in text  # items at the lost place keep their time
    # the rescued tour works, and holds every row that could be read
    assert run(capsys, "check", str(out))[0] in (0, 1)
    document = exported(capsys, out)
    assert len(document["items"]) == ITEMS - 2
    assert {i["id"] for i in document["items"]} == set(range(1, ITEMS + 1)) - {3, 5}
    assert len(document["places"]) == PLACES - 1
    assert all(i["place"] != 2 and i["destination"] != 2 for i in document["items"])
    contacts = [c for o in document["organisations"] for c in o["contacts"]]
    assert len(contacts) == CONTACTS
    assert next(c for c in contacts if c["id"] == 4)["languages"] == []
    assert document["tour"]["vision"] == "" and document["tour"]["title"]


def test_rows_on_a_lost_page_are_named_and_the_others_rescued(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    connection = sqlite3.connect(f"file:{demo_path}?mode=ro&immutable=1", uri=True)
    try:
        leaf = connection.execute("SELECT pageno, ncell FROM dbstat WHERE name = "
                                  "'agenda_items' AND pagetype = 'leaf'").fetchone()
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    page, rows = leaf
    data = bytearray(demo_path.read_bytes())
    data[(page - 1) * page_size:page * page_size] = bytes(page_size)
    demo_path.write_bytes(bytes(data))
    code, _out, err = run(capsys, "agenda", str(demo_path))
    assert code == 2 and "is damaged" in err and "ecovisit rescue" in err
    out = tmp_path / "rescued.ecovisit"
    report = rescue(demo_path, out)
    lost_items = {x.row for x in report.lost if x.table == "agenda_items"}
    assert len(lost_items) == rows  # each row of the lost page named (its indexes know it)
    assert report.kept["items"] == ITEMS - rows
    assert report.kept["places"] == PLACES and report.kept["contacts"] == CONTACTS
    assert run(capsys, "check", str(out))[0] in (0, 1)
    assert len(exported(capsys, out)["items"]) == ITEMS - rows


def test_an_undamaged_tour_is_rescued_whole(demo_path: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "copy.ecovisit"
    code, text, _err = run(capsys, "rescue", str(demo_path), str(out))
    assert code == 0 and "Nothing was lost." in text
    original, copy = exported(capsys, demo_path), exported(capsys, out)
    assert copy == original


def test_rescue_refuses_to_overwrite(demo_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "there.ecovisit"
    out.write_bytes(b"something")
    code, _out, err = run(capsys, "rescue", str(demo_path), str(out))
    assert code == 2 and "--force" in err and out.read_bytes() == b"something"
    code, _out, err = run(capsys, "rescue", str(demo_path), str(demo_path))
    assert code == 2 and "new file" in err
    assert run(capsys, "rescue", str(demo_path), str(out), "--force", "--json")[0] == 0


def test_a_file_with_nothing_readable_gets_one_line(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "noise.ecovisit"
    source.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    code, _out, err = run(capsys, "rescue", str(source), str(tmp_path / "out.ecovisit"))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out.ecovisit").exists()


def test_a_tour_whose_last_day_is_damaged_gets_it_from_its_items(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(demo_path, "UPDATE tour SET end_date = 'May 10'")
    out = tmp_path / "rescued.ecovisit"
    report = rescue(demo_path, out)
    reasons = [x.reason for x in report.lost if x.table == "tour"]
    assert reasons[0].startswith("end_date: 'May 10' is not a date")
    assert reasons[1].startswith("end_date: made up as '2027-")
    assert report.kept["items"] == ITEMS
    document = exported(capsys, out)
    last_item_day = max(i["start"][:10] for i in document["items"])
    assert document["tour"]["end_date"] == last_item_day
    assert run(capsys, "check", str(out))[0] in (0, 1)
