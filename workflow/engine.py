"""The state machine of a process, read from its SOP revision.

States are `langkah-N` for each step and `selesai`. Each branch of a step is a
transition named by its `aksi`: from the step's state to the target step's state (or
`selesai`). `transitions(revision)` returns the whole machine as data, so a drawing of the
SOP and the code can be compared line by line."""

from __future__ import annotations

from dataclasses import dataclass

from sop.models import SopRevision, SopStep

from .models import DONE, step_state


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    source: str
    target: str
    step: int
    pelaksana: str
    documents: tuple[str, ...]  # required before it can run (step's and branch's)
    checks: tuple[str, ...]
    news: str = ""  # announced when it runs (sop.definition.KNOWN_NEWS)
    effects: tuple[str, ...] = ()  # run with it (sop.definition.KNOWN_EFFECTS)


def target_state(target: int | str) -> str:
    return DONE if target == DONE else step_state(int(target))


def step_transitions(step: SopStep) -> list[Transition]:
    return [
        Transition(
            action=branch["action"],
            label=branch["label"],
            source=step_state(step.number),
            target=target_state(branch["target"]),
            step=step.number,
            pelaksana=step.pelaksana,
            documents=tuple(step.required_documents) + tuple(branch.get("documents", ())),
            checks=tuple(step.required_checks) + tuple(branch.get("checks", ())),
            news=branch.get("news", ""),
            effects=tuple(branch.get("effects", ())),
        )
        for branch in step.branches
    ]


def step_requires(step: SopStep | None, check: str) -> bool:
    """Does the step (or one of its branches) require the data check `check`?"""
    if step is None:
        return False
    return check in step.required_checks or any(check in b.get("checks", ()) for b in step.branches)


def transitions(revision: SopRevision) -> list[Transition]:
    return [t for step in revision.steps.order_by("position") for t in step_transitions(step)]


def states(revision: SopRevision) -> list[str]:
    return [step_state(s.number) for s in revision.steps.order_by("position")] + [DONE]


def step_of_state(revision: SopRevision, state: str) -> SopStep | None:
    if state == DONE or not state.startswith("langkah-"):
        return None
    return revision.steps.get(number=int(state.removeprefix("langkah-")))


def happy_path(revision: SopRevision, from_step: SopStep) -> list[SopStep]:
    """The steps from `from_step` to the end following the first branch of each decision
    (the 'ya' path): what the schedule forecast assumes."""
    by_number = {s.number: s for s in revision.steps.all()}
    path, current, seen = [], from_step, set()
    while current is not None and current.number not in seen:
        path.append(current)
        seen.add(current.number)
        target = current.branches[0]["target"]
        current = None if target == DONE else by_number[int(target)]
    return path
