"""The records a step produces: documents, the lembar disposisi, the Tim Penyusun, the
auditors of a reviu, review notes and their answers, and the signature. Each is made by
whoever may act on the current step (workflow.policy) and written with its audit entry."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from organisation.models import PerangkatDaerah, Position, User
from organisation.services import team_set

from .. import exceptions as e
from ..checks import TEAM_PURPOSE
from ..engine import step_requires
from ..models import AuditEntry, Disposisi, Document, Process, ReviewNote, Signature
from ..policy import REVIEW_PERMISSION, UserScope, may_assign_auditors, user_scope
from .common import access_process_by_id, acting_task, audit, emit, refused, resolve_now
from .processes import _transition

UNKNOWN_DOCUMENT_KIND = "Jenis dokumen '{kind}' tidak dikenal pada SOP ini."
FILE_TOO_LARGE = "Berkas terlalu besar: {size} MB, paling besar {limit} MB."
FILE_TYPE_REFUSED = "Jenis berkas .{ext} tidak diterima; gunakan {allowed}."
FILE_EMPTY = "Berkas kosong."
NOT_AT_STEP = "Langkah saat ini tidak memerlukan {what}."
POSITION_OTHER_PD = "Jabatan tujuan disposisi harus jabatan di {pd}."
NOT_INSPEKTORAT_LEADER = "Hanya pimpinan Inspektorat yang dapat menugaskan auditor."
NOT_AN_AUDITOR = "{user} bukan auditor Inspektorat {kabupaten}."
NO_AUDITORS = "Pilih sedikitnya satu auditor."
NOTE_NOT_FOUND = "Catatan tidak ditemukan."
NOTE_TEXT_REQUIRED = "Isi catatan wajib diisi."
RESPONSE_REQUIRED = "Tanggapan wajib diisi."
DOCUMENT_NOT_FOUND = "Dokumen tidak ditemukan pada proses ini."
ALREADY_SIGNED = "Dokumen ini sudah ditandatangani."
NOTHING_SIGNED = "Proses ini belum memiliki dokumen yang ditandatangani."

ALLOWED_EXTENSIONS = ("pdf", "docx", "doc", "xlsx", "xls", "odt", "ods", "jpg", "jpeg", "png")


def _task_requiring(process: Process, scope: UserScope, check: str, what: str):
    task, actor = acting_task(process, scope)
    if not step_requires(task.step, check):
        raise e.WrongState(NOT_AT_STEP.format(what=what))
    return task, actor


def validate_upload(upload: UploadedFile) -> None:
    limit = getattr(settings, "ALUR_MAX_UPLOAD_MB", 20)
    ext = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if ext not in ALLOWED_EXTENSIONS:
        raise e.InvalidInput(
            FILE_TYPE_REFUSED.format(ext=ext or "?", allowed=", ".join(ALLOWED_EXTENSIONS))
        )
    if upload.size == 0:
        raise e.InvalidInput(FILE_EMPTY)
    if upload.size > limit * 1024 * 1024:
        raise e.InvalidInput(
            FILE_TOO_LARGE.format(size=round(upload.size / 1048576, 1), limit=limit)
        )


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in (
        upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
    ):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _store_document(process, task, kind: str, upload, actor, now: dt.datetime) -> Document:
    """Save an uploaded file (already validated) as a new document of the task."""
    document = Document(
        process=process,
        task=task,
        kind=kind,
        original_name=PurePath(upload.name).name,
        content_type=getattr(upload, "content_type", "") or "",
        size=upload.size,
        sha256=file_sha256(upload),
        uploaded_by=actor.user,
        on_behalf_of=actor.on_behalf_of,
        uploaded_at=now,
    )
    document.file.save(document.original_name, upload, save=False)
    document.save()
    return document


def _guarded(user: User, process_id: int | None, what: str):
    """Run a service body in one transaction; a refusal leaves only a log line."""

    def wrap(body):
        try:
            with transaction.atomic():
                return body()
        except e.WorkflowError as error:
            raise refused(error, user=user, process_id=process_id, what=what) from None

    return wrap


def document_upload(
    *,
    process_id: int,
    kind: str,
    upload: UploadedFile,
    actor_user: User,
    now: dt.datetime | None = None,
) -> Document:
    now = resolve_now(now)

    def body() -> Document:
        process, scope = access_process_by_id(
            actor_user, process_id, for_update=True, day=timezone.localdate(now)
        )
        if kind not in process.revision.documents:
            raise e.InvalidInput(UNKNOWN_DOCUMENT_KIND.format(kind=kind))
        task, actor = acting_task(process, scope)
        validate_upload(upload)
        document = _store_document(process, task, kind, upload, actor, now)
        audit(
            process=process,
            kind=AuditEntry.Kind.DOCUMENT,
            actor=actor,
            now=now,
            task=task,
            documents=[document],
        )
        return document

    return _guarded(actor_user, process_id, f"upload {kind}")(body)


def disposisi_record(
    *,
    process_id: int,
    actor_user: User,
    surat_dari: str,
    nomor_surat: str,
    tanggal_surat: dt.date,
    diterima_tanggal: dt.date,
    nomor_agenda: str,
    sifat: str,
    perihal: str,
    diteruskan_kepada: Position,
    instruksi: list[str],
    catatan: str = "",
    batas_waktu: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Disposisi:
    now = resolve_now(now)

    def body() -> Disposisi:
        process, scope = access_process_by_id(
            actor_user, process_id, for_update=True, day=timezone.localdate(now)
        )
        task, actor = _task_requiring(process, scope, "disposisi", "lembar disposisi")
        if diteruskan_kepada.pd_id != process.pd_id:
            raise e.InvalidInput(POSITION_OTHER_PD.format(pd=process.pd))
        disposisi = Disposisi(
            process=process,
            task=task,
            surat_dari=surat_dari,
            nomor_surat=nomor_surat,
            tanggal_surat=tanggal_surat,
            diterima_tanggal=diterima_tanggal,
            nomor_agenda=nomor_agenda,
            sifat=sifat,
            perihal=perihal,
            diteruskan_kepada=diteruskan_kepada,
            instruksi=list(instruksi),
            catatan=catatan,
            batas_waktu=batas_waktu,
            created_by=actor_user,
            on_behalf_of=actor.on_behalf_of,
            created_at=now,
        )
        _full_clean(disposisi)
        unknown = set(instruksi) - set(Disposisi.Instruksi.values)
        if unknown:
            raise e.InvalidInput(f"Instruksi tidak dikenal: {', '.join(sorted(unknown))}.")
        disposisi.save()
        audit(
            process=process,
            kind=AuditEntry.Kind.DISPOSISI,
            actor=actor,
            now=now,
            task=task,
            data={"disposisi": disposisi.pk, "kepada": diteruskan_kepada.title},
        )
        emit(
            "disposisi",
            process,
            disposisi_id=disposisi.pk,
            position_id=diteruskan_kepada.pk,
            now=now,
        )
        return disposisi

    return _guarded(actor_user, process_id, "disposisi")(body)


def team_form(
    *,
    process_id: int,
    actor_user: User,
    sk_nomor: str,
    sk_tanggal: dt.date,
    members: list[tuple[User, str]],
    now: dt.datetime | None = None,
):
    """The Sekretaris forms the team the current step requires (Tim Penyusun, Tim SAKIP)."""
    now = resolve_now(now)

    def body():
        process, scope = access_process_by_id(
            actor_user, process_id, for_update=True, day=timezone.localdate(now)
        )
        task, actor = acting_task(process, scope)
        wanted = [p for p in TEAM_PURPOSE if step_requires(task.step, p)]
        if not wanted:
            raise e.WrongState(NOT_AT_STEP.format(what="pembentukan tim"))
        try:
            team = team_set(
                pd=process.pd,
                year=process.year,
                purpose=TEAM_PURPOSE[wanted[0]],
                sk_nomor=sk_nomor,
                sk_tanggal=sk_tanggal,
                members=members,
            )
        except ValidationError as error:
            raise e.InvalidInput(" ".join(error.messages), details=error.messages) from None
        audit(
            process=process,
            kind=AuditEntry.Kind.TEAM,
            actor=actor,
            now=now,
            task=task,
            data={
                "team": team.pk,
                "sk_nomor": sk_nomor,
                "members": [{"user": u.username, "role": r} for u, r in members],
            },
        )
        return team

    return _guarded(actor_user, process_id, "team")(body)


def auditors_assign(
    *, process_id: int, actor_user: User, auditors: list[User], now: dt.datetime | None = None
) -> list[User]:
    """The Inspektorat's leadership assigns auditors to a report: each gets the guardian
    object permission that makes them the pelaksana 'Inspektorat Daerah' of it."""
    now = resolve_now(now)

    def body() -> list[User]:
        process, scope = access_process_by_id(
            actor_user, process_id, for_update=True, day=timezone.localdate(now)
        )
        if not may_assign_auditors(scope, process):
            raise e.NotAllowed(NOT_INSPEKTORAT_LEADER)
        if not auditors:
            raise e.InvalidInput(NO_AUDITORS)
        kabupaten = process.pd.kabupaten
        for auditor in auditors:
            pds = {a.position.pd for a in user_scope(auditor, timezone.localdate(now)).authorities}
            if not any(
                pd.kind == PerangkatDaerah.Kind.INSPEKTORAT and pd.kabupaten_id == kabupaten.pk
                for pd in pds
            ):
                raise e.InvalidInput(NOT_AN_AUDITOR.format(user=auditor, kabupaten=kabupaten))
        for auditor in auditors:
            assign_perm(REVIEW_PERMISSION, auditor, process)
        actor_scope_position = next((a.position for a in scope.authorities), None)
        from ..policy import Actor

        audit(
            process=process,
            kind=AuditEntry.Kind.AUDITOR,
            actor=Actor(actor_user, actor_scope_position),
            now=now,
            data={"auditors": [a.username for a in auditors]},
        )
        emit("auditors_assigned", process, user_ids=[a.pk for a in auditors], now=now)
        return auditors

    return _guarded(actor_user, process_id, "assign auditors")(body)


def note_add(
    *,
    process_id: int,
    actor_user: User,
    kind: str,
    target_type: str,
    target_ref: str,
    text: str,
    now: dt.datetime | None = None,
) -> ReviewNote:
    """A reviu note (by the assigned auditors at the reviu step) or a koreksi (by the Kepala
    PD at the signing step)."""
    now = resolve_now(now)

    def body() -> ReviewNote:
        process, scope = access_process_by_id(
            actor_user, process_id, for_update=True, day=timezone.localdate(now)
        )
        task, actor = acting_task(process, scope)
        if kind == ReviewNote.Kind.REVIU and task.pelaksana != "inspektorat":
            raise e.WrongState(NOT_AT_STEP.format(what="catatan reviu"))
        if kind == ReviewNote.Kind.KOREKSI and not step_requires(task.step, "koreksi_diberikan"):
            raise e.WrongState(NOT_AT_STEP.format(what="koreksi"))
        if not (text or "").strip():
            raise e.InvalidInput(NOTE_TEXT_REQUIRED)
        note = ReviewNote(
            process=process,
            task=task,
            kind=kind,
            target_type=target_type,
            target_ref=target_ref.strip(),
            text=text.strip(),
            author=actor_user,
            created_at=now,
        )
        _full_clean(note)
        note.save()
        audit(
            process=process,
            kind=AuditEntry.Kind.NOTE,
            actor=actor,
            now=now,
            task=task,
            note=note.text,
            data={"note": note.pk, "kind": kind, "target": target_ref},
        )
        return note

    return _guarded(actor_user, process_id, f"note {kind}")(body)


def note_respond(
    *,
    note_id: int,
    actor_user: User,
    response: str,
    upload: UploadedFile | None = None,
    now: dt.datetime | None = None,
) -> ReviewNote:
    """The team answers a note (with the revised file, optionally) at the revision step."""
    now = resolve_now(now)
    process_id = ReviewNote.objects.filter(pk=note_id).values_list("process_id", flat=True).first()
    if process_id is None:
        raise e.NotFound(NOTE_NOT_FOUND)

    def body() -> ReviewNote:
        process, scope = access_process_by_id(
            actor_user, process_id, for_update=True, day=timezone.localdate(now)
        )
        task, actor = _task_requiring(process, scope, "catatan_reviu_terjawab", "tanggapan catatan")
        if not (response or "").strip():
            raise e.InvalidInput(RESPONSE_REQUIRED)
        note = ReviewNote.objects.select_for_update().get(pk=note_id)
        document = None
        if upload is not None:
            validate_upload(upload)
            document = _store_document(process, task, "tanggapan_catatan", upload, actor, now)
        note.response, note.response_document = response.strip(), document
        note.responded_by, note.responded_at = actor_user, now
        note.save(update_fields=["response", "response_document", "responded_by", "responded_at"])
        audit(
            process=process,
            kind=AuditEntry.Kind.RESPONSE,
            actor=actor,
            now=now,
            task=task,
            note=note.response,
            documents=[document] if document else [],
            data={"note": note.pk},
        )
        return note

    return _guarded(actor_user, process_id, "respond note")(body)


def report_sign(
    *,
    process_id: int,
    actor_user: User,
    document_id: int,
    note: str = "",
    now: dt.datetime | None = None,
) -> Signature:
    """The Kepala PD signs one exact file and approves: the signature (with the file's
    SHA-256) and the approving transition are one transaction."""
    now = resolve_now(now)

    def body() -> Signature:
        process, scope = access_process_by_id(
            actor_user, process_id, for_update=True, day=timezone.localdate(now)
        )
        task, actor = _task_requiring(process, scope, "tanda_tangan", "tanda tangan")
        document = Document.objects.filter(pk=document_id, process=process).first()
        if document is None:
            raise e.InvalidInput(DOCUMENT_NOT_FOUND)
        if Signature.objects.filter(document=document).exists():
            raise e.WrongState(ALREADY_SIGNED)
        with document.file.open("rb") as handle:
            digest = file_sha256(handle)
        signature = Signature.objects.create(
            process=process,
            task=task,
            document=document,
            sha256=digest,
            signed_by=actor_user,
            on_behalf_of=actor.on_behalf_of,
            signed_at=now,
        )
        audit(
            process=process,
            kind=AuditEntry.Kind.SIGNATURE,
            actor=actor,
            now=now,
            task=task,
            documents=[document],
            data={"sha256": digest},
        )
        action = next(b["action"] for b in task.step.branches if "tanda_tangan" in b["checks"])
        _transition(process_id, action, actor_user, note, now)
        return signature

    return _guarded(actor_user, process_id, "sign")(body)


def signature_verify(*, process_id: int, user: User, upload) -> dict:
    """Does `upload` match, byte for byte, the file the Kepala PD signed?"""
    process, _scope = access_process_by_id(user, process_id)
    signatures = list(
        Signature.objects.filter(process=process).select_related(
            "document", "signed_by", "on_behalf_of"
        )
    )
    if not signatures:
        raise e.WrongState(NOTHING_SIGNED)
    digest = file_sha256(upload)
    match = next((s for s in signatures if s.sha256 == digest), None)
    return {"match": match is not None, "sha256": digest, "signature": match or signatures[-1]}


def _full_clean(instance) -> None:
    try:
        instance.full_clean(exclude=["process", "task"])
    except ValidationError as error:
        raise e.InvalidInput(
            "Data tidak valid: "
            + "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()),
            details=error.message_dict,
        ) from None
