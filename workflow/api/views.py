"""Endpoints of /api/v1/. Each parses its input with a serializer, calls one service (a
write) or selector (a read), and formats the answer. A refusal of the workflow is raised
by the service and answered by workflow.api.errors."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workflow import selectors, services
from workflow.services.common import access_process_by_id

from . import serializers as s

REFUSAL_DESCRIPTIONS = {
    400: "Masukan tidak valid (galat per field) atau syarat langkah belum lengkap.",
    403: "Pengguna bukan pelaksana langkah ini.",
    404: "Proses tidak ditemukan atau bukan milik perangkat daerah pengguna.",
    409: "Aksi tidak tersedia pada status proses saat ini, atau proses baru saja diubah.",
}


def refusals(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(s.ErrorSerializer, description=REFUSAL_DESCRIPTIONS[code])
        for code in codes
    }


def parse(serializer_class: type[serializers.Serializer], data, **context) -> dict:
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def overview_response(request: Request, process_id: int, code: int = status.HTTP_200_OK):
    process, scope = access_process_by_id(request.user, process_id)
    overview = selectors.process_overview(process=process, scope=scope, now=timezone.now())
    return Response(s.ProcessDetailSerializer(overview).data, status=code)


class TokenView(ObtainAuthToken):
    """rest_framework.authtoken's obtain_auth_token, with its answer documented."""

    @extend_schema(
        tags=["auth"],
        request=AuthTokenSerializer,
        responses={200: s.TokenSerializer, 400: OpenApiResponse(description="Login gagal.")},
        auth=[],
        summary="Tukar nama pengguna dan sandi dengan token API",
        description="Kirim header `Authorization: Token <token>` pada setiap permintaan.",
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class InboxView(APIView):
    @extend_schema(
        tags=["inbox"],
        responses=s.InboxTaskSerializer(many=True),
        summary="Tugas terbuka saya di semua proses",
    )
    def get(self, request: Request) -> Response:
        tasks = selectors.inbox_tasks(user=request.user, now=timezone.now())
        return Response(s.InboxTaskSerializer(tasks, many=True).data)


class ProcessListView(APIView):
    @extend_schema(
        tags=["proses"],
        parameters=[
            OpenApiParameter("year", int, description="Tahun laporan"),
            OpenApiParameter("state", str, description="Status, mis. 'langkah-3' atau 'selesai'"),
        ],
        responses={200: s.ProcessSummarySerializer(many=True), **refusals(400)},
        summary="Proses yang boleh saya lihat",
    )
    def get(self, request: Request) -> Response:
        query = parse(s.ProcessListQuerySerializer, request.query_params)
        processes = selectors.process_list(
            user=request.user, year=query.get("year"), state=query.get("state")
        )
        return Response(s.ProcessSummarySerializer(processes, many=True).data)

    @extend_schema(
        tags=["proses"],
        request=s.ProcessStartSerializer,
        responses={201: s.ProcessDetailSerializer, **refusals(400, 403, 409)},
        summary="Mulai proses SOP",
    )
    def post(self, request: Request) -> Response:
        data = parse(s.ProcessStartSerializer, request.data)
        process = services.process_start(
            sop_code=data["sop_code"],
            pd=data["pd"],
            year=data["year"],
            period=data["period"],
            actor_user=request.user,
        )
        return overview_response(request, process.pk, status.HTTP_201_CREATED)


class ProcessDetailView(APIView):
    @extend_schema(
        tags=["proses"],
        responses={200: s.ProcessDetailSerializer, **refusals(404)},
        summary="Proses: status, tugas, riwayat, dokumen, jadwal dan aksi yang tersedia",
    )
    def get(self, request: Request, process_id: int) -> Response:
        return overview_response(request, process_id)


class TransitionView(APIView):
    @extend_schema(
        tags=["proses"],
        parameters=[
            OpenApiParameter(
                "action",
                str,
                OpenApiParameter.PATH,
                description="Aksi langkah saat ini, mis. 'disposisi' (lihat "
                "available_transitions pada detail proses).",
            )
        ],
        request=s.TransitionInputSerializer,
        responses={200: s.ProcessDetailSerializer, **refusals(400, 403, 404, 409)},
        summary="Jalankan aksi langkah saat ini",
    )
    def post(self, request: Request, process_id: int, action: str) -> Response:
        data = parse(s.TransitionInputSerializer, request.data)
        services.process_transition(
            process_id=process_id, action=action, actor_user=request.user, note=data["note"]
        )
        return overview_response(request, process_id)


class DocumentUploadView(APIView):
    @extend_schema(
        tags=["dokumen"],
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.DocumentSerializer, **refusals(400, 403, 404, 409)},
        summary="Unggah dokumen pada langkah saat ini",
    )
    def post(self, request: Request, process_id: int) -> Response:
        data = parse(s.DocumentUploadSerializer, request.data)
        document = services.document_upload(
            process_id=process_id,
            kind=data["kind"],
            upload=data["file"],
            actor_user=request.user,
        )
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DisposisiView(APIView):
    @extend_schema(
        tags=["disposisi"],
        responses={200: s.DisposisiSerializer(many=True), **refusals(404)},
        summary="Lembar disposisi proses",
    )
    def get(self, request: Request, process_id: int) -> Response:
        process, _scope = access_process_by_id(request.user, process_id)
        disposisi = selectors.process_disposisi(process=process)
        return Response(s.DisposisiSerializer(disposisi, many=True).data)

    @extend_schema(
        tags=["disposisi"],
        request=s.DisposisiInputSerializer,
        responses={201: s.DisposisiSerializer, **refusals(400, 403, 404, 409)},
        summary="Isi lembar disposisi",
    )
    def post(self, request: Request, process_id: int) -> Response:
        process, _scope = access_process_by_id(request.user, process_id)
        data = parse(s.DisposisiInputSerializer, request.data, pd=process.pd)
        disposisi = services.disposisi_record(
            process_id=process_id, actor_user=request.user, **data
        )
        return Response(s.DisposisiSerializer(disposisi).data, status=status.HTTP_201_CREATED)


class TeamView(APIView):
    @extend_schema(
        tags=["tim"],
        request=s.TeamInputSerializer,
        responses={201: s.TeamSerializer, **refusals(400, 403, 404, 409)},
        summary="Tetapkan tim yang diperlukan langkah saat ini (SK)",
    )
    def post(self, request: Request, process_id: int) -> Response:
        data = parse(s.TeamInputSerializer, request.data)
        team = services.team_form(
            process_id=process_id,
            actor_user=request.user,
            sk_nomor=data["sk_nomor"],
            sk_tanggal=data["sk_tanggal"],
            members=data["members"],
        )
        prefetch_related_objects([team], "members__user", "members__position")
        return Response(s.TeamSerializer(team).data, status=status.HTTP_201_CREATED)


class AuditorsView(APIView):
    @extend_schema(
        tags=["reviu"],
        request=s.AuditorsInputSerializer,
        responses={200: s.AuditorsSerializer, **refusals(400, 403, 404)},
        summary="Tugaskan auditor Inspektorat untuk mereviu proses",
    )
    def post(self, request: Request, process_id: int) -> Response:
        data = parse(s.AuditorsInputSerializer, request.data)
        auditors = services.auditors_assign(
            process_id=process_id, actor_user=request.user, auditors=data["usernames"]
        )
        return Response(s.AuditorsSerializer({"auditors": auditors}).data)


class NotesView(APIView):
    @extend_schema(
        tags=["reviu"],
        responses={200: s.NoteSerializer(many=True), **refusals(404)},
        summary="Catatan reviu dan koreksi proses",
    )
    def get(self, request: Request, process_id: int) -> Response:
        process, _scope = access_process_by_id(request.user, process_id)
        return Response(s.NoteSerializer(selectors.process_notes(process=process), many=True).data)

    @extend_schema(
        tags=["reviu"],
        request=s.NoteInputSerializer,
        responses={201: s.NoteSerializer, **refusals(400, 403, 404, 409)},
        summary="Tambah catatan reviu (auditor) atau koreksi (Kepala PD)",
    )
    def post(self, request: Request, process_id: int) -> Response:
        data = parse(s.NoteInputSerializer, request.data)
        note = services.note_add(process_id=process_id, actor_user=request.user, **data)
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class NoteResponseView(APIView):
    @extend_schema(
        tags=["reviu"],
        request={
            "multipart/form-data": s.NoteResponseInputSerializer,
            "application/json": s.NoteResponseInputSerializer,
        },
        responses={200: s.NoteSerializer, **refusals(400, 403, 404, 409)},
        summary="Jawab catatan (dengan berkas perbaikan bila ada)",
    )
    def post(self, request: Request, note_id: int) -> Response:
        data = parse(s.NoteResponseInputSerializer, request.data)
        note = services.note_respond(
            note_id=note_id,
            actor_user=request.user,
            response=data["response"],
            upload=data.get("file"),
        )
        return Response(s.NoteSerializer(note).data)


class SignView(APIView):
    @extend_schema(
        tags=["tanda tangan"],
        request=s.SignInputSerializer,
        responses={201: s.SignatureSerializer, **refusals(400, 403, 404, 409)},
        summary="Tandatangani dokumen final dan setujui (Kepala PD)",
    )
    def post(self, request: Request, process_id: int) -> Response:
        data = parse(s.SignInputSerializer, request.data)
        signature = services.report_sign(
            process_id=process_id,
            actor_user=request.user,
            document_id=data["document"],
            note=data["note"],
        )
        return Response(s.SignatureSerializer(signature).data, status=status.HTTP_201_CREATED)


class VerifyView(APIView):
    @extend_schema(
        tags=["tanda tangan"],
        request={"multipart/form-data": s.VerifyInputSerializer},
        responses={200: s.VerifyResultSerializer, **refusals(400, 404, 409)},
        summary="Periksa apakah berkas sama persis dengan dokumen yang ditandatangani",
    )
    def post(self, request: Request, process_id: int) -> Response:
        data = parse(s.VerifyInputSerializer, request.data)
        result = services.signature_verify(
            process_id=process_id, user=request.user, upload=data["file"]
        )
        return Response(s.VerifyResultSerializer(result).data)
