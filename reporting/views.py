"""Web pages of the performance data: enter and review the data (each pengampu only their
own indicators), the LKjIP tables with their charts, the consistency check (which the
Inspektorat can turn into reviu notes), the downloads (XLSX, DOCX, PDF), the XLSX import,
the IKM survey and the trail of changes.

Views parse with a form, call a service or selector and answer; permission decisions are
in reporting.policy and the services. A PD the user may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation.models import PerangkatDaerah
from workflow import exceptions as e
from workflow.services.common import refused

from . import calculations as calc
from . import forms as f
from . import policy, quarterly, services
from .checks import consistency_findings
from .dataset import ReportData
from .models import DataChange, Evidence, IkmSurvey, Indicator, Measurement, Realisasi, Target
from .render import XLSX
from .tables import chart_data, report_tables, summary

FORMATS = {"xlsx", "docx", "pdf"}


def load_pd(request: HttpRequest, slug: str) -> tuple[PerangkatDaerah, policy.ReportingScope]:
    pd = get_object_or_404(PerangkatDaerah.objects.select_related("kabupaten"), slug=slug)
    scope = policy.reporting_scope(request.user)
    if not policy.may_view(scope, pd):
        raise Http404
    return pd, scope


def check_year(year: int) -> int:
    if not 1990 <= year <= 2100:
        raise Http404
    return year


def here(name: str, pd: PerangkatDaerah, year: int, *args) -> str:
    return reverse(f"reporting:{name}", args=[pd.slug, year, *args])


def context(pd, year, scope, **extra) -> dict:
    return {
        "pd": pd,
        "year": year,
        "may_manage": policy.may_manage(scope, pd),
        "may_review": policy.may_review(scope, pd),
        **extra,
    }


def data_years(pd) -> list[int]:
    years = set(Target.objects.filter(indicator__pd=pd).values_list("year", flat=True))
    years |= set(Realisasi.objects.filter(indicator__pd=pd).values_list("year", flat=True))
    return sorted(years, reverse=True)


@login_required
@require_GET
def index_view(request: HttpRequest) -> HttpResponse:
    scope = policy.reporting_scope(request.user)
    rows = [(pd, data_years(pd)) for pd in policy.visible_pds(scope)]
    this_year = timezone.localdate().year
    return render(request, "reporting/index.html", {"rows": rows, "this_year": this_year})


# --- the data --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def data_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Every indicator with its target in force, realisasi and capaian; the realisasi of the
    user's own indicators are inputs, saved together (all or nothing)."""
    pd, scope = load_pd(request, slug)
    year = check_year(year)
    data = ReportData(pd, year)
    indicators = data.ordered_indicators()
    editable = policy.editable_indicator_ids(scope, indicators)
    errors: dict[str, str] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        posted = {
            i.code: request.POST.get(f"realisasi-{i.code}", "").strip()
            for i in indicators
            if i.pk in editable and f"realisasi-{i.code}" in request.POST
        }
        changed = 0
        try:
            with transaction.atomic():
                for indicator in indicators:
                    if indicator.code not in posted:
                        continue
                    old = data.realisasi_of(indicator)
                    try:
                        new = services.clean_number(posted[indicator.code])
                    except ValueError as error:
                        errors[indicator.code] = str(error)
                        continue
                    if new == old:
                        continue
                    try:
                        services.realisasi_set(
                            indicator=indicator,
                            year=year,
                            value=new,
                            user=request.user,
                            scope=scope,
                        )
                        changed += 1
                    except e.WorkflowError as error:
                        errors[indicator.code] = error.message
                if errors:
                    raise e.InvalidInput(_("Tidak ada yang disimpan."))
        except e.InvalidInput:
            messages.error(request, _("Ada isian yang salah; tidak ada yang disimpan."))
        else:
            messages.success(request, _("%(n)s realisasi disimpan.") % {"n": changed})
            return redirect(here("data", pd, year))
    only_mine = request.GET.get("saya") == "1"
    rows = []
    for indicator in indicators:
        if only_mine and indicator.pk not in editable:
            continue
        result = data.capaian(indicator)
        rows.append(
            {
                "indicator": indicator,
                "target": data.target_value(indicator),
                "realisasi": data.realisasi_of(indicator),
                "capaian": result,
                "kategori": calc.kategori(result.value) if result.value is not None else "",
                "editable": indicator.pk in editable,
                "posted": posted.get(indicator.code),
                "error": errors.get(indicator.code),
            }
        )
    return render(
        request,
        "reporting/data.html",
        context(pd, year, scope, rows=rows, only_mine=only_mine, any_editable=bool(editable)),
        status=400 if errors else 200,
    )


def load_indicator(pd, code: str) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("node", "pengampu", "pd"), pd=pd, code=code
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_view(request: HttpRequest, slug: str, year: int, code: str) -> HttpResponse:
    """An indicator's profile, targets, realisasi per period with bukti dukung, and analysis.
    POST carries `form` = target | realisasi | bukti | analisis."""
    pd, scope = load_pd(request, slug)
    year = check_year(year)
    indicator = load_indicator(pd, code)
    may_enter = policy.may_enter_realisasi(scope, indicator)
    may_manage = policy.may_manage(scope, pd)
    forms = {
        "target": f.TargetForm(initial={"year": year, "source": Target.Source.PK}),
        "realisasi": f.RealisasiForm(initial={"triwulan": 0}),
        "bukti": f.EvidenceForm(initial={"triwulan": 0}),
        "analisis": f.AnalysisForm(initial=_analysis_initial(indicator, year)),
    }
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which not in forms:
            raise Http404
        form_class = type(forms[which])
        form = form_class(request.POST, request.FILES)
        forms[which] = form
        if form.is_valid():
            try:
                _indicator_action(which, form.cleaned_data, indicator, year, request.user, scope)
            except e.WorkflowError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Tersimpan."))
                return redirect(here("indicator", pd, year, code) + f"#{which}")
        status = 400
    realisasi = Realisasi.objects.filter(indicator=indicator).order_by("-year", "triwulan")
    evidence = Evidence.objects.filter(realisasi__indicator=indicator).select_related(
        "realisasi", "added_by"
    )
    data = ReportData(pd, year)
    return render(
        request,
        "reporting/indicator.html",
        context(
            pd,
            year,
            scope,
            indicator=indicator,
            targets=Target.objects.filter(indicator=indicator).order_by("-year", "source"),
            target=data.basis(indicator),
            capaian=data.capaian(indicator),
            realisasi=realisasi,
            evidence=evidence,
            forms=forms,
            may_enter=may_enter,
            may_manage=may_manage,
        ),
        status=status,
    )


def _analysis_initial(indicator, year) -> dict:
    analysis = indicator.analyses.filter(year=year).first()
    return {"analisis": analysis.analisis, "solusi": analysis.solusi} if analysis else {}


def _indicator_action(which, data, indicator, year, user, scope) -> None:
    if which == "target":
        services.target_set(
            indicator=indicator,
            year=data["year"],
            source=data["source"],
            value=data["value"],
            user=user,
            scope=scope,
        )
    elif which == "realisasi":
        services.realisasi_set(
            indicator=indicator,
            year=year,
            triwulan=data["triwulan"],
            value=data["value"],
            bukti=data["bukti"],
            user=user,
            scope=scope,
        )
    elif which == "bukti":
        realisasi = Realisasi.objects.filter(
            indicator=indicator, year=year, triwulan=data["triwulan"]
        ).first()
        if realisasi is None:
            raise e.InvalidInput(services.NO_REALISASI_YET)
        services.evidence_add(
            realisasi=realisasi,
            user=user,
            upload=data["file"],
            url=data["url"],
            label=data["label"],
            scope=scope,
        )
    else:
        services.analysis_set(
            indicator=indicator,
            year=year,
            analisis=data["analisis"],
            solusi=data["solusi"],
            user=user,
            scope=scope,
        )


@login_required
@require_GET
def evidence_download_view(request, slug: str, year: int, evidence_id: int) -> HttpResponse:
    pd, _scope = load_pd(request, slug)
    evidence = get_object_or_404(Evidence, pk=evidence_id, realisasi__indicator__pd=pd)
    if not evidence.file:
        return redirect(evidence.url)
    return FileResponse(evidence.file.open("rb"), as_attachment=True)


@login_required
@require_http_methods(["GET", "POST"])
def budget_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    pd, scope = load_pd(request, slug)
    year = check_year(year)
    data = ReportData(pd, year)
    nodes = [n for n in data.ordered_nodes() if n.level in ("program", "kegiatan", "sub_kegiatan")]
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            with transaction.atomic():
                for node in nodes:
                    fields = {
                        k: request.POST.get(f"{k}-{node.code}")
                        for k in services.BUDGET_FIELDS
                        if f"{k}-{node.code}" in request.POST
                    }
                    if not fields:
                        continue
                    try:
                        services.budget_set(
                            node=node, year=year, user=request.user, scope=scope, **fields
                        )
                    except e.InvalidInput as error:
                        errors[node.code] = error.message
                if errors:
                    raise e.InvalidInput("")
        except e.NotAllowed as error:
            messages.error(request, error.message)
            return redirect(here("budget", pd, year))
        except e.InvalidInput:
            messages.error(request, _("Ada isian yang salah; tidak ada yang disimpan."))
        else:
            messages.success(request, _("Anggaran disimpan."))
            return redirect(here("budget", pd, year))
    rows = []
    for node in nodes:
        own = data.budget[year].get(node.code)
        pagu, realisasi = data.budget_of(node.code)
        rows.append(
            {
                "node": node,
                "own": own,
                "pagu": pagu,
                "realisasi": realisasi,
                "serapan": calc.serapan(realisasi, pagu),
                "error": errors.get(node.code),
                "posted": {k: request.POST.get(f"{k}-{node.code}") for k in services.BUDGET_FIELDS}
                if errors
                else None,
            }
        )
    return render(
        request,
        "reporting/budget.html",
        context(pd, year, scope, rows=rows, total=data.total_budget()),
        status=400 if errors else 200,
    )


# --- the report ------------------------------------------------------------------------


@login_required
@require_GET
def tables_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    pd, scope = load_pd(request, slug)
    year = check_year(year)
    data = ReportData(pd, year)
    charts = chart_data(pd, year, data)
    from workflow.models import Process

    process = Process.objects.filter(sop_code=services.LKJIP_SOP, pd=pd, year=year).first()
    return render(
        request,
        "reporting/tables.html",
        context(
            pd,
            year,
            scope,
            tables=report_tables(pd, year, data),
            trends=charts.trends,
            summary=summary(pd, year, data),
            process=process,
        ),
    )


@login_required
@require_GET
def chart_view(request: HttpRequest, slug: str, year: int, name: str) -> HttpResponse:
    """A chart as SVG: `capaian`, `anggaran` or `tren-<indicator code>`."""
    from . import charts

    pd, _scope = load_pd(request, slug)
    data = chart_data(pd, check_year(year))
    if name == "capaian":
        body = charts.capaian_chart(data.capaian_program, fmt="svg")
    elif name == "anggaran":
        body = charts.budget_chart(data.budget, fmt="svg")
    elif name.startswith("tren-"):
        trend = next((t for t in data.trends if t.code == name[5:]), None)
        if trend is None:
            raise Http404
        body = charts.trend_chart(trend, fmt="svg")
    else:
        raise Http404
    response = HttpResponse(body, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
@require_GET
def export_view(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    from .render import export

    pd, _scope = load_pd(request, slug)
    if fmt not in FORMATS:
        raise Http404
    content, filename, content_type = export(pd, check_year(year), fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def attach_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Attach the generated DOCX draft to the PD's LKjIP process, in one action."""
    pd, _scope = load_pd(request, slug)
    try:
        document = services.draft_attach(pd=pd, year=check_year(year), user=request.user)
    except e.WorkflowError as error:
        messages.error(request, error.message)
        return redirect(here("tables", pd, year))
    messages.success(
        request, _("Draf %(name)s dilampirkan pada proses.") % {"name": document.original_name}
    )
    return redirect(reverse("workflow:process", args=[document.process_id]))


@login_required
@require_http_methods(["GET", "POST"])
def check_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The consistency check of the draft's printed figures. The Inspektorat turns a finding
    into a reviu note with one button (POST)."""
    pd, scope = load_pd(request, slug)
    year = check_year(year)
    if request.method == "POST":
        form = f.FindingForm(request.POST)
        if form.is_valid():
            try:
                services.finding_to_note(pd=pd, year=year, user=request.user, **form.cleaned_data)
            except e.WorkflowError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Temuan dijadikan catatan reviu."))
        return redirect(here("check", pd, year))
    findings = consistency_findings(pd, year)
    noted = set()
    from workflow.models import Process, ReviewNote

    process = Process.objects.filter(sop_code=services.LKJIP_SOP, pd=pd, year=year).first()
    if process is not None:
        noted = set(
            ReviewNote.objects.filter(process=process, kind=ReviewNote.Kind.REVIU).values_list(
                "target_ref", flat=True
            )
        )
    table = request.GET.get("tabel", "")
    rows = [
        (finding, services.finding_ref(finding) in noted)
        for finding in findings
        if not table or finding.table == table
    ]
    return render(
        request,
        "reporting/check.html",
        context(
            pd,
            year,
            scope,
            rows=rows,
            total=len(findings),
            tables=sorted({f.table for f in findings}),
            selected=table,
            process=process,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Download the XLSX template (filled with the current data) or upload it back."""
    from . import xlsx_io

    pd, scope = load_pd(request, slug)
    year = check_year(year)
    if request.method == "GET" and request.GET.get("unduh"):
        response = HttpResponse(
            xlsx_io.inputs_export(pd=pd, year=year),
            content_type=XLSX,
        )
        response["Content-Disposition"] = (
            f'attachment; filename="data-kinerja-{pd.slug}-{year}.xlsx"'
        )
        return response
    form = f.UploadForm()
    problem = None
    result = None
    status = 200
    if request.method == "POST":
        form = f.UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = xlsx_io.inputs_import(
                    pd=pd, upload=form.cleaned_data["file"], user=request.user, scope=scope
                )
            except e.WorkflowError as error:
                problem = error
                status = 400
        else:
            status = 400
    return render(
        request,
        "reporting/import.html",
        context(pd, year, scope, form=form, problem=problem, result=result),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ikm_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from . import ikm

    pd, scope = load_pd(request, slug)
    year = check_year(year)
    if request.method == "GET" and request.GET.get("templat"):
        response = HttpResponse(
            ikm.survey_responses_template(),
            content_type=XLSX,
        )
        response["Content-Disposition"] = 'attachment; filename="templat-survei-ikm.xlsx"'
        return response
    form = f.SurveyForm(initial={"triwulan": 0})
    problem = None
    status = 200
    if request.method == "POST" and request.POST.get("form") == "post":
        survey = get_object_or_404(IkmSurvey, pd=pd, year=year, pk=request.POST.get("survey"))
        try:
            ikm.survey_post_realisasi(survey=survey, user=request.user)
        except e.WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Nilai IKM diisikan sebagai realisasi indikator."))
        return redirect(here("ikm", pd, year))
    if request.method == "POST":
        form = f.SurveyForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            code = form.cleaned_data["indicator"].strip()
            indicator = Indicator.objects.filter(pd=pd, code=code).first() if code else None
            if code and indicator is None:
                form.add_error("indicator", _("Indikator %(code)s tidak ada.") % {"code": code})
            else:
                try:
                    ikm.survey_responses_import(
                        pd=pd,
                        year=year,
                        triwulan=form.cleaned_data["triwulan"],
                        upload=form.cleaned_data["file"],
                        user=request.user,
                        indicator=indicator,
                    )
                except e.WorkflowError as error:
                    problem = error
                else:
                    messages.success(request, _("Responden survei disimpan."))
                    return redirect(here("ikm", pd, year))
    surveys = []
    for survey in IkmSurvey.objects.filter(pd=pd, year=year).select_related("indicator"):
        try:
            result = ikm.survey_result(survey)
        except ValueError:
            result = None
        surveys.append((survey, result))
    return render(
        request,
        "reporting/ikm.html",
        context(pd, year, scope, form=form, problem=problem, surveys=surveys),
        status=status,
    )


@login_required
@require_GET
def changes_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    pd, scope = load_pd(request, slug)
    page = Paginator(DataChange.objects.filter(pd=pd).select_related("user"), 50).get_page(
        request.GET.get("halaman")
    )
    return render(request, "reporting/changes.html", context(pd, year, scope, page=page))


# --- the quarterly SOPs ----------------------------------------------------------------


def _process_or_404(call):
    try:
        return call()
    except e.NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def form_view(request: HttpRequest, process_id: int, code: str) -> HttpResponse:
    """A pengampu's form: their indicators with the target and last quarter's value beside
    each field. POST `aksi` = simpan (pengampu or staff) | serahkan (the pengampu) | bukti."""
    process, position, rows, task, may_fill = _process_or_404(
        lambda: quarterly.form_view(process_id=process_id, position_code=code, user=request.user)
    )
    # Only the pengampu (or their Plh/Plt) hands a form in: form_submit hands in the task
    # the user acts on, which for another pengampu is their own form, not this one.
    holds_position = any(
        a.position.pk == position.pk for a in policy.reporting_scope(request.user).authorities
    )
    errors: dict = {}
    problem = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("aksi", "simpan")
        entries = {
            r.indicator.code: {
                "value": request.POST.get(f"nilai-{r.indicator.code}", ""),
                "bukti": request.POST.get(f"bukti-{r.indicator.code}", ""),
            }
            for r in rows
            if f"nilai-{r.indicator.code}" in request.POST
        }
        try:
            if action == "bukti":
                quarterly.form_evidence_add(
                    process_id=process.pk,
                    position_code=code,
                    code=request.POST.get("indikator", ""),
                    user=request.user,
                    upload=request.FILES.get("file"),
                    url=request.POST.get("url", ""),
                    label=request.POST.get("label", ""),
                )
                messages.success(request, _("Bukti dukung ditambahkan."))
            else:
                if action == "serahkan" and not holds_position:
                    raise refused(
                        e.NotAllowed(
                            _("Formulir %(name)s diserahkan oleh pengampunya.")
                            % {"name": position.title}
                        ),
                        user=request.user,
                        process_id=process.pk,
                        what="form submit",
                    )
                if entries:
                    quarterly.form_save(
                        process_id=process.pk,
                        position_code=code,
                        entries=entries,
                        user=request.user,
                    )
                if action == "serahkan":
                    quarterly.form_submit(
                        process_id=process.pk, user=request.user, position_code=code
                    )
                    messages.success(request, _("Formulir diserahkan kepada Tim SAKIP."))
                    return redirect(reverse("workflow:process", args=[process.pk]))
                messages.success(request, _("Formulir disimpan."))
            return redirect(reverse("reporting:form", args=[process.pk, code]))
        except e.WorkflowError as error:
            problem = error
            errors = error.details if isinstance(error.details, dict) else {}
            status = 400
            posted = {k: v["value"] for k, v in entries.items()}
            for r in rows:
                if r.indicator.code in posted:
                    r.posted = posted[r.indicator.code]
                    r.bukti = entries[r.indicator.code]["bukti"]
    for r in rows:
        r.error = errors.get(r.indicator.code, "")
    is_pengampu = task is not None and holds_position
    return render(
        request,
        "reporting/form.html",
        {
            "process": process,
            "position": position,
            "rows": rows,
            "task": task,
            "may_fill": may_fill and task is not None,
            "is_pengampu": is_pengampu,
            "problem": problem,
            "evidence_form": f.EvidenceForm(),
        },
        status=status,
    )


@login_required
@require_GET
def recap_view(request: HttpRequest, process_id: int) -> HttpResponse:
    """The Tim SAKIP's view of the forms: in, open, late or returned."""
    from workflow.services.common import access_process_by_id

    process, scope = _process_or_404(lambda: access_process_by_id(request.user, process_id))
    if process.sop_code != quarterly.PENGUMPULAN or process.pd_id not in scope.pd_ids:
        raise Http404
    forms = quarterly.forms_overview(process)
    return render(request, "reporting/recap.html", {"process": process, "forms": forms})


@login_required
@require_POST
def kertas_kerja_view(request: HttpRequest, process_id: int) -> HttpResponse:
    try:
        document = quarterly.kertas_kerja_attach(process_id=process_id, user=request.user)
    except e.NotFound:
        raise Http404 from None
    except e.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Kertas kerja %(name)s dilampirkan.") % {"name": document.original_name}
        )
    return redirect(reverse("workflow:process", args=[process_id]))


@login_required
@require_GET
def measurements_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    pd, scope = load_pd(request, slug)
    year = check_year(year)
    measurements = (
        Measurement.objects.filter(pd=pd, year=year)
        .select_related("kertas_kerja", "approved_by", "process")
        .prefetch_related("rows__indicator__node")
    )
    return render(
        request,
        "reporting/measurements.html",
        context(pd, year, scope, measurements=measurements),
    )


def process_links(process, scope, acting) -> list[dict]:
    """Links on a quarterly process's page (workflow.extensions.process_links)."""
    links: list[dict] = []
    if process.pd_id not in scope.pd_ids:
        return links
    if process.sop_code == quarterly.PENGUMPULAN:
        step = process.current_step
        if step is not None and step.fan_out == "pengampu":
            for position in quarterly.pengampu_of(process):
                if quarterly.may_fill(scope, position):
                    links.append(
                        {
                            "label": _("Formulir %(name)s")
                            % {"name": position.short_title or position.title},
                            "url": reverse("reporting:form", args=[process.pk, position.code]),
                            "hint": _("Isi realisasi triwulan dan bukti dukung."),
                        }
                    )
        links.append(
            {
                "label": _("Rekap formulir"),
                "url": reverse("reporting:recap", args=[process.pk]),
                "hint": _("Formulir yang sudah masuk, terlambat atau dikembalikan."),
            }
        )
    step = process.current_step
    if (
        process.sop_code == quarterly.PENGUKURAN
        and acting is not None
        and step is not None
        and quarterly.KERTAS_KERJA in step.required_documents
    ):
        links.append(
            {
                "label": _("Hitung capaian dan lampirkan kertas kerja"),
                "url": reverse("reporting:kertas-kerja", args=[process.pk]),
                "hint": _("Dihitung dari realisasi resmi triwulan dan target yang berlaku."),
                "post": True,
            }
        )
    return links
