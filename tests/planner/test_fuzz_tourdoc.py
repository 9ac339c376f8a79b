"""Mutated tour documents through `ecovisit import-json`: a message or a working tour, never a
traceback, never a partial tour.

A seeded mutator changes the demo tour's own export (values swapped for hostile ones: integers
beyond SQLite's range, dates far outside the tour's centuries, NaN, lone surrogates, deep nesting;
keys dropped, added, duplicated; bytes cut and flipped). Each case runs through
``planner.cli.main`` in-process. ``ECOVISIT_FUZZ_CASES`` sets how many (a few hundred by default);
every input that ever failed is kept in ``tests/data/fuzz/json/`` and run by
``test_every_kept_failure_is_now_a_message_or_a_tour``.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import random
import re
import signal
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from planner.cli import main

CASES = int(os.environ.get("ECOVISIT_FUZZ_CASES", "80"))
KEPT = Path(__file__).parents[1] / "data" / "fuzz" / "json"
SECONDS_PER_COMMAND = 60

NASTY: list[Any] = [
    2**63, -(2**63) - 1, 2**64, 10**40, -(10**40), -1, 0, 1.5, 1e308, -1e308, 1e-320,
    float("nan"), float("inf"), float("-inf"), "", " ", "x" * 5000, "\ud800", "a\x00b", "😀",
    None, True, False, [], {}, [[[[[]]]]], {"id": 1},
    "9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "2027-02-30", "2027-13-01",
    "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "0001-01-01T00:00:00-14:00",
    "9999-12-31T23:59:59-14:00", "1970-01-01T00:00:00+00:00", "2100-12-31T23:00:00-05:00",
    "2027-05-11T09:00:00", "2027-05-11T09:00:00+25:00", "24:00", "25:61", "00:00", "23:59",
    "Mars/Olympus", "UTC", "Europe/Berlin", "../etc/passwd", "Etc/GMT+14",
    91.0, -91.0, 181.0, -180.5, 360, 90, -180,
]
YEARS = ["0001", "0999", "1899", "1999", "2000", "2100", "2101", "9998", "9999"]
DATE_LIKE = re.compile(r"^(\d{4})-\d\d-\d\d")
DEEP = "@@deep:"  # a placeholder for a deeply nested value


def paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path (a tuple of keys and indexes) in a parsed JSON value."""
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*at, index))


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


def mutate_value(document: Any, rng: random.Random) -> None:
    """One structural change somewhere in *document* (in place)."""
    path = rng.choice([p for p in paths(document) if p])
    parent, key = parent_of(document, path), path[-1]
    value = parent[key]
    roll = rng.random()
    if isinstance(value, str) and DATE_LIKE.match(value) and roll < 0.5:
        parent[key] = rng.choice(YEARS) + value[4:]  # a date or instant in another century
    elif roll < 0.75:
        parent[key] = rng.choice(NASTY)
    elif roll < 0.83:
        del parent[key]
    elif roll < 0.88 and isinstance(parent, list):
        parent.append(json.loads(json.dumps(value)))  # the same record twice (ids, uids)
    elif roll < 0.93 and isinstance(parent, dict):
        parent[rng.choice(["surprise", "ID", "start ", "revision"])] = rng.choice(NASTY)
    else:  # written out by mutant(): json.dumps itself recurses
        parent[key] = f"{DEEP}{rng.choice([50, 500, 999, 5000, 50000])}"


def mutate_text(text: str, rng: random.Random) -> bytes:
    """One change to the bytes: cut, flipped, inserted, or a value turned into deep nesting."""
    data = text.encode("utf-8")
    roll = rng.random()
    at = rng.randrange(len(data))
    if roll < 0.2:
        return data[:at]
    if roll < 0.4:
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
    if roll < 0.55:
        return data[:at] + rng.choice([b"{", b"[", b"]", b"}", b",", b'"', b"\\", b"\xff\xfe",
                                       b"NaN", b"-Infinity", b"1e999", b"9" * 30]) + data[at:]
    if roll < 0.7:
        span = rng.randrange(1, 200)
        return data[:at] + data[at + span:]
    depth = rng.choice([100, 900, 1000, 3000, 100000])
    colon = text.find(": ", rng.randrange(len(text)))
    if colon < 0:
        colon = text.find(": ")
    opened = "[" * depth if rng.random() < 0.5 else '{"a": ' * depth
    closed = "]" * depth if opened.startswith("[") else "}" * depth
    head = text[:colon + 2]
    rest = text[colon + 2:]
    return (head + opened + "1" + closed + rest[_value_end(rest):]).encode("utf-8")


def _value_end(text: str) -> int:
    """Where the JSON scalar at the start of *text* ends (or 0 when it is not a scalar)."""
    match = re.match(r'"(?:[^"\\]|\\.)*"|-?[\d.eE+-]+|true|false|null', text)
    return match.end() if match else 0


def mutant(seed_text: str, seed: int) -> bytes:
    """Case number *seed*: the same bytes every run."""
    rng = random.Random(seed)
    if rng.random() < 0.3:
        return mutate_text(seed_text, rng)
    document = json.loads(seed_text)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        mutate_value(document, rng)
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5, indent=2)
    text = re.sub(f'"{DEEP}(\\d+)"', lambda m: nested(int(m[1]), rng), text)
    return text.encode("utf-8", "surrogatepass")


def nested(depth: int, rng: random.Random) -> str:
    """A value *depth* levels deep, lists and objects mixed."""
    kinds = [rng.random() < 0.5 for _ in range(depth)]
    return ("".join("[" if k else '{"a": ' for k in kinds) + "1"
            + "".join("]" if k else "}" for k in reversed(kinds)))


# --- running a command in-process ------------------------------------------------------------

class _Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang(f"no answer within {SECONDS_PER_COMMAND} s")


def run(argv: Sequence[str]) -> tuple[int, str]:
    """(exit code, what went to stderr); an escaped exception comes back as a Traceback text."""
    err = io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_COMMAND)
    try:
        with contextlib.redirect_stderr(err):
            code = main(list(argv), out=io.StringIO())
    except BaseException:  # the thing under test: any escape is a finding, not a crash here
        return 99, err.getvalue() + "Traceback (in-process)\n" + traceback.format_exc()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, err.getvalue()


def problems_with_output(name: str, code: int, err: str) -> list[str]:
    found = []
    if code not in (0, 1, 2):
        found.append(f"{name}: exit {code}")
    if "Traceback" in err:
        found.append(f"{name}: {err.strip().splitlines()[-1]}")
    if err.count("ecovisit: error:") > 1:
        found.append(f"{name}: more than one error line: {err!r}")
    return found


def judge(source: Path, folder: Path) -> list[str]:
    """What is wrong with how `import-json` treated *source* (nothing: all is well)."""
    tour = folder / "out.ecovisit"
    before = set(folder.iterdir())
    code, err = run(["import-json", str(source), str(tour)])
    found = problems_with_output("import-json", code, err)
    if code == 0:
        for argv in (["check", str(tour)], ["export-json", str(tour), str(folder / "again.json")]):
            later, later_err = run(argv)
            found += problems_with_output(argv[0], later, later_err)
            if argv[0] == "export-json" and later != 0:
                found.append(f"export-json of an accepted tour: exit {later}")
            if later_err.strip() and "ecovisit: error:" in later_err:
                found.append(f"{argv[0]} of an accepted tour: {later_err.strip()}")
    elif not found:
        left = set(folder.iterdir()) - before
        if left:
            found.append(f"a refused import left {sorted(p.name for p in left)}")
        if err.count("ecovisit: error:") != 1:
            found.append(f"a refusal without one error line: {err!r}")
    return found


def warm_up(tour: Path) -> None:
    """Build the caches `check` builds on first use (the gazetteer's index), outside the clock."""
    assert main(["check", str(tour)], out=io.StringIO()) in (0, 1)


@pytest.fixture(scope="module")
def demo_json(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("seed") / "demo.json"
    assert main(["export-json", str(demo_master), str(target)], out=io.StringIO()) == 0
    warm_up(demo_master)
    return target.read_text(encoding="utf-8")


def test_mutated_documents_give_a_message_or_a_tour(demo_json: str, tmp_path: Path) -> None:
    failures = []
    accepted = 0
    for case in range(CASES):
        folder = tmp_path / f"case{case}"
        folder.mkdir()
        source = folder / "tour.json"
        source.write_bytes(mutant(demo_json, case))
        found = judge(source, folder)
        accepted += (folder / "out.ecovisit").exists()
        if found:
            failures.append(f"case {case}: {'; '.join(found)}")
    assert not failures, f"{len(failures)} of {CASES} cases failed:\n" + "\n".join(failures[:20])
    assert 0 < accepted < CASES  # the mutator makes both kinds, or it tests nothing


@pytest.mark.parametrize("kept", sorted(KEPT.glob("*.json.gz")), ids=lambda p: p.name)
def test_every_kept_failure_is_now_a_message_or_a_tour(kept: Path, tmp_path: Path) -> None:
    source = tmp_path / kept.name.removesuffix(".gz")
    source.write_bytes(gzip.decompress(kept.read_bytes()))  # kept small: mostly the demo tour
    assert judge(source, tmp_path) == []


def test_nesting_is_refused_before_parsing_with_line_and_column(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]
                                                                ) -> None:
    source = tmp_path / "deep.json"
    source.write_text('{"format": "ecovisit-tour",\n "x": ' + "[" * 200_000 + "]" * 200_000 + "}")
    assert main(["import-json", str(source), str(tmp_path / "t.ecovisit")]) == 2
    error = capsys.readouterr().err
    assert error == (f"ecovisit: error: {source}: $: nested 33 levels deep at line 2, column 38; "
                     "a tour document needs at most 32\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep.json"]


@pytest.mark.parametrize(("path", "value", "words"), [
    (("items", 0, "revision"), 2**63, "$.items[0].revision: 9223372036854775808 is outside "
                                      "0..9223372036854775807"),
    (("places", 0, "id"), -(10**40), "$.places[0].id: a number of 41 digits is outside 1.."),
    (("items", 0, "start"), "9999-05-11T09:00:00+02:00", "$.items[0].start: "
                                                         "'9999-05-11T09:00:00+02:00' is outside "
                                                         "the years 2000..2100"),
    (("tour", "start_date"), "1999-12-31", "$.tour.start_date: '1999-12-31' is outside"),
    (("places", 0, "longitude"), 180.5, "$.places[0].longitude: 180.5 is outside -180..180"),
    (("tour", "title"), "\ud800", "$.tour.title: text with an unpaired surrogate ('\\ud800')"),
    (("tour", "travel_settings"), {"walk_speed_kmh": 0},
     "$.tour.travel_settings: walk_speed_kmh = 0.0 is out of range; it takes 1 to 8 km/h"),
])
def test_a_value_out_of_range_is_named_by_its_path(
        demo_json: str, tmp_path: Path, path: tuple[Any, ...], value: Any, words: str) -> None:
    document = json.loads(demo_json)
    parent_of(document, path)[path[-1]] = value
    source = tmp_path / "tour.json"
    source.write_bytes(json.dumps(document).encode("utf-8", "surrogatepass"))
    code, err = run(["import-json", str(source), str(tmp_path / "t.ecovisit")])
    assert code == 2 and err.count("\n") == 1 and words in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tour.json"]
