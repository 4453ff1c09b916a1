"""Web pages of the workflow for every role: the beranda (my tasks, my notifications, my
PD's processes), the process list and page with the forms of each step, the Inspektorat's
reviu overview, the signature verification and the printable lembar disposisi.

Each view parses its input with a form, calls the service (or selector) and returns. A
refusal of the workflow (WorkflowError) is shown in Bahasa Indonesia beside the form that
caused it, never as a 500; "not found" and "not yours" are both a 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from notifications.selectors import my_notifications, unread_count
from organisation.calendar import WorkingCalendar, calendar_for_pd, holiday_overrides
from organisation.models import PerangkatDaerah, Position, Team
from sop.models import Sop, SopStep

from . import exceptions as e
from . import extensions, selectors, services
from . import forms as f
from .checks import TEAM_PURPOSE
from .engine import step_requires, step_transitions
from .models import DONE, Disposisi, Document, Process, ReviewNote, Signature, Task
from .policy import UserScope, assigned_auditors, may_assign_auditors, may_start, user_scope
from .schedule import process_schedule
from .services.common import access_process_by_id, acting_task
from .templatetags.alur import DueStatus, due_status

HEAD_ROLES = (Position.Role.KEPALA, Position.Role.SEKRETARIS)
SIGN_CHECK = "tanda_tangan"
RESPOND_CHECK = "catatan_reviu_terjawab"
KOREKSI_CHECK = "koreksi_diberikan"
DISPOSISI_CHECK = "disposisi"


# --- helpers ----------------------------------------------------------------------------


def load_process(user, process_id: int) -> tuple[Process, UserScope]:
    """access_process_by_id, with "not found or not yours" as the page's 404."""
    try:
        return access_process_by_id(user, process_id)
    except e.NotFound:
        raise Http404 from None


def add_refusal(form: django_forms.Form, error: e.WorkflowError) -> None:
    """Show a refusal of a service on `form`: the message, then each detail (a detail of a
    field the form has goes beside that field)."""
    form.add_error(None, error.message)
    details = error.details
    if isinstance(details, dict):
        for name, problems in details.items():
            problems = problems if isinstance(problems, list) else [problems]
            target = name if name in form.fields else None
            for problem in problems:
                form.add_error(target, f"{problem}" if target else f"{name}: {problem}")
    elif len(details) > 1:
        for detail in details:
            form.add_error(None, detail)


def calendars() -> Callable[[PerangkatDaerah], WorkingCalendar]:
    """Working calendars by PD for one request: the holiday overrides are read once."""
    overrides = holiday_overrides()
    cache: dict[int, WorkingCalendar] = {}

    def for_pd(pd) -> WorkingCalendar:
        if pd.pk not in cache:
            cache[pd.pk] = calendar_for_pd(pd, overrides)
        return cache[pd.pk]

    return for_pd


def state_label(process: Process) -> str:
    if process.is_finished:
        return _("Selesai")
    step = process.current_step
    if step is None:
        return process.state
    pelaksana = process.revision.column_labels.get(step.pelaksana, step.pelaksana)
    return _("Langkah %(n)s — %(pelaksana)s") % {"n": step.number, "pelaksana": pelaksana}


def is_final(transition) -> bool:
    """An action that cannot be undone (signing, delivering, archiving): the SOP announces
    it (`kabar`) or it ends the process. It asks for an explicit confirmation."""
    return bool(transition.news) or transition.target == DONE


def back_to_process(process_id: int, anchor: str = "") -> HttpResponse:
    url = reverse("workflow:process", args=[process_id])
    return redirect(f"{url}#{anchor}" if anchor else url)


# --- beranda ----------------------------------------------------------------------------


@dataclass
class InboxRow:
    task: Task
    due: DueStatus
    pelaksana_label: str


@dataclass
class HeadRow:
    process: Process
    state: str
    forecast_end: dt.datetime | None
    at_risk: bool
    late: bool


@login_required
@require_GET
def home_view(request: HttpRequest) -> HttpResponse:
    """My open tasks (most urgent first), my unread notifications and, for the Kepala and
    Sekretaris PD, their PD's processes against the deadline."""
    now = timezone.now()
    calendar_of = calendars()
    rows = []
    for task in selectors.inbox_tasks(user=request.user, now=now):
        process = task.process
        rows.append(
            InboxRow(
                task=task,
                due=due_status(task.due_at, now, calendar_of(process.pd)),
                pelaksana_label=process.revision.column_labels.get(task.pelaksana, task.pelaksana),
            )
        )
    # inbox_tasks orders by due time, so overdue tasks already come first; keep it stable.
    rows.sort(key=lambda r: (not r.due.overdue, r.task.due_at is None))

    scope = user_scope(request.user, timezone.localdate(now))
    head_pd_ids = {a.position.pd_id for a in scope.authorities if a.position.role in HEAD_ROLES}
    heads = []
    if head_pd_ids:
        processes = (
            Process.objects.filter(pd_id__in=head_pd_ids)
            .select_related("pd", "revision", "current_step")
            .prefetch_related("revision__steps", "tasks")
            .order_by("finished_at", "-year", "-period", "title")
        )
        for process in processes:
            schedule = process_schedule(process, now=now, calendar=calendar_of(process.pd))
            late = (
                not process.is_finished and process.deadline is not None and now > process.deadline
            ) or any(
                t.status == Task.Status.OPEN and t.due_at and t.due_at < now
                for t in process.tasks.all()
            )
            heads.append(
                HeadRow(
                    process=process,
                    state=state_label(process),
                    forecast_end=None if schedule.finished else schedule.forecast_end,
                    at_risk=schedule.at_risk and not schedule.finished,
                    late=late,
                )
            )
    notifications = list(my_notifications(user=request.user, now=now, unread_only=True)[:5])
    return render(
        request,
        "workflow/home.html",
        {
            "rows": rows,
            "heads": heads,
            "is_head": bool(head_pd_ids),
            "notifications": notifications,
            "unread": unread_count(user=request.user, now=now),
            "now": now,
        },
    )


# --- process list -----------------------------------------------------------------------


def start_form(request, scope: UserScope, data=None) -> f.ProcessStartForm | None:
    pds = {a.position.pd for a in scope.authorities if a.position.role in HEAD_ROLES}
    pds = [pd for pd in pds if may_start(scope, pd)]
    if not pds:
        return None
    sops = [
        (s.code, s.name)
        for s in Sop.objects.order_by("name").prefetch_related("revisions")
        if not any(r.identity.get("dimulai_oleh") == "sistem" for r in s.revisions.all())
    ]
    return f.ProcessStartForm(
        data,
        sops=sops,
        pds=pds,
        initial={"year": timezone.localdate().year - 1, "sop_code": "lkjip"},
    )


@login_required
def process_list_view(request: HttpRequest) -> HttpResponse:
    """The processes I may see; the Kepala and Sekretaris PD may start one here."""
    scope = user_scope(request.user)
    form = start_form(request, scope, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form is None:
            messages.error(request, e.NOT_ALLOWED_TO_START)
            return redirect("workflow:process-list")
        if form.is_valid():
            try:
                process = services.process_start(
                    sop_code=form.cleaned_data["sop_code"],
                    pd=form.cleaned_data["pd"],
                    year=form.cleaned_data["year"],
                    period=form.cleaned_data["period"],
                    actor_user=request.user,
                )
            except e.WorkflowError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("Proses dimulai: %(t)s.") % {"t": process.title})
                return back_to_process(process.pk)
    year = request.GET.get("tahun")
    processes = selectors.process_list(
        user=request.user, year=int(year) if year and year.isdigit() else None
    ).select_related("revision")
    rows = [(p, state_label(p)) for p in processes]
    return render(
        request,
        "workflow/process_list.html",
        {"rows": rows, "form": form, "year": year or ""},
        status=400 if form is not None and form.errors else 200,
    )


# --- process page -----------------------------------------------------------------------


@dataclass
class TaskRow:
    task: Task
    documents: list[Document]
    due: DueStatus | None
    late: bool | None  # a completed task: finished after its due time


@dataclass
class TimelineStep:
    step: SopStep
    pelaksana_label: str
    current: bool
    tasks: list[TaskRow]


@dataclass
class TransitionPanel:
    option: selectors.TransitionOption
    form: f.TransitionForm | None
    sign_page: bool
    final: bool


@dataclass
class NoteRow:
    note: ReviewNote
    form: f.NoteResponseForm | None


@dataclass
class ProcessPage:
    """The forms a user sees on the process page, built from what the step requires and
    what the user may do; `bound` holds a form posted with errors, to show it again."""

    bound: dict[str, django_forms.Form] = field(default_factory=dict)

    def get(self, key: str, build):
        return self.bound.get(key) or build()


def process_context(
    request: HttpRequest,
    process: Process,
    scope: UserScope,
    bound: dict[str, django_forms.Form] | None = None,
) -> dict:
    now = timezone.now()
    # The timeline and the schedule read the revision's steps: once, in order.
    prefetch_related_objects(
        [process], Prefetch("revision__steps", queryset=SopStep.objects.order_by("position"))
    )
    overview = selectors.process_overview(process=process, scope=scope, now=now)
    page = ProcessPage(bound or {})
    revision = process.revision
    labels = revision.column_labels
    kinds = revision.documents
    calendar = calendar_for_pd(process.pd)
    step = process.current_step

    try:
        acting, _actor = acting_task(process, scope)
    except (e.NotAllowed, e.WrongState):
        acting = None

    documents_by_task: dict[int | None, list[Document]] = {}
    for document in overview.documents:
        documents_by_task.setdefault(document.task_id, []).append(document)

    timeline = []
    tasks_by_step: dict[int, list[Task]] = {}
    for task in overview.tasks:
        tasks_by_step.setdefault(task.step_id, []).append(task)
    for s in revision.steps.all():
        rows = []
        for task in tasks_by_step.get(s.pk, []):
            late = None
            if task.completed_at and task.due_at:
                late = task.completed_at > task.due_at
            rows.append(
                TaskRow(
                    task=task,
                    documents=documents_by_task.get(task.pk, []),
                    due=due_status(task.due_at, now, calendar) if task.is_open else None,
                    late=late,
                )
            )
        timeline.append(
            TimelineStep(
                step=s,
                pelaksana_label=labels.get(s.pelaksana, s.pelaksana),
                current=step is not None and s.pk == step.pk,
                tasks=rows,
            )
        )

    present = {d.kind for d in documents_by_task.get(acting.pk if acting else -1, [])}
    by_action = {t.action: t for t in step_transitions(step)} if step else {}
    transitions = []
    for option in overview.available_transitions:
        transition = by_action[option.action]
        sign_page = SIGN_CHECK in transition.checks
        form = None
        if acting is not None and not sign_page:
            missing = {k: kinds.get(k, k) for k in transition.documents if k not in present}
            form = page.get(
                f"transition:{option.action}",
                lambda missing=missing, t=transition: f.TransitionForm(
                    missing_documents=missing,
                    final=is_final(t),
                    auto_id=f"id_{t.action}_%s",
                ),
            )
        transitions.append(
            TransitionPanel(
                option=option, form=form, sign_page=sign_page, final=is_final(transition)
            )
        )

    may_respond = acting is not None and step_requires(step, RESPOND_CHECK)
    notes = [
        NoteRow(
            note=note,
            form=page.get(
                f"respond:{note.pk}",
                lambda n=note: f.NoteResponseForm(auto_id=f"id_note{n.pk}_%s"),
            )
            if may_respond
            else None,
        )
        for note in overview.notes
    ]

    context_forms: dict[str, django_forms.Form | None] = {
        "document": None,
        "disposisi": None,
        "team": None,
        "reviu": None,
        "koreksi": None,
        "auditors": None,
    }
    if acting is not None:
        context_forms["document"] = page.get(
            "document", lambda: f.DocumentForm(kinds=kinds, auto_id="id_doc_%s")
        )
        if step_requires(step, DISPOSISI_CHECK):
            context_forms["disposisi"] = page.get(
                "disposisi",
                lambda: f.DisposisiForm(
                    pd=process.pd,
                    initial={"diterima_tanggal": timezone.localdate(now)},
                    auto_id="id_disp_%s",
                ),
            )
        team_purposes = [p for p in TEAM_PURPOSE if step_requires(step, p)]
        if team_purposes:
            current = (
                Team.objects.filter(
                    pd=process.pd, year=process.year, purpose=TEAM_PURPOSE[team_purposes[0]]
                )
                .prefetch_related("members")
                .first()
            )
            context_forms["team"] = page.get(
                "team",
                lambda: f.TeamForm(
                    employees=f.pd_employees(process.pd, timezone.localdate(now)),
                    current=current,
                    initial={"sk_tanggal": timezone.localdate(now)},
                    auto_id="id_tim_%s",
                ),
            )
        if acting.pelaksana == "inspektorat":
            context_forms["reviu"] = page.get(
                "reviu",
                lambda: f.NoteForm(initial={"kind": ReviewNote.Kind.REVIU}, auto_id="id_rev_%s"),
            )
        if step_requires(step, KOREKSI_CHECK):
            context_forms["koreksi"] = page.get(
                "koreksi",
                lambda: f.NoteForm(initial={"kind": ReviewNote.Kind.KOREKSI}, auto_id="id_kor_%s"),
            )
    if step is not None and step.pelaksana == "inspektorat" and may_assign_auditors(scope, process):
        context_forms["auditors"] = page.get(
            "auditors",
            lambda: f.AuditorsForm(
                candidates=f.inspektorat_auditors(process),
                assigned=list(assigned_auditors(process)),
                auto_id="id_aud_%s",
            ),
        )

    signatures = [d.signature for d in overview.documents if hasattr(d, "signature")]
    schedule = overview.schedule
    return {
        "process": process,
        "overview": overview,
        "state": state_label(process),
        "timeline": timeline,
        "transitions": transitions,
        "notes": notes,
        "forms": context_forms,
        "may_respond": may_respond,
        "signatures": signatures,
        "may_sign": acting is not None and step_requires(step, SIGN_CHECK),
        "schedule": schedule,
        "at_risk": schedule.at_risk and not schedule.finished,
        "kinds": kinds,
        "action_labels": {
            b["action"]: b["label"] for x in revision.steps.all() for b in x.branches
        },
        "acting": acting,
        "sop_url": reverse("sop:revision", args=[process.sop_code, revision.number]),
        "now": now,
        "extension_links": extensions.process_links_for(process, scope, acting),
    }


def render_process(
    request: HttpRequest,
    process: Process,
    scope: UserScope,
    bound: dict[str, django_forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "workflow/process_detail.html",
        process_context(request, process, scope, bound),
        status=status,
    )


def refused_page(request, process_id: int, key: str, form, error: e.WorkflowError):
    """The process page again, with `form` showing the refusal (status of the refusal)."""
    if isinstance(error, e.NotFound):
        raise Http404
    add_refusal(form, error)
    process, scope = load_process(request.user, process_id)
    return render_process(request, process, scope, {key: form}, status=error.status)


def invalid_page(request, process, scope, key: str, form):
    return render_process(request, process, scope, {key: form}, status=400)


@login_required
@require_GET
def process_detail_view(request: HttpRequest, process_id: int) -> HttpResponse:
    process, scope = load_process(request.user, process_id)
    return render_process(request, process, scope)


@login_required
@require_POST
def transition_view(request: HttpRequest, process_id: int, action: str) -> HttpResponse:
    """Run an action of the current step: first upload the documents given with it (each
    through document_upload: they belong to the step even when the action is refused),
    then the transition."""
    process, scope = load_process(request.user, process_id)
    step = process.current_step
    transition = (
        next((t for t in step_transitions(step) if t.action == action), None) if step else None
    )
    if transition is None:
        messages.error(request, e.WRONG_STATE.format(action=action, state=process.state))
        return back_to_process(process.pk)
    kinds = process.revision.documents
    missing = {k: kinds.get(k, k) for k in transition.documents}
    form = f.TransitionForm(
        request.POST,
        request.FILES,
        missing_documents=missing,
        final=is_final(transition),
        auto_id=f"id_{action}_%s",
    )
    key = f"transition:{action}"
    if not form.is_valid():
        return invalid_page(request, process, scope, key, form)
    failed = False
    for kind, upload in form.uploads():
        try:
            services.document_upload(
                process_id=process.pk, kind=kind, upload=upload, actor_user=request.user
            )
        except e.NotFound:
            raise Http404 from None
        except e.WorkflowError as error:
            form.add_error(f.document_field_name(kind), error.message)
            failed = True
    if failed:
        return invalid_page(request, process, scope, key, form)
    try:
        services.process_transition(
            process_id=process.pk,
            action=action,
            actor_user=request.user,
            note=form.cleaned_data["note"],
        )
    except e.WorkflowError as error:
        return refused_page(request, process.pk, key, form, error)
    messages.success(request, _("Aksi dijalankan: %(label)s.") % {"label": transition.label})
    return back_to_process(process.pk)


@login_required
@require_POST
def document_upload_view(request: HttpRequest, process_id: int) -> HttpResponse:
    process, scope = load_process(request.user, process_id)
    form = f.DocumentForm(
        request.POST, request.FILES, kinds=process.revision.documents, auto_id="id_doc_%s"
    )
    if not form.is_valid():
        return invalid_page(request, process, scope, "document", form)
    try:
        document = services.document_upload(
            process_id=process.pk,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            actor_user=request.user,
        )
    except e.WorkflowError as error:
        if not isinstance(error, e.NotFound):
            form.add_error("file", error.message)
            return render_process(request, process, scope, {"document": form}, error.status)
        raise Http404 from None
    messages.success(request, _("Dokumen diunggah: %(name)s.") % {"name": document.original_name})
    return back_to_process(process.pk, "dokumen")


@login_required
@require_GET
def document_download_view(request: HttpRequest, process_id: int, document_id: int):
    """A document of a process, only for who may see the process (never a media URL)."""
    process, _scope = load_process(request.user, process_id)
    document = Document.objects.filter(pk=document_id, process=process).first()
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type or "application/octet-stream",
    )


@login_required
@require_POST
def disposisi_view(request: HttpRequest, process_id: int) -> HttpResponse:
    process, scope = load_process(request.user, process_id)
    form = f.DisposisiForm(request.POST, pd=process.pd, auto_id="id_disp_%s")
    if not form.is_valid():
        return invalid_page(request, process, scope, "disposisi", form)
    try:
        services.disposisi_record(
            process_id=process.pk, actor_user=request.user, **form.cleaned_data
        )
    except e.WorkflowError as error:
        return refused_page(request, process.pk, "disposisi", form, error)
    messages.success(request, _("Lembar disposisi tersimpan."))
    return back_to_process(process.pk, "langkah")


@login_required
@require_POST
def team_view(request: HttpRequest, process_id: int) -> HttpResponse:
    process, scope = load_process(request.user, process_id)
    form = f.TeamForm(
        request.POST,
        employees=f.pd_employees(process.pd, timezone.localdate()),
        auto_id="id_tim_%s",
    )
    if not form.is_valid():
        return invalid_page(request, process, scope, "team", form)
    try:
        services.team_form(
            process_id=process.pk,
            actor_user=request.user,
            sk_nomor=form.cleaned_data["sk_nomor"],
            sk_tanggal=form.cleaned_data["sk_tanggal"],
            members=form.cleaned_data["members"],
        )
    except e.WorkflowError as error:
        return refused_page(request, process.pk, "team", form, error)
    messages.success(request, _("Tim ditetapkan."))
    return back_to_process(process.pk, "langkah")


@login_required
@require_POST
def auditors_view(request: HttpRequest, process_id: int) -> HttpResponse:
    process, scope = load_process(request.user, process_id)
    form = f.AuditorsForm(
        request.POST, candidates=f.inspektorat_auditors(process), auto_id="id_aud_%s"
    )
    if not form.is_valid():
        return invalid_page(request, process, scope, "auditors", form)
    try:
        services.auditors_assign(
            process_id=process.pk,
            actor_user=request.user,
            auditors=list(form.cleaned_data["auditors"]),
        )
    except e.WorkflowError as error:
        return refused_page(request, process.pk, "auditors", form, error)
    messages.success(request, _("Auditor ditugaskan."))
    return back_to_process(process.pk, "langkah")


@login_required
@require_POST
def note_add_view(request: HttpRequest, process_id: int) -> HttpResponse:
    process, scope = load_process(request.user, process_id)
    kind = request.POST.get("kind")
    key = "koreksi" if kind == ReviewNote.Kind.KOREKSI else "reviu"
    form = f.NoteForm(request.POST, auto_id=f"id_{key[:3]}_%s")
    if not form.is_valid():
        return invalid_page(request, process, scope, key, form)
    try:
        services.note_add(process_id=process.pk, actor_user=request.user, **form.cleaned_data)
    except e.WorkflowError as error:
        return refused_page(request, process.pk, key, form, error)
    messages.success(request, _("Catatan ditambahkan."))
    return back_to_process(process.pk, "catatan")


@login_required
@require_POST
def note_respond_view(request: HttpRequest, process_id: int, note_id: int) -> HttpResponse:
    """Answer a note (with the revised file, optionally). With htmx the answered note
    replaces the form in place; without it the page reloads."""
    process, scope = load_process(request.user, process_id)
    if not ReviewNote.objects.filter(pk=note_id, process=process).exists():
        raise Http404
    key = f"respond:{note_id}"
    form = f.NoteResponseForm(request.POST, request.FILES, auto_id=f"id_note{note_id}_%s")
    htmx = request.headers.get("HX-Request") == "true"
    if form.is_valid():
        try:
            note = services.note_respond(
                note_id=note_id,
                actor_user=request.user,
                response=form.cleaned_data["response"],
                upload=form.cleaned_data["file"],
            )
        except e.NotFound:
            raise Http404 from None
        except e.WorkflowError as error:
            add_refusal(form, error)
            status = error.status
        else:
            if htmx:
                note = selectors.process_notes(process=process)
                row = next(NoteRow(n, None) for n in note if n.pk == note_id)
                return render(request, "workflow/_note.html", {"row": row, "process": process})
            messages.success(request, _("Tanggapan tersimpan."))
            return back_to_process(process.pk, f"catatan-{note_id}")
    else:
        status = 400
    if htmx:
        # htmx swaps only 2xx answers: the form with its errors comes back as a 200.
        note = ReviewNote.objects.select_related("author", "responded_by").get(pk=note_id)
        return render(
            request,
            "workflow/_note.html",
            {"row": NoteRow(note, form), "process": process, "may_respond": True},
        )
    return render_process(request, process, scope, {key: form}, status=status)


# --- signing and verification -----------------------------------------------------------


@login_required
def sign_view(request: HttpRequest, process_id: int) -> HttpResponse:
    """The Kepala PD picks the exact file (default: the latest revised draft) and confirms;
    the signature cannot be undone, so the confirmation is required."""
    process, scope = load_process(request.user, process_id)
    documents = list(
        Document.objects.filter(process=process, signature__isnull=True).order_by(
            "-uploaded_at", "-id"
        )
    )
    default = next((d for d in documents if d.kind == "draf_perbaikan"), None)
    kinds = process.revision.documents
    form = f.SignForm(
        request.POST if request.method == "POST" else None,
        documents=documents,
        default=default or (documents[0] if documents else None),
        kind_labels=kinds,
    )
    refusal = None
    if not step_requires(process.current_step, SIGN_CHECK):
        refusal = _("Langkah saat ini tidak memerlukan tanda tangan.")
    else:
        try:
            acting_task(process, scope)
        except e.WorkflowError as error:
            refusal = error.message
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                signature = services.report_sign(
                    process_id=process.pk,
                    actor_user=request.user,
                    document_id=form.cleaned_data["document"].pk,
                    note=form.cleaned_data["note"],
                )
            except e.NotFound:
                raise Http404 from None
            except e.WorkflowError as error:
                add_refusal(form, error)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Dokumen ditandatangani. SHA-256: %(sha)s") % {"sha": signature.sha256},
                )
                return back_to_process(process.pk, "tanda-tangan")
        else:
            status = 400
    return render(
        request,
        "workflow/sign.html",
        {"process": process, "form": form, "refusal": refusal, "kinds": kinds},
        status=status,
    )


@login_required
def verify_view(request: HttpRequest, process_id: int) -> HttpResponse:
    """Does a copy match, byte for byte, the file the Kepala PD signed?"""
    process, _scope = load_process(request.user, process_id)
    signatures = list(
        Signature.objects.filter(process=process).select_related(
            "document", "signed_by", "on_behalf_of"
        )
    )
    form = f.VerifyForm(request.POST or None, request.FILES or None)
    result, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.signature_verify(
                    process_id=process.pk, user=request.user, upload=form.cleaned_data["file"]
                )
            except e.NotFound:
                raise Http404 from None
            except e.WorkflowError as error:
                add_refusal(form, error)
                status = error.status
        else:
            status = 400
    return render(
        request,
        "workflow/verify.html",
        {"process": process, "form": form, "result": result, "signatures": signatures},
        status=status,
    )


# --- reviu overview ---------------------------------------------------------------------


@login_required
@require_GET
def reviu_view(request: HttpRequest) -> HttpResponse:
    """For the Inspektorat: the processes assigned to me and, for its leaders, every
    process of the kabupaten at the reviu step, with their notes open and answered."""
    scope = user_scope(request.user)
    query = Q(pk__in=scope.review_process_ids)
    if scope.inspektorat_kabupaten_ids:
        query |= Q(
            pd__kabupaten_id__in=scope.inspektorat_kabupaten_ids,
            current_step__pelaksana="inspektorat",
        )
    processes = (
        Process.objects.filter(query)
        .select_related("pd", "revision", "current_step")
        .annotate(
            notes_open=Count("notes", filter=Q(notes__responded_at__isnull=True)),
            notes_answered=Count("notes", filter=Q(notes__responded_at__isnull=False)),
        )
        .order_by("finished_at", "-year", "pd__name")
    )
    rows = [(p, state_label(p), p.pk in scope.review_process_ids) for p in processes]
    return render(
        request,
        "workflow/reviu.html",
        {"rows": rows, "is_leader": bool(scope.inspektorat_kabupaten_ids)},
    )


# --- printable disposisi ----------------------------------------------------------------


@login_required
def disposisi_print_view(request, process_id: int, disposisi_id: int):
    """The lembar disposisi in its standard form, ready to print (Ctrl+P or PDF)."""
    try:
        process, _scope = access_process_by_id(request.user, process_id)
    except e.NotFound:
        raise Http404 from None
    disposisi = (
        Disposisi.objects.select_related("diteruskan_kepada", "created_by", "on_behalf_of")
        .filter(pk=disposisi_id, process=process)
        .first()
    )
    if disposisi is None:
        raise Http404
    return render(
        request,
        "workflow/disposisi_print.html",
        {
            "process": process,
            "d": disposisi,
            "instruksi": [
                (value, label, value in disposisi.instruksi)
                for value, label in Disposisi.Instruksi.choices
            ],
            "sifat": [
                (value, label, value == disposisi.sifat) for value, label in Disposisi.Sifat.choices
            ],
        },
    )
