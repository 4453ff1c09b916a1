"""sop.flowchart.layout: pure, no database."""

from dataclasses import dataclass, field

import pytest

from sop.definition import load_all
from sop.flowchart import DECISION, END, PROCESS, TERMINATOR, layout

COLUMNS = [
    ["kepala_pd", "Kepala PD"],
    ["sekretaris_pd", "Sekretaris PD"],
    ["tim_penyusun", "Tim Penyusun LKjPD"],
    ["inspektorat", "Inspektorat Daerah"],
]
KEPALA, SEKRETARIS, TIM, INSPEKTORAT = range(4)


@dataclass
class FakeStep:
    number: int
    pelaksana: str
    branches: list = field(default_factory=list)


def step(number, pelaksana, *targets):
    return FakeStep(number, pelaksana, [{"label": "x", "target": t} for t in targets])


def lkjip_like():
    """The shape of SOP LKjIP: 7 is a decision (ya 8, tidak back to 5)."""
    return [
        step(1, "kepala_pd", 2),
        step(2, "sekretaris_pd", 3),
        step(3, "tim_penyusun", 4),
        step(4, "inspektorat", 5),
        step(5, "tim_penyusun", 6),
        step(6, "sekretaris_pd", 7),
        step(7, "kepala_pd", 8, 5),
        step(8, "tim_penyusun", 9),
        step(9, "tim_penyusun", END),
    ]


def test_symbol_kinds_and_columns_for_lkjip_like_input():
    rows = layout(lkjip_like(), COLUMNS)

    assert [r.symbol for r in rows] == [TERMINATOR] + [PROCESS] * 5 + [DECISION] + [
        PROCESS,
        TERMINATOR,
    ]
    assert [r.column for r in rows] == [0, 1, 2, 3, 2, 1, 0, 2, 2]
    for row in rows:
        assert [bool(c.symbol) for c in row.cells] == [i == row.column for i in range(4)]


def test_the_bottom_segment_spans_exactly_the_columns_between_two_steps():
    rows = layout(lkjip_like(), COLUMNS)
    # Step 6 (Sekretaris, column 1) -> step 7 (Kepala, column 0): one column to the left.
    cells = rows[5].cells
    assert cells[SEKRETARIS].line_down
    assert cells[SEKRETARIS].line_left
    assert not cells[SEKRETARIS].line_right
    assert cells[KEPALA].line_right
    assert cells[KEPALA].drop
    assert not cells[KEPALA].line_left
    assert not any(c.line_left or c.line_right for c in cells[TIM:])

    # Step 7 (column 0) -> step 8 (Tim, column 2): across column 1, ending in column 2.
    cells = rows[6].cells
    assert cells[KEPALA].line_down
    assert cells[KEPALA].line_right
    assert not cells[KEPALA].line_left
    assert cells[SEKRETARIS].line_left
    assert cells[SEKRETARIS].line_right
    assert not cells[SEKRETARIS].line_down
    assert not cells[SEKRETARIS].drop
    assert cells[TIM].line_left
    assert cells[TIM].drop
    assert not cells[TIM].line_right
    assert not cells[INSPEKTORAT].line_left
    assert not cells[INSPEKTORAT].line_right

    # The next row receives the line from its top, with an arrowhead.
    assert rows[7].cells[TIM].line_up
    assert rows[7].cells[TIM].arrow_in
    assert not any(c.line_up for i, c in enumerate(rows[7].cells) if i != TIM)


def test_steps_in_the_same_column_are_joined_by_a_straight_line():
    rows = layout(lkjip_like(), COLUMNS)
    eight, nine = rows[7], rows[8]
    assert eight.cells[TIM].line_down
    assert not any(c.line_left or c.line_right or c.drop for c in eight.cells)
    assert not eight.cells[TIM].elbow
    assert nine.cells[TIM].line_up
    assert nine.cells[TIM].arrow_in


def test_first_row_has_no_incoming_line_and_the_end_has_no_outgoing_line():
    rows = layout(lkjip_like(), COLUMNS)
    assert not rows[0].cells[KEPALA].line_up
    last = rows[-1].cells[TIM]
    assert not last.line_down
    assert not last.jump_out


def test_decision_tidak_to_an_earlier_step_is_a_jump_out_and_a_jump_in():
    rows = layout(lkjip_like(), COLUMNS)
    decision = rows[6].cells[KEPALA]
    assert decision.symbol == DECISION
    assert decision.jump_out == [("Tidak", 5)]
    assert decision.down_label == "Ya"
    assert decision.line_down
    assert rows[4].cells[TIM].jump_in == [7]
    # The jump is not drawn as a line, and arrives nowhere else.
    assert [r.step.number for r in rows if r.symbol_cell.jump_in] == [5]


def test_a_decision_whose_ya_is_not_the_next_row_jumps_on_both_branches():
    steps = [
        step(1, "kepala_pd", 2),
        step(2, "sekretaris_pd", 4, 1),
        step(3, "tim_penyusun", END),
        step(4, "tim_penyusun", 3),
    ]
    rows = layout(steps, COLUMNS)
    decision = rows[1].symbol_cell
    assert decision.jump_out == [("Ya", 4), ("Tidak", 1)]
    assert not decision.line_down
    assert not rows[2].symbol_cell.line_up  # nothing flows from row 2 into row 3
    assert rows[3].symbol_cell.jump_in == [2]
    assert rows[0].symbol_cell.jump_in == [2]
    # Step 4 goes back up to step 3 (the end): a plain jump has no label.
    assert rows[3].symbol_cell.jump_out == [("", 3)]
    assert rows[2].symbol_cell.jump_in == [4]


def test_a_terminator_that_is_not_the_last_row_is_not_joined_to_the_next_row():
    """Like SOP Pengukuran Kinerja: step 10 ends, inserted step 11 is listed after it."""
    steps = [
        step(1, "kepala_pd", 2),
        step(2, "sekretaris_pd", 3, 4),
        step(3, "kepala_pd", END),
        step(4, "tim_penyusun", 2),
    ]
    rows = layout(steps, COLUMNS)
    assert rows[2].symbol == TERMINATOR
    assert not rows[2].symbol_cell.line_down
    assert not rows[3].symbol_cell.line_up
    assert rows[3].symbol_cell.jump_in == [2]
    assert rows[3].symbol_cell.jump_out == [("", 2)]
    assert rows[1].symbol_cell.jump_in == [4]


def test_a_decision_branch_to_the_end_is_shown_as_a_jump_to_selesai():
    steps = [step(1, "kepala_pd", 2), step(2, "sekretaris_pd", END, 1)]
    rows = layout(steps, COLUMNS)
    assert rows[1].symbol == DECISION
    assert rows[1].symbol_cell.jump_out == [("Ya", END), ("Tidak", 1)]


def test_css_classes_follow_the_flags():
    rows = layout(lkjip_like(), COLUMNS)
    assert set(rows[6].cells[KEPALA].css_classes.split()) == {
        "fc-up",
        "fc-down",
        "fc-right",
        "fc-elbow",
    }
    assert set(rows[6].cells[SEKRETARIS].css_classes.split()) == {"fc-left", "fc-right"}
    assert rows[0].cells[INSPEKTORAT].css_classes == ""


def test_accepts_bare_column_codes_and_rejects_an_unknown_pelaksana():
    rows = layout([step(1, "inspektorat", END)], [c for c, _ in COLUMNS])
    assert rows[0].column == INSPEKTORAT
    with pytest.raises(ValueError, match="staf"):
        layout([step(1, "staf", END)], COLUMNS)


@pytest.mark.parametrize("definition", load_all(), ids=lambda d: d.code)
def test_every_definition_lays_out_with_one_incoming_path_per_reachable_row(definition):
    """Works on sop.definition.Step too; every row except the first is entered either from
    the row above or by a jump, and every branch is drawn exactly once."""
    rows = layout(definition.steps, definition.columns)
    assert rows[0].symbol == TERMINATOR
    branches = sum(len(s.branches) for s in definition.steps)
    ends = sum(
        1 for r in rows if r.symbol == TERMINATOR for b in r.step.branches if b.target == END
    )
    drawn = sum(int(r.symbol_cell.line_down) + len(r.symbol_cell.jump_out) for r in rows)
    assert drawn + ends == branches
    for row in rows[1:]:
        assert row.symbol_cell.line_up or row.symbol_cell.jump_in
