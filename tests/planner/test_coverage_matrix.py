"""The coverage matrix: goals by planned meetings, agreeing with `ecovisit coverage`."""

from __future__ import annotations

from itertools import pairwise

from sqlalchemy import select

from planner.coverage_matrix import coverage_matrix
from planner.goals import coverage, set_override
from planner.model import AgendaItem, ItemStatus, LearningGoal, Organisation
from planner.queries import find_traveller
from planner.store import TourStore

GENAI = "Generative AI in business under the EU AI Act"


def test_the_matrix_of_the_demo_agrees_with_coverage(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        matrix = coverage_matrix(session)
        counted = {g.goal.title: [m.uid for m in g.meetings] for g in coverage(session).goals}
    assert len(matrix.goals) == 13 and len(matrix.meetings) == 19
    assert {g.title: list(g.meetings) for g in matrix.goals} == counted
    assert matrix.score == 1.0 and matrix.uncovered == ()
    assert [m.start for m in matrix.meetings] == sorted(m.start for m in matrix.meetings)
    for goal in matrix.goals:
        for meeting in matrix.meetings:
            assert matrix.serves(goal.id, meeting.uid) == (meeting.uid in goal.meetings)
            assert matrix.serves(goal.id, meeting.uid) == (goal.id in meeting.goals)
    genai = next(g for g in matrix.goals if g.title == GENAI)
    assert [m.host for m in matrix.meetings if m.uid in genai.meetings] == ["Merantix AI Campus"]


def test_rows_come_by_owner_then_priority(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        matrix = coverage_matrix(session)
    owners = [g.traveller for g in matrix.goals]
    assert owners[:3] == ["", "", ""]  # the delegation's goals first
    assert owners[3:5] == ["Kenji Takahashi", "Kenji Takahashi"]
    groups = [owner for n, owner in enumerate(owners) if n == 0 or owners[n - 1] != owner]
    assert len(groups) == len(set(groups))  # each owner's goals together
    for first, second in pairwise(matrix.goals):
        if first.traveller_id == second.traveller_id:
            assert first.priority >= second.priority


def test_one_travellers_matrix_has_their_goals_and_meetings(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        aiko = find_traveller(session, "Yamamoto")
        matrix = coverage_matrix(session, aiko)
        counted = {g.goal.title: len(g.meetings) for g in coverage(session, aiko).goals}
    assert {g.traveller for g in matrix.goals} == {"", "Aiko Yamamoto"}
    assert {g.title: len(g.meetings) for g in matrix.goals} == counted
    assert len(matrix.meetings) == 18
    assert "WERK1" not in {m.host for m in matrix.meetings}  # she is at Celonis meanwhile


def test_hints_follow_the_coordinators_overrides(demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        goal = session.scalars(select(LearningGoal).where(LearningGoal.title == GENAI)).one()
        finland, celonis = (session.scalars(select(Organisation).where(
            Organisation.name == name)).one() for name in ("Business Finland", "Celonis"))
        before = coverage_matrix(session)
        uid = {m.host: m.uid for m in before.meetings}
        assert not before.hint(goal.id, uid["Business Finland"])
        assert before.hint(goal.id, uid["Celonis"])
        set_override(session, goal.id, finland.id, 0.8)
        set_override(session, goal.id, celonis.id, 0.0)
        session.flush()
        after = coverage_matrix(session)
    assert after.hint(goal.id, uid["Business Finland"])
    assert after.matches[(goal.id, uid["Business Finland"])].overridden
    assert not after.hint(goal.id, uid["Celonis"])
    assert not after.serves(goal.id, uid["Business Finland"])  # a hint never counts


def test_a_cancelled_meeting_is_no_column_and_its_goal_may_go_uncovered(
        demo_store: TourStore) -> None:
    with demo_store.transaction() as session:
        meeting = session.scalars(select(AgendaItem).where(
            AgendaItem.title.startswith("AI venture building"))).one()
        meeting.status = ItemStatus.CANCELLED
        session.flush()
        matrix = coverage_matrix(session)
    assert meeting.uid not in {m.uid for m in matrix.meetings}
    assert [g.title for g in matrix.uncovered] == [GENAI]
    assert 0 < matrix.score < 1
