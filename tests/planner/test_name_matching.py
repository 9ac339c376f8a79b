"""One way to match what people type with names: ``--traveller``, ``--host``, ``--organisation``
and every record the command line finds fold the text alike (:func:`planner.folding.fold`:
case, accents, full- and half-width, separators)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from planner import lookup
from planner.cli import main
from planner.errors import NameNotFound
from planner.folding import fold
from planner.model import Organisation, Traveller
from planner.queries import find_traveller
from planner.store import TourStore

#: How people type "Müller": plain ASCII, capitals, full-width (a Japanese keyboard), the
#: accent as a separate combining mark (macOS file names), with a hyphen for the space.
SPELLINGS = ["Müller", "muller", "MULLER", "ＭＵＬＬＥＲ", "ｍüｌｌｅｒ", "Mu\u0308ller"]


@pytest.fixture(scope="module")
def mueller(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a traveller and a host named Müller."""
    tour = tmp_path_factory.mktemp("matching") / "tour.ecovisit"
    shutil.copy(demo_master, tour)
    with TourStore.open(tour) as store, store.transaction() as session:
        session.scalars(select(Traveller).where(Traveller.name == "Takeshi Ito")).one().name = \
            "Takeshi Müller"
        bmw = session.scalars(select(Organisation).where(Organisation.name == "BMW Group")).one()
        bmw.name, bmw.name_ja = "Müller-Motoren Group", "ミュラー 自動車"
    return tour


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_travellers_and_hosts_match_the_same_spellings(mueller: Path, spelling: str) -> None:
    with TourStore.open(mueller, read_only=True) as store, store.transaction() as session:
        assert find_traveller(session, spelling).name == "Takeshi Müller"
        assert lookup.find(session, "traveller", spelling).name == "Takeshi Müller"
        assert lookup.find(session, "organisation", spelling).name == "Müller-Motoren Group"
        assert lookup.find(session, "organisation", f"{spelling} motoren").name == \
            "Müller-Motoren Group"


@pytest.mark.parametrize("spelling", ["muller", "ＭＵＬＬＥＲ"])
def test_the_command_line_options_match_alike(mueller: Path, tmp_path: Path,
                                              spelling: str) -> None:
    """``--traveller`` (coverage), ``--host`` (a host brief) and a command's organisation
    (match) all find the record that ``--traveller`` finds, however it is spelt."""
    out = io.StringIO()
    assert main(["coverage", str(mueller), "--traveller", spelling], out=out) == 0
    assert main(["match", str(mueller), "software-defined", spelling], out=out) == 0
    assert main(["export-pdf", str(mueller), str(tmp_path / "brief.pdf"), "--kind",
                 "host-brief", "--host", spelling], out=out) == 0
    assert (tmp_path / "brief.pdf").stat().st_size > 0


@pytest.mark.parametrize(("traveller", "host"), [
    ("伊藤剛", "ミュラー自動車"), ("伊藤　剛", "ミュラー　自動車"), ("TakeshiMüller", "MüllerMotoren Group")])
def test_a_name_typed_with_or_without_its_spaces_finds_the_record(
        mueller: Path, traveller: str, host: str) -> None:
    """A traveller and a host are found alike when the space between family and given name
    (or words) is left out or typed full-width."""
    with TourStore.open(mueller, read_only=True) as store, store.transaction() as session:
        assert find_traveller(session, traveller).name == "Takeshi Müller"
        assert lookup.find(session, "traveller", traveller).name == "Takeshi Müller"
        assert lookup.find(session, "organisation", host).name == "Müller-Motoren Group"


def test_full_width_latin_finds_the_traveller(demo_path: Path) -> None:
    with TourStore.open(demo_path, read_only=True) as store, store.transaction() as session:
        assert find_traveller(session, "ＳＡＴＯ").name == "Yumiko Sato"
        assert lookup.find(session, "traveller", "ｓａｔｏ").name == "Yumiko Sato"


def test_a_name_matching_nothing_is_refused_alike(mueller: Path) -> None:
    with TourStore.open(mueller, read_only=True) as store, store.transaction() as session:
        for find in (lambda: find_traveller(session, "Mueller-X"),
                     lambda: lookup.find(session, "organisation", "Mueller-X")):
            with pytest.raises(NameNotFound) as raised:
                find()
            assert not raised.value.ambiguous


@pytest.mark.parametrize(("typed", "name"), [
    ("München", "MUNCHEN"), ("Frankfurt-am-Main", "frankfurt  am main"),
    ("ＳＡＴＯ", "sato"), ("ｻﾄｳ", "サトウ"), ("ｶﾞｽ", "ガス"), ("Ｏ’Brien", "o brien"),
    ("Jürgen\u00a0Müller", " jurgen muller "), ("Straße", "STRASSE"),
])
def test_fold_reads_these_alike(typed: str, name: str) -> None:
    assert fold(typed) == fold(name)


@pytest.mark.parametrize(("one", "other"), [("ガス", "カス"), ("ぱん", "はん"), ("Sato", "Saito")])
def test_fold_keeps_what_changes_the_word(one: str, other: str) -> None:
    """Kana voicing marks are not accents: ガス (gas) is not カス (dregs)."""
    assert fold(one) != fold(other)
