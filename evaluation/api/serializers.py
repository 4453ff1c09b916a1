"""Shapes of the SAKIP evaluation API. Input serializers check only the form of a request
(types, dates, usernames that must exist); evaluation.services decides everything else
(who records or updates, component codes, scores against their weights, the links) and
reads the figures itself ("20,5"), so a score is passed on as sent. Output serializers only
format."""

from __future__ import annotations

import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from reporting.api.serializers import DecimalTextField, FigureField, year_field
from workflow.api.serializers import (
    PdRefSerializer,
    PositionRefSerializer,
    UserRefSerializer,
    resolve_users,
)

from ..selectors import STATES

SCORES_NOT_A_DICT = _(
    "Kirim nilai sebagai objek {kode komponen: nilai} (pada multipart: teks JSON)."
)
RECOMMENDATIONS_NOT_A_LIST = _(
    "Kirim rekomendasi sebagai daftar {component, text} (pada multipart: teks JSON)."
)
EVALUATORS_NOT_A_LIST = _("Kirim evaluator sebagai daftar nama pengguna.")


class JsonTextMixin:
    """A structured field of a multipart request (sent with a file) may come as JSON
    text: `scores={"perencanaan": "20,5"}`. Anything else is read as DRF reads forms."""

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and self.field_name in dictionary:
            values = dictionary.getlist(self.field_name)
            if len(values) == 1 and isinstance(values[0], str):
                try:
                    parsed = json.loads(values[0])
                except ValueError:
                    parsed = None
                if isinstance(parsed, dict | list):
                    return parsed
        return super().get_value(dictionary)


class JsonDictField(JsonTextMixin, serializers.DictField):
    pass


class JsonListField(JsonTextMixin, serializers.ListField):
    pass


# --- references --------------------------------------------------------------------------


class LheComponentSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class FollowUpEvidenceSerializer(serializers.Serializer):
    """A bukti dukung: a link (`url`) or an uploaded file (`file`, downloaded at
    `file_url` with the same login)."""

    id = serializers.IntegerField()
    label = serializers.CharField()
    url = serializers.CharField(help_text=_("Tautan; kosong bila bukti berupa berkas."))
    file = serializers.SerializerMethodField(help_text=_("Nama berkas; kosong bila tautan."))
    file_url = serializers.SerializerMethodField(
        help_text=_("Alamat unduhan berkas di API; null bila bukti berupa tautan.")
    )
    added_by = UserRefSerializer()
    added_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_file(self, evidence) -> str:
        return evidence.file.name.rsplit("/", 1)[-1] if evidence.file else ""

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file_url(self, evidence) -> str | None:
        if not evidence.file:
            return None
        return self.context["links"].evidence_file(evidence)


# --- follow-ups --------------------------------------------------------------------------


class FollowUpSerializer(serializers.Serializer):
    """A recommendation's follow-up: its rencana aksi and the state of its process (SOP
    tindak-lanjut-lhe), changed through /api/v1/processes/{process}/transitions/."""

    id = serializers.IntegerField()
    process = serializers.IntegerField(help_text=_("Proses tindak lanjut (API proses)."))
    status = serializers.ChoiceField(choices=STATES)
    status_label = serializers.CharField(help_text=_("Seperti tercetak pada Tabel 1.4."))
    action = serializers.CharField(help_text=_("Rencana aksi."))
    output_satuan = serializers.CharField()
    output_uraian = serializers.CharField()
    pic = PositionRefSerializer(allow_null=True, help_text=_("Penanggung jawab."))
    target_date = serializers.DateField(allow_null=True)
    evidence = FollowUpEvidenceSerializer(many=True)
    overdue = serializers.BooleanField(help_text=_("Tugas terbukanya melewati batas waktu."))
    due_at = serializers.DateTimeField(
        allow_null=True, help_text=_("Batas waktu tugas terbuka proses; null bila tidak ada.")
    )


class CarriedFromSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="lhe.year")
    number = serializers.IntegerField()


class RecommendationSerializer(serializers.Serializer):
    """A recommendation of the LHE (evaluation.selectors.FollowUpRow)."""

    component = LheComponentSerializer(source="recommendation.component")
    number = serializers.IntegerField(source="recommendation.number")
    text = serializers.CharField(source="recommendation.text")
    carried_from = CarriedFromSerializer(
        source="recommendation.carried_from",
        allow_null=True,
        help_text=_("Rekomendasi LHE tahun sebelumnya yang belum terverifikasi."),
    )
    follow_up = FollowUpSerializer()


class FollowUpPlanInputSerializer(serializers.Serializer):
    """All fields are required, so that a PUT never clears one by leaving it out."""

    action = serializers.CharField(allow_blank=True, help_text=_("Rencana aksi."))
    output_satuan = serializers.CharField(allow_blank=True, max_length=60)
    output_uraian = serializers.CharField(allow_blank=True)
    pic = serializers.CharField(
        allow_blank=True,
        max_length=50,
        help_text=_("Kode jabatan penanggung jawab di PD ini, mis. 'kasubag-progkeu'."),
    )
    target_date = serializers.DateField(allow_null=True)


class FollowUpEvidenceInputSerializer(serializers.Serializer):
    file = serializers.FileField(required=False, allow_empty_file=True)
    url = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    label = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


# --- LHE ---------------------------------------------------------------------------------


class LheScoreSerializer(serializers.Serializer):
    component = LheComponentSerializer()
    weight = DecimalTextField(source="component.weight", help_text=_("Bobot komponen."))
    value = DecimalTextField()


class LheRecommendationCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    carried = serializers.IntegerField(help_text=_("Dilanjutkan dari LHE sebelumnya."))
    per_status = serializers.DictField(child=serializers.IntegerField())


class LheSerializer(serializers.Serializer):
    pd = PdRefSerializer()
    year = serializers.IntegerField(help_text=_("Tahun SAKIP yang dievaluasi."))
    nomor = serializers.CharField()
    tanggal = serializers.DateField()
    scores = LheScoreSerializer(many=True, help_text=_("Kosong bila hanya nilai total tercatat."))
    total = DecimalTextField(allow_null=True)
    predikat = serializers.CharField(help_text=_("AA, A, BB, B, CC, C, D; '-' tanpa nilai."))
    predikat_label = serializers.CharField()
    catatan = serializers.CharField()
    document = serializers.URLField(
        allow_null=True, help_text=_("Alamat unduhan dokumen LHE di API; null bila tidak ada.")
    )
    evaluators = UserRefSerializer(many=True)
    recorded_by = UserRefSerializer()
    recorded_at = serializers.DateTimeField()
    counts = LheRecommendationCountsSerializer(help_text=_("Rekomendasi LHE ini."))


class LheDetailSerializer(LheSerializer):
    recommendations = RecommendationSerializer(many=True)


class RecommendationInputSerializer(serializers.Serializer):
    component = serializers.CharField(max_length=50, help_text=_("Kode komponen."))
    text = serializers.CharField(allow_blank=True)


class LheInputSerializer(serializers.Serializer):
    """In a multipart request (with `document`), `scores`, `recommendations` and
    `evaluators` are JSON text (evaluators may also be repeated fields)."""

    year = year_field(help_text=_("Tahun SAKIP yang dievaluasi."))
    tanggal = serializers.DateField()
    nomor = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    scores = JsonDictField(
        child=FigureField(allow_null=True),
        required=False,
        default=dict,
        error_messages={"not_a_dict": SCORES_NOT_A_DICT},
        help_text=_("Nilai per kode komponen, mis. {'perencanaan': '20,5'}."),
    )
    nilai_tercatat = FigureField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Nilai total bila nilai per komponen tidak ada (LHE lama)."),
    )
    recommendations = JsonListField(
        child=RecommendationInputSerializer(),
        allow_empty=True,
        error_messages={"not_a_list": RECOMMENDATIONS_NOT_A_LIST},
        help_text=_("Urut per komponen seperti tercetak; nomornya diberikan menurut urutan."),
    )
    evaluators = JsonListField(
        child=serializers.CharField(max_length=150),
        required=False,
        default=list,
        error_messages={"not_a_list": EVALUATORS_NOT_A_LIST},
        help_text=_("Nama pengguna auditor Inspektorat yang mengevaluasi."),
    )
    catatan = serializers.CharField(required=False, allow_blank=True, default="")
    document = serializers.FileField(required=False, allow_empty_file=True)

    def validate_evaluators(self, usernames: list[str]):
        return resolve_users(usernames)


# --- summaries and Tabel 1.4 -------------------------------------------------------------


class FollowUpSummarySerializer(serializers.Serializer):
    """evaluation.selectors.Summary: every follow-up of the PD, each counted once."""

    total = serializers.IntegerField()
    per_status = serializers.DictField(child=serializers.IntegerField())
    terlambat = serializers.IntegerField(help_text=_("Tugas terbukanya lewat batas waktu."))
    terverifikasi = serializers.IntegerField()


class PdFollowUpSummarySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    summary = FollowUpSummarySerializer()
