"""The topic vocabulary: a topic typed in Japanese, or with a synonym, matches the same topic
typed in English, in goals' matches, the coverage matrix's hints and planning's candidates; a
topic the vocabulary lacks matches only itself; topics show in either language and are stored
as typed."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from planner import topics
from planner.cli import main
from planner.coverage_matrix import coverage_matrix
from planner.directory.search import DirectoryIndex
from planner.goals import _KIND_TOPICS, match, match_table
from planner.model import LearningGoal, Organisation, OrganisationKind
from planner.planning.candidates import valued_hosts
from planner.store import TourStore

MANUFACTURING_GOAL = "Industrial AI and process mining in manufacturing"


def goal(*wanted: str) -> LearningGoal:
    return LearningGoal(title="goal", topics=list(wanted), priority=3)


def host(*offered: str, description: str = "") -> Organisation:
    return Organisation(name="host", topics=list(offered), description=description,
                        kind=OrganisationKind.OTHER)


def test_japanese_topics_on_hosts_match_english_goals_in_coverage_and_planning(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        english = {k: (m.score, m.topics) for k, m in match_table(session).items()}
        english_hints = coverage_matrix(session).matches
        english_values = {c.organisation.id: (round(c.value, 9), [g.id for g in c.goals])
                          for c in valued_hosts(session, {}, {})}
        organisations = session.scalars(select(Organisation)).all()
        for org in organisations:  # as a Japanese contacts file brings them
            org.topics = [topics.label(t, "ja") for t in org.topics]
        celonis = next(o for o in organisations if o.name == "Celonis")
        assert celonis.topics == ["プロセスマイニング", "産業AI", "AI", "製造業"]
        session.flush()
        wanted = session.scalars(select(LearningGoal).where(
            LearningGoal.title == MANUFACTURING_GOAL)).one()
        found = match(wanted, celonis)
        assert found.score == 1.0
        assert set(found.topics) == {"industrial-ai", "process-mining", "manufacturing", "ai"}
        # the coverage matrix's hints: the same matches as with English topics
        hints = coverage_matrix(session).matches
        assert {k: m.score for k, m in hints.items()} == \
            {k: m.score for k, m in english_hints.items()}
        assert any(key[0] == wanted.id for key in hints)
        # planning's candidates: the same values and the same goals served
        values = {c.organisation.id: (round(c.value, 9), [g.id for g in c.goals])
                  for c in valued_hosts(session, {}, {})}
        assert values == english_values
        assert wanted.id in values[celonis.id][1]
        assert {k: (m.score, m.topics) for k, m in match_table(session).items()} == english


def test_japanese_goal_topics_match_english_hosts() -> None:
    found = match(goal("製造業", "モビリティ"), host("manufacturing", "mobility"))
    assert found.score == 1.0 and found.topics == ("製造業", "モビリティ")
    assert found.explanation() == "matches on manufacturing, mobility"


@pytest.mark.parametrize(("offered", "wanted"), [
    ("production", "manufacturing"), ("ものづくり", "manufacturing"), ("製造", "Manufacturing"),
    ("ＡＩ", "ai"), ("人工知能", "artificial-intelligence"), ("AI", "人工知能"),
    ("移動", "mobility"), ("decarbonisation", "脱炭素"), ("energy-transition", "decarbonization"),
    ("フィンテック", "fintech"), ("医療", "healthcare"), ("ヘルスケア", "health-care"),
    ("deeptech", "deep-tech"), ("ディープテック", "Deep Tech"), ("半導体", "semiconductors"),
    ("ロボット", "robotics"), ("量子", "quantum"), ("スマートシティ", "smart-city"),
    ("Industrie 4.0", "industry-4.0"), ("ベンチャーキャピタル", "VC"),
])
def test_a_synonym_matches(offered: str, wanted: str) -> None:
    assert match(goal(wanted), host(offered)).score == 1.0
    assert topics.key(offered) == topics.key(wanted)


def test_a_topic_not_in_the_vocabulary_matches_only_itself() -> None:
    assert topics.concept("Kaizen-Coaching") is None
    assert match(goal("kaizen coaching"), host("Kaizen-Coaching")).score == 1.0  # folded
    assert match(goal("ＫＡＩＺＥＮ－ＣＯＡＣＨＩＮＧ"), host("kaizen-coaching")).score == 1.0
    for other in ("kaizen", "coaching", "manufacturing", "改善"):
        assert match(goal(other), host("Kaizen-Coaching")).score == 0.0
    assert topics.label("Kaizen-Coaching", "ja") == "Kaizen-Coaching"  # shown as typed


def test_a_topic_counts_once_however_many_ways_a_goal_says_it() -> None:
    found = match(goal("manufacturing", "製造業", "robotics"), host("ものづくり"))
    assert found.score == 0.5 and found.topics == ("manufacturing",)


def test_a_description_mentions_a_topic_in_any_language_or_synonym() -> None:
    found = match(goal("manufacturing"), host(description="ミュンヘンのものづくり企業です。"))
    assert found.score == 0.5 and found.mentioned == ("manufacturing",)
    assert match(goal("製造業"), host(description="Contract production of parts")).score == 0.5
    assert match(goal("ai"), host(description="We sell chairs.")).score == 0.0  # "chairs"
    assert match(goal("mobility"), host(description="Automobility, not mobile")).score == 0.0


def test_the_vocabulary_names_each_concept_once_and_knows_the_demo() -> None:
    index = topics.concepts()  # raises when a word names two concepts
    assert len({c.name for c in index.values()}) >= 100
    for concept in set(index.values()):
        assert concept.name == concept.name.lower() and " " not in concept.name
        assert concept.ja and not any(sep in concept.ja for sep in ";,、・|")
    for kind_topics in _KIND_TOPICS.values():
        assert all(topics.key(t) == t for t in kind_topics)
    demo = json.loads((Path(__file__).parents[2] / "resources/demo/tour.json").read_text())
    for record in demo["goals"] + demo["organisations"]:
        for topic in record["topics"]:  # so a Japanese window shows the demo in Japanese
            assert topics.concept(topic) is not None, topic


def test_topics_show_in_a_language_and_edits_keep_what_was_typed() -> None:
    stored = ["production", "ものづくり", "ai", "Kaizen"]
    assert topics.labels(stored, "ja") == ["製造業", "AI", "Kaizen"]
    assert topics.labels(stored, "en") == ["manufacturing", "ai", "Kaizen"]
    assert topics.restore(["製造業", "AI", "Kaizen"], stored, "ja") == stored
    assert topics.restore(["製造業", "Kaizen", "ロボット"], stored, "ja") == \
        ["production", "ものづくり", "Kaizen", "ロボット"]
    assert topics.restore(["manufacturing"], stored, "en") == ["production", "ものづくり"]


def test_the_directory_finds_a_topic_in_either_language(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        by_id = {o.id: o for o in session.scalars(select(Organisation))}
        by_id[next(i for i, o in by_id.items() if o.name == "Fortum")].topics = ["ものづくり"]
        session.flush()
        index = DirectoryIndex.build(session)
        found = {name: sorted(by_id[i].name for i in ids) for name, ids in {
            "text": index.search("プロセスマイニング"),
            "topic": index.search(topic="製造業"),
            "typed": index.search("ものづくり"),
        }.items()}
    assert found["text"] == ["Celonis"]  # the Japanese label of process-mining
    assert "Celonis" in found["topic"] and "Fortum" in found["topic"]  # manufacturing
    assert found["typed"] == ["Fortum"]  # the topic as typed is searched too


def test_an_import_adds_no_topic_a_host_already_has_in_another_language(
        demo_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "japanese.csv"
    source.write_text("組織名,都市,国,トピック\n"
                      "Celonis,ミュンヘン,DE,製造業; プロセスマイニング; ロボティクス; ものづくり\n",
                      encoding="utf-8")
    out = io.StringIO()
    assert main(["import-contacts", str(demo_path), str(source), "--json"], out=out) == 0
    [merged] = json.loads(out.getvalue())["merged"]
    assert "added topics ロボティクス" in merged["details"]
    with TourStore.open(demo_path) as store, store.transaction() as session:
        celonis = session.scalars(select(Organisation).where(
            Organisation.name == "Celonis")).one()
        assert celonis.topics == ["process-mining", "industrial-ai", "ai", "manufacturing",
                                  "ロボティクス"]


@pytest.mark.parametrize(("language", "line"), [
    ("en", "process mining · industrial AI · AI · manufacturing"),  # words, not tags
    ("ja", "プロセスマイニング · 産業AI · AI · 製造業"),
])
def test_the_book_prints_a_hosts_topics_in_its_language(
        demo_path: Path, tmp_path: Path, language: str, line: str) -> None:
    pdf = tmp_path / "book.pdf"
    command = ["export-pdf", str(demo_path), str(pdf), "--kind", "book", "--lang", language]
    assert main(command, out=io.StringIO()) == 0
    result = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                            capture_output=True, text=True)
    assert line in " ".join(result.stdout.split())
