"""Shapes of the API: input serializers check only the form of a request (types, formats,
references that must exist); output serializers only format. Every rule of the workflow
is decided by the services and workflow.policy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from organisation.models import PerangkatDaerah, Position, TeamMember, User
from workflow.models import Disposisi, ReviewNote

PD_UNKNOWN = _("Perangkat daerah '{slug}' tidak dikenal.")
POSITION_UNKNOWN = _("Jabatan dengan kode '{code}' tidak ada di {pd}.")
USERS_UNKNOWN = _("Pengguna tidak dikenal: {usernames}.")
PERIOD_RANGE = _("Periode 0 (tahunan) atau 1-4 (triwulan).")


# --- references -------------------------------------------------------------------------


class UserRefSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")


class PositionRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class PdRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


def resolve_users(usernames: list[str]) -> list[User]:
    """Users by username, in the given order; unknown names are an input error."""
    found = {u.username: u for u in User.objects.filter(username__in=usernames)}
    unknown = [name for name in usernames if name not in found]
    if unknown:
        raise serializers.ValidationError(
            str(USERS_UNKNOWN).format(usernames=", ".join(sorted(set(unknown))))
        )
    return [found[name] for name in usernames]


# --- errors -----------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """The body of every refused action (workflow.api.errors)."""

    code = serializers.CharField()
    message = serializers.CharField()
    details = serializers.JSONField()


# --- inbox and lists --------------------------------------------------------------------


class InboxProcessSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class InboxStepSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    uraian = serializers.CharField()


class InboxTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    process = InboxProcessSerializer()
    step = InboxStepSerializer()
    visit = serializers.IntegerField()
    pelaksana = serializers.CharField()
    pelaksana_label = serializers.SerializerMethodField()
    started_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.BooleanField(source="is_overdue")

    @extend_schema_field(OpenApiTypes.STR)
    def get_pelaksana_label(self, task) -> str:
        return task.process.revision.column_labels.get(task.pelaksana, task.pelaksana)


class ProcessListQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2999)
    state = serializers.CharField(required=False, max_length=40)


class StepRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    uraian = serializers.CharField()
    pelaksana = serializers.CharField()
    waktu = serializers.CharField()


class ProcessSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    sop_code = serializers.CharField()
    pd = PdRefSerializer()
    year = serializers.IntegerField()
    period = serializers.IntegerField()
    subject = serializers.CharField()
    state = serializers.CharField()
    current_step = StepRefSerializer(allow_null=True)
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class ProcessStartSerializer(serializers.Serializer):
    sop_code = serializers.SlugField(max_length=50)
    pd = serializers.SlugField(max_length=50, help_text=_("Slug perangkat daerah."))
    year = serializers.IntegerField(min_value=2000, max_value=2999)
    period = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=4,
        error_messages={"min_value": PERIOD_RANGE, "max_value": PERIOD_RANGE},
    )

    def validate_pd(self, slug: str) -> PerangkatDaerah:
        pd = PerangkatDaerah.objects.filter(slug=slug).first()
        if pd is None:
            raise serializers.ValidationError(str(PD_UNKNOWN).format(slug=slug))
        return pd


# --- process detail ---------------------------------------------------------------------


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    step = serializers.IntegerField(source="step.number")
    visit = serializers.IntegerField()
    pelaksana = serializers.CharField()
    position = PositionRefSerializer(allow_null=True)
    team = serializers.CharField(source="team.get_purpose_display", allow_null=True)
    status = serializers.CharField()
    started_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    completed_by = UserRefSerializer(allow_null=True)
    on_behalf_of = UserRefSerializer(source="completed_on_behalf_of", allow_null=True)
    outcome = serializers.CharField()


class AuditDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField()
    sha256 = serializers.CharField()


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    step = serializers.IntegerField(source="step.number", allow_null=True)
    actor = UserRefSerializer(allow_null=True)
    on_behalf_of = UserRefSerializer(allow_null=True)
    as_position = PositionRefSerializer(allow_null=True)
    note = serializers.CharField()
    documents = AuditDocumentSerializer(many=True)
    data = serializers.DictField()
    created_at = serializers.DateTimeField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_by = UserRefSerializer()
    on_behalf_of = UserRefSerializer(allow_null=True)
    uploaded_at = serializers.DateTimeField()
    signed = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_signed(self, document) -> bool:
        return getattr(document, "signature", None) is not None


class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    target_type = serializers.CharField()
    target_ref = serializers.CharField()
    text = serializers.CharField()
    author = UserRefSerializer()
    created_at = serializers.DateTimeField()
    answered = serializers.BooleanField(source="is_answered")
    response = serializers.CharField()
    response_document = serializers.IntegerField(source="response_document_id", allow_null=True)
    responded_by = UserRefSerializer(allow_null=True)
    responded_at = serializers.DateTimeField(allow_null=True)


class DisposisiSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    surat_dari = serializers.CharField()
    nomor_surat = serializers.CharField()
    tanggal_surat = serializers.DateField()
    diterima_tanggal = serializers.DateField()
    nomor_agenda = serializers.CharField()
    sifat = serializers.CharField()
    perihal = serializers.CharField()
    diteruskan_kepada = PositionRefSerializer()
    instruksi = serializers.ListField(child=serializers.CharField())
    catatan = serializers.CharField()
    batas_waktu = serializers.DateField(allow_null=True)
    created_by = UserRefSerializer()
    on_behalf_of = UserRefSerializer(allow_null=True)
    created_at = serializers.DateTimeField()


class StepForecastSerializer(serializers.Serializer):
    step = serializers.IntegerField(source="step.number")
    uraian = serializers.CharField(source="step.uraian")
    expected_start = serializers.DateTimeField()
    expected_end = serializers.DateTimeField()
    latest_start = serializers.DateTimeField(allow_null=True)
    latest_end = serializers.DateTimeField(allow_null=True)
    late_start = serializers.BooleanField()


class ScheduleSerializer(serializers.Serializer):
    deadline = serializers.DateTimeField(allow_null=True)
    forecast_end = serializers.DateTimeField()
    at_risk = serializers.BooleanField()
    finished = serializers.BooleanField()
    steps = StepForecastSerializer(many=True)


class TransitionOptionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    target = serializers.CharField()
    allowed = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


class ProcessDetailSerializer(serializers.Serializer):
    """Formats a workflow.selectors.ProcessOverview."""

    process = ProcessSummarySerializer()
    tasks = TaskSerializer(many=True)
    history = AuditEntrySerializer(many=True)
    documents = DocumentSerializer(many=True)
    notes = NoteSerializer(many=True)
    disposisi = DisposisiSerializer(many=True)
    schedule = ScheduleSerializer()
    available_transitions = TransitionOptionSerializer(many=True)


# --- actions ----------------------------------------------------------------------------


class TransitionInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.SlugField(max_length=60)
    file = serializers.FileField(allow_empty_file=True)  # the service says why it refuses


class DisposisiInputSerializer(serializers.Serializer):
    surat_dari = serializers.CharField(max_length=200)
    nomor_surat = serializers.CharField(max_length=100)
    tanggal_surat = serializers.DateField()
    diterima_tanggal = serializers.DateField()
    nomor_agenda = serializers.CharField(max_length=50)
    sifat = serializers.ChoiceField(choices=Disposisi.Sifat.choices)
    perihal = serializers.CharField(max_length=255)
    diteruskan_kepada = serializers.SlugField(
        help_text=_("Kode jabatan tujuan di perangkat daerah proses ini, mis. 'sekcam'.")
    )
    instruksi = serializers.ListField(
        child=serializers.ChoiceField(choices=Disposisi.Instruksi.choices), allow_empty=True
    )
    catatan = serializers.CharField(required=False, allow_blank=True, default="")
    batas_waktu = serializers.DateField(required=False, allow_null=True, default=None)

    def validate_diteruskan_kepada(self, code: str) -> Position:
        pd = self.context["pd"]
        position = Position.objects.filter(pd=pd, code=code).first()
        if position is None:
            raise serializers.ValidationError(str(POSITION_UNKNOWN).format(code=code, pd=pd))
        return position


class TeamMemberInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=TeamMember.Role.choices)


class TeamInputSerializer(serializers.Serializer):
    sk_nomor = serializers.CharField(max_length=100)
    sk_tanggal = serializers.DateField()
    members = TeamMemberInputSerializer(many=True, allow_empty=True)

    def validate_members(self, members: list[dict]) -> list[tuple[User, str]]:
        users = resolve_users([m["username"] for m in members])
        return [(user, m["role"]) for user, m in zip(users, members, strict=True)]


class TeamMemberSerializer(serializers.Serializer):
    user = UserRefSerializer()
    role = serializers.CharField()
    position = PositionRefSerializer(allow_null=True)


class TeamSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    purpose = serializers.CharField()
    year = serializers.IntegerField()
    sk_nomor = serializers.CharField()
    sk_tanggal = serializers.DateField()
    members = TeamMemberSerializer(many=True, source="members.all")


class AuditorsInputSerializer(serializers.Serializer):
    usernames = serializers.ListField(child=serializers.CharField(max_length=150), allow_empty=True)

    def validate_usernames(self, usernames: list[str]) -> list[User]:
        return resolve_users(usernames)


class AuditorsSerializer(serializers.Serializer):
    auditors = UserRefSerializer(many=True)


class NoteInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReviewNote.Kind.choices)
    target_type = serializers.ChoiceField(choices=ReviewNote.Target.choices)
    target_ref = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    text = serializers.CharField()


class NoteResponseInputSerializer(serializers.Serializer):
    response = serializers.CharField()
    file = serializers.FileField(required=False, allow_empty_file=True)


class SignInputSerializer(serializers.Serializer):
    document = serializers.IntegerField(min_value=1)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SignatureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    document = DocumentSerializer()
    sha256 = serializers.CharField()
    signed_by = UserRefSerializer()
    on_behalf_of = UserRefSerializer(allow_null=True)
    signed_at = serializers.DateTimeField()


class VerifyInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


class VerifyResultSerializer(serializers.Serializer):
    match = serializers.BooleanField()
    sha256 = serializers.CharField(help_text=_("SHA-256 berkas yang diperiksa."))
    signed_document = serializers.CharField(source="signature.document.original_name")
    signed_sha256 = serializers.CharField(source="signature.sha256")
    signer = UserRefSerializer(source="signature.signed_by")
    on_behalf_of = UserRefSerializer(source="signature.on_behalf_of", allow_null=True)
    signed_at = serializers.DateTimeField(source="signature.signed_at")


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
