"""Endpoints of /api/v1/evaluasi/: a PD's LHE SAKIP (recorded by the Inspektorat) with its
recommendations, the rencana aksi and bukti dukung of each follow-up, the summaries for
the Camat and the Inspektorat, and Tabel 1.4 of the LKjIP.

A follow-up's state changes (tetapkan_rencana_aksi, laporkan_tuntas, verifikasi_tuntas,
kembalikan_tindak_lanjut) are transitions of its process through the existing
/api/v1/processes/{id}/transitions/{action}/ (and the koreksi note through
/api/v1/processes/{id}/notes/); nothing here duplicates them.

Each endpoint finds what the URL names (a PD or follow-up the user may not see is answered
like an unknown one: 404), parses its input with a serializer, calls one service of
evaluation.services or reads through evaluation.selectors, and formats the answer. Who may
do what is decided by evaluation.policy inside the services (403); their refusals are
answered by workflow.api.errors."""

from __future__ import annotations

from collections import Counter

from django.db.models import prefetch_related_objects
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from organisation.models import PerangkatDaerah
from reporting.api.serializers import TableSerializer
from reporting.api.views import XLSX, DownloadView, attachment, parse, table_body
from reporting.services import clean_year
from reporting.tables import report_table
from workflow import exceptions as e
from workflow.api.serializers import ErrorSerializer
from workflow.models import Task

from .. import policy, scoring, selectors, services
from ..models import FollowUp, FollowUpEvidence, Lhe, Recommendation
from . import serializers as s

TAGS = ["evaluasi"]
TABLE = "1.4"

PD_NOT_FOUND = "Perangkat daerah tidak ditemukan."
LHE_NOT_FOUND = "LHE SAKIP {pd} tahun {year} belum dicatat."
FOLLOW_UP_NOT_FOUND = "Tindak lanjut tidak ditemukan."
DOCUMENT_NOT_FOUND = "LHE SAKIP {pd} tahun {year} tidak memiliki dokumen."
EVIDENCE_NOT_FOUND = "Berkas bukti dukung tidak ditemukan."
NOT_OVERSIGHT = "Ringkasan per kabupaten hanya untuk Inspektorat dan Bagian Organisasi."

REFUSAL_DESCRIPTIONS = {
    400: "Masukan tidak valid: galat per field, atau `{code, message, details}` dari layanan "
    "(pada pencatatan LHE `details` memuat setiap masalahnya).",
    403: "Pengguna boleh melihat data PD ini tetapi tidak boleh melakukan ini (LHE dicatat "
    "Inspektorat; tindak lanjut diperbarui penanggung jawabnya atau Sekretaris PD).",
    404: "Perangkat daerah, LHE, tindak lanjut atau berkas tidak ditemukan, atau bukan milik "
    "PD yang boleh dilihat pengguna.",
    409: "Tindak lanjut sudah diverifikasi; tidak dapat diubah.",
}


def refusals(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(ErrorSerializer, description=REFUSAL_DESCRIPTIONS[code])
        for code in codes
    }


class Links:
    """Download addresses of stored files, under this API (the files need a login)."""

    def __init__(self, request: Request):
        self.request = request

    def lhe_document(self, lhe: Lhe) -> str | None:
        if not lhe.document:
            return None
        kwargs = {"slug": lhe.pd.slug, "year": lhe.year}
        return reverse("evaluasi-lhe-document", kwargs=kwargs, request=self.request)

    def evidence_file(self, evidence: FollowUpEvidence) -> str:
        kwargs = {"follow_up_id": evidence.follow_up_id, "evidence_id": evidence.pk}
        return reverse("evaluasi-evidence-file", kwargs=kwargs, request=self.request)


# --- finding what the URL names ----------------------------------------------------------


def access_pd(request: Request, slug: str) -> PerangkatDaerah:
    """The PD of the URL if the user may see its evaluation; else the 404 of an unknown PD."""
    scope = policy.reporting_scope(request.user)
    pd = PerangkatDaerah.objects.select_related("kabupaten").filter(slug=slug).first()
    if pd is None or not policy.may_view(scope, pd):
        raise e.NotFound(PD_NOT_FOUND)
    return pd


def check_year(year: int) -> int:
    try:
        return clean_year(year)
    except ValueError as error:
        raise e.InvalidInput(str(error)) from None


def lhe_query(pd: PerangkatDaerah):
    return (
        selectors.lhe_list(pd)
        .select_related("pd", "recorded_by")
        .prefetch_related("evaluators", "scores__component")
    )


def lhe_of(pd: PerangkatDaerah, year: int) -> Lhe:
    lhe = lhe_query(pd).filter(year=year).first()
    if lhe is None:
        raise e.NotFound(LHE_NOT_FOUND.format(pd=pd.name, year=year))
    return lhe


def follow_up_of(request: Request, follow_up_id: int) -> FollowUp:
    """A follow-up of a PD the user may see; else the 404 of an unknown one (before the
    service checks the input, so that nobody learns of another PD's follow-ups)."""
    follow_up = FollowUp.objects.select_related("pd").filter(pk=follow_up_id).first()
    scope = policy.reporting_scope(request.user)
    if follow_up is None or not policy.may_view(scope, follow_up.pd):
        raise e.NotFound(FOLLOW_UP_NOT_FOUND)
    return follow_up


# --- formatting --------------------------------------------------------------------------


def status_code(state: str) -> str:
    return services.STATUS.get(state, (state, state))[0]


def counts_of(lhe_ids: list[int]) -> dict[int, dict]:
    """Per LHE: its recommendations, those carried over, and how many per status."""
    counts = {pk: {"total": 0, "carried": 0, "per_status": Counter()} for pk in lhe_ids}
    rows = Recommendation.objects.filter(lhe_id__in=lhe_ids).values_list(
        "lhe_id", "carried_from_id", "follow_up__process__state"
    )
    for lhe_id, carried_from, state in rows:
        counts[lhe_id]["total"] += 1
        counts[lhe_id]["carried"] += int(carried_from is not None)
        counts[lhe_id]["per_status"][status_code(state)] += 1
    for count in counts.values():
        count["per_status"] = {state: count["per_status"][state] for state in selectors.STATES}
    return counts


def lhe_body(lhe: Lhe, links: Links, counts: dict) -> dict:
    total = services.lhe_total(lhe)
    grade = scoring.predikat(total)
    return {
        "pd": lhe.pd,
        "year": lhe.year,
        "nomor": lhe.nomor,
        "tanggal": lhe.tanggal,
        "scores": sorted(lhe.scores.all(), key=lambda score: score.component.order),
        "total": total,
        "predikat": grade,
        "predikat_label": scoring.PREDIKAT_LABEL.get(grade, ""),
        "catatan": lhe.catatan,
        "document": links.lhe_document(lhe),
        "evaluators": list(lhe.evaluators.all()),
        "recorded_by": lhe.recorded_by,
        "recorded_at": lhe.recorded_at,
        "counts": counts,
    }


def follow_up_body(follow_up: FollowUp, task: Task | None, overdue: bool) -> dict:
    code, label = services.status_of(follow_up.process)
    return {
        "id": follow_up.pk,
        "process": follow_up.process_id,
        "status": code,
        "status_label": label,
        "action": follow_up.action,
        "output_satuan": follow_up.output_satuan,
        "output_uraian": follow_up.output_uraian,
        "pic": follow_up.pic,
        "target_date": follow_up.target_date,
        "evidence": list(follow_up.evidence.all()),
        "overdue": overdue,
        "due_at": task.due_at if task else None,
    }


def lhe_detail_body(lhe: Lhe, links: Links) -> dict:
    rows = selectors.rows_of(lhe, timezone.now())
    prefetch_related_objects([row.follow_up for row in rows], "evidence__added_by")
    return {
        **lhe_body(lhe, links, counts_of([lhe.pk])[lhe.pk]),
        "recommendations": [
            {
                "recommendation": row.recommendation,
                "follow_up": follow_up_body(row.follow_up, row.task, row.overdue),
            }
            for row in rows
        ],
    }


def follow_up_state(follow_up_id: int) -> dict:
    """A follow-up as the LHE lists it, read again after a change."""
    follow_up = (
        FollowUp.objects.select_related("process", "pic")
        .prefetch_related("evidence__added_by")
        .get(pk=follow_up_id)
    )
    task = follow_up.process.tasks.filter(status=Task.Status.OPEN).order_by("pk").first()
    overdue = bool(task and task.due_at and task.due_at < timezone.now())
    return follow_up_body(follow_up, task, overdue)


# --- LHE ---------------------------------------------------------------------------------


class LheListView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.LheSerializer(many=True), **refusals(404)},
        summary="LHE SAKIP perangkat daerah: nilai per komponen, total, predikat",
    )
    def get(self, request: Request, slug: str) -> Response:
        pd = access_pd(request, slug)
        lhes = list(lhe_query(pd))
        counts = counts_of([lhe.pk for lhe in lhes])
        links = Links(request)
        body = [lhe_body(lhe, links, counts[lhe.pk]) for lhe in lhes]
        return Response(s.LheSerializer(body, many=True).data)

    @extend_schema(
        tags=TAGS,
        request={
            "application/json": s.LheInputSerializer,
            "multipart/form-data": s.LheInputSerializer,
        },
        responses={201: s.LheDetailSerializer, **refusals(400, 403, 404)},
        summary="Catat LHE SAKIP (Inspektorat): nilai, rekomendasi, evaluator, dokumen",
        description="Isi `scores` (nilai setiap komponen) atau `nilai_tercatat` (total LHE "
        "lama tanpa rincian). Setiap rekomendasi mendapat proses tindak lanjut; rekomendasi "
        "LHE sebelumnya yang belum terverifikasi dicantumkan lagi. Semua atau tidak sama "
        "sekali: setiap masalah ada di `details`.",
    )
    def post(self, request: Request, slug: str) -> Response:
        pd = access_pd(request, slug)
        data = parse(s.LheInputSerializer, request.data)
        lhe = services.lhe_record(
            pd=pd,
            year=data["year"],
            tanggal=data["tanggal"],
            nomor=data["nomor"],
            scores=data["scores"],
            nilai_tercatat=data["nilai_tercatat"],
            recommendations=[(r["component"], r["text"]) for r in data["recommendations"]],
            evaluators=data["evaluators"],
            catatan=data["catatan"],
            document=data.get("document"),
            user=request.user,
        )
        links = Links(request)
        body = lhe_detail_body(lhe_of(pd, lhe.year), links)
        return Response(
            s.LheDetailSerializer(body, context={"links": links}).data,
            status=status.HTTP_201_CREATED,
        )


class LheDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.LheDetailSerializer, **refusals(404)},
        summary="Satu LHE SAKIP dengan rekomendasi dan status tindak lanjutnya",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd = access_pd(request, slug)
        links = Links(request)
        body = lhe_detail_body(lhe_of(pd, year), links)
        return Response(s.LheDetailSerializer(body, context={"links": links}).data)


class LheDocumentView(DownloadView):
    @extend_schema(
        tags=TAGS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **refusals(404)},
        summary="Unduh dokumen LHE SAKIP",
    )
    def get(self, request: Request, slug: str, year: int) -> FileResponse:
        pd = access_pd(request, slug)
        lhe = lhe_of(pd, year)
        if not lhe.document:
            raise e.NotFound(DOCUMENT_NOT_FOUND.format(pd=pd.name, year=year))
        return FileResponse(lhe.document.open("rb"), as_attachment=True)


# --- follow-ups --------------------------------------------------------------------------


class FollowUpPlanView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.FollowUpPlanInputSerializer,
        responses={200: s.FollowUpSerializer, **refusals(400, 403, 404, 409)},
        summary="Isi rencana aksi tindak lanjut (penanggung jawab atau Sekretaris PD)",
        description="Lalu jalankan `tetapkan_rencana_aksi` pada proses tindak lanjutnya.",
    )
    def put(self, request: Request, follow_up_id: int) -> Response:
        follow_up_of(request, follow_up_id)
        data = parse(s.FollowUpPlanInputSerializer, request.data)
        services.follow_up_plan(
            follow_up_id=follow_up_id,
            user=request.user,
            action=data["action"],
            output_satuan=data["output_satuan"],
            output_uraian=data["output_uraian"],
            pic_code=data["pic"],
            target_date=data["target_date"],
        )
        body = follow_up_state(follow_up_id)
        return Response(s.FollowUpSerializer(body, context={"links": Links(request)}).data)


class FollowUpEvidenceView(APIView):
    @extend_schema(
        tags=TAGS,
        request={
            "multipart/form-data": s.FollowUpEvidenceInputSerializer,
            "application/json": s.FollowUpEvidenceInputSerializer,
        },
        responses={201: s.FollowUpEvidenceSerializer, **refusals(400, 403, 404, 409)},
        summary="Tambah bukti dukung tindak lanjut: tautan lengkap (https://...) atau berkas",
    )
    def post(self, request: Request, follow_up_id: int) -> Response:
        follow_up_of(request, follow_up_id)
        data = parse(s.FollowUpEvidenceInputSerializer, request.data)
        evidence = services.follow_up_evidence_add(
            follow_up_id=follow_up_id,
            user=request.user,
            url=data["url"],
            upload=data.get("file"),
            label=data["label"],
        )
        return Response(
            s.FollowUpEvidenceSerializer(evidence, context={"links": Links(request)}).data,
            status=status.HTTP_201_CREATED,
        )


class EvidenceFileView(DownloadView):
    @extend_schema(
        tags=TAGS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **refusals(404)},
        summary="Unduh berkas bukti dukung tindak lanjut",
    )
    def get(self, request: Request, follow_up_id: int, evidence_id: int) -> FileResponse:
        follow_up = follow_up_of(request, follow_up_id)
        evidence = FollowUpEvidence.objects.filter(pk=evidence_id, follow_up=follow_up).first()
        if evidence is None or not evidence.file:
            raise e.NotFound(EVIDENCE_NOT_FOUND)
        return FileResponse(evidence.file.open("rb"), as_attachment=True)


# --- summaries ---------------------------------------------------------------------------


class PdSummaryView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.FollowUpSummarySerializer, **refusals(404)},
        summary="Ringkasan tindak lanjut LHE perangkat daerah (per status, terlambat)",
    )
    def get(self, request: Request, slug: str) -> Response:
        pd = access_pd(request, slug)
        return Response(s.FollowUpSummarySerializer(selectors.pd_summary(pd).as_dict()).data)


class KabupatenSummaryView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.PdFollowUpSummarySerializer(many=True), **refusals(403)},
        summary="Ringkasan tindak lanjut LHE setiap PD kabupaten (Inspektorat, Bagian Organisasi)",
        description="Perangkat daerah yang memiliki LHE, urut nama.",
    )
    def get(self, request: Request) -> Response:
        scope = policy.reporting_scope(request.user)
        kabupaten = policy.kabupaten_ids(scope)
        if not kabupaten:
            raise e.NotAllowed(NOT_OVERSIGHT)
        now = timezone.now()
        body = [
            {"slug": pd.slug, "name": pd.name, "summary": summary.as_dict()}
            for kabupaten_id in sorted(kabupaten)
            for pd, summary in selectors.kabupaten_summary(kabupaten_id, now)
        ]
        return Response(s.PdFollowUpSummarySerializer(body, many=True).data)


# --- Tabel 1.4 ---------------------------------------------------------------------------


class Tabel14View(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: TableSerializer, **refusals(400, 404)},
        summary="Tabel 1.4 LKjIP tahun ini: tindak lanjut LHE SAKIP tahun sebelumnya",
        description="Kolom, dan per baris sel seperti tercetak serta nilai mentahnya "
        "(seperti /api/v1/kinerja/{slug}/{year}/tables/{number}/).",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd = access_pd(request, slug)
        table = report_table(pd, check_year(year), TABLE)
        return Response(TableSerializer(table_body(table)).data)


class Tabel14XlsxView(DownloadView):
    @extend_schema(
        tags=TAGS,
        operation_id="evaluasi_tabel_1_4_xlsx",
        responses={(200, XLSX): OpenApiTypes.BINARY, **refusals(400, 404)},
        summary="Unduh Tabel 1.4 LKjIP tahun ini (XLSX)",
    )
    def get(self, request: Request, slug: str, year: int):
        from reporting.render.xlsx import tables_xlsx

        pd = access_pd(request, slug)
        table = report_table(pd, check_year(year), TABLE)
        content = tables_xlsx([table], title=f"Tabel 1.4 LKjIP {pd.name} {year}")
        return attachment(content, f"tabel-1-4-{pd.slug}-{year}.xlsx", XLSX)
