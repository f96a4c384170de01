"""Row-level validation: each mistake is refused with a message that says what is wrong."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from graphcrm.model import (
    Account,
    Action,
    Attitude,
    DecisionRole,
    Layer,
    Person,
    Staff,
    Tie,
    TieType,
    TriangleRole,
    parse_level,
    parse_term,
    zh_label,
)


def message(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.value.errors())


class TestVocabulary:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("decision", Layer.DECISION),
            ("Decision", Layer.DECISION),
            ("决策层", Layer.DECISION),
            ("管理层", Layer.MANAGEMENT),
            (" execution ", Layer.EXECUTION),
        ],
    )
    def test_layers(self, text: str, expected: Layer) -> None:
        assert parse_term(Layer, text) is expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("decision maker", DecisionRole.DECISION_MAKER),
            ("decision-maker", DecisionRole.DECISION_MAKER),
            ("决策者", DecisionRole.DECISION_MAKER),
            ("守门人", DecisionRole.GATEKEEPER),
            ("把关者", DecisionRole.GATEKEEPER),
            ("评估者", DecisionRole.EVALUATOR),
        ],
    )
    def test_roles(self, text: str, expected: DecisionRole) -> None:
        assert parse_term(DecisionRole, text) is expected

    def test_unknown_term_lists_the_choices(self) -> None:
        with pytest.raises(
            ValueError, match=r"unknown value 'boss'; expected one of: decision_maker"
        ):
            parse_term(DecisionRole, "boss")

    def test_labels(self) -> None:
        assert zh_label(TieType.REPORTS_TO) == "汇报"
        assert parse_term(TriangleRole, "ar") is TriangleRole.AR

    @pytest.mark.parametrize(
        ("value", "level"),
        [(-1, -1), ("3", 3), ("2.0", 2), (1.0, 1), ("教练", 3), ("支持并排它", 2), ("不认可", -1)],
    )
    def test_levels(self, value: object, level: int) -> None:
        assert parse_level(value) == level

    @pytest.mark.parametrize("value", [5, -2, "1.5", "high", True, None])
    def test_bad_levels(self, value: object) -> None:
        with pytest.raises(ValueError, match="level from -1 to 3"):
            parse_level(value)


class TestRecords:
    def test_person_in_chinese(self) -> None:
        p = Person(id="p1", account_id="a1", name="张伟", layer="决策层", roles="决策者；批准者")
        assert p.layer is Layer.DECISION
        assert p.roles == (DecisionRole.DECISION_MAKER, DecisionRole.APPROVER)

    @pytest.mark.parametrize("bad", ["", " ", "has space", "-lead", "x" * 129, "名字"])
    def test_bad_ids(self, bad: str) -> None:
        with pytest.raises(ValidationError, match="must be 1-128 letters"):
            Account(id=bad, name="A")

    @pytest.mark.parametrize("strength", [0, -0.1, 1.5])
    def test_strength_in_open_closed_unit_interval(self, strength: float) -> None:
        with pytest.raises(ValidationError) as exc:
            Tie(type="knows", source_id="a", target_id="b", strength=strength)
        assert message(exc).startswith("strength: Input should be")

    def test_strength_one_is_fine(self) -> None:
        assert Tie(type="knows", source_id="a", target_id="b", strength="1").strength == 1.0

    def test_no_self_ties(self) -> None:
        with pytest.raises(ValidationError, match="cannot reports_to themselves"):
            Tie(type="汇报", source_id="a", target_id="a")

    def test_unknown_tie_type(self) -> None:
        with pytest.raises(ValidationError, match="unknown value 'likes'"):
            Tie(type="likes", source_id="a", target_id="b")

    def test_seniority(self) -> None:
        assert Staff(id="s", name="S", seniority="5").seniority == 5
        with pytest.raises(ValidationError, match="less than or equal to 5"):
            Staff(id="s", name="S", seniority=6)

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("2026-03-05", date(2026, 3, 5)),
            ("2026/3/5", date(2026, 3, 5)),
            ("2026-03-05 00:00:00", date(2026, 3, 5)),
        ],
    )
    def test_dates(self, text: str, day: date) -> None:
        assert Attitude(person_id="p", level=1, as_of=text).as_of == day

    @pytest.mark.parametrize("text", ["2026-13-01", "05/03/2026", "yesterday", "1700000000"])
    def test_bad_dates(self, text: str) -> None:
        with pytest.raises(ValidationError, match="expected a date as YYYY-MM-DD"):
            Attitude(person_id="p", level=1, as_of=text)

    def test_unknown_fields_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
            Person(id="p", account_id="a", name="P", salary=1)

    def test_attitude_toward(self) -> None:
        assert Attitude(person_id="p", level=0).toward == "us"
        assert Attitude(person_id="p", level=0, toward="我方").toward == "us"
        assert Attitude(person_id="p", level=2, toward="rival-1").toward == "rival-1"

    def test_assessment_needs_all_six(self) -> None:
        dims = dict(
            recognition=2,
            participation=2,
            information=1,
            guidance=1,
            project_support=2,
            competitive_preference=2,
        )
        assert Attitude(person_id="p", level=1, **dims).dimensions == dims
        assert Attitude(person_id="p", level=1, recognition=2).dimensions is None

    def test_action_id_defaults_from_person_and_text(self) -> None:
        a = Action(person_id="p", description="Visit")
        b = Action(person_id="p", description=" Visit ")
        assert a.id == b.id and a.id.startswith("act-")
        assert Action(id="x1", person_id="p", description="Visit").id == "x1"
        assert Action(person_id="p", description="Visit", status="已完成").status == "done"
