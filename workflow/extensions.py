"""What other apps plug into the engine, registered in their AppConfig.ready:

- EFFECTS: what a transition does to data the workflow does not own (`efek` in a SOP
  file, sop.definition.KNOWN_EFFECTS). Each runs inside the transition's transaction
  with (process, transition, actor, now); raising a WorkflowError refuses the transition.
- checks.CHECKS: data conditions (`syarat.data`) on data other apps own.
- process_links: pages of other apps for a process (a pengampu's form, the Tim SAKIP's
  recap, the kertas kerja), shown on the process page.
- pelaksana: the position of a pelaksana the organisation alone cannot resolve (the
  penanggung jawab named on a follow-up), its task's due time (a target date rather than
  the SOP's waktu) and who else may act on it (the Sekretaris PD beside the penanggung
  jawab).
- pengampu: who the pengampu of a PD are (one form each on a `paralel: pengampu` step);
  by default the Sekretaris and each Kasi.

The engine stays ignorant of the data; the three SOPs run on the same code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

EffectHandler = Callable[[Any, Any, Any, dt.datetime], None]
EFFECTS: dict[str, EffectHandler] = {}

PengampuResolver = Callable[[Any], list]
pengampu_resolvers: list[PengampuResolver] = []

PositionResolver = Callable[[Any, Any], Any]  # (process, step) -> Position | None
position_resolvers: list[PositionResolver] = []
DueResolver = Callable[[Any, Any, Any], Any]  # (process, step, calendar) -> datetime | None
due_resolvers: list[DueResolver] = []
CoActors = Callable[[Any], list]  # (task) -> [position id, ...]
co_actor_resolvers: list[CoActors] = []

LinkProvider = Callable[[Any, Any, Any], list]
process_links: list[LinkProvider] = []

EFFECT_UNAVAILABLE = "Efek '{name}' belum tersedia pada instalasi ini."


def register_effect(name: str, handler: EffectHandler) -> None:
    EFFECTS[name] = handler


def register_check(name: str, check) -> None:
    from .checks import CHECKS

    CHECKS[name] = check


def register_pengampu(resolver: PengampuResolver) -> None:
    if resolver not in pengampu_resolvers:
        pengampu_resolvers.append(resolver)


def run_effects(process, transition, actor, now: dt.datetime) -> None:
    from . import exceptions as e

    for name in transition.effects:
        handler = EFFECTS.get(name)
        if handler is None:
            raise e.InvalidInput(EFFECT_UNAVAILABLE.format(name=name))
        handler(process, transition, actor, now)


def register_process_links(provider: LinkProvider) -> None:
    """`provider(process, scope, acting_task)` returns [{label, url, hint, post?}, ...];
    `post` links are buttons of a form (an action), the others plain links."""
    if provider not in process_links:
        process_links.append(provider)


def process_links_for(process, scope, acting) -> list:
    return [link for provider in process_links for link in provider(process, scope, acting)]


def register_pelaksana(
    *, position: PositionResolver, due: DueResolver | None = None, co_actors: CoActors | None = None
) -> None:
    for registry, item in (
        (position_resolvers, position),
        (due_resolvers, due),
        (co_actor_resolvers, co_actors),
    ):
        if item is not None and item not in registry:
            registry.append(item)


def position_for(process, step):
    for resolver in position_resolvers:
        position = resolver(process, step)
        if position is not None:
            return position
    return None


def due_for(process, step, default, calendar):
    for resolver in due_resolvers:
        due = resolver(process, step, calendar)
        if due is not None:
            return due
    return default


def co_actor_positions(task) -> set[int]:
    return {pid for resolver in co_actor_resolvers for pid in resolver(task)}
