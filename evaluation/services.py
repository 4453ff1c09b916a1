"""Writes of the SAKIP evaluation: recording an LHE (with its follow-up processes and the
carry-over of unfinished recommendations), the rencana aksi and the bukti dukung of a
follow-up. State changes of a follow-up are transitions of its workflow process (SOP
`tindak-lanjut-lhe`), through workflow.services.process_transition like every SOP."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from organisation.models import PerangkatDaerah, Position
from reporting import services as reporting_services
from reporting.calculations import format_number
from reporting.services import clean_evidence
from workflow import exceptions as e
from workflow.models import AuditEntry, Process
from workflow.policy import REVIEW_PERMISSION, Actor
from workflow.services.common import audit, emit
from workflow.services.records import validate_upload

from . import policy, scoring
from .models import Component, FollowUp, FollowUpEvidence, Lhe, Recommendation, Score

log = logging.getLogger("alur.evaluation")

FOLLOW_UP_SOP = "tindak-lanjut-lhe"
PIC_PELAKSANA = "penanggung_jawab"

LHE_EXISTS = "LHE SAKIP {pd} tahun {year} sudah dicatat."
YEAR_INVALID = "Tahun {value} tidak valid."
SCORE_INVALID = "Nilai {component} '{value}' bukan angka."
COMPONENT_UNKNOWN = "Komponen '{code}' tidak dikenal."
TOTAL_TWICE = "Isi nilai per komponen atau nilai total tercatat, tidak keduanya."
TOTAL_MISSING = "Isi nilai setiap komponen (atau nilai total bila rinciannya tidak ada)."
TOTAL_OUT_OF_RANGE = "Nilai total harus 0 sampai 100."
RECOMMENDATION_EMPTY = "Rekomendasi {component} nomor {number} kosong."
NO_RECOMMENDATION = "Catat sedikitnya satu rekomendasi."
PIC_UNKNOWN = "Jabatan penanggung jawab '{code}' tidak ada di {pd}."
PLAN_INCOMPLETE = "Lengkapi rencana aksi: {missing}."
FINISHED = "Tindak lanjut ini sudah diverifikasi; tidak dapat diubah."
# One rule for every bukti dukung (reporting.services.clean_evidence).
EVIDENCE_URL_INVALID = reporting_services.EVIDENCE_URL_INVALID
MISSING_PLAN = "rencana aksi belum lengkap (aksi, output, penanggung jawab, target)"
MISSING_EVIDENCE = "belum ada bukti dukung tindak lanjut"

STATUS = {  # process state -> Tabel 1.4 status
    "langkah-1": ("belum", "belum"),
    "langkah-2": ("dalam_proses", "dalam proses"),
    "langkah-3": ("tuntas", "tuntas"),
    "selesai": ("terverifikasi", "tuntas (terverifikasi)"),
}


def status_of(process: Process) -> tuple[str, str]:
    return STATUS.get(process.state, (process.state, process.state))


def _refuse(error: e.WorkflowError, *, user, what: str) -> e.WorkflowError:
    log.warning("refused %s by %s: %s", what, getattr(user, "username", user), error.message)
    return error


def _decimal(value, label: str) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise e.InvalidInput(SCORE_INVALID.format(component=label, value=value)) from None


def _actor(user, pd) -> Actor:
    scope = policy.reporting_scope(user)
    authority = next(
        (a for a in scope.authorities if a.position.pd.kabupaten_id == pd.kabupaten_id), None
    )
    position = authority.position if authority else None
    return Actor(user, position, authority.on_behalf_of if authority else None)


def lhe_record(
    *,
    pd: PerangkatDaerah,
    year: int,
    tanggal: dt.date,
    user,
    recommendations: list[tuple[str, str]],
    scores: dict[str, object] | None = None,
    nilai_tercatat=None,
    nomor: str = "",
    document=None,
    evaluators=(),
    catatan: str = "",
    now: dt.datetime | None = None,
) -> Lhe:
    """The Inspektorat records a PD's LHE: component scores (or, for an old LHE without
    them, the total as reported), the recommendations per component (`(component code,
    text)` in order). Each new recommendation gets a follow-up process; every follow-up of
    the PD not yet verified is listed again under this LHE. All or nothing."""
    from workflow.services import process_start

    now = now or timezone.now()
    scope = policy.reporting_scope(user)
    if not policy.may_record(scope, pd):
        raise _refuse(
            e.NotAllowed(policy.NOT_INSPEKTORAT.format(kabupaten=pd.kabupaten.name)),
            user=user,
            what="lhe",
        )
    if not 1990 <= int(year) <= 2100:
        raise e.InvalidInput(YEAR_INVALID.format(value=year))
    components = {c.code: c for c in Component.objects.all()}
    parsed_scores: dict[str, Decimal] = {}
    problems: list[str] = []
    for code, raw in (scores or {}).items():
        component = components.get(code)
        if component is None:
            problems.append(COMPONENT_UNKNOWN.format(code=code))
            continue
        try:
            value = _decimal(raw, component.name)
        except e.InvalidInput as error:
            problems.append(error.message)
            continue
        if value is None:
            continue
        if value < 0:
            problems.append(scoring.SCORE_NEGATIVE.format(component=component.name))
        elif value > component.weight:
            problems.append(
                scoring.SCORE_ABOVE_WEIGHT.format(
                    component=component.name,
                    value=format_number(value),
                    weight=format_number(component.weight.normalize()),
                )
            )
        parsed_scores[code] = value
    total = _decimal(nilai_tercatat, "total")
    top = [c for c in components.values() if c.parent_id is None]
    if total is not None and parsed_scores:
        problems.append(TOTAL_TWICE)
    elif total is None and {c.code for c in top} - set(parsed_scores):
        problems.append(TOTAL_MISSING)
    if total is not None and not 0 <= total <= 100:
        problems.append(TOTAL_OUT_OF_RANGE)
    numbers: dict[str, int] = {}
    items = []
    for code, text in recommendations:
        component = components.get(code)
        if component is None:
            problems.append(COMPONENT_UNKNOWN.format(code=code))
            continue
        numbers[code] = numbers.get(code, 0) + 1
        if not (text or "").strip():
            problems.append(
                RECOMMENDATION_EMPTY.format(component=component.name, number=numbers[code])
            )
            continue
        items.append((component, numbers[code], text.strip()))
    if not items and not problems:
        problems.append(NO_RECOMMENDATION)
    if Lhe.objects.filter(pd=pd, year=year).exists():
        problems.append(LHE_EXISTS.format(pd=pd.name, year=year))
    if document is not None:
        try:
            validate_upload(document)
        except e.InvalidInput as error:
            problems.append(error.message)
    if problems:
        raise e.InvalidInput(problems[0], details=problems)

    with transaction.atomic():
        lhe = Lhe(
            pd=pd,
            year=year,
            nomor=nomor.strip(),
            tanggal=tanggal,
            nilai_tercatat=total,
            catatan=catatan.strip(),
            recorded_by=user,
            recorded_at=now,
        )
        if document is not None:
            lhe.document.save(PurePath(document.name).name, document, save=False)
        lhe.save()
        lhe.evaluators.set(list(evaluators))
        Score.objects.bulk_create(
            Score(lhe=lhe, component=components[code], value=value)
            for code, value in parsed_scores.items()
        )
        reviewers = {user, *evaluators}
        for component, number, text in items:
            process = process_start(
                sop_code=FOLLOW_UP_SOP,
                pd=pd,
                year=year,
                subject=f"{component.code}-{number}",
                actor_user=None,
                now=now,
            )
            Process.objects.filter(pk=process.pk).update(
                title=f"Tindak lanjut LHE SAKIP {year} — {pd.name} — {component.name} {number}"
            )
            for reviewer in reviewers:
                assign_perm(REVIEW_PERMISSION, reviewer, process)
            follow_up = FollowUp.objects.create(pd=pd, process=process)
            Recommendation.objects.create(
                lhe=lhe, component=component, number=number, text=text, follow_up=follow_up
            )
        carried = (
            Recommendation.objects.filter(lhe__pd=pd, lhe__year__lt=year)
            .exclude(follow_up__process__state="selesai")
            .exclude(follow_up__recommendations__lhe=lhe)
            .select_related("component", "follow_up__process")
            .order_by("follow_up_id", "-lhe__year")
        )
        seen: set[int] = set()
        for old in carried:
            if old.follow_up_id in seen:
                continue
            seen.add(old.follow_up_id)
            numbers[old.component.code] = numbers.get(old.component.code, 0) + 1
            Recommendation.objects.create(
                lhe=lhe,
                component=old.component,
                number=numbers[old.component.code],
                text=old.text,
                follow_up=old.follow_up,
                carried_from=old,
            )
            for reviewer in reviewers:
                assign_perm(REVIEW_PERMISSION, reviewer, old.follow_up.process)
    return lhe


def lhe_total(lhe: Lhe) -> Decimal | None:
    scores = list(lhe.scores.all())
    if scores:
        return scoring.total(s.value for s in scores if s.component.parent_id is None)
    return lhe.nilai_tercatat


def _load_follow_up(follow_up_id: int, user, *, for_update: bool = True) -> FollowUp:
    query = FollowUp.objects.select_related("process__pd__kabupaten", "pic", "pd")
    if for_update:
        list(FollowUp.objects.select_for_update().filter(pk=follow_up_id).values_list("pk"))
    follow_up = query.filter(pk=follow_up_id).first()
    scope = policy.reporting_scope(user)
    if follow_up is None or not policy.may_view(scope, follow_up.pd):
        raise e.NotFound("Tindak lanjut tidak ditemukan.")
    if not policy.may_update(scope, follow_up):
        raise _refuse(e.NotAllowed(policy.NOT_FOLLOW_UP_OWNER), user=user, what="follow-up")
    if follow_up.process.is_finished:
        raise _refuse(e.WrongState(FINISHED), user=user, what="follow-up")
    return follow_up


def follow_up_plan(
    *,
    follow_up_id: int,
    user,
    action: str,
    output_satuan: str,
    output_uraian: str,
    pic_code: str,
    target_date: dt.date | None,
    now: dt.datetime | None = None,
) -> FollowUp:
    """The rencana aksi (by the Sekretaris or the penanggung jawab), audited on the
    follow-up's process. When the process waits at the penanggung jawab's step, its open
    task follows a changed penanggung jawab or target date."""
    now = now or timezone.now()
    with transaction.atomic():
        follow_up = _load_follow_up(follow_up_id, user)
        pic = None
        if pic_code:
            pic = Position.objects.filter(pd=follow_up.pd, code=pic_code).first()
            if pic is None:
                raise e.InvalidInput(PIC_UNKNOWN.format(code=pic_code, pd=follow_up.pd.name))
        before = {
            "aksi": follow_up.action,
            "satuan": follow_up.output_satuan,
            "uraian": follow_up.output_uraian,
            "pj": follow_up.pic.code if follow_up.pic else "",
            "target": follow_up.target_date.isoformat() if follow_up.target_date else "",
        }
        follow_up.action = action.strip()
        follow_up.output_satuan = output_satuan.strip()[:60]
        follow_up.output_uraian = output_uraian.strip()
        follow_up.pic = pic
        follow_up.target_date = target_date
        follow_up.save()
        after = {
            "aksi": follow_up.action,
            "satuan": follow_up.output_satuan,
            "uraian": follow_up.output_uraian,
            "pj": pic.code if pic else "",
            "target": target_date.isoformat() if target_date else "",
        }
        if before == after:
            return follow_up
        _retarget_open_task(follow_up)
        audit(
            process=follow_up.process,
            kind=AuditEntry.Kind.DATA,
            actor=_actor(user, follow_up.pd),
            now=now,
            action="rencana_aksi",
            data={"sebelum": before, "sesudah": after},
        )
        return follow_up


def _retarget_open_task(follow_up: FollowUp) -> None:
    from organisation.calendar import calendar_for_pd
    from workflow.models import Task

    task = follow_up.process.tasks.filter(status=Task.Status.OPEN, pelaksana=PIC_PELAKSANA).first()
    if task is None or follow_up.pic is None:
        return
    task.position = follow_up.pic
    task.due_at = _due_of(follow_up, calendar_for_pd(follow_up.pd)) or task.due_at
    task.save(update_fields=["position", "due_at"])


def follow_up_evidence_add(
    *,
    follow_up_id: int,
    user,
    url: str = "",
    upload=None,
    label: str = "",
    now: dt.datetime | None = None,
) -> FollowUpEvidence:
    """A bukti dukung: a file, or a link checked for form (a complete http(s) address)."""
    now = now or timezone.now()
    url = clean_evidence(url, upload)
    with transaction.atomic():
        follow_up = _load_follow_up(follow_up_id, user)
        evidence = FollowUpEvidence(
            follow_up=follow_up, label=label.strip()[:200], url=url, added_by=user, added_at=now
        )
        if upload is not None:
            evidence.file.save(PurePath(upload.name).name, upload, save=False)
        evidence.save()
        audit(
            process=follow_up.process,
            kind=AuditEntry.Kind.DATA,
            actor=_actor(user, follow_up.pd),
            now=now,
            action="bukti_dukung",
            data={"bukti": evidence.url or evidence.file.name, "keterangan": evidence.label},
        )
        emit("evidence_added", follow_up.process, evidence_id=evidence.pk, now=now)
        return evidence


# ----------------------------------------------------- what the engine asks of this app


def _follow_up_of(process) -> FollowUp | None:
    if process.sop_code != FOLLOW_UP_SOP:
        return None
    return FollowUp.objects.select_related("pic").filter(process=process).first()


def pic_position(process, step):
    if step.pelaksana != PIC_PELAKSANA:
        return None
    follow_up = _follow_up_of(process)
    return follow_up.pic if follow_up and follow_up.pic_id else None


def _due_of(follow_up: FollowUp | None, calendar):
    """The penanggung jawab's task is due at the end of office hours of the target date."""
    if follow_up is None or follow_up.target_date is None:
        return None
    return calendar.deadline_moment(follow_up.target_date)


def pic_due(process, step, calendar):
    if step.pelaksana != PIC_PELAKSANA:
        return None
    return _due_of(_follow_up_of(process), calendar)


def sekretaris_beside_pic(task) -> list[int]:
    if task.pelaksana != PIC_PELAKSANA:
        return []
    return list(
        Position.objects.filter(
            pd_id=task.process.pd_id, role=Position.Role.SEKRETARIS
        ).values_list("pk", flat=True)
    )


def check_plan(process, task) -> str | None:
    follow_up = _follow_up_of(process)
    if follow_up is None:
        return None
    complete = all(
        (
            follow_up.action,
            follow_up.output_satuan,
            follow_up.output_uraian,
            follow_up.pic_id,
            follow_up.target_date,
        )
    )
    return None if complete else MISSING_PLAN


def check_evidence(process, task) -> str | None:
    follow_up = _follow_up_of(process)
    if follow_up is None:
        return None
    return None if follow_up.evidence.exists() else MISSING_EVIDENCE


def register() -> None:
    from reporting import tables
    from workflow import extensions

    from .tabel import table_1_4

    extensions.register_pelaksana(
        position=pic_position, due=pic_due, co_actors=sekretaris_beside_pic
    )
    extensions.register_check("rencana_aksi", check_plan)
    extensions.register_check("bukti_tindak_lanjut", check_evidence)
    tables.register_table("1.4", table_1_4, after="1.3")
