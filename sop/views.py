"""Read-only pages of the SOP catalogue, in the format of PermenPAN-RB 35/2012.

The detail page prints to A4 landscape (sop/static/sop/sop.css); the flowchart in the
pelaksana columns is laid out by `sop.flowchart.layout`."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from organisation.calendar import format_tanggal as tanggal

from .definition import IDENTITY_LISTS
from .flowchart import layout
from .models import SopRevision
from .selectors import sop_list, sop_revision_get, sop_revision_latest

EMPTY = "—"

# The two-column blocks under the identity table, as in PermenPAN-RB 35/2012.
IDENTITY_BLOCKS = (
    (("dasar_hukum", "Dasar Hukum"), ("kualifikasi_pelaksana", "Kualifikasi Pelaksana")),
    (("keterkaitan", "Keterkaitan"), ("peralatan_perlengkapan", "Peralatan/Perlengkapan")),
    (("peringatan", "Peringatan"), ("pencatatan_pendataan", "Pencatatan dan Pendataan")),
)
# Extra identity kept from the source document, shown when present.
IDENTITY_EXTRAS = (
    ("latar_belakang", "Latar Belakang"),
    ("tujuan", "Tujuan"),
    ("dokumen_pelengkap", "Dokumen Pelengkap"),
    ("catatan", "Catatan"),
)
assert {key for pair in IDENTITY_BLOCKS for key, _ in pair} == set(IDENTITY_LISTS)


def format_tanggal(value: str | dt.date | None) -> str:
    """'2025-01-02' -> '2 Januari 2025', without depending on the active locale; '—' if empty."""
    if not value:
        return EMPTY
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return tanggal(value)


def format_waktu_muat(value: dt.datetime) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_tanggal(local.date())} pukul {local:%H.%M}"


def _items(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)]


@login_required
def sop_list_view(request):
    revisions = SopRevision.objects.annotate(step_count=Count("steps")).order_by("-number")
    sops = sop_list().prefetch_related(Prefetch("revisions", queryset=revisions))
    rows = []
    for sop in sops:
        latest = next(iter(sop.revisions.all()), None)
        rows.append({"sop": sop, "latest": latest})
    return render(request, "sop/list.html", {"rows": rows})


@login_required
def sop_detail_view(request, code: str, number: int | None = None):
    try:
        if number is None:
            revision = sop_revision_latest(code=code)
        else:
            revision = sop_revision_get(code=code, number=number)
    except SopRevision.DoesNotExist:
        raise Http404 from None

    identity = revision.identity or {}
    signer = identity.get("disahkan_oleh") or {}
    steps = list(revision.steps.all())
    context = {
        "revision": revision,
        "sop": revision.sop,
        "revisions": revision.sop.revisions.order_by("-number").only("number", "loaded_at"),
        "latest_number": revision.sop.revisions.order_by("-number")
        .values_list("number", flat=True)
        .first(),
        "loaded_at": format_waktu_muat(revision.loaded_at),
        "instansi_lines": [
            part.strip() for part in (identity.get("instansi") or "").split(",") if part.strip()
        ],
        "identity_rows": [
            ("Nomor SOP", [identity.get("nomor") or revision.nomor or EMPTY]),
            ("Tanggal Pembuatan", [format_tanggal(identity.get("tanggal_pembuatan"))]),
            ("Tanggal Revisi", [format_tanggal(identity.get("tanggal_revisi"))]),
            ("Tanggal Pengesahan", [format_tanggal(identity.get("tanggal_pengesahan"))]),
            (
                "Disahkan oleh",
                [signer.get(k) for k in ("jabatan", "nama", "pangkat") if signer.get(k)] or [EMPTY],
            ),
            ("Nama SOP", [identity.get("nama") or revision.name]),
        ],
        "identity_blocks": [
            [(label, _items(identity.get(key))) for key, label in pair] for pair in IDENTITY_BLOCKS
        ],
        "identity_extras": [
            (label, identity[key], isinstance(identity[key], list))
            for key, label in IDENTITY_EXTRAS
            if identity.get(key)
        ],
        "columns": revision.columns,
        "rows": layout(steps, revision.columns),
    }
    return render(request, "sop/detail.html", context)
