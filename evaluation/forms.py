"""Input shapes of the evaluation pages. They only parse; the services check the values
(scores within their weight, a complete link, who may write) and answer in Bahasa
Indonesia."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import Assignment, PerangkatDaerah, User
from reporting.tables import Kind, display
from workflow.forms import DateInput

SCORE_PREFIX = "nilai-"
RECOMMENDATION_PREFIX = "rekomendasi-"


def inspektorat_users(pd: PerangkatDaerah) -> list[User]:
    """The people of the Inspektorat of the PD's kabupaten (the possible evaluators)."""
    open_assignments = Assignment.objects.filter(
        position__pd__kabupaten_id=pd.kabupaten_id,
        position__pd__kind=PerangkatDaerah.Kind.INSPEKTORAT,
        end__isnull=True,
    )
    return list(
        User.objects.filter(assignments__in=open_assignments, is_active=True)
        .distinct()
        .order_by("username")
    )


def weight_text(value) -> str:
    return display(value, Kind.NUMBER)


class LheForm(forms.Form):
    """The LHE: its identity, a score per component (or the recorded total), the
    evaluators and the recommendations, one textarea per component."""

    year = forms.IntegerField(
        label=_("Tahun SAKIP yang dievaluasi"), min_value=1990, max_value=2100
    )
    tanggal = forms.DateField(label=_("Tanggal LHE"), widget=DateInput())
    nomor = forms.CharField(label=_("Nomor LHE"), max_length=100, required=False)
    document = forms.FileField(
        label=_("Dokumen LHE"),
        required=False,
        help_text=_("Berkas LHE yang ditandatangani (PDF), bila sudah ada."),
    )
    nilai_tercatat = forms.CharField(
        label=_("Nilai total tercatat"),
        max_length=20,
        required=False,
        help_text=_(
            "Hanya bila nilai per komponen tidak diketahui (LHE lama): nilai total seperti "
            "tertulis pada LHE, 0 sampai 100. Kosongkan bila nilai per komponen diisi."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input--num"}),
    )
    evaluators = forms.ModelMultipleChoiceField(
        label=_("Evaluator"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    catatan = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea)

    def __init__(self, *args, components, evaluators: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.components = list(components)
        field = self.fields["evaluators"]
        field.queryset = User.objects.filter(pk__in=[u.pk for u in evaluators]).order_by("username")
        field.label_from_instance = lambda u: u.display_name
        for component in self.components:
            weight = weight_text(component.weight)
            prefix = "— " if component.parent_id else ""
            self.fields[SCORE_PREFIX + component.code] = forms.CharField(
                label=prefix
                + _("%(name)s (bobot %(weight)s)") % {"name": component.name, "weight": weight},
                max_length=20,
                required=False,
                help_text=_("0 sampai %(weight)s.") % {"weight": weight},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input--num"}),
            )
        for component in self.components:
            self.fields[RECOMMENDATION_PREFIX + component.code] = forms.CharField(
                label=_("Rekomendasi %(name)s") % {"name": component.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_(
                    "Satu rekomendasi per paragraf; pisahkan dua rekomendasi dengan baris kosong."
                ),
            )

    @property
    def head_fields(self):
        return [self[name] for name in ("year", "tanggal", "nomor", "document")]

    @property
    def score_fields(self):
        return [self[SCORE_PREFIX + c.code] for c in self.components]

    @property
    def recommendation_fields(self):
        return [self[RECOMMENDATION_PREFIX + c.code] for c in self.components]

    def scores(self) -> dict[str, str]:
        """The scores filled in, by component code, as typed (the service parses them)."""
        data = self.cleaned_data
        return {
            c.code: data[SCORE_PREFIX + c.code].strip()
            for c in self.components
            if data.get(SCORE_PREFIX + c.code, "").strip()
        }

    def recommendations(self) -> list[tuple[str, str]]:
        """(component code, text) in the order of the components: one recommendation per
        paragraph (a blank line between two), so one may have several lines ("a. ...",
        "b. ...")."""
        out = []
        for c in self.components:
            text = self.cleaned_data.get(RECOMMENDATION_PREFIX + c.code, "")
            for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
                lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
                if lines:
                    out.append((c.code, "\n".join(lines)))
        return out


class PlanForm(forms.Form):
    """The rencana aksi of a follow-up; the penanggung jawab is a position of the PD."""

    action = forms.CharField(
        label=_("Rencana aksi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    output_satuan = forms.CharField(
        label=_("Satuan output"),
        max_length=60,
        required=False,
        help_text=_("Misalnya dokumen, laporan, kegiatan."),
    )
    output_uraian = forms.CharField(
        label=_("Uraian output"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    pic = forms.ChoiceField(label=_("Penanggung jawab"), required=False)
    target_date = forms.DateField(label=_("Target selesai"), required=False, widget=DateInput())

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pic"].choices = [("", "—"), *((p.code, p.title) for p in positions)]


class EvidenceForm(forms.Form):
    """A bukti dukung: a link or a file (the service refuses both or neither)."""

    label = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
    url = forms.CharField(
        label=_("Tautan"),
        max_length=500,
        required=False,
        help_text=_("Alamat lengkap, diawali https://, misalnya tautan Google Drive."),
    )
    file = forms.FileField(label=_("Berkas"), required=False)
