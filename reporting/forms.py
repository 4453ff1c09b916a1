"""Input shapes of the reporting pages. They only parse; the services clean the values the
Indonesian way (reporting.services.clean_*) and decide who may write them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Target


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=1990, max_value=2100)
    source = forms.ChoiceField(label=_("Sumber"), choices=Target.Source.choices)
    value = forms.CharField(
        label=_("Target"),
        max_length=40,
        required=False,
        help_text=_("Angka (85,5) atau rentang (60-70); kosongkan untuk menghapus."),
    )


class RealisasiForm(forms.Form):
    triwulan = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(0, _("Tahunan")), *((n, _("Triwulan %(n)s") % {"n": n}) for n in range(1, 5))],
    )
    value = forms.CharField(
        label=_("Realisasi"),
        max_length=40,
        required=False,
        help_text=_("Kosongkan untuk menghapus."),
    )
    bukti = forms.CharField(
        label=_("Keterangan bukti dukung"), max_length=2000, required=False, widget=forms.Textarea
    )


class EvidenceForm(forms.Form):
    triwulan = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(0, _("Tahunan")), *((n, _("Triwulan %(n)s") % {"n": n}) for n in range(1, 5))],
    )
    label = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
    url = forms.CharField(label=_("Tautan"), max_length=500, required=False)
    file = forms.FileField(label=_("Berkas"), required=False)


class AnalysisForm(forms.Form):
    analisis = forms.CharField(
        label=_("Analisis keberhasilan / kegagalan"), required=False, widget=forms.Textarea
    )
    solusi = forms.CharField(label=_("Solusi"), required=False, widget=forms.Textarea)


class BudgetForm(forms.Form):
    node = forms.CharField(widget=forms.HiddenInput)
    pagu_induk = forms.CharField(label=_("Pagu induk"), max_length=30, required=False)
    pagu_perubahan = forms.CharField(label=_("Pagu perubahan"), max_length=30, required=False)
    realisasi = forms.CharField(label=_("Realisasi"), max_length=30, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas XLSX"))


class SurveyForm(forms.Form):
    triwulan = forms.TypedChoiceField(
        label=_("Periode"),
        coerce=int,
        choices=[(0, _("Tahunan")), *((n, _("Triwulan %(n)s") % {"n": n}) for n in range(1, 5))],
    )
    indicator = forms.CharField(
        label=_("Kode indikator IKM"),
        max_length=40,
        required=False,
        help_text=_("Indikator yang realisasinya diisi dengan nilai IKM, misalnya S1-I1."),
    )
    file = forms.FileField(label=_("Berkas XLSX responden"))


class FindingForm(forms.Form):
    table = forms.CharField(max_length=20)
    row = forms.CharField(max_length=80)
    column = forms.CharField(max_length=60)
