"""Forms of the web pages. They check only the shape of the input (types, choices,
required fields, the confirmation of an action that cannot be undone); every rule of the
workflow is decided by the services, whose refusals the views show beside the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import Assignment, PerangkatDaerah, Position, TeamMember, User

from .models import Disposisi, Document, ReviewNote
from .templatetags.alur import waktu

CONFIRM_SIGN = _("Saya menyetujui dan menandatangani dokumen ini")
CONFIRM_FINAL = _("Saya memastikan aksi ini benar; aksi ini tidak dapat dibatalkan")
CONFIRM_REQUIRED = _("Centang konfirmasi ini untuk melanjutkan; aksi ini tidak dapat dibatalkan.")
TEAM_EMPTY = _("Pilih peran tim bagi sedikitnya satu pegawai.")
NO_ROLE = ("", "—")
DOCUMENT_NEEDED = _("Wajib diunggah sebelum aksi ini.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def document_field_name(kind: str) -> str:
    return f"dokumen_{kind}"


class TransitionForm(forms.Form):
    """Run an action of the current step: a note, a file input for each required document
    not yet uploaded in the user's task, and a confirmation when the action is final."""

    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args, missing_documents: dict[str, str] | None = None, final=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.document_kinds = list((missing_documents or {}).keys())
        for kind, label in (missing_documents or {}).items():
            # Not required by the form: the file may have been uploaded before; the
            # transition service says what is still missing.
            self.fields[document_field_name(kind)] = forms.FileField(
                label=label, required=False, help_text=DOCUMENT_NEEDED
            )
        if final:
            self.fields["confirm"] = forms.BooleanField(
                label=CONFIRM_FINAL, required=True, error_messages={"required": CONFIRM_REQUIRED}
            )

    def document_fields(self):
        return [self[document_field_name(kind)] for kind in self.document_kinds]

    def uploads(self) -> list[tuple[str, object]]:
        """(kind, file) for each file given."""
        out = []
        for kind in self.document_kinds:
            upload = self.cleaned_data.get(document_field_name(kind))
            if upload:
                out.append((kind, upload))
        return out


class DocumentForm(forms.Form):
    """Upload one document of the current step (any kind the SOP knows)."""

    kind = forms.ChoiceField(label=_("Jenis dokumen"))
    file = forms.FileField(label=_("Berkas"))

    def __init__(self, *args, kinds: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds.items())


class DisposisiForm(forms.Form):
    """The lembar disposisi, every field of the printed form."""

    surat_dari = forms.CharField(label=_("Surat dari"), max_length=200)
    nomor_surat = forms.CharField(label=_("Nomor surat"), max_length=100)
    tanggal_surat = forms.DateField(label=_("Tanggal surat"), widget=DateInput())
    diterima_tanggal = forms.DateField(label=_("Diterima tanggal"), widget=DateInput())
    nomor_agenda = forms.CharField(label=_("Nomor agenda"), max_length=50)
    sifat = forms.ChoiceField(
        label=_("Sifat"), choices=Disposisi.Sifat.choices, widget=forms.RadioSelect
    )
    perihal = forms.CharField(label=_("Perihal"), max_length=255)
    diteruskan_kepada = forms.ModelChoiceField(
        label=_("Diteruskan kepada"), queryset=Position.objects.none(), empty_label=None
    )
    instruksi = forms.MultipleChoiceField(
        label=_("Dengan hormat harap"),
        choices=Disposisi.Instruksi.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    catatan = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    batas_waktu = forms.DateField(label=_("Batas waktu"), required=False, widget=DateInput())

    def __init__(self, *args, pd: PerangkatDaerah, **kwargs):
        super().__init__(*args, **kwargs)
        positions = Position.objects.filter(pd=pd).order_by("order", "id")
        self.fields["diteruskan_kepada"].queryset = positions
        self.fields["diteruskan_kepada"].label_from_instance = lambda p: p.title
        if not self.is_bound:
            sekretaris = next((p for p in positions if p.role == Position.Role.SEKRETARIS), None)
            self.initial.setdefault("diteruskan_kepada", sekretaris)
            self.initial.setdefault("sifat", Disposisi.Sifat.BIASA)


def pd_employees(pd: PerangkatDaerah, day) -> list[Assignment]:
    """Who holds a position in `pd` on `day`, in the order of the organisation chart."""
    return list(
        Assignment.objects.filter(position__pd=pd, start__lte=day)
        .exclude(end__lt=day)
        .select_related("user", "position")
        .order_by("position__order", "position_id", "user__username")
    )


class TeamForm(forms.Form):
    """The SK forming a team: number, date, and a team role for each employee of the PD."""

    sk_nomor = forms.CharField(label=_("Nomor SK"), max_length=100)
    sk_tanggal = forms.DateField(label=_("Tanggal SK"), widget=DateInput())

    def __init__(self, *args, employees: list[Assignment], current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.employees = employees
        roles = {m.user_id: m.role for m in current.members.all()} if current else {}
        if current is not None and not self.is_bound:
            self.initial.setdefault("sk_nomor", current.sk_nomor)
            self.initial.setdefault("sk_tanggal", current.sk_tanggal)
        for assignment in employees:
            name = f"peran_{assignment.user_id}"
            self.fields[name] = forms.ChoiceField(
                label=assignment.user.display_name,
                choices=[NO_ROLE, *TeamMember.Role.choices],
                required=False,
                initial=roles.get(assignment.user_id, ""),
            )

    def rows(self):
        return [(a, self[f"peran_{a.user_id}"]) for a in self.employees]

    def clean(self):
        cleaned = super().clean()
        members = [
            (a.user, cleaned.get(f"peran_{a.user_id}"))
            for a in self.employees
            if cleaned.get(f"peran_{a.user_id}")
        ]
        if not members:
            raise forms.ValidationError(TEAM_EMPTY)
        cleaned["members"] = members
        return cleaned


def inspektorat_auditors(process) -> list[User]:
    """The people of the Inspektorat of the process's kabupaten (who may be assigned)."""
    today_open = Assignment.objects.filter(
        position__pd__kabupaten_id=process.pd.kabupaten_id,
        position__pd__kind=PerangkatDaerah.Kind.INSPEKTORAT,
        end__isnull=True,
    )
    return list(
        User.objects.filter(assignments__in=today_open, is_active=True)
        .distinct()
        .order_by("username")
    )


class AuditorsForm(forms.Form):
    auditors = forms.ModelMultipleChoiceField(
        label=_("Auditor yang ditugaskan"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates: list[User], assigned=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["auditors"]
        field.queryset = User.objects.filter(pk__in=[u.pk for u in candidates]).order_by("username")
        field.label_from_instance = lambda u: u.display_name
        if not self.is_bound:
            self.initial["auditors"] = [u.pk for u in assigned]


class NoteForm(forms.Form):
    """A reviu note (auditor) or a koreksi (Kepala PD): what it points at, and the text."""

    kind = forms.ChoiceField(choices=ReviewNote.Kind.choices, widget=forms.HiddenInput)
    target_type = forms.ChoiceField(label=_("Menunjuk"), choices=ReviewNote.Target.choices)
    target_ref = forms.CharField(
        label=_("Rujukan"),
        max_length=200,
        required=False,
        help_text=_("Misalnya Bab III, Tabel 3.2, atau nama indikator."),
    )
    text = forms.CharField(label=_("Isi catatan"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteResponseForm(forms.Form):
    response = forms.CharField(label=_("Tanggapan"), widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("Berkas perbaikan (bila ada)"), required=False)


class SignForm(forms.Form):
    """The Kepala PD picks the exact file to sign and confirms: it cannot be undone."""

    document = forms.ModelChoiceField(
        label=_("Dokumen yang ditandatangani"), queryset=Document.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(
        label=CONFIRM_SIGN, required=True, error_messages={"required": CONFIRM_REQUIRED}
    )

    def __init__(
        self,
        *args,
        documents: list[Document],
        default: Document | None,
        kind_labels: dict[str, str],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        field = self.fields["document"]
        field.queryset = Document.objects.filter(pk__in=[d.pk for d in documents]).order_by(
            "-uploaded_at", "-id"
        )
        field.label_from_instance = lambda d: (
            f"{d.original_name} — {kind_labels.get(d.kind, d.kind)}, {waktu(d.uploaded_at)}"
        )
        if default is not None and not self.is_bound:
            self.initial["document"] = default.pk


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Berkas yang diperiksa"))


class ProcessStartForm(forms.Form):
    sop_code = forms.ChoiceField(label=_("SOP"))
    pd = forms.ModelChoiceField(
        label=_("Perangkat daerah"), queryset=PerangkatDaerah.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=_("Tahun laporan"), min_value=2000, max_value=2999)
    period = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[
            (0, _("Tahunan")),
            (1, _("Triwulan I")),
            (2, _("Triwulan II")),
            (3, _("Triwulan III")),
            (4, _("Triwulan IV")),
        ],
        initial=0,
    )

    def __init__(self, *args, sops: list[tuple[str, str]], pds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sop_code"].choices = sops
        self.fields["pd"].queryset = PerangkatDaerah.objects.filter(pk__in=[p.pk for p in pds])
