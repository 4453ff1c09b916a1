"""Shapes of the performance data API. Input serializers check only the form of a request
(types, ranges, codes that must exist in the PD); the services decide everything else and
clean the figures themselves (Indonesian notation "85,5", "2.451.096.500"), so a figure is
passed on as sent. Output serializers only format."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workflow.api.serializers import PositionRefSerializer, UserRefSerializer

from ..models import Indicator, Node, Target

TRIWULAN_RANGE = _("Triwulan 0 (tahunan) atau 1-4.")
YEAR_RANGE = _("Tahun 1990-2100.")
FIGURE_INVALID = _("Isi angka atau teks angka (mis. 85,5), atau null untuk mengosongkan.")
INDICATOR_UNKNOWN = _("Indikator '{code}' tidak ada di {pd}.")
NODE_UNKNOWN = _("Program/kegiatan '{code}' tidak ada di {pd}.")
NODE_TWICE = _("Program/kegiatan '{code}' disebut lebih dari sekali.")
SOURCE_CHOICE = _("Sumber target '{input}' tidak dikenal; pilih salah satu: {choices}.")
LIMIT_RANGE = _("Batas 1-500 baris.")
NOT_A_LIST = _("Kirim daftar baris anggaran, satu objek per program/kegiatan.")


def plain(value: Decimal) -> str:
    """A stored Decimal in plain notation without trailing zeros: 67.1500 -> "67.15"."""
    return format(value.normalize(), "f")


def raw(value):
    """A table cell's raw value for JSON: text stays text, a number becomes a number."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def triwulan_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        max_value=4,
        error_messages={"min_value": TRIWULAN_RANGE, "max_value": TRIWULAN_RANGE},
        **kwargs,
    )


def year_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1990,
        max_value=2100,
        error_messages={"min_value": YEAR_RANGE, "max_value": YEAR_RANGE},
        **kwargs,
    )


@extend_schema_field(OpenApiTypes.DECIMAL)
class DecimalTextField(serializers.Field):
    """A measured value as a string in plain notation ("67.15"): exact, unlike a float."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return plain(value)


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "number"}]})
class FigureField(serializers.Field):
    """A figure as sent (number or text such as "85,5" or "60-70"); the service reads it."""

    default_error_messages = {"invalid": FIGURE_INVALID}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


def percent_field(**kwargs) -> serializers.DecimalField:
    """A percentage as a JSON number (two decimals)."""
    return serializers.DecimalField(
        max_digits=None, decimal_places=2, coerce_to_string=False, allow_null=True, **kwargs
    )


# --- the PD and its indicators -----------------------------------------------------------


class KinerjaPdSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kabupaten = serializers.CharField(source="kabupaten.name")


class KinerjaIndicatorSerializer(serializers.Serializer):
    """One indicator of the report year, as reporting.tables computes it."""

    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField(help_text=_("Tingkat simpulnya: tujuan, sasaran, program..."))
    node = serializers.CharField(help_text=_("Kode tujuan/sasaran/program/kegiatan."))
    node_name = serializers.CharField()
    satuan = serializers.CharField()
    polaritas = serializers.CharField()
    pengampu = PositionRefSerializer(allow_null=True)
    target = serializers.CharField(
        allow_null=True, help_text=_("Target yang berlaku, seperti tertulis: '85,5' atau '60-70'.")
    )
    target_source = serializers.CharField(allow_null=True)
    realisasi = DecimalTextField(allow_null=True, help_text=_("Realisasi tahunan (triwulan 0)."))
    realisasi_tw1 = DecimalTextField(allow_null=True)
    realisasi_tw2 = DecimalTextField(allow_null=True)
    realisasi_tw3 = DecimalTextField(allow_null=True)
    realisasi_tw4 = DecimalTextField(allow_null=True)
    capaian = percent_field()
    capaian_display = serializers.CharField(help_text=_("Seperti tercetak: '95,93' atau '-'."))
    capaian_note = serializers.CharField(help_text=_("Mengapa capaian tidak dihitung."))
    kategori = serializers.CharField()
    editable = serializers.BooleanField(
        help_text=_("Apakah pengguna ini boleh mengisi realisasinya (pengampu).")
    )


class RealisasiInputSerializer(serializers.Serializer):
    triwulan = triwulan_field(required=False, default=0)
    value = FigureField(allow_null=True, help_text=_("Angka; null atau '' mengosongkan."))
    bukti = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Keterangan bukti dukung (teks).")
    )


class KinerjaRealisasiSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    year = serializers.IntegerField()
    triwulan = serializers.IntegerField()
    value = DecimalTextField(allow_null=True, help_text=_("null bila realisasi dikosongkan."))
    bukti = serializers.CharField()
    entered_by = UserRefSerializer(allow_null=True)
    entered_at = serializers.DateTimeField(allow_null=True)


class TargetInputSerializer(serializers.Serializer):
    source = serializers.ChoiceField(
        choices=Target.Source.choices,
        error_messages={
            "invalid_choice": str(SOURCE_CHOICE).replace(
                "{choices}", ", ".join(Target.Source.values)
            )
        },
    )
    value = FigureField(allow_null=True, help_text=_("'85,5', 85.5 atau '60-70'; null menghapus."))
    year = year_field(required=False, help_text=_("Bawaan: tahun pada URL."))


class KinerjaTargetSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    year = serializers.IntegerField()
    source = serializers.CharField()
    value = serializers.CharField(allow_null=True, help_text=_("null bila target dihapus."))


class AnalysisInputSerializer(serializers.Serializer):
    analisis = serializers.CharField(allow_blank=True, trim_whitespace=False)
    solusi = serializers.CharField(allow_blank=True, trim_whitespace=False)


class KinerjaAnalysisSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    year = serializers.IntegerField()
    analisis = serializers.CharField()
    solusi = serializers.CharField()


class EvidenceInputSerializer(serializers.Serializer):
    triwulan = triwulan_field(required=False, default=0)
    file = serializers.FileField(required=False, allow_empty_file=True)
    url = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    label = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class KinerjaEvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.CharField(source="realisasi.indicator.code")
    year = serializers.IntegerField(source="realisasi.year")
    triwulan = serializers.IntegerField(source="realisasi.triwulan")
    label = serializers.CharField()
    url = serializers.CharField()
    file = serializers.SerializerMethodField()
    added_by = UserRefSerializer()
    added_at = serializers.DateTimeField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_file(self, evidence) -> str:
        return evidence.file.name.rsplit("/", 1)[-1] if evidence.file else ""


# --- budget ------------------------------------------------------------------------------


class NodeRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()


class KinerjaBudgetSerializer(serializers.Serializer):
    """A program, kegiatan or sub kegiatan: its own stored figures (null when not given)
    and what the report uses (its own row, else the sum of its descendants)."""

    node = NodeRefSerializer()
    year = serializers.IntegerField()
    pagu_induk = serializers.IntegerField(allow_null=True)
    pagu_perubahan = serializers.IntegerField(allow_null=True)
    realisasi = serializers.IntegerField(allow_null=True)
    perubahan_label = serializers.CharField(allow_null=True)
    report_pagu = serializers.IntegerField(allow_null=True)
    report_realisasi = serializers.IntegerField(allow_null=True)
    serapan = percent_field()


class BudgetInputSerializer(serializers.Serializer):
    """Rupiah: 2451096500 or "2.451.096.500"; null clears. All three are required, so
    that a PUT never clears a figure by leaving it out."""

    pagu_induk = FigureField(allow_null=True)
    pagu_perubahan = FigureField(allow_null=True)
    realisasi = FigureField(allow_null=True)
    perubahan_label = serializers.CharField(
        required=False, allow_blank=True, max_length=40, help_text=_("Mis. 'Pergeseran 8'.")
    )


class BudgetRowsInputSerializer(serializers.ListSerializer):
    default_error_messages = {"not_a_list": NOT_A_LIST}

    def validate(self, rows):
        seen = set()
        for row in rows:
            code = row["node"].code
            if code in seen:
                raise serializers.ValidationError(str(NODE_TWICE).format(code=code))
            seen.add(code)
        return rows


class BudgetRowInputSerializer(BudgetInputSerializer):
    node = serializers.CharField(max_length=40, help_text=_("Kode program/kegiatan."))

    class Meta:
        list_serializer_class = BudgetRowsInputSerializer

    def validate_node(self, code: str) -> Node:
        pd = self.context["pd"]
        node = Node.objects.filter(pd=pd, code=code).first()
        if node is None:
            raise serializers.ValidationError(str(NODE_UNKNOWN).format(code=code, pd=pd.name))
        return node


# --- tables and the check ----------------------------------------------------------------


class TableSummarySerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    caption = serializers.CharField()


class TableColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    header = serializers.CharField()
    kind = serializers.CharField(help_text=_("text, number, target, percent, rupiah"))
    group = serializers.CharField(help_text=_("Judul yang membawahi kolom berurutan."))


class TableRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Kode indikator atau simpul; 'TOTAL' baris jumlah."))
    level = serializers.CharField()
    cells = serializers.DictField(
        child=serializers.CharField(allow_blank=True), help_text=_("Seperti tercetak.")
    )
    values = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        help_text=_("Nilai mentah: teks, angka, atau null."),
    )


class TableSerializer(TableSummarySerializer):
    sumber = serializers.CharField()
    columns = TableColumnSerializer(many=True)
    rows = TableRowSerializer(many=True)


class FindingSerializer(serializers.Serializer):
    table = serializers.CharField()
    row = serializers.CharField()
    column = serializers.CharField()
    printed = serializers.CharField()
    computed = serializers.CharField()
    kind = serializers.CharField()
    message = serializers.CharField()


class FindingNoteInputSerializer(serializers.Serializer):
    table = serializers.CharField(max_length=20)
    row = serializers.CharField(max_length=80)
    column = serializers.CharField(max_length=60)


# --- XLSX import, IKM, trail -------------------------------------------------------------


class UploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)  # the service says why it refuses


class SheetCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    changed = serializers.IntegerField()
    deleted = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class ImportResultSerializer(serializers.Serializer):
    sheets = serializers.ListField(child=serializers.CharField())
    target = SheetCountsSerializer()
    realisasi = SheetCountsSerializer()
    anggaran = SheetCountsSerializer()
    changes = serializers.IntegerField()


class IkmImportInputSerializer(serializers.Serializer):
    triwulan = triwulan_field(required=False, default=0)
    file = serializers.FileField(allow_empty_file=True)
    indicator = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text=_("Kode indikator yang realisasinya diisi IKM survei ini."),
    )

    def validate_indicator(self, code: str) -> Indicator | None:
        if not code:
            return None
        pd = self.context["pd"]
        indicator = Indicator.objects.filter(pd=pd, code=code).first()
        if indicator is None:
            raise serializers.ValidationError(str(INDICATOR_UNKNOWN).format(code=code, pd=pd.name))
        return indicator


class IkmSurveySerializer(serializers.Serializer):
    """A survey with its IKM (PermenPANRB 14/2017); the result is null without responses."""

    id = serializers.IntegerField()
    year = serializers.IntegerField()
    triwulan = serializers.IntegerField()
    indicator = serializers.CharField(allow_null=True)
    respondents = serializers.IntegerField()
    value = percent_field(help_text=_("Nilai IKM (25-100)."))
    mutu = serializers.CharField(allow_null=True)
    kinerja = serializers.CharField(allow_null=True)
    nrr = serializers.ListField(
        child=serializers.DecimalField(max_digits=None, decimal_places=2, coerce_to_string=False),
        help_text=_("NRR per unsur (U1-U9)."),
    )
    created_by = UserRefSerializer()
    created_at = serializers.DateTimeField()


class ChangesQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        required=False,
        default=50,
        min_value=1,
        max_value=500,
        error_messages={"min_value": LIMIT_RANGE, "max_value": LIMIT_RANGE},
    )
    offset = serializers.IntegerField(required=False, default=0, min_value=0)


class DataChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    user = UserRefSerializer(allow_null=True)
    what = serializers.CharField()
    ref = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()
    via = serializers.CharField()
