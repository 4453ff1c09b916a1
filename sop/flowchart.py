"""Layout of the flowchart drawn in the pelaksana columns of a SOP procedure table
(PermenPAN-RB 35/2012), with no database and no HTML.

Each row of the table is one step; its symbol stands in the column of its pelaksana. Two
consecutive rows are joined by a connector when a branch of the upper step leads to the
lower step: a vertical line from the symbol down to the bottom of the row, a horizontal
segment along the bottom of the row across the columns between the two symbols, and a
vertical line from the top of the next row down to the next symbol, ending in an arrowhead.
Any other branch (a decision's "Tidak", a jump back or forward) is drawn as a connector
circle labelled with the target step, and the target row shows where the jump arrives.

`layout()` returns, per row, the column of the symbol, its kind and per pelaksana cell the
segments to draw; the template turns them into CSS classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

END = "selesai"

TERMINATOR = "terminator"
PROCESS = "process"
DECISION = "decision"


@dataclass
class Cell:
    """What to draw in one pelaksana cell of one row."""

    symbol: str = ""  # "", TERMINATOR, PROCESS or DECISION
    line_up: bool = False  # from the top of the cell down to the symbol
    arrow_in: bool = False  # arrowhead where line_up meets the symbol
    line_down: bool = False  # from the symbol down to the bottom of the row
    line_left: bool = False  # along the bottom: from the centre to the left edge
    line_right: bool = False  # along the bottom: from the centre to the right edge
    drop: bool = False  # from the bottom segment down to the row's edge (next symbol's column)
    down_label: str = ""  # label of the branch that takes the downward path ("Ya")
    jump_out: list[tuple[str, int | str]] = field(default_factory=list)  # (label, target)
    jump_in: list[int] = field(default_factory=list)  # numbers of the steps jumping here

    @property
    def elbow(self) -> bool:
        """The downward line turns along the bottom of the row (it does not go straight)."""
        return self.line_down and (self.line_left or self.line_right)

    @property
    def css_classes(self) -> str:
        names = [
            ("line_up", "fc-up"),
            ("line_down", "fc-down"),
            ("line_left", "fc-left"),
            ("line_right", "fc-right"),
            ("drop", "fc-drop"),
            ("elbow", "fc-elbow"),
        ]
        return " ".join(css for attr, css in names if getattr(self, attr))


@dataclass
class Row:
    step: Any
    column: int  # index of the pelaksana column that holds the symbol
    symbol: str
    cells: list[Cell]

    @property
    def symbol_cell(self) -> Cell:
        return self.cells[self.column]


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _branches(step: Any) -> list[tuple[str, int | str]]:
    """(label, target) of each branch; a decision's branches are labelled Ya and Tidak."""
    branches = list(_get(step, "branches", ()) or ())
    targets = [_get(b, "target") for b in branches]
    if len(targets) == 2:
        return [("Ya", targets[0]), ("Tidak", targets[1])]
    return [("", t) for t in targets]


def _column_codes(columns: Sequence[Any]) -> list[str]:
    return [c if isinstance(c, str) else c[0] for c in columns]


def symbol_kind(step: Any, *, first: bool) -> str:
    branches = _branches(step)
    if len(branches) == 2:
        return DECISION
    if first or any(target == END for _, target in branches):
        return TERMINATOR
    return PROCESS


def layout(steps: Sequence[Any], columns: Sequence[Any]) -> list[Row]:
    """The flowchart of `steps` (in table order) over the pelaksana `columns`.

    `steps` are step-like objects (SopStep, sop.definition.Step, or anything with
    `number`, `pelaksana` and `branches`, whose items have a `target`); `columns` are
    (kode, label) pairs or bare kodes, in table order."""
    codes = _column_codes(columns)
    width = len(codes)
    rows: list[Row] = []
    for index, step in enumerate(steps):
        pelaksana = _get(step, "pelaksana")
        if pelaksana not in codes:
            raise ValueError(f"langkah {_get(step, 'number')}: pelaksana '{pelaksana}' tanpa kolom")
        column = codes.index(pelaksana)
        kind = symbol_kind(step, first=index == 0)
        cells = [Cell() for _ in range(width)]
        cells[column].symbol = kind
        rows.append(Row(step=step, column=column, symbol=kind, cells=cells))

    row_of = {_get(row.step, "number"): i for i, row in enumerate(rows)}
    for i, row in enumerate(rows):
        source = row.symbol_cell
        next_number = _get(rows[i + 1].step, "number") if i + 1 < len(rows) else None
        joined = False
        for label, target in _branches(row.step):
            if target == END and row.symbol == TERMINATOR:
                continue  # the terminator itself ends the procedure
            if target == next_number and not joined:
                joined = True
                source.down_label = label
                _connect(row, rows[i + 1])
            else:
                source.jump_out.append((label, target))
                if target in row_of:
                    rows[row_of[target]].symbol_cell.jump_in.append(_get(row.step, "number"))
    return rows


def _connect(upper: Row, lower: Row) -> None:
    """Downward connector from the symbol of `upper` to the symbol of `lower` (next row)."""
    a, b = upper.column, lower.column
    upper.cells[a].line_down = True
    lower.cells[b].line_up = lower.cells[b].arrow_in = True
    if a == b:
        return
    left, right = min(a, b), max(a, b)
    upper.cells[left].line_right = True
    upper.cells[right].line_left = True
    for c in range(left + 1, right):
        upper.cells[c].line_left = upper.cells[c].line_right = True
    upper.cells[b].drop = True
