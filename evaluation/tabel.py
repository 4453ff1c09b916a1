"""Tabel 1.4 of the LKjIP: the follow-up of the previous year's LHE SAKIP, per component,
from the data (rekomendasi, rencana aksi, output, status, links to the bukti dukung)."""

from __future__ import annotations

from reporting.tables import Column, Table, TableRow

from .models import Lhe, Recommendation


def lhe_for_report(pd, year: int) -> Lhe | None:
    """The LKjIP of `year` reports the follow-up of the LHE on SAKIP `year - 1`."""
    return Lhe.objects.filter(pd=pd, year=year - 1).first()


def table_1_4(data) -> Table:
    previous = data.year - 1
    table = Table(
        "1.4",
        f"Tindak Lanjut Laporan Hasil Evaluasi SAKIP PD Tahun {previous}",
        [
            Column("no", "No"),
            Column("rekomendasi", "Rekomendasi"),
            Column("rencana_aksi", "Rencana Aksi Tindak Lanjut"),
            Column("satuan", "Satuan", group="Output"),
            Column("uraian", "Uraian", group="Output"),
            Column("status", "Status / Progres Penyelesaian"),
            Column("bukti", "Link Bukti Dukung Tindak Lanjut"),
        ],
        sumber=data.pd.name,
    )
    lhe = lhe_for_report(data.pd, data.year)
    if lhe is None:
        return table
    from .services import status_of

    recommendations = (
        Recommendation.objects.filter(lhe=lhe)
        .select_related("component", "follow_up__process")
        .prefetch_related("follow_up__evidence")
        .order_by("component__order", "number")
    )
    current = None
    for rec in recommendations:
        if rec.component_id != current:
            current = rec.component_id
            heading = rec.component.printed_heading or rec.component.name.upper()
            table.rows.append(
                TableRow({"no": "", "rekomendasi": heading}, key=rec.component.code, level="group")
            )
        follow_up = rec.follow_up
        links = [ev.url or ev.file.name for ev in follow_up.evidence.all()]
        table.rows.append(
            TableRow(
                {
                    "no": str(rec.number),
                    "rekomendasi": rec.text,
                    "rencana_aksi": follow_up.action,
                    "satuan": follow_up.output_satuan,
                    "uraian": follow_up.output_uraian,
                    "status": status_of(follow_up.process)[1],
                    "bukti": "\n".join(links),
                },
                key=f"{rec.component.code}-{rec.number}",
                level="item",
            )
        )
    return table
