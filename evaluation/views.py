"""Web pages of the SAKIP evaluation: the summaries (kabupaten for the Inspektorat and the
Bagian Organisasi, PD for its people), a PD's LHEs, the Inspektorat's form to record an
LHE, an LHE's recommendations with their follow-up, a follow-up's rencana aksi and bukti
dukung, and Tabel 1.4 of the LKjIP.

A follow-up's transitions (tetapkan rencana aksi, laporkan tuntas, verifikasi or
kembalikan) and its notes are on the workflow's process page, linked from here. Views
parse with a form, call a service or selector and answer; who may do what is decided by
evaluation.policy and the services. A PD the user may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from organisation.models import Kabupaten, PerangkatDaerah, Position
from reporting.policy import OVERSIGHT_KINDS
from reporting.render import XLSX
from reporting.views import check_year, load_pd
from workflow import exceptions as e
from workflow.models import ReviewNote, Task

from . import forms as f
from . import policy, scoring, selectors, services
from .models import Component, FollowUp, FollowUpEvidence, Lhe


def lhe_rows(pd) -> list[dict]:
    """The PD's LHEs, newest first, with total, predikat and number of recommendations."""
    rows = []
    for lhe in selectors.lhe_list(pd).annotate(recommendation_count=Count("recommendations")):
        total = services.lhe_total(lhe)
        grade = scoring.predikat(total)
        rows.append(
            {
                "lhe": lhe,
                "total": total,
                "predikat": grade,
                "predikat_label": scoring.PREDIKAT_LABEL.get(grade, ""),
                "lkjip_year": lhe.year + 1,
            }
        )
    return rows


# --- summaries -------------------------------------------------------------------------


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    """The Inspektorat and the Bagian Organisasi: every PD of their kabupaten; the people
    of a PD: their PD's follow-up and LHEs."""
    scope = policy.reporting_scope(request.user)
    now = timezone.now()
    overseen = policy.kabupaten_ids(scope)
    if request.user.is_superuser:
        overseen |= set(
            PerangkatDaerah.objects.filter(lhe__isnull=False).values_list("kabupaten_id", flat=True)
        )
    kabupaten = []
    for kab in Kabupaten.objects.filter(pk__in=overseen).order_by("name"):
        rows = selectors.kabupaten_summary(kab.pk, now)
        with_lhe = {pd.pk for pd, _summary in rows}
        others = [
            (pd, policy.may_record(scope, pd))
            for pd in PerangkatDaerah.objects.filter(kabupaten=kab)
            .exclude(kind__in=OVERSIGHT_KINDS)
            .exclude(pk__in=with_lhe)
            .select_related("kabupaten")
            .order_by("name")
        ]
        kabupaten.append({"kabupaten": kab, "rows": rows, "others": others})
    own_ids = {
        a.position.pd_id for a in scope.authorities if a.position.pd.kind not in OVERSIGHT_KINDS
    }
    own = [
        {"pd": pd, "summary": selectors.pd_summary(pd, now), "lhes": lhe_rows(pd)}
        for pd in PerangkatDaerah.objects.filter(pk__in=own_ids).order_by("name")
    ]
    return render(request, "evaluation/index.html", {"kabupaten": kabupaten, "own": own})


@login_required
@require_GET
def pd_view(request: HttpRequest, slug: str) -> HttpResponse:
    pd, scope = load_pd(request, slug)
    return render(
        request,
        "evaluation/pd.html",
        {
            "pd": pd,
            "summary": selectors.pd_summary(pd),
            "lhes": lhe_rows(pd),
            "may_record": policy.may_record(scope, pd),
        },
    )


# --- the LHE ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def record_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The Inspektorat records an LHE (all or nothing: services.lhe_record)."""
    pd, scope = load_pd(request, slug)
    if not policy.may_record(scope, pd):
        raise PermissionDenied(policy.NOT_INSPEKTORAT.format(kabupaten=pd.kabupaten.name))
    options = {
        "components": Component.objects.order_by("order", "code"),
        "evaluators": f.inspektorat_users(pd),
    }
    today = timezone.localdate()
    form = f.LheForm(initial={"year": today.year - 1, "tanggal": today}, **options)
    problem = None
    status = 200
    if request.method == "POST":
        form = f.LheForm(request.POST, request.FILES, **options)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                lhe = services.lhe_record(
                    pd=pd,
                    year=data["year"],
                    tanggal=data["tanggal"],
                    nomor=data["nomor"],
                    document=data["document"],
                    scores=form.scores(),
                    nilai_tercatat=data["nilai_tercatat"],
                    recommendations=form.recommendations(),
                    evaluators=list(data["evaluators"]),
                    catatan=data["catatan"],
                    user=request.user,
                )
            except e.WorkflowError as error:
                problem = error
                status = error.status
            else:
                messages.success(
                    request,
                    _("LHE SAKIP %(year)s %(pd)s dicatat dengan %(n)s rekomendasi.")
                    % {"year": lhe.year, "pd": pd.name, "n": lhe.recommendations.count()},
                )
                return redirect(reverse("evaluation:lhe", args=[pd.slug, lhe.year]))
    return render(
        request,
        "evaluation/record.html",
        {"pd": pd, "form": form, "problem": problem},
        status=status,
    )


def load_lhe(pd, year: int) -> Lhe:
    return get_object_or_404(
        Lhe.objects.select_related("recorded_by").prefetch_related(
            "evaluators", "scores__component"
        ),
        pd=pd,
        year=check_year(year),
    )


@login_required
@require_GET
def lhe_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    pd, scope = load_pd(request, slug)
    lhe = load_lhe(pd, year)
    total = services.lhe_total(lhe)
    grade = scoring.predikat(total)
    return render(
        request,
        "evaluation/lhe.html",
        {
            "pd": pd,
            "lhe": lhe,
            "total": total,
            "predikat": grade,
            "predikat_label": scoring.PREDIKAT_LABEL.get(grade, ""),
            "rows": selectors.rows_of(lhe),
            "may_record": policy.may_record(scope, pd),
        },
    )


@login_required
@require_GET
def lhe_document_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    pd, _scope = load_pd(request, slug)
    lhe = load_lhe(pd, year)
    if not lhe.document:
        raise Http404
    return FileResponse(lhe.document.open("rb"), as_attachment=True)


# --- the follow-up ---------------------------------------------------------------------


def load_follow_up(request: HttpRequest, follow_up_id: int):
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("pd__kabupaten", "process", "pic"), pk=follow_up_id
    )
    scope = policy.reporting_scope(request.user)
    if not policy.may_view(scope, follow_up.pd):
        raise Http404
    return follow_up, scope


def plan_initial(follow_up: FollowUp) -> dict:
    return {
        "action": follow_up.action,
        "output_satuan": follow_up.output_satuan,
        "output_uraian": follow_up.output_uraian,
        "pic": follow_up.pic.code if follow_up.pic else "",
        "target_date": follow_up.target_date,
    }


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_view(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    """A follow-up: its recommendation(s), state, rencana aksi and bukti dukung. POST
    carries `form` = rencana | bukti; the services decide who may (policy.may_update)."""
    follow_up, scope = load_follow_up(request, follow_up_id)
    positions = Position.objects.filter(pd=follow_up.pd).order_by("order", "id")
    forms = {
        "rencana": f.PlanForm(initial=plan_initial(follow_up), positions=positions),
        "bukti": f.EvidenceForm(),
    }
    may_edit = policy.may_update(scope, follow_up) and not follow_up.process.is_finished
    problem = None
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which not in forms:
            raise Http404
        if which == "rencana":
            form = f.PlanForm(request.POST, positions=positions)
        else:
            form = f.EvidenceForm(request.POST, request.FILES)
        forms[which] = form
        status = 400
        if form.is_valid():
            try:
                _follow_up_action(which, form.cleaned_data, follow_up, request.user)
            except e.WorkflowError as error:
                if isinstance(error, e.NotFound):
                    raise Http404 from None
                status = error.status
                if may_edit:
                    form.add_error(None, error.message)
                else:
                    problem = error
            else:
                messages.success(
                    request,
                    _("Rencana aksi disimpan.")
                    if which == "rencana"
                    else _("Bukti dukung ditambahkan."),
                )
                return redirect(reverse("evaluation:follow-up", args=[follow_up.pk]) + f"#{which}")
    recommendations = follow_up.recommendations.select_related(
        "lhe", "component", "carried_from__lhe"
    ).order_by("lhe__year", "component__order", "number")
    process = follow_up.process
    task = (
        process.tasks.filter(status=Task.Status.OPEN)
        .select_related("position", "step")
        .order_by("due_at")
        .first()
    )
    now = timezone.now()
    status_code, _label = services.status_of(process)
    return render(
        request,
        "evaluation/follow_up.html",
        {
            "pd": follow_up.pd,
            "follow_up": follow_up,
            "process": process,
            "recommendations": recommendations,
            "latest_lhe": recommendations.last().lhe if recommendations else None,
            "status": status_code,
            "task": task,
            "overdue": bool(task and task.due_at and task.due_at < now),
            "evidence": follow_up.evidence.select_related("added_by"),
            "notes": ReviewNote.objects.filter(process=process).select_related("author"),
            "forms": forms,
            "may_edit": may_edit,
            "problem": problem,
        },
        status=status,
    )


def _follow_up_action(which: str, data: dict, follow_up: FollowUp, user) -> None:
    if which == "rencana":
        services.follow_up_plan(
            follow_up_id=follow_up.pk,
            user=user,
            action=data["action"],
            output_satuan=data["output_satuan"],
            output_uraian=data["output_uraian"],
            pic_code=data["pic"],
            target_date=data["target_date"],
        )
    else:
        services.follow_up_evidence_add(
            follow_up_id=follow_up.pk,
            user=user,
            url=data["url"],
            upload=data["file"],
            label=data["label"],
        )


@login_required
@require_GET
def evidence_view(request: HttpRequest, follow_up_id: int, evidence_id: int) -> HttpResponse:
    follow_up, _scope = load_follow_up(request, follow_up_id)
    evidence = get_object_or_404(FollowUpEvidence, pk=evidence_id, follow_up=follow_up)
    if not evidence.file:
        return redirect(evidence.url)
    return FileResponse(evidence.file.open("rb"), as_attachment=True)


# --- Tabel 1.4 -------------------------------------------------------------------------


def table_of(pd, year: int):
    from reporting.dataset import ReportData

    from .tabel import table_1_4

    return table_1_4(ReportData(pd, year))


@login_required
@require_GET
def table_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Tabel 1.4 of the LKjIP `year`: the follow-up of the LHE on SAKIP `year - 1`."""
    from .tabel import lhe_for_report

    pd, _scope = load_pd(request, slug)
    year = check_year(year)
    return render(
        request,
        "evaluation/table.html",
        {
            "pd": pd,
            "year": year,
            "table": table_of(pd, year),
            "lhe": lhe_for_report(pd, year),
        },
    )


@login_required
@require_GET
def table_xlsx_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from reporting.render.xlsx import tables_xlsx

    pd, _scope = load_pd(request, slug)
    year = check_year(year)
    title = _("Tabel 1.4 LKjIP %(year)s %(pd)s") % {"year": year, "pd": pd.name}
    response = HttpResponse(tables_xlsx([table_of(pd, year)], title=title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tabel-1-4-{pd.slug}-{year}.xlsx"'
    return response


# --- on the process page ---------------------------------------------------------------


def process_links(process, scope, acting) -> list[dict]:
    """The follow-up page from its process page (workflow.extensions.process_links): the
    rencana aksi and the bukti dukung are entered there, the transitions on the process."""
    if process.sop_code != services.FOLLOW_UP_SOP:
        return []
    follow_up = FollowUp.objects.filter(process=process).only("pk").first()
    if follow_up is None:
        return []
    return [
        {
            "label": _("Rencana aksi dan bukti dukung"),
            "url": reverse("evaluation:follow-up", args=[follow_up.pk]),
            "hint": _("Rekomendasi LHE, rencana aksi, penanggung jawab, target dan bukti dukung."),
        }
    ]
