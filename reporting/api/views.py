"""Endpoints of /api/v1/kinerja/: a PD's performance data, its LKjIP tables, the
consistency check, the downloads, the XLSX import and the IKM survey.

Each endpoint finds the PD (a PD the user may not see is answered like an unknown one:
404), parses its input with a serializer, calls one service or reads the data, and formats
the answer. Who may change what is decided by reporting.policy inside the services (403);
their refusals are answered by workflow.api.errors."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from organisation.models import PerangkatDaerah
from workflow import exceptions as e
from workflow.api.serializers import DocumentSerializer, ErrorSerializer, NoteSerializer

from .. import calculations as calc
from .. import policy, services
from ..checks import consistency_findings
from ..dataset import ReportData
from ..models import DataChange, IkmSurvey, Indicator, Node, Realisasi, Target
from ..render import FORMATS, XLSX
from ..services import Via
from ..tables import Table, report_table, report_tables
from . import serializers as s

PD_NOT_FOUND = "Perangkat daerah tidak ditemukan."
INDICATOR_NOT_FOUND = "Indikator '{code}' tidak ada di {pd}."
NODE_NOT_FOUND = "Program/kegiatan '{code}' tidak ada di {pd}."
FORMAT_UNKNOWN = "Format '{fmt}' tidak dikenal; pilih salah satu: {choices}."
SURVEY_NOT_FOUND = "Survei kepuasan masyarakat {pd} tahun {year} triwulan {triwulan} belum ada."
BUDGET_REFUSED = "Anggaran tidak disimpan: {count} baris bermasalah."

BUDGET_LEVELS = (Node.Level.PROGRAM, Node.Level.KEGIATAN, Node.Level.SUB_KEGIATAN)
TAGS = ["kinerja"]

REFUSAL_DESCRIPTIONS = {
    400: "Masukan tidak valid: galat per field, atau `{code, message, details}` dari layanan "
    "(details memuat galat per baris pada impor).",
    403: "Pengguna boleh melihat data PD ini tetapi tidak boleh mengubah data ini.",
    404: "Perangkat daerah (atau indikator, tabel, survei) tidak ditemukan, atau bukan PD "
    "yang boleh dilihat pengguna.",
    409: "Aksi tidak tersedia pada langkah proses LKjIP saat ini.",
}


def refusals(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(ErrorSerializer, description=REFUSAL_DESCRIPTIONS[code])
        for code in codes
    }


def parse(serializer_class: type[serializers.Serializer], data, **context):
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- finding what the URL names ----------------------------------------------------------


def access_pd(
    request: Request, slug: str, year: int | None = None
) -> tuple[PerangkatDaerah, policy.ReportingScope]:
    """The PD of the URL if the user may see its data; else the 404 of an unknown PD."""
    scope = policy.reporting_scope(request.user)
    pd = PerangkatDaerah.objects.select_related("kabupaten").filter(slug=slug).first()
    if pd is None or not policy.may_view(scope, pd):
        raise e.NotFound(PD_NOT_FOUND)
    if year is not None:
        try:
            services.clean_year(year)
        except ValueError as error:
            raise e.InvalidInput(str(error)) from None
    return pd, scope


def indicator_of(pd: PerangkatDaerah, code: str) -> Indicator:
    indicator = (
        Indicator.objects.select_related("pd", "node", "pengampu").filter(pd=pd, code=code).first()
    )
    if indicator is None:
        raise e.NotFound(INDICATOR_NOT_FOUND.format(code=code, pd=pd.name))
    return indicator


def node_of(pd: PerangkatDaerah, code: str) -> Node:
    node = Node.objects.select_related("pd").filter(pd=pd, code=code).first()
    if node is None:
        raise e.NotFound(NODE_NOT_FOUND.format(code=code, pd=pd.name))
    return node


# --- reads -------------------------------------------------------------------------------


def indicator_rows(pd, year: int, scope: policy.ReportingScope) -> list[dict]:
    """Every indicator in report order with its target in force, realisasi (the year's
    and each triwulan's), capaian and whether `scope` may enter its realisasi."""
    data = ReportData(pd, year)
    indicators = data.ordered_indicators()
    editable = policy.editable_indicator_ids(scope, indicators)
    quarters: dict[int, dict[int, object]] = defaultdict(dict)
    for indicator_id, triwulan, value in Realisasi.objects.filter(
        indicator__pd=pd, year=year, triwulan__gt=0
    ).values_list("indicator_id", "triwulan", "value"):
        quarters[indicator_id][triwulan] = value
    rows = []
    for indicator in indicators:
        basis = data.basis(indicator)
        result = data.capaian(indicator)
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "level": indicator.node.level,
                "node": indicator.node.code,
                "node_name": indicator.node.name,
                "satuan": indicator.satuan,
                "polaritas": indicator.polaritas,
                "pengampu": indicator.pengampu,
                "target": basis[1] if basis else None,
                "target_source": basis[0] if basis else None,
                "realisasi": data.realisasi_of(indicator),
                **{f"realisasi_tw{t}": quarters[indicator.pk].get(t) for t in range(1, 5)},
                "capaian": result.value,
                "capaian_display": calc.format_percent(result.value),
                "capaian_note": result.reason,
                "kategori": calc.kategori(result.value) if result.value is not None else "",
                "editable": indicator.pk in editable,
            }
        )
    return rows


def budget_row(data: ReportData, node: Node) -> dict:
    own = data.budget[data.year].get(node.code)
    pagu, realisasi = data.budget_of(node.code)
    return {
        "node": node,
        "year": data.year,
        "pagu_induk": own.pagu_induk if own else None,
        "pagu_perubahan": own.pagu_perubahan if own else None,
        "realisasi": own.realisasi if own else None,
        "perubahan_label": own.perubahan_label if own else None,
        "report_pagu": pagu,
        "report_realisasi": realisasi,
        "serapan": calc.serapan(realisasi, pagu),
    }


def budget_rows(pd, year: int) -> list[dict]:
    data = ReportData(pd, year)
    return [budget_row(data, n) for n in data.ordered_nodes() if n.level in BUDGET_LEVELS]


def table_body(table: Table) -> dict:
    return {
        "number": table.number,
        "title": table.title,
        "caption": table.caption,
        "sumber": table.sumber,
        "columns": table.columns,
        "rows": [
            {
                "key": row.key,
                "level": row.level,
                "cells": {c.key: table.display(row, c) for c in table.columns},
                "values": {c.key: s.raw(row.cells.get(c.key)) for c in table.columns},
            }
            for row in table.rows
        ],
    }


def survey_body(survey: IkmSurvey) -> dict:
    from .. import ikm

    try:
        result = ikm.survey_result(survey)
    except e.InvalidInput:  # a survey without responses has no IKM yet
        result = None
    return {
        "id": survey.pk,
        "year": survey.year,
        "triwulan": survey.triwulan,
        "indicator": survey.indicator.code if survey.indicator else None,
        "respondents": result.respondents if result else 0,
        "value": result.value if result else None,
        "mutu": result.mutu if result else None,
        "kinerja": result.kinerja if result else None,
        "nrr": list(result.nrr) if result else [],
        "created_by": survey.created_by,
        "created_at": survey.created_at,
    }


def surveys_of(pd, year: int):
    return (
        IkmSurvey.objects.filter(pd=pd, year=year)
        .select_related("indicator", "created_by")
        .prefetch_related("responses")
        .order_by("triwulan")
    )


# --- downloads ---------------------------------------------------------------------------


class DownloadView(APIView):
    # An endpoint answering with a file (no docstring: it would become the description of
    # every download in the schema). A client that asks for the file's own type
    # (`Accept: application/pdf`) still gets it; a refusal is answered in JSON.

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- the PDs and their indicators --------------------------------------------------------


class PdListView(APIView):
    @extend_schema(
        tags=TAGS,
        responses=s.KinerjaPdSerializer(many=True),
        summary="Perangkat daerah yang data kinerjanya boleh saya lihat",
    )
    def get(self, request: Request) -> Response:
        pds = policy.visible_pds(policy.reporting_scope(request.user))
        return Response(s.KinerjaPdSerializer(pds, many=True).data)


class IndicatorListView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.KinerjaIndicatorSerializer(many=True), **refusals(400, 404)},
        summary="Indikator kinerja tahun ini, urut seperti laporan, dengan capaiannya",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd, scope = access_pd(request, slug, year)
        rows = indicator_rows(pd, year, scope)
        return Response(s.KinerjaIndicatorSerializer(rows, many=True).data)


class RealisasiView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.RealisasiInputSerializer,
        responses={200: s.KinerjaRealisasiSerializer, **refusals(400, 403, 404)},
        summary="Isi atau kosongkan realisasi indikator (oleh pengampunya)",
    )
    def put(self, request: Request, slug: str, year: int, code: str) -> Response:
        pd, scope = access_pd(request, slug, year)
        indicator = indicator_of(pd, code)
        data = parse(s.RealisasiInputSerializer, request.data)
        realisasi = services.realisasi_set(
            indicator=indicator,
            year=year,
            triwulan=data["triwulan"],
            value=data["value"],
            bukti=data.get("bukti"),
            user=request.user,
            via=Via.API,
            scope=scope,
        )
        if realisasi is None:  # cleared
            realisasi = Realisasi(
                indicator=indicator, year=year, triwulan=data["triwulan"], value=None
            )
        return Response(s.KinerjaRealisasiSerializer(realisasi).data)


class TargetView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.TargetInputSerializer,
        responses={200: s.KinerjaTargetSerializer, **refusals(400, 403, 404)},
        summary="Tetapkan atau hapus target indikator (Sekretaris atau Kepala PD)",
    )
    def put(self, request: Request, slug: str, year: int, code: str) -> Response:
        pd, scope = access_pd(request, slug, year)
        indicator = indicator_of(pd, code)
        data = parse(s.TargetInputSerializer, request.data)
        target_year = data.get("year", year)
        target = services.target_set(
            indicator=indicator,
            year=target_year,
            source=data["source"],
            value=data["value"],
            user=request.user,
            via=Via.API,
            scope=scope,
        )
        if target is None:  # removed
            target = Target(indicator=indicator, year=target_year, source=data["source"])
            target.value = None
        return Response(s.KinerjaTargetSerializer(target).data)


class AnalysisView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.AnalysisInputSerializer,
        responses={200: s.KinerjaAnalysisSerializer, **refusals(400, 403, 404)},
        summary="Analisis keberhasilan/kegagalan dan solusi (Tabel 3.6)",
    )
    def put(self, request: Request, slug: str, year: int, code: str) -> Response:
        pd, scope = access_pd(request, slug, year)
        indicator = indicator_of(pd, code)
        data = parse(s.AnalysisInputSerializer, request.data)
        analysis = services.analysis_set(
            indicator=indicator,
            year=year,
            analisis=data["analisis"],
            solusi=data["solusi"],
            user=request.user,
            scope=scope,
            via=services.Via.API,
        )
        return Response(s.KinerjaAnalysisSerializer(analysis).data)


class EvidenceView(APIView):
    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": s.EvidenceInputSerializer},
        responses={201: s.KinerjaEvidenceSerializer, **refusals(400, 403, 404)},
        summary="Tambah bukti dukung (berkas atau tautan) pada realisasi yang sudah diisi",
    )
    def post(self, request: Request, slug: str, year: int, code: str) -> Response:
        pd, scope = access_pd(request, slug, year)
        indicator = indicator_of(pd, code)
        data = parse(s.EvidenceInputSerializer, request.data)
        realisasi = (
            Realisasi.objects.select_related("indicator__pengampu")
            .filter(indicator=indicator, year=year, triwulan=data["triwulan"])
            .first()
        )
        if realisasi is None:
            raise e.InvalidInput(services.NO_REALISASI_YET)
        evidence = services.evidence_add(
            realisasi=realisasi,
            user=request.user,
            upload=data.get("file"),
            url=data["url"],
            label=data["label"],
            scope=scope,
            via=services.Via.API,
        )
        return Response(s.KinerjaEvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


# --- budget ------------------------------------------------------------------------------


class BudgetListView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.KinerjaBudgetSerializer(many=True), **refusals(400, 404)},
        summary="Anggaran program, kegiatan dan sub kegiatan",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        return Response(s.KinerjaBudgetSerializer(budget_rows(pd, year), many=True).data)

    @extend_schema(
        tags=TAGS,
        operation_id="kinerja_budget_bulk_update",
        request=s.BudgetRowInputSerializer(many=True),
        responses={200: s.KinerjaBudgetSerializer(many=True), **refusals(400, 403, 404)},
        summary="Simpan anggaran beberapa program/kegiatan sekaligus (semua atau tidak sama "
        "sekali)",
        description="Galat per baris ada di `details`: `[{node, message}]`.",
    )
    def put(self, request: Request, slug: str, year: int) -> Response:
        pd, scope = access_pd(request, slug, year)
        serializer = s.BudgetRowInputSerializer(data=request.data, many=True, context={"pd": pd})
        serializer.is_valid(raise_exception=True)
        rows = serializer.validated_data
        errors = []
        with transaction.atomic():
            for row in rows:
                try:
                    services.budget_set(
                        node=row["node"],
                        year=year,
                        user=request.user,
                        pagu_induk=row["pagu_induk"],
                        pagu_perubahan=row["pagu_perubahan"],
                        realisasi=row["realisasi"],
                        perubahan_label=row.get("perubahan_label"),
                        via=Via.API,
                        scope=scope,
                    )
                except e.InvalidInput as error:
                    errors.append({"node": row["node"].code, "message": error.message})
            if errors:
                raise e.InvalidInput(BUDGET_REFUSED.format(count=len(errors)), details=errors)
        return Response(s.KinerjaBudgetSerializer(budget_rows(pd, year), many=True).data)


class BudgetDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.KinerjaBudgetSerializer, **refusals(400, 404)},
        summary="Anggaran satu program/kegiatan",
    )
    def get(self, request: Request, slug: str, year: int, node_code: str) -> Response:
        pd, _scope = access_pd(request, slug, year)
        node = node_of(pd, node_code)
        return Response(s.KinerjaBudgetSerializer(budget_row(ReportData(pd, year), node)).data)

    @extend_schema(
        tags=TAGS,
        request=s.BudgetInputSerializer,
        responses={200: s.KinerjaBudgetSerializer, **refusals(400, 403, 404)},
        summary="Simpan anggaran satu program/kegiatan (Sekretaris atau Kepala PD)",
    )
    def put(self, request: Request, slug: str, year: int, node_code: str) -> Response:
        pd, scope = access_pd(request, slug, year)
        node = node_of(pd, node_code)
        data = parse(s.BudgetInputSerializer, request.data)
        services.budget_set(
            node=node,
            year=year,
            user=request.user,
            pagu_induk=data["pagu_induk"],
            pagu_perubahan=data["pagu_perubahan"],
            realisasi=data["realisasi"],
            perubahan_label=data.get("perubahan_label"),
            via=Via.API,
            scope=scope,
        )
        return Response(s.KinerjaBudgetSerializer(budget_row(ReportData(pd, year), node)).data)


# --- the report --------------------------------------------------------------------------


class TableListView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.TableSummarySerializer(many=True), **refusals(400, 404)},
        summary="Tabel LKjIP (Tabel 1.3 dan Bab III)",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        return Response(s.TableSummarySerializer(report_tables(pd, year), many=True).data)


class TableDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("number", str, OpenApiParameter.PATH, description="Mis. '3.2'.")
        ],
        responses={200: s.TableSerializer, **refusals(400, 404)},
        summary="Satu tabel: kolom, dan per baris sel seperti tercetak serta nilai mentahnya",
    )
    def get(self, request: Request, slug: str, year: int, number: str) -> Response:
        pd, _scope = access_pd(request, slug, year)
        try:
            table = report_table(pd, year, number)
        except KeyError as error:
            raise e.NotFound(error.args[0]) from None
        return Response(s.TableSerializer(table_body(table)).data)


class FindingListView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.FindingSerializer(many=True), **refusals(400, 404)},
        summary="Temuan cek konsistensi: angka tercetak draf yang tidak sesuai data",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        findings = [f.as_dict() for f in consistency_findings(pd, year)]
        return Response(s.FindingSerializer(findings, many=True).data)


class FindingNoteView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.FindingNoteInputSerializer,
        responses={201: NoteSerializer, **refusals(400, 403, 404, 409)},
        summary="Jadikan temuan catatan reviu pada proses LKjIP (auditor Inspektorat)",
    )
    def post(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        data = parse(s.FindingNoteInputSerializer, request.data)
        note = services.finding_to_note(
            pd=pd,
            year=year,
            table=data["table"],
            row=data["row"],
            column=data["column"],
            user=request.user,
        )
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class ExportView(DownloadView):
    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(FORMATS))],
        responses={
            **{(200, content_type): OpenApiTypes.BINARY for content_type in FORMATS.values()},
            **refusals(400, 404),
        },
        summary="Unduh LKjIP (XLSX, DOCX atau PDF) yang dihitung dari data",
    )
    def get(self, request: Request, slug: str, year: int, fmt: str) -> HttpResponse:
        from ..render import export

        pd, _scope = access_pd(request, slug, year)
        if fmt not in FORMATS:
            raise e.NotFound(FORMAT_UNKNOWN.format(fmt=fmt, choices=", ".join(FORMATS)))
        return attachment(*export(pd, year, fmt))


class DraftAttachView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={201: DocumentSerializer, **refusals(403, 404, 409)},
        summary="Lampirkan draf DOCX dari data pada proses LKjIP (langkah 3 atau 5)",
    )
    def post(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        document = services.draft_attach(pd=pd, year=year, user=request.user)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


# --- XLSX template, IKM survey, trail ----------------------------------------------------


class InputsExportView(DownloadView):
    @extend_schema(
        tags=TAGS,
        operation_id="kinerja_inputs_export",
        responses={(200, XLSX): OpenApiTypes.BINARY, **refusals(400, 404)},
        summary="Unduh templat XLSX masukan (target, realisasi, anggaran) berisi data kini",
    )
    def get(self, request: Request, slug: str, year: int) -> HttpResponse:
        from .. import xlsx_io

        pd, _scope = access_pd(request, slug, year)
        content = xlsx_io.inputs_export(pd=pd, year=year)
        return attachment(content, f"data-kinerja-{pd.slug}-{year}.xlsx", XLSX)


class InputsImportView(APIView):
    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": s.UploadInputSerializer},
        responses={200: s.ImportResultSerializer, **refusals(400, 403, 404)},
        summary="Impor templat XLSX masukan: semua baris atau tidak sama sekali",
        description="Bila ada baris bermasalah tidak ada yang disimpan; `details` memuat "
        "`[{sheet, row, column, message}]`.",
    )
    def post(self, request: Request, slug: str, year: int) -> Response:
        from .. import xlsx_io

        pd, scope = access_pd(request, slug, year)
        data = parse(s.UploadInputSerializer, request.data)
        result = xlsx_io.inputs_import(pd=pd, upload=data["file"], user=request.user, scope=scope)
        return Response(s.ImportResultSerializer(result).data)


class IkmView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.IkmSurveySerializer(many=True), **refusals(400, 404)},
        summary="Survei kepuasan masyarakat tahun ini dengan IKM-nya",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        surveys = [survey_body(survey) for survey in surveys_of(pd, year)]
        return Response(s.IkmSurveySerializer(surveys, many=True).data)

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": s.IkmImportInputSerializer},
        responses={201: s.IkmSurveySerializer, **refusals(400, 403, 404)},
        summary="Unggah jawaban responden (XLSX) survei satu triwulan (Sekretaris/Kepala PD)",
        description="Jawaban survei triwulan itu diganti seluruhnya; galat per baris ada di "
        "`details`.",
    )
    def post(self, request: Request, slug: str, year: int) -> Response:
        from .. import ikm

        pd, scope = access_pd(request, slug, year)
        data = parse(s.IkmImportInputSerializer, request.data, pd=pd)
        survey = ikm.survey_responses_import(
            pd=pd,
            year=year,
            triwulan=data["triwulan"],
            upload=data["file"],
            user=request.user,
            indicator=data.get("indicator"),
            scope=scope,
        )
        survey = surveys_of(pd, year).get(pk=survey.pk)
        return Response(s.IkmSurveySerializer(survey_body(survey)).data, status.HTTP_201_CREATED)


class IkmPostView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.KinerjaRealisasiSerializer, **refusals(400, 403, 404)},
        summary="Jadikan IKM survei realisasi indikatornya",
    )
    def post(self, request: Request, slug: str, year: int, triwulan: int) -> Response:
        from .. import ikm

        pd, scope = access_pd(request, slug, year)
        survey = surveys_of(pd, year).filter(triwulan=triwulan).first()
        if survey is None:
            raise e.NotFound(SURVEY_NOT_FOUND.format(pd=pd.name, year=year, triwulan=triwulan))
        realisasi = ikm.survey_post_realisasi(survey=survey, user=request.user, scope=scope)
        return Response(s.KinerjaRealisasiSerializer(realisasi).data)


class ChangesView(APIView):
    @extend_schema(
        tags=TAGS,
        parameters=[s.ChangesQuerySerializer],
        responses={200: s.DataChangeSerializer(many=True), **refusals(400, 404)},
        summary="Riwayat perubahan data kinerja PD (terbaru dahulu)",
        description="Semua tahun, seperti halaman riwayat. Halaman berikutnya: `offset`.",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        query = parse(s.ChangesQuerySerializer, request.query_params)
        start = query["offset"]
        changes = DataChange.objects.filter(pd=pd).select_related("user")[
            start : start + query["limit"]
        ]
        return Response(s.DataChangeSerializer(changes, many=True).data)
