"""The quarterly SOPs through /api/v1/: the pengampu forms of a Pengumpulan Data Kinerja
process (recap, form, save, bukti dukung, hand-in), the kertas kerja of a Pengukuran
Kinerja and the approved measurements of a PD's year.

Views and their serializers, in one module. As everywhere in the API, each endpoint
parses its input, calls one service of reporting.quarterly (or reads) and formats the
answer; the services decide who may do what, and their refusals are answered by
workflow.api.errors. The forms are drafts seen only by the PD's own people: anyone else
gets the 404 of an unknown process."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workflow import exceptions as e
from workflow.api.serializers import (
    DocumentSerializer,
    ErrorSerializer,
    PositionRefSerializer,
    ProcessDetailSerializer,
    UserRefSerializer,
)
from workflow.api.views import overview_response
from workflow.models import Process
from workflow.services.common import access_process_by_id

from .. import quarterly, services
from ..models import Measurement
from .serializers import DecimalTextField, FigureField, percent_field
from .views import TAGS, access_pd, parse
from .views import refusals as kinerja_refusals

FORM_TAGS = ["formulir"]
MEASUREMENT_TAGS = ["pengukuran"]

REFUSAL_DESCRIPTIONS = {
    400: "Masukan tidak valid: galat per field, atau `{code, message, details}` dari layanan "
    "(pada penyimpanan formulir `details` memuat galat per kode indikator).",
    403: "Pengguna bukan pengampu formulir ini (atau stafnya), atau bukan pelaksana langkah ini.",
    404: "Proses atau formulir tidak ditemukan, atau bukan milik perangkat daerah pengguna.",
    409: "Formulir tidak sedang dibuka, atau aksi tidak tersedia pada langkah proses saat ini.",
}

CODE_PARAMETER = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description="Kode jabatan pengampu formulir, mis. 'kasi-pm' (lihat rekap formulir).",
)


def refusals(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(ErrorSerializer, description=REFUSAL_DESCRIPTIONS[code])
        for code in codes
    }


def collection_of(request: Request, process_id: int) -> Process:
    """A Pengumpulan Data Kinerja process of the user's own PD (the web recap's rule)."""
    process, scope = access_process_by_id(request.user, process_id)
    if process.sop_code != quarterly.PENGUMPULAN:
        raise e.NotFound(quarterly.NOT_A_COLLECTION)
    if process.pd_id not in scope.pd_ids:
        raise e.NotFound(e.PROCESS_NOT_FOUND)
    return process


def form_body(process_id: int, code: str, user) -> dict:
    process, position, rows, task, may_fill = quarterly.form_view(
        process_id=process_id, position_code=code, user=user
    )
    return {
        "process": process.pk,
        "year": process.year,
        "triwulan": process.period,
        "position": position,
        "open": task is not None,
        "may_fill": may_fill,
        "due_at": task.due_at if task else None,
        "indicators": rows,
    }


# --- serializers -------------------------------------------------------------------------


class FormStatusSerializer(serializers.Serializer):
    """One pengampu's form in the recap (reporting.quarterly.FormStatus)."""

    position = PositionRefSerializer()
    status = serializers.CharField(
        help_text=_("belum_dibuka, diisi, terlambat, dikembalikan atau diserahkan.")
    )
    label = serializers.CharField()
    filled = serializers.IntegerField(help_text=_("Indikator yang sudah diisi nilainya."))
    total = serializers.IntegerField(help_text=_("Indikator formulir ini."))
    returned = serializers.BooleanField(help_text=_("Pernah dikembalikan untuk dilengkapi."))
    due_at = serializers.DateTimeField(source="task.due_at", allow_null=True)
    completed_at = serializers.DateTimeField(
        source="task.completed_at", allow_null=True, help_text=_("Saat terakhir diserahkan.")
    )


class FormEvidenceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    url = serializers.CharField(help_text=_("Tautan; kosong bila bukti berupa berkas."))
    file = serializers.SerializerMethodField(help_text=_("Nama berkas; kosong bila tautan."))

    @extend_schema_field(OpenApiTypes.STR)
    def get_file(self, evidence) -> str:
        return evidence.file.name.rsplit("/", 1)[-1] if evidence.file else ""


class FormEvidenceSerializer(FormEvidenceRefSerializer):
    indicator = serializers.CharField(source="entry.indicator.code")
    added_by = UserRefSerializer()
    added_at = serializers.DateTimeField()


class FormIndicatorSerializer(serializers.Serializer):
    """One row of a form (reporting.quarterly.FormRow)."""

    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    satuan = serializers.CharField(source="indicator.satuan")
    target = serializers.CharField(
        allow_null=True, help_text=_("Target tahun ini, seperti tertulis: '85,5' atau '60-70'.")
    )
    previous = DecimalTextField(
        allow_null=True, help_text=_("Realisasi resmi triwulan sebelumnya.")
    )
    value = DecimalTextField(allow_null=True, help_text=_("Isian triwulan ini (draf)."))
    bukti = serializers.CharField(help_text=_("Keterangan bukti dukung (teks)."))
    evidence = FormEvidenceRefSerializer(many=True)


class FormSerializer(serializers.Serializer):
    process = serializers.IntegerField()
    year = serializers.IntegerField()
    triwulan = serializers.IntegerField()
    position = PositionRefSerializer(help_text=_("Jabatan pengampu formulir ini."))
    open = serializers.BooleanField(help_text=_("Tugas formulir ini sedang terbuka."))
    may_fill = serializers.BooleanField(
        help_text=_(
            "Pengguna ini pengampunya atau staf di bawahnya (boleh mengisi selama terbuka)."
        )
    )
    due_at = serializers.DateTimeField(allow_null=True)
    indicators = FormIndicatorSerializer(many=True)


class FormSavedSerializer(FormSerializer):
    changed = serializers.IntegerField(help_text=_("Isian yang berubah karena permintaan ini."))


class FormEntryInputSerializer(serializers.Serializer):
    value = FigureField(
        allow_null=True, help_text=_("'87,5' atau 87.5; null atau '' mengosongkan.")
    )
    bukti = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("Keterangan bukti dukung (teks); bila tidak dikirim tetap seperti semula."),
    )


class FormSaveInputSerializer(serializers.Serializer):
    entries = serializers.DictField(
        child=FormEntryInputSerializer(),
        help_text=_("Per kode indikator formulir ini: nilainya dan bukti dukungnya."),
    )


class FormEvidenceInputSerializer(serializers.Serializer):
    indicator = serializers.CharField(max_length=40, help_text=_("Kode indikator formulir ini."))
    file = serializers.FileField(required=False, allow_empty_file=True)
    url = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    label = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class MeasuredIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField(source="node.level")


class MeasurementRowSerializer(serializers.Serializer):
    indicator = MeasuredIndicatorSerializer()
    target = serializers.CharField(
        help_text=_("Target tahun ini seperti tertulis; '' bila tidak ada.")
    )
    realisasi = DecimalTextField(allow_null=True, help_text=_("Realisasi triwulan ini."))
    capaian = percent_field()
    kategori = serializers.CharField()
    keterangan = serializers.CharField(help_text=_("Mengapa capaian tidak dihitung."))


class KertasKerjaRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")


class MeasurementSerializer(serializers.Serializer):
    """An approved Pengukuran Kinerja, frozen as approved (reporting.models.Measurement)."""

    triwulan = serializers.IntegerField()
    process = serializers.IntegerField(source="process_id")
    approved_at = serializers.DateTimeField()
    approved_by = UserRefSerializer(allow_null=True)
    kertas_kerja = KertasKerjaRefSerializer(allow_null=True)
    rows = MeasurementRowSerializer(many=True, source="rows.all")


# --- the forms ---------------------------------------------------------------------------


class FormListView(APIView):
    @extend_schema(
        tags=FORM_TAGS,
        responses={200: FormStatusSerializer(many=True), **refusals(404)},
        summary="Rekap formulir pengampu: masuk, dibuka, terlambat atau dikembalikan",
        description="Hanya untuk pegawai perangkat daerah proses Pengumpulan Data Kinerja.",
    )
    def get(self, request: Request, process_id: int) -> Response:
        process = collection_of(request, process_id)
        forms = quarterly.forms_overview(process)
        return Response(FormStatusSerializer(forms, many=True).data)


class FormView(APIView):
    @extend_schema(
        tags=FORM_TAGS,
        parameters=[CODE_PARAMETER],
        responses={200: FormSerializer, **refusals(404)},
        summary="Formulir pengampu: indikator, target, realisasi triwulan lalu dan isian",
    )
    def get(self, request: Request, process_id: int, code: str) -> Response:
        return Response(FormSerializer(form_body(process_id, code, request.user)).data)

    @extend_schema(
        tags=FORM_TAGS,
        parameters=[CODE_PARAMETER],
        request=FormSaveInputSerializer,
        responses={200: FormSavedSerializer, **refusals(400, 403, 404, 409)},
        summary="Simpan isian formulir (pengampu atau stafnya): semua atau tidak sama sekali",
        description="Indikator yang tidak disebut tetap seperti semula. Bila ada nilai yang "
        "tidak terbaca tidak ada yang disimpan; `details` memuat `{kode indikator: galat}`.",
    )
    def put(self, request: Request, process_id: int, code: str) -> Response:
        collection_of(request, process_id)  # not yours: 404 before any input error
        data = parse(FormSaveInputSerializer, request.data)
        changed = quarterly.form_save(
            process_id=process_id, position_code=code, entries=data["entries"], user=request.user
        )
        body = {**form_body(process_id, code, request.user), "changed": changed}
        return Response(FormSavedSerializer(body).data)


class FormEvidenceView(APIView):
    @extend_schema(
        tags=FORM_TAGS,
        parameters=[CODE_PARAMETER],
        request={"multipart/form-data": FormEvidenceInputSerializer},
        responses={201: FormEvidenceSerializer, **refusals(400, 403, 404, 409)},
        summary="Tambah bukti dukung (berkas atau tautan) pada isian formulir",
    )
    def post(self, request: Request, process_id: int, code: str) -> Response:
        collection_of(request, process_id)
        data = parse(FormEvidenceInputSerializer, request.data)
        evidence = quarterly.form_evidence_add(
            process_id=process_id,
            position_code=code,
            code=data["indicator"],
            user=request.user,
            upload=data.get("file"),
            url=data["url"],
            label=data["label"],
            via=services.Via.API,
        )
        return Response(FormEvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class FormSubmitView(APIView):
    @extend_schema(
        tags=FORM_TAGS,
        request=None,
        responses={200: ProcessDetailSerializer, **refusals(400, 403, 404, 409)},
        summary="Serahkan formulir saya yang terbuka kepada Tim SAKIP (pengampu)",
        description="Formulir terisi (XLSX) dilampirkan sebagai dokumen `formulir_terisi` dan "
        "tugas pengampu diselesaikan. Setiap indikator harus sudah diisi (400 bila belum).",
    )
    def post(self, request: Request, process_id: int) -> Response:
        quarterly.form_submit(process_id=process_id, user=request.user)
        return overview_response(request, process_id)


# --- the measurement ---------------------------------------------------------------------


class KertasKerjaView(APIView):
    @extend_schema(
        tags=MEASUREMENT_TAGS,
        request=None,
        responses={201: DocumentSerializer, **refusals(403, 404, 409)},
        summary="Hitung pengukuran dan lampirkan kertas kerjanya (XLSX) (Tim SAKIP)",
    )
    def post(self, request: Request, process_id: int) -> Response:
        document = quarterly.kertas_kerja_attach(process_id=process_id, user=request.user)
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class MeasurementListView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: MeasurementSerializer(many=True), **kinerja_refusals(400, 404)},
        summary="Pengukuran kinerja triwulan yang telah disetujui tahun ini",
    )
    def get(self, request: Request, slug: str, year: int) -> Response:
        pd, _scope = access_pd(request, slug, year)
        measurements = (
            Measurement.objects.filter(pd=pd, year=year)
            .select_related("kertas_kerja", "approved_by")
            .prefetch_related("rows__indicator__node")
            .order_by("triwulan")
        )
        return Response(MeasurementSerializer(measurements, many=True).data)
