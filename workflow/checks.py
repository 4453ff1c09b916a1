"""The data conditions a SOP step may require (`syarat.data` in a definition file).

Each check takes the process and the task being completed and returns None when met, or
the message saying what is missing. Every name in sop.definition.KNOWN_CHECKS has one."""

from __future__ import annotations

from collections.abc import Callable

from organisation.models import Team, TeamMember

from .models import Disposisi, Document, Process, ReviewNote, Signature, Task

TEAM_PURPOSE = {
    "tim_penyusun": Team.Purpose.TIM_PENYUSUN_LKJIP,
    "tim_sakip": Team.Purpose.TIM_SAKIP,
}

MISSING_DISPOSISI = "lembar disposisi belum diisi"
MISSING_TEAM = "{team} tahun {year} belum ditetapkan dengan SK"
TEAM_WITHOUT_KETUA = "{team} tahun {year} belum memiliki Ketua"
MISSING_AUDITOR = "auditor Inspektorat belum ditugaskan"
UNANSWERED_NOTES = "{count} catatan reviu/koreksi belum dijawab"
MISSING_KOREKSI = "belum ada catatan koreksi"
MISSING_SIGNATURE = "dokumen final belum ditandatangani"
FORMS_OUTSTANDING = "{count} formulir pengampu belum diserahkan"
MISSING_DOCUMENT = "dokumen belum diunggah: {name}"

Check = Callable[[Process, Task], str | None]


def _disposisi(process: Process, task: Task) -> str | None:
    return None if Disposisi.objects.filter(task=task).exists() else MISSING_DISPOSISI


def _team(pelaksana: str) -> Check:
    purpose = TEAM_PURPOSE[pelaksana]

    def check(process: Process, task: Task) -> str | None:
        team = Team.objects.filter(pd=process.pd_id, year=process.year, purpose=purpose).first()
        label = Team.Purpose(purpose).label
        if team is None or not team.sk_nomor or not team.members.exists():
            return MISSING_TEAM.format(team=label, year=process.year)
        if not team.members.filter(role=TeamMember.Role.KETUA).exists():
            return TEAM_WITHOUT_KETUA.format(team=label, year=process.year)
        return None

    return check


def _auditor(process: Process, task: Task) -> str | None:
    from .policy import assigned_auditors

    return None if assigned_auditors(process).exists() else MISSING_AUDITOR


def _notes_answered(process: Process, task: Task) -> str | None:
    count = ReviewNote.objects.filter(process=process, responded_at__isnull=True).count()
    return UNANSWERED_NOTES.format(count=count) if count else None


def _koreksi(process: Process, task: Task) -> str | None:
    exists = ReviewNote.objects.filter(task=task, kind=ReviewNote.Kind.KOREKSI).exists()
    return None if exists else MISSING_KOREKSI


def _signature(process: Process, task: Task) -> str | None:
    return None if Signature.objects.filter(task=task).exists() else MISSING_SIGNATURE


def _forms(process: Process, task: Task) -> str | None:
    count = (
        Task.objects.filter(process=process, status=Task.Status.OPEN)
        .exclude(step_id=task.step_id)
        .count()
    )
    return FORMS_OUTSTANDING.format(count=count) if count else None


CHECKS: dict[str, Check] = {
    "disposisi": _disposisi,
    "tim_penyusun": _team("tim_penyusun"),
    "tim_sakip": _team("tim_sakip"),
    "auditor_ditugaskan": _auditor,
    "catatan_reviu_terjawab": _notes_answered,
    "koreksi_diberikan": _koreksi,
    "tanda_tangan": _signature,
    "formulir_lengkap": _forms,
}


def missing_requirements(
    process: Process, task: Task, documents: tuple[str, ...], checks: tuple[str, ...]
) -> list[str]:
    """What is still missing before `task` can be completed by a transition needing
    `documents` (uploaded during this task) and `checks`."""
    missing = []
    present = set(Document.objects.filter(task=task).values_list("kind", flat=True))
    names = process.revision.documents
    for kind in documents:
        if kind not in present:
            missing.append(MISSING_DOCUMENT.format(name=names.get(kind, kind)))
    for name in checks:
        problem = CHECKS[name](process, task)
        if problem:
            missing.append(problem)
    return missing
