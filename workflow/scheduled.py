"""Processes the system opens by itself: a SOP with `jadwal: triwulan` gets, for every PD
that adopted it (sop.SopAdoption), one process per quarter once the quarter has ended.
The beat runs this often; it is idempotent (the process's natural key is unique)."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from sop.models import SopAdoption, SopRevision

from . import exceptions as e
from .models import Process
from .services import process_start

log = logging.getLogger("alur.workflow")

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def quarter_end(year: int, quarter: int) -> dt.date:
    month, day = QUARTER_END[quarter]
    return dt.date(year, month, day)


def last_ended_quarter(day: dt.date) -> tuple[int, int]:
    """The latest quarter that ended before `day` (a quarter ends on its last day)."""
    quarter = (day.month - 1) // 3  # quarters fully before the current one this year
    if quarter == 0:
        return day.year - 1, 4
    return day.year, quarter


def open_scheduled_processes(now: dt.datetime | None = None) -> list[Process]:
    now = now or timezone.now()
    year, quarter = last_ended_quarter(timezone.localdate(now))
    opened = []
    adoptions = SopAdoption.objects.filter(active=True).select_related("sop", "pd")
    for adoption in adoptions:
        revision = (
            SopRevision.objects.filter(sop=adoption.sop)
            .order_by("-number")
            .only("identity")
            .first()
        )
        if revision is None or revision.identity.get("jadwal") != "triwulan":
            continue
        if quarter_end(year, quarter) < adoption.since:
            continue
        exists = Process.objects.filter(
            sop_code=adoption.sop.code, pd=adoption.pd, year=year, period=quarter, subject=""
        ).exists()
        if exists:
            continue
        try:
            process = process_start(
                sop_code=adoption.sop.code,
                pd=adoption.pd,
                year=year,
                period=quarter,
                actor_user=None,
                now=now,
            )
        except e.WrongState:  # opened meanwhile by another worker or by hand
            continue
        except e.WorkflowError as error:
            log.warning(
                "scheduled %s for %s %s/%s not opened: %s",
                adoption.sop.code,
                adoption.pd.slug,
                year,
                quarter,
                error.message,
            )
            continue
        log.info("opened %s", process.title)
        opened.append(process)
    return opened
