"""`make bench`: the workflow engine at synthetic scale.

Builds (once; reused when present) a database of 500 PDs x 5 years with every process of
the three SOPs (LKjIP yearly; Pengumpulan Data and Pengukuran Kinerja per triwulan), each
with the tasks and audit rows of the steps it went through, then measures:
- the inbox of a busy user (an auditor assigned to every PD's current LKjIP at reviu),
- one transition through the service (task closed, state moved, audit row, next task),
- a sequential run of transitions,
each beside the bare SQL doing the same row work, as a ratio.

Then the reporting part (tests/bench/reporting.py): the LKjIP tables and draft files
of a synthetic PD with 60 indicators.

Run: make bench            (SQLite file var/bench.sqlite3)
     DATABASE_URL=postgres://... make bench
     .venv/bin/python -m tests.bench reporting     (the reporting part only)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import sys
import time
import zoneinfo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# Delivery requests go to an in-memory broker: the bench measures the database work.
os.environ.setdefault("REDIS_URL", "memory://")
if "DATABASE_URL" not in os.environ:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    os.environ["DATABASE_URL"] = f"sqlite:///{root / 'var' / 'bench.sqlite3'}"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from guardian.shortcuts import assign_perm  # noqa: E402

from organisation.models import (  # noqa: E402
    Assignment,
    Kabupaten,
    PerangkatDaerah,
    Position,
    User,
)
from sop.models import SopRevision  # noqa: E402
from tests.bench import reporting as reporting_bench  # noqa: E402
from workflow.models import AuditEntry, Process, Task, step_state  # noqa: E402
from workflow.selectors import inbox_tasks  # noqa: E402
from workflow.services import process_transition  # noqa: E402

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
PDS, YEARS = int(os.environ.get("BENCH_PDS", 500)), (2021, 2022, 2023, 2024, 2025)
CURRENT = YEARS[-1]
SEQUENTIAL = int(os.environ.get("BENCH_TRANSITIONS", 200))


def log(message: str) -> None:
    print(message, flush=True)


def build() -> None:
    """Synthetic data with bulk inserts (the services would take hours for 300k tasks)."""
    call_command("migrate", verbosity=0)
    call_command("load_sops", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    if PerangkatDaerah.objects.filter(slug__startswith="bench-").exists():
        return
    log(f"building: {PDS} PDs x {len(YEARS)} years ...")
    started = time.perf_counter()
    kab = Kabupaten.objects.get(slug="rembang")
    revisions = {r.sop.code: r for r in SopRevision.objects.select_related("sop")}
    steps = {code: list(r.steps.order_by("position")) for code, r in revisions.items()}
    auditor = User.objects.get(username="auditor1")

    pds = PerangkatDaerah.objects.bulk_create(
        PerangkatDaerah(
            kabupaten=kab, slug=f"bench-{i}", name=f"Kecamatan Uji {i}", kind="kecamatan"
        )
        for i in range(PDS)
    )
    positions = Position.objects.bulk_create(
        Position(
            pd=pd,
            code=code,
            title=f"{code} {pd.slug}",
            short_title=code,
            role=role,
            single_holder=single,
        )
        for pd in pds
        for code, role, single in (
            ("camat", "kepala", True),
            ("sekcam", "sekretaris", True),
            ("kasi-a", "kasi", True),
            ("kasi-b", "kasi", True),
            ("staf", "staf", False),
        )
    )
    by_pd: dict[int, dict[str, Position]] = {}
    for position in positions:
        by_pd.setdefault(position.pd_id, {})[position.code] = position
    users = User.objects.bulk_create(
        User(username=f"bench-{p.pd_id}-{p.code}", full_name=p.title) for p in positions
    )
    Assignment.objects.bulk_create(
        Assignment(user=u, position=p, start=dt.date(2021, 1, 1))
        for u, p in zip(users, positions, strict=True)
    )

    t0 = dt.datetime(2021, 1, 4, 8, 0, tzinfo=WIB)
    processes, plans = [], []
    for pd in pds:
        for year in YEARS:
            finished = year < CURRENT
            for code, periods in (
                ("lkjip", [0]),
                ("pengumpulan-data-kinerja", [1, 2, 3, 4]),
                ("pengukuran-kinerja", [1, 2, 3, 4]),
            ):
                for period in periods:
                    seq = steps[code]
                    # the current year's LKjIP waits at the reviu (step 4); others are done
                    upto = 3 if (code == "lkjip" and not finished) else len(seq)
                    current = seq[upto] if upto < len(seq) else None
                    processes.append(
                        Process(
                            revision=revisions[code],
                            sop_code=code,
                            pd=pd,
                            year=year,
                            period=period,
                            title=f"{code} {pd.slug} {year}/{period}",
                            state=step_state(current.number) if current else "selesai",
                            current_step=current,
                            started_at=t0,
                            finished_at=None if current else t0 + dt.timedelta(days=40),
                        )
                    )
                    plans.append((pd, seq, upto, current))
    Process.objects.bulk_create(processes, batch_size=2000)
    log(f"  {len(processes)} processes")

    tasks, audits = [], []
    for process, (pd, seq, upto, current) in zip(processes, plans, strict=True):
        when = t0
        for step in seq[:upto]:
            fan = 3 if step.fan_out else 1
            for _ in range(fan):
                tasks.append(
                    Task(
                        process=process,
                        step=step,
                        pelaksana=step.pelaksana,
                        position=by_pd[pd.pk]["sekcam"],
                        status="done",
                        started_at=when,
                        due_at=when + dt.timedelta(days=2),
                        completed_at=when + dt.timedelta(days=1),
                        outcome="x",
                    )
                )
                audits.append(
                    AuditEntry(
                        process=process,
                        kind="transition",
                        action="x",
                        from_state=step_state(step.number),
                        to_state="x",
                        created_at=when,
                    )
                )
            when += dt.timedelta(days=1)
        if current is not None:
            tasks.append(
                Task(
                    process=process,
                    step=current,
                    pelaksana=current.pelaksana,
                    status="open",
                    started_at=when,
                    due_at=when + dt.timedelta(days=10),
                )
            )
    Task.objects.bulk_create(tasks, batch_size=5000)
    AuditEntry.objects.bulk_create(audits, batch_size=5000)
    log(f"  {len(tasks)} tasks, {len(audits)} audit rows")

    # The busy user: auditor1 is assigned to every PD's current LKjIP (open reviu tasks).
    for process in Process.objects.filter(
        sop_code="lkjip", year=CURRENT, pd__slug__startswith="bench-"
    ):
        assign_perm("workflow.review_process", auditor, process)
    # Processes at the Sekretaris's paraf (step 6) for the transition measurements.
    paraf_rev = revisions["lkjip"]
    step6 = next(s for s in steps["lkjip"] if s.number == 6)
    extra = []
    for i, pd in enumerate(pds[: SEQUENTIAL + 1]):
        extra.append(
            Process(
                revision=paraf_rev,
                sop_code="lkjip",
                pd=pd,
                year=CURRENT + 1,
                title=f"paraf {i}",
                state=step_state(6),
                current_step=step6,
                started_at=t0,
            )
        )
    Process.objects.bulk_create(extra)
    Task.objects.bulk_create(
        Task(
            process=p,
            step=step6,
            pelaksana="sekretaris_pd",
            position=by_pd[p.pd_id]["sekcam"],
            status="open",
            started_at=t0,
            due_at=t0 + dt.timedelta(days=1),
        )
        for p in extra
    )
    log(f"  built in {time.perf_counter() - started:.0f} s")


class QueryCounter:
    """Counts the queries run inside it (an execute wrapper: no debug log needed)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._cm = connection.execute_wrapper(self)
        self._cm.__enter__()
        return self

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def timed(fn, repeat: int = 5) -> tuple[float, int]:
    """Median seconds of `repeat` runs and the query count of one."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    with QueryCounter() as counter:
        fn()
    return statistics.median(times), counter.count


def bare_inbox(user_id: int) -> list:
    sql = """
        SELECT t.id, t.due_at, p.title, s.number, s.uraian
        FROM workflow_task t
        JOIN workflow_process p ON p.id = t.process_id
        JOIN sop_sopstep s ON s.id = t.step_id
        WHERE t.status = 'open' AND t.pelaksana = 'inspektorat' AND t.process_id IN (
            SELECT content_object_id FROM workflow_processuserobjectpermission
            WHERE user_id = %s)
        ORDER BY t.due_at, t.started_at, t.id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        return cursor.fetchall()


def bare_transition(process_id: int, user_id: int, step7_id: int, now: dt.datetime) -> None:
    """The same row work as a transition: close the task, move the state, write the audit
    row, open the next task."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT state FROM workflow_process WHERE id = %s", [process_id])
        cursor.execute(
            "UPDATE workflow_task SET status='done', completed_at=%s, "
            "completed_by_id=%s, outcome='paraf' WHERE process_id=%s AND "
            "status='open'",
            [now, user_id, process_id],
        )
        cursor.execute(
            "UPDATE workflow_process SET state='langkah-7', current_step_id=%s "
            "WHERE id=%s AND state='langkah-6'",
            [step7_id, process_id],
        )
        cursor.execute(
            "INSERT INTO workflow_auditentry (process_id, kind, action, from_state,"
            " to_state, note, documents, data, created_at, actor_id) VALUES "
            "(%s, 'transition', 'paraf', 'langkah-6', 'langkah-7', '', '[]', '{}',"
            " %s, %s)",
            [process_id, now, user_id],
        )
        cursor.execute(
            "INSERT INTO workflow_task (process_id, step_id, visit, pelaksana, "
            "status, started_at, outcome) VALUES (%s, %s, 1, 'kepala_pd', 'open',"
            " %s, '')",
            [process_id, step7_id, now],
        )


def main() -> int:
    build()
    now = dt.datetime(2026, 1, 15, 9, 0, tzinfo=WIB)
    auditor = User.objects.get(username="auditor1")
    counts = {
        "processes": Process.objects.count(),
        "tasks": Task.objects.count(),
        "open tasks": Task.objects.filter(status="open").count(),
        "audit rows": AuditEntry.objects.count(),
    }
    log("data: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    log(f"database: {connection.vendor}")

    inbox_time, inbox_queries = timed(lambda: list(inbox_tasks(user=auditor, now=now)))
    inbox_rows = len(list(inbox_tasks(user=auditor, now=now)))
    bare_time, _ = timed(lambda: bare_inbox(auditor.pk))
    log(
        f"inbox (auditor1, {inbox_rows} open tasks): {inbox_time * 1000:.1f} ms, "
        f"{inbox_queries} queries; bare SQL {bare_time * 1000:.1f} ms; "
        f"ratio {inbox_time / bare_time:.1f}"
    )

    paraf = list(Process.objects.filter(title__startswith="paraf ").order_by("id"))
    step7 = paraf[0].revision.steps.get(number=7)
    sekcams = {p.pk: User.objects.get(username=f"bench-{p.pd_id}-sekcam") for p in paraf}

    def service(process):
        process_transition(
            process_id=process.pk, action="paraf", actor_user=sekcams[process.pk], now=now
        )

    _reset(paraf)  # an interrupted earlier run may have left some at step 7
    service(paraf[0])  # warm-up: calendar and SOP caches
    singles, rest = paraf[1:11], paraf[11:]
    times = []
    for process in singles:
        with QueryCounter() as queries:
            start = time.perf_counter()
            service(process)
            times.append(time.perf_counter() - start)
    one = statistics.median(times)
    half = len(rest) // 2
    start = time.perf_counter()
    for process in rest[:half]:
        service(process)
    service_rate = half / (time.perf_counter() - start)
    start = time.perf_counter()
    for process in rest[half:]:
        bare_transition(process.pk, sekcams[process.pk].pk, step7.pk, now)
    bare_rate = (len(rest) - half) / (time.perf_counter() - start)
    log(
        f"one transition (paraf): {one * 1000:.1f} ms, {queries.count} queries; bare SQL "
        f"{1000 / bare_rate:.1f} ms; ratio {one * bare_rate:.1f}"
    )
    log(
        f"sequential transitions: {service_rate:.0f}/s through the service, {bare_rate:.0f}/s "
        f"bare SQL; ratio {bare_rate / service_rate:.1f}"
    )
    # Leave the bench database reusable: put the measured processes back at step 6.
    _reset(paraf)
    bench_scan(now)
    return reporting_bench.main()


def bench_scan(now: dt.datetime) -> None:
    """The beat's scan over every open task (all due by `now`), then the same scan with 90%
    of the closed tasks gone: the ratio should be near 1 (only open tasks are read)."""
    from notifications.scan import scan

    scan(now)  # first tick writes the reminders; the measured ticks are the steady state
    open_due = Task.objects.filter(status="open", due_at__lte=now).count()
    full_time, full_queries = timed(lambda: scan(now), repeat=3)
    closed = Task.objects.filter(status="done").count()
    with transaction.atomic():
        keep = closed // 10
        doomed = Task.objects.filter(status="done").order_by("id").values_list("id", flat=True)
        cut = list(doomed[keep:])
        for i in range(0, len(cut), 20000):
            Task.objects.filter(pk__in=cut[i : i + 20000]).delete()
        small_time, small_queries = timed(lambda: scan(now), repeat=3)
        transaction.set_rollback(True)
    log(
        f"scan ({open_due} open tasks due, {closed} closed): {full_time * 1000:.0f} ms, "
        f"{full_queries} queries; with {keep} closed: {small_time * 1000:.0f} ms, "
        f"{small_queries} queries; ratio {full_time / small_time:.2f}"
    )


def _reset(paraf: list[Process]) -> None:
    ids = [p.pk for p in paraf]
    step6 = paraf[0].revision.steps.get(number=6)
    with transaction.atomic():
        Task.objects.filter(process_id__in=ids).exclude(step=step6).delete()
        Task.objects.filter(process_id__in=ids).update(
            status="open", completed_at=None, completed_by=None, outcome=""
        )
        Process.objects.filter(pk__in=ids).update(state=step_state(6), current_step=step6)
    # Audit rows are immutable: those of the measured runs stay, as they would in real use.


if __name__ == "__main__":
    sys.exit(reporting_bench.main() if sys.argv[1:] == ["reporting"] else main())
