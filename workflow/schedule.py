"""The schedule of a process against its deadline: when it will end if every remaining
step takes its mutu baku time, the latest start of each remaining step that still meets
the deadline, and whether it is at risk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from organisation.calendar import WorkingCalendar, calendar_for_pd
from sop.models import SopStep

from .engine import happy_path
from .models import Process, Task


@dataclass(frozen=True)
class StepForecast:
    step: SopStep
    expected_start: dt.datetime
    expected_end: dt.datetime
    latest_start: dt.datetime | None
    latest_end: dt.datetime | None

    @property
    def late_start(self) -> bool:
        return self.latest_start is not None and self.expected_start > self.latest_start


@dataclass(frozen=True)
class Schedule:
    deadline: dt.datetime | None
    forecast_end: dt.datetime
    steps: list[StepForecast]
    finished: bool

    @property
    def at_risk(self) -> bool:
        return self.deadline is not None and self.forecast_end > self.deadline

    @property
    def slack(self) -> dt.timedelta | None:
        return None if self.deadline is None else self.deadline - self.forecast_end


def process_schedule(
    process: Process, *, now: dt.datetime, calendar: WorkingCalendar | None = None
) -> Schedule:
    if process.is_finished or process.current_step_id is None:
        end = process.finished_at or now
        return Schedule(process.deadline, end, [], finished=True)
    calendar = calendar or calendar_for_pd(process.pd)
    steps = list(process.revision.steps.all())
    current = next(s for s in steps if s.pk == process.current_step_id)
    path = happy_path(process.revision, current)

    open_tasks = [
        t for t in process.tasks.all() if t.status == Task.Status.OPEN and t.step_id == current.pk
    ]
    started = min((t.started_at for t in open_tasks), default=now)
    due = max((t.due_at for t in open_tasks if t.due_at), default=None)
    current_end = max(due, now) if due else now

    expected: list[tuple[SopStep, dt.datetime, dt.datetime]] = [(current, started, current_end)]
    cursor = current_end
    for step in path[1:]:
        end = calendar.add(cursor, step.duration) if step.duration else cursor
        expected.append((step, cursor, end))
        cursor = end

    latest: dict[int, tuple[dt.datetime, dt.datetime]] = {}
    if process.deadline is not None:
        latest_end = process.deadline
        for step in reversed(path):
            latest_start = (
                calendar.subtract(latest_end, step.duration) if step.duration else (latest_end)
            )
            latest[step.pk] = (latest_start, latest_end)
            latest_end = latest_start

    forecasts = [
        StepForecast(
            step=step,
            expected_start=start,
            expected_end=end,
            latest_start=latest.get(step.pk, (None, None))[0],
            latest_end=latest.get(step.pk, (None, None))[1],
        )
        for step, start, end in expected
    ]
    return Schedule(process.deadline, cursor, forecasts, finished=False)
