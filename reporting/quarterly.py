"""The performance data side of the quarterly SOPs, plugged into the one workflow engine
(workflow.extensions) rather than a second one:

- Pengumpulan Data Kinerja: step 7 fans out one form per pengampu position of the PD's
  indicators. The pengampu (or the staff under them) fill the realisasi of the quarter
  with bukti dukung (FormEntry, a draft seen only by the PD's people); only the pengampu
  hands the form in (a generated XLSX becomes the `formulir_terisi` document and the task
  is completed). The Sekcam's approval (`efek: terbitkan_realisasi`) makes the entries
  the quarter's official Realisasi and (`mulai_pengukuran`) opens the Pengukuran Kinerja.
- Pengukuran Kinerja: the Tim SAKIP computes the capaian of every tujuan, sasaran, program
  and kegiatan indicator with the reporting calculations and attaches the kertas kerja
  (XLSX) in one action; the Sekcam's approval (`simpan_pengukuran`) stores the measurement.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from organisation.models import Position
from workflow import exceptions as e
from workflow.models import Document, Process, Task
from workflow.services.common import access_process_by_id, refused

from . import calculations as calc
from . import services
from .dataset import ReportData
from .models import (
    DataChange,
    Evidence,
    FormEntry,
    Indicator,
    Measurement,
    MeasurementRow,
    Realisasi,
)
from .render import XLSX
from .services import Via
from .tables import Column, Kind, Table, TableRow

log = logging.getLogger("alur.reporting")

PENGUMPULAN = "pengumpulan-data-kinerja"
PENGUKURAN = "pengukuran-kinerja"
FORM_DOCUMENT = "formulir_terisi"
KERTAS_KERJA = "kertas_kerja"
MEASURED_LEVELS = ("tujuan", "sasaran", "program", "kegiatan")

NOT_A_COLLECTION = "Proses ini bukan Pengumpulan Data Kinerja."
NOT_A_MEASUREMENT = "Proses ini bukan Pengukuran Kinerja."
FORM_NOT_FOUND = "Formulir {code} tidak ada pada proses ini."
FORM_CLOSED = "Formulir {position} tidak sedang dibuka (sudah diserahkan atau belum dibagikan)."
NOT_FORM_HELPER = "Formulir {position} diisi oleh pengampunya atau staf di bawahnya."
UNKNOWN_INDICATOR = "Indikator {code} bukan indikator formulir {position}."
FORM_INCOMPLETE = "{count} indikator pada formulir {position} belum diisi"
ENTRIES_INVALID = "Formulir tidak disimpan: {count} isian bermasalah."
NO_FORM_TO_SUBMIT = "Anda tidak memegang formulir yang terbuka pada proses ini."
OTHER_FORM_FIRST = "Serahkan dahulu formulir {position} yang juga Anda pegang."
NOT_AT_MEASURING = "Kertas kerja dihitung pada langkah pengukuran (Tim SAKIP)."


# --------------------------------------------------------------------- the forms


def pengampu_of(process: Process) -> list[Position]:
    """The positions named pengampu on the PD's indicators (Sekretariat, Kasubag, Kasi)."""
    if process.sop_code not in (PENGUMPULAN, PENGUKURAN):
        return []
    return list(
        Position.objects.filter(indicators__pd=process.pd_id).distinct().order_by("order", "pk")
    )


def form_indicators(process: Process, position: Position) -> list[Indicator]:
    return list(
        Indicator.objects.filter(pd=process.pd_id, pengampu=position)
        .select_related("node")
        .order_by("node__order", "code")
    )


def previous_quarter(year: int, triwulan: int) -> tuple[int, int]:
    return (year - 1, 4) if triwulan <= 1 else (year, triwulan - 1)


@dataclass
class FormRow:
    indicator: Indicator
    target: str | None
    previous: Decimal | None
    value: Decimal | None
    bukti: str
    evidence: list[Evidence] = field(default_factory=list)
    posted: str | None = None  # what the user typed, shown again beside an error
    error: str = ""


@dataclass
class FormStatus:
    position: Position
    task: Task | None  # the latest task of this form
    status: str  # diisi, diserahkan, dikembalikan, terlambat, belum_dibuka
    label: str
    filled: int
    total: int
    returned: bool


STATUS_LABELS = {
    "belum_dibuka": "Belum dibagikan",
    "diisi": "Sedang diisi",
    "terlambat": "Terlambat",
    "dikembalikan": "Dikembalikan, sedang dilengkapi",
    "diserahkan": "Sudah diserahkan",
}


def form_rows(process: Process, position: Position) -> list[FormRow]:
    indicators = form_indicators(process, position)
    data = ReportData(process.pd, process.year)
    year, quarter = process.year, process.period
    prev_year, prev_quarter = previous_quarter(year, quarter)
    previous = {
        r.indicator_id: r.value
        for r in Realisasi.objects.filter(
            indicator__in=indicators, year=prev_year, triwulan=prev_quarter
        )
    }
    entries = {
        x.indicator_id: x
        for x in FormEntry.objects.filter(
            process=process, indicator__in=indicators
        ).prefetch_related("evidence")
    }
    rows = []
    for indicator in indicators:
        entry = entries.get(indicator.pk)
        rows.append(
            FormRow(
                indicator=indicator,
                target=data.target_value(indicator, year),
                previous=previous.get(indicator.pk),
                value=entry.value if entry else None,
                bukti=entry.bukti if entry else "",
                evidence=list(entry.evidence.all()) if entry else [],
            )
        )
    return rows


def forms_overview(process: Process, now: dt.datetime | None = None) -> list[FormStatus]:
    """Which forms are in, open, late or returned: the Tim SAKIP's recap view."""
    now = now or timezone.now()
    positions = pengampu_of(process)
    tasks: dict[int, Task] = {}
    visits: dict[int, int] = {}
    for task in (
        Task.objects.filter(process=process, step__fan_out="pengampu", position__in=positions)
        .select_related("step")
        .order_by("visit", "pk")
    ):
        if task.step.number != _form_step_number(process):
            continue
        tasks[task.position_id] = task
        visits[task.position_id] = max(visits.get(task.position_id, 0), task.visit)
    counts: dict[int, int] = {}
    for position_id in FormEntry.objects.filter(process=process, value__isnull=False).values_list(
        "position_id", flat=True
    ):
        counts[position_id] = counts.get(position_id, 0) + 1
    totals: dict[int, int] = {}
    for pengampu_id in Indicator.objects.filter(pd=process.pd_id).values_list(
        "pengampu_id", flat=True
    ):
        totals[pengampu_id] = totals.get(pengampu_id, 0) + 1
    out = []
    for position in positions:
        task = tasks.get(position.pk)
        returned = visits.get(position.pk, 0) > 1
        if task is None:
            status = "belum_dibuka"
        elif task.status == Task.Status.DONE:
            status = "diserahkan"
        elif task.due_at is not None and task.due_at < now:
            status = "terlambat"
        else:
            status = "dikembalikan" if returned else "diisi"
        out.append(
            FormStatus(
                position=position,
                task=task,
                status=status,
                label=STATUS_LABELS[status],
                filled=counts.get(position.pk, 0),
                total=totals.get(position.pk, 0),
                returned=returned,
            )
        )
    return out


def _form_step_number(process: Process) -> int | None:
    step = next((s for s in process.revision.steps.all() if s.fan_out == "pengampu"), None)
    return step.number if step else None


def _open_form_task(process: Process, position: Position) -> Task | None:
    return (
        Task.objects.filter(
            process=process,
            position=position,
            status=Task.Status.OPEN,
            step_id=process.current_step_id,
            step__fan_out="pengampu",
        )
        .order_by("-visit")
        .first()
    )


def may_fill(scope, position: Position) -> bool:
    """The pengampu (or their Plh/Plt), or staff whose superior is the pengampu."""
    return any(
        a.position.pk == position.pk or a.position.superior_id == position.pk
        for a in scope.authorities
    )


def _load_form(process_id: int, position_code: str, user, *, for_update: bool):
    process, scope = access_process_by_id(user, process_id, for_update=for_update)
    if process.sop_code != PENGUMPULAN:
        raise e.NotFound(NOT_A_COLLECTION)
    if process.pd_id not in scope.pd_ids:  # drafts: the PD's own people only
        raise e.NotFound(e.PROCESS_NOT_FOUND)
    position = Position.objects.filter(pd=process.pd_id, code=position_code).first()
    if position is None or position not in pengampu_of(process):
        raise e.NotFound(FORM_NOT_FOUND.format(code=position_code))
    return process, scope, position


def _fillable_form(process_id: int, position_code: str, user):
    """The form, locked, when it is open and `user` may fill it (pengampu or their staff)."""
    process, scope, position = _load_form(process_id, position_code, user, for_update=True)
    if _open_form_task(process, position) is None:
        raise e.WrongState(FORM_CLOSED.format(position=position.title))
    if not may_fill(scope, position):
        raise e.NotAllowed(NOT_FORM_HELPER.format(position=position.title))
    return process, position


def form_view(*, process_id: int, position_code: str, user):
    """(process, position, rows, open task or None, may the user fill it)."""
    process, scope, position = _load_form(process_id, position_code, user, for_update=False)
    task = _open_form_task(process, position)
    return process, position, form_rows(process, position), task, may_fill(scope, position)


def form_save(
    *,
    process_id: int,
    position_code: str,
    entries: dict[str, dict],
    user,
    now: dt.datetime | None = None,
) -> int:
    """Save a form's values ({code: {"value": ..., "bukti": ...}}): all or nothing. Returns
    how many entries changed. The form must be open (not handed in)."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            process, position = _fillable_form(process_id, position_code, user)
            indicators = {i.code: i for i in form_indicators(process, position)}
            errors: dict[str, str] = {}
            cleaned: dict[str, tuple[Decimal | None, str | None]] = {}
            for code, item in entries.items():
                if code not in indicators:
                    errors[code] = UNKNOWN_INDICATOR.format(code=code, position=position.title)
                    continue
                try:
                    value = services.clean_number(item.get("value"))
                except ValueError as error:
                    errors[code] = str(error)
                    continue
                bukti = item.get("bukti")
                cleaned[code] = (value, None if bukti is None else str(bukti).strip())
            if errors:
                raise e.InvalidInput(ENTRIES_INVALID.format(count=len(errors)), details=errors)
            changed = 0
            existing = {
                x.indicator_id: x
                for x in FormEntry.objects.select_for_update().filter(
                    process=process, indicator__in=indicators.values()
                )
            }
            for code, (value, bukti) in cleaned.items():
                indicator = indicators[code]
                entry = existing.get(indicator.pk) or FormEntry(
                    process=process, position=position, indicator=indicator
                )
                if entry.pk and entry.value == value and (bukti is None or entry.bukti == bukti):
                    continue
                before = entry.value
                entry.value = value
                if bukti is not None:
                    entry.bukti = bukti
                entry.entered_by, entry.entered_at = user, now
                entry.save()
                DataChange.objects.create(
                    pd_id=process.pd_id,
                    user=user,
                    at=now,
                    what="formulir",
                    ref=f"{code} {process.year} TW{process.period} (proses {process.pk})",
                    before="" if before is None else str(before.normalize()),
                    after="" if value is None else str(value.normalize()),
                    via=Via.PROSES,
                )
                changed += 1
            return changed
    except e.WorkflowError as error:
        raise refused(error, user=user, process_id=process_id, what="form save") from None


def form_evidence_add(
    *,
    process_id: int,
    position_code: str,
    code: str,
    user,
    upload=None,
    url="",
    label="",
    via: str = Via.WEB,
) -> Evidence:
    """A bukti dukung on a form's entry (the entry is created empty when needed)."""
    try:
        with transaction.atomic():
            process, position = _fillable_form(process_id, position_code, user)
            indicator = next(
                (i for i in form_indicators(process, position) if i.code == code), None
            )
            if indicator is None:
                raise e.InvalidInput(UNKNOWN_INDICATOR.format(code=code, position=position.title))
            entry, _created = FormEntry.objects.get_or_create(
                process=process, indicator=indicator, defaults={"position": position}
            )
            return services.evidence_build(
                user=user,
                upload=upload,
                url=url,
                label=label,
                entry=entry,
                pd_id=process.pd_id,
                via=via,
            )
    except e.WorkflowError as error:
        raise refused(error, user=user, process_id=process_id, what="form evidence") from None


def form_table(process: Process, position: Position) -> Table:
    table = Table(
        "F",
        f"Formulir Pengumpulan Data Capaian Kinerja — {position.title} — "
        f"{process.pd.name} {process.year} Triwulan {process.period}",
        [
            Column("kode", "Kode"),
            Column("indikator", "Indikator Kinerja"),
            Column("satuan", "Satuan"),
            Column("target", f"Target {process.year}", Kind.TARGET),
            Column("sebelumnya", "Realisasi triwulan sebelumnya", Kind.NUMBER),
            Column("realisasi", f"Realisasi Triwulan {process.period}", Kind.NUMBER),
            Column("bukti", "Bukti dukung"),
        ],
        sumber=process.pd.name,
    )
    for row in form_rows(process, position):
        links = [ev.url or ev.file.name for ev in row.evidence]
        table.rows.append(
            TableRow(
                {
                    "kode": row.indicator.code,
                    "indikator": row.indicator.name,
                    "satuan": row.indicator.satuan,
                    "target": row.target,
                    "sebelumnya": row.previous,
                    "realisasi": row.value,
                    "bukti": "; ".join(filter(None, [row.bukti, *links])),
                },
                key=row.indicator.code,
                level=row.indicator.node.level,
            )
        )
    return table


def form_submit(
    *, process_id: int, user, position_code: str = "", now: dt.datetime | None = None
) -> Process:
    """The pengampu hands their form in: its XLSX becomes the `formulir_terisi` document of
    their task and the task is completed (the join waits for the others).

    The engine acts on the user's first open task of the step; with `position_code` the
    hand-in is refused unless that task is this form's (a Plt holding two pengampu
    positions hands their forms in one after the other)."""
    from workflow.services import document_upload, process_transition
    from workflow.services.common import acting_task

    from .render.xlsx import tables_xlsx

    now = now or timezone.now()
    with transaction.atomic():
        process, scope = access_process_by_id(user, process_id, for_update=True)
        try:
            task, _actor = acting_task(process, scope)
        except e.WorkflowError as error:
            raise refused(error, user=user, process_id=process_id, what="form submit") from None
        if task.position is None or task.step.fan_out != "pengampu":
            raise refused(
                e.WrongState(NO_FORM_TO_SUBMIT), user=user, process_id=process_id, what="submit"
            )
        if position_code and task.position.code != position_code:
            raise refused(
                e.NotAllowed(OTHER_FORM_FIRST.format(position=task.position.title)),
                user=user,
                process_id=process_id,
                what="submit",
            )
        table = form_table(process, task.position)
        content = tables_xlsx([table], title=table.title)
        name = f"formulir-{task.position.code}-{process.year}-tw{process.period}.xlsx"
        document_upload(
            process_id=process.pk,
            kind=FORM_DOCUMENT,
            upload=SimpleUploadedFile(name, content, content_type=XLSX),
            actor_user=user,
            now=now,
        )
        action = task.step.branches[0]["action"]
        return process_transition(process_id=process.pk, action=action, actor_user=user, now=now)


def check_form_filled(process: Process, task: Task) -> str | None:
    """`syarat.data: formulir_terisi`: every indicator of the task's form has a value."""
    if task.position_id is None:
        return None
    indicators = Indicator.objects.filter(pd=process.pd_id, pengampu_id=task.position_id)
    filled = FormEntry.objects.filter(
        process=process, indicator__in=indicators, value__isnull=False
    ).count()
    missing = indicators.count() - filled
    if missing:
        return FORM_INCOMPLETE.format(count=missing, position=task.position.title)
    return None


# ------------------------------------------------------------------- the effects


def publish_realisasi(process: Process, transition, actor, now: dt.datetime) -> None:
    """`efek: terbitkan_realisasi`: the forms' values become the official realisasi of the
    quarter (each with its DataChange, via "proses"), their bukti dukung follow."""
    entries = FormEntry.objects.filter(process=process, value__isnull=False).select_related(
        "indicator", "entered_by"
    )
    for entry in entries:
        realisasi = services._apply_realisasi(
            entry.indicator,
            process.year,
            process.period,
            entry.value,
            entry.bukti,
            entry.entered_by,
            now,
            Via.PROSES,
        )
        Evidence.objects.filter(entry=entry).update(realisasi=realisasi)


def start_measurement(process: Process, transition, actor, now: dt.datetime) -> None:
    """`efek: mulai_pengukuran`: the quarter's Pengukuran Kinerja opens (once)."""
    from workflow.services import process_start

    if Process.objects.filter(
        sop_code=PENGUKURAN, pd=process.pd_id, year=process.year, period=process.period
    ).exists():
        return
    process_start(
        sop_code=PENGUKURAN,
        pd=process.pd,
        year=process.year,
        period=process.period,
        actor_user=None,
        now=now,
    )


def measurement_rows(pd, year: int, triwulan: int) -> list[dict]:
    """Capaian of every tujuan, sasaran, program and kegiatan indicator for the quarter:
    the quarter's realisasi against the year's target in force."""
    data = ReportData(pd, year)
    indicators = data.ordered_indicators(MEASURED_LEVELS)
    values = {
        r.indicator_id: r.value
        for r in Realisasi.objects.filter(indicator__in=indicators, year=year, triwulan=triwulan)
    }
    rows = []
    for order, indicator in enumerate(indicators, start=1):
        target = data.target_value(indicator)
        value = values.get(indicator.pk)
        result = calc.capaian(target, value, negative=indicator.negative)
        rows.append(
            {
                "order": order,
                "indicator": indicator,
                "target": target or "",
                "realisasi": value,
                "capaian": result.value,
                "kategori": calc.kategori(result.value) if result.value is not None else "",
                "keterangan": "" if result.value is not None else result.reason,
            }
        )
    return rows


def measurement_table(pd, year: int, triwulan: int, rows: list[dict] | None = None) -> Table:
    rows = rows if rows is not None else measurement_rows(pd, year, triwulan)
    table = Table(
        "KK",
        f"Kertas Kerja Pengukuran Kinerja — {pd.name} {year} Triwulan {triwulan}",
        [
            Column("no", "No"),
            Column("tingkat", "Tingkat"),
            Column("kode", "Kode"),
            Column("indikator", "Indikator Kinerja"),
            Column("target", f"Target {year}", Kind.TARGET),
            Column("realisasi", f"Realisasi TW {triwulan}", Kind.NUMBER),
            Column("capaian", "% Capaian", Kind.PERCENT),
            Column("kategori", "Kategori"),
            Column("keterangan", "Keterangan"),
        ],
        sumber=pd.name,
    )
    for row in rows:
        indicator = row["indicator"]
        table.rows.append(
            TableRow(
                {
                    "no": str(row["order"]),
                    "tingkat": indicator.node.get_level_display(),
                    "kode": indicator.code,
                    "indikator": indicator.name,
                    "target": row["target"],
                    "realisasi": row["realisasi"],
                    "capaian": row["capaian"],
                    "kategori": row["kategori"],
                    "keterangan": row["keterangan"],
                },
                key=indicator.code,
                level=indicator.node.level,
            )
        )
    return table


def kertas_kerja_attach(*, process_id: int, user, now: dt.datetime | None = None) -> Document:
    """The Tim SAKIP computes the measurement and attaches it as the kertas kerja, in one
    action, at the step that requires one."""
    from workflow.services import document_upload

    from .render.xlsx import tables_xlsx

    now = now or timezone.now()
    process, _scope = access_process_by_id(user, process_id)
    if process.sop_code != PENGUKURAN:
        raise refused(e.NotFound(NOT_A_MEASUREMENT), user=user, process_id=process_id, what="kk")
    step = process.current_step
    if step is None or KERTAS_KERJA not in step.required_documents:
        raise refused(e.WrongState(NOT_AT_MEASURING), user=user, process_id=process_id, what="kk")
    table = measurement_table(process.pd, process.year, process.period)
    name = f"kertas-kerja-{process.pd.slug}-{process.year}-tw{process.period}.xlsx"
    return document_upload(
        process_id=process.pk,
        kind=KERTAS_KERJA,
        upload=SimpleUploadedFile(name, tables_xlsx([table], title=table.title), XLSX),
        actor_user=user,
        now=now,
    )


def store_measurement(process: Process, transition, actor, now: dt.datetime) -> None:
    """`efek: simpan_pengukuran`: the approved measurement, frozen, with its kertas kerja."""
    kertas_kerja = (
        Document.objects.filter(process=process, kind=KERTAS_KERJA).order_by("-uploaded_at").first()
    )
    measurement, _created = Measurement.objects.update_or_create(
        pd=process.pd,
        year=process.year,
        triwulan=process.period,
        defaults={
            "process": process,
            "kertas_kerja": kertas_kerja,
            "approved_at": now,
            "approved_by": actor.user if actor else None,
        },
    )
    measurement.rows.all().delete()
    MeasurementRow.objects.bulk_create(
        MeasurementRow(
            measurement=measurement,
            indicator=row["indicator"],
            order=row["order"],
            target=row["target"],
            realisasi=row["realisasi"],
            capaian=row["capaian"],
            kategori=row["kategori"],
            keterangan=row["keterangan"][:200],
        )
        for row in measurement_rows(process.pd, process.year, process.period)
    )


def register() -> None:
    """Called from ReportingConfig.ready."""
    from workflow import extensions

    extensions.register_effect("terbitkan_realisasi", publish_realisasi)
    extensions.register_effect("mulai_pengukuran", start_measurement)
    extensions.register_effect("simpan_pengukuran", store_measurement)
    extensions.register_check("formulir_terisi", check_form_filled)
    extensions.register_pengampu(pengampu_of)
