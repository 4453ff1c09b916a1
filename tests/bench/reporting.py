"""`make bench`, reporting part: the LKjIP tables and the draft files of a synthetic PD.

A PD with 60 indicators (1 tujuan, 2 sasaran, 5 programs, 10 kegiatan, 20 sub kegiatan),
targets (Renstra, PK awal and perubahan, Renja), realisasi and budget for 5 years, other
PDs' figures and the narrative analysis; then the median seconds of report_tables, the
XLSX, the draft blocks (with their charts), the DOCX and the PDF.

Everything is written inside a transaction rolled back at the end, so the bench database
(with or without the workflow bench's data) is left as it was. Django is set up by
tests/bench/__main__.py; run alone with `python -m tests.bench reporting`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from decimal import Decimal

from django.core.management import call_command
from django.db import transaction

from organisation.models import Kabupaten, PerangkatDaerah, Position, Unit
from reporting.models import (
    Analysis,
    Budget,
    Comparison,
    Indicator,
    Node,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Target,
)

SLUG = "lkjip-sintetis"  # not "bench-...": the workflow bench counts those PDs
YEARS = (2021, 2022, 2023, 2024, 2025)
REPORT_YEAR = YEARS[-1]
PROGRAMS, KEGIATAN_PER_PROGRAM, SUB_PER_KEGIATAN = 5, 2, 2
REPEAT = 3


def log(message: str) -> None:
    print(message, flush=True)


def number(value: Decimal) -> str:
    """A target as an Indonesian report writes it ("85,5")."""
    from reporting.calculations import format_number

    return format_number(value.normalize())


def build() -> PerangkatDaerah:
    kabupaten = Kabupaten.objects.create(name="Kabupaten Sintetis", slug=SLUG)
    pd = PerangkatDaerah.objects.create(
        kabupaten=kabupaten,
        slug=SLUG,
        name="Kecamatan Sintetis",
        kind=PerangkatDaerah.Kind.KECAMATAN,
        address="Jl. Uji No. 1",
    )
    pimpinan = Unit.objects.create(pd=pd, code="pimpinan", name="Pimpinan", kind="pimpinan")
    for code, name in (("sekretariat", "Sekretariat"), ("seksi", "Seksi Pemerintahan")):
        Unit.objects.create(pd=pd, code=code, name=name, kind="seksi", parent=pimpinan)
    Position.objects.create(
        pd=pd,
        unit=pimpinan,
        code="camat",
        title="Camat Sintetis",
        short_title="Camat",
        role="kepala",
    )
    Renstra.objects.create(
        pd=pd, start_year=2021, end_year=2026, dasar="Peraturan Bupati Sintetis Nomor 1 Tahun 2021"
    )
    for version, day in (
        ("awal", dt.date(REPORT_YEAR, 1, 26)),
        ("perubahan", dt.date(2025, 11, 3)),
    ):
        PerjanjianKinerja.objects.create(
            pd=pd,
            year=REPORT_YEAR,
            version=version,
            date=day,
            tempat="Sintetis",
            pihak_pertama="Camat Sintetis",
            pihak_kedua="Bupati Sintetis",
        )

    # The tree, in report order (Node.order), and the indicators of each node.
    specs: list[tuple[str, str, str | None, int]] = [("T1", "tujuan", None, 2)]
    specs += [("S1", "sasaran", "T1", 1), ("S2", "sasaran", "T1", 1)]
    for p in range(1, PROGRAMS + 1):
        specs.append((f"P{p}", "program", "S1" if p <= 3 else "S2", 2 if p == 1 else 1))
        for k in range(1, KEGIATAN_PER_PROGRAM + 1):
            specs.append((f"P{p}.K{k}", "kegiatan", f"P{p}", 1))
            for s in range(1, SUB_PER_KEGIATAN + 1):
                specs.append((f"P{p}.K{k}.SK{s}", "sub_kegiatan", f"P{p}.K{k}", 2))
    nodes: dict[str, Node] = {}
    for order, (code, level, parent, _) in enumerate(specs, start=1):
        nodes[code] = Node.objects.create(
            pd=pd,
            code=code,
            level=level,
            parent=nodes[parent] if parent else None,
            order=order,
            name=f"{level.replace('_', ' ').title()} Sintetis {code} untuk Pelayanan Masyarakat",
        )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            pd=pd,
            code=f"{code}-I{i}",
            node=nodes[code],
            name=f"Persentase Capaian Layanan {code} Nomor {i} yang Diselesaikan Tepat Waktu",
            satuan="%" if (n + i) % 3 else "dokumen",
            polaritas="negatif" if code == "P4" else "positif",
            kumulatif=False,
            periode="Tahunan",
            sumber_data="Laporan Seksi",
            definisi="Perbandingan layanan yang selesai tepat waktu dengan seluruh layanan.",
            rumus="Layanan tepat waktu / seluruh layanan × 100%",
        )
        for n, (code, _, _, count) in enumerate(specs)
        for i in range(1, count + 1)
    )
    if len(indicators) != 60:
        raise RuntimeError(f"the bench needs 60 indicators, not {len(indicators)}")

    targets, realisasi, comparisons, analyses = [], [], [], []
    for n, indicator in enumerate(indicators):
        level = indicator.node.level
        base = Decimal(60 + n % 30)
        for year in (*YEARS, 2026):
            value = base + (year - YEARS[0]) * 2
            text = f"{number(value)}-{number(value + 10)}" if n % 11 == 5 else number(value)
            if level == "sub_kegiatan":
                targets.append(Target(indicator=indicator, year=year, source="renja", value=text))
                continue
            targets.append(Target(indicator=indicator, year=year, source="renstra", value=text))
            if year == REPORT_YEAR:
                targets.append(Target(indicator=indicator, year=year, source="pk", value=text))
                revised = number(value + 1)
                targets.append(
                    Target(indicator=indicator, year=year, source="pk_perubahan", value=revised)
                )
        for year in YEARS:
            if (n + year) % 13 == 0:
                continue  # a missing realisasi now and then
            achieved = base + (year - YEARS[0]) * 2 + Decimal((n * 7 + year) % 17 - 8) / 2
            realisasi.append(Realisasi(indicator=indicator, year=year, value=achieved))
        if level in ("tujuan", "sasaran"):
            comparisons.append(
                Comparison(
                    indicator=indicator,
                    year=REPORT_YEAR,
                    peer_name="Kecamatan Pembanding",
                    value=base + 5,
                )
            )
        analyses.append(
            Analysis(
                indicator=indicator,
                year=REPORT_YEAR,
                analisis="Capaian didukung koordinasi lintas seksi dan pemantauan triwulanan; "
                "kendala utama adalah keterlambatan data dari desa.",
                solusi="Jadwal pengumpulan data disepakati bersama desa sejak awal tahun.",
            )
        )
    Target.objects.bulk_create(targets)
    Realisasi.objects.bulk_create(realisasi)
    Comparison.objects.bulk_create(comparisons)
    Analysis.objects.bulk_create(analyses)

    budgets = []
    for year in YEARS:
        for p in range(1, PROGRAMS + 1):
            program = [0, 0, 0]
            for k in range(1, KEGIATAN_PER_PROGRAM + 1):
                kegiatan = [0, 0, 0]
                for s in range(1, SUB_PER_KEGIATAN + 1):
                    induk = 25_000_000 * (p + k + s) + 1_000_000 * (year - YEARS[0])
                    perubahan = induk + (-1) ** s * 2_500_000
                    spent = perubahan * (85 + (p * k * s + year) % 15) // 100
                    row = [induk, perubahan, spent]
                    code = f"P{p}.K{k}.SK{s}"
                    budgets.append(Budget(node=nodes[code], year=year, **fields(row)))
                    kegiatan = [a + b for a, b in zip(kegiatan, row, strict=True)]
                budgets.append(Budget(node=nodes[f"P{p}.K{k}"], year=year, **fields(kegiatan)))
                program = [a + b for a, b in zip(program, kegiatan, strict=True)]
            budgets.append(Budget(node=nodes[f"P{p}"], year=year, **fields(program)))
    Budget.objects.bulk_create(budgets)
    return pd


def fields(row: list[int]) -> dict:
    return {"pagu_induk": row[0], "pagu_perubahan": row[1], "realisasi": row[2]}


def median_seconds(fn, repeat: int = REPEAT) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    from reporting.draft import draft_blocks
    from reporting.render import export
    from reporting.render.docx import draft_docx
    from reporting.render.pdf import draft_pdf
    from reporting.render.xlsx import tables_xlsx
    from reporting.tables import report_tables

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        if PerangkatDaerah.objects.filter(slug=SLUG).exists():  # left by an interrupted run
            raise SystemExit(f"PD '{SLUG}' sudah ada di basis data bench: hapus dahulu.")
        started = time.perf_counter()
        pd = build()
        built = time.perf_counter() - started
        counts = {
            "indicators": Indicator.objects.filter(pd=pd).count(),
            "targets": Target.objects.filter(indicator__pd=pd).count(),
            "realisasi": Realisasi.objects.filter(indicator__pd=pd).count(),
            "budget rows": Budget.objects.filter(node__pd=pd).count(),
        }
        log(
            f"reporting: synthetic PD ({', '.join(f'{k} {v}' for k, v in counts.items())}, "
            f"years {YEARS[0]}-{YEARS[-1]}) built in {built:.1f} s"
        )
        title = f"Tabel LKjIP {pd.name} Tahun {REPORT_YEAR}"
        tables_time, tables = median_seconds(lambda: report_tables(pd, REPORT_YEAR))
        xlsx_time, xlsx = median_seconds(lambda: tables_xlsx(tables, title=title))
        blocks_time, blocks = median_seconds(lambda: draft_blocks(pd, REPORT_YEAR))
        docx_time, docx = median_seconds(lambda: draft_docx(blocks))
        pdf_time, pdf = median_seconds(lambda: draft_pdf(blocks))
        end_to_end, _ = median_seconds(lambda: export(pd, REPORT_YEAR, "pdf"), repeat=1)
        rows = sum(len(t.rows) for t in tables)
        log(
            f"report_tables ({len(tables)} tables, {rows} rows): {tables_time:.3f} s; "
            f"XLSX {xlsx_time:.3f} s ({len(xlsx) // 1024} KiB)"
        )
        log(
            f"draft blocks ({len(blocks)} blocks, charts included): {blocks_time:.2f} s; "
            f"DOCX {docx_time:.2f} s ({len(docx) // 1024} KiB); "
            f"PDF {pdf_time:.2f} s ({len(pdf) // 1024} KiB)"
        )
        log(f"export pdf end to end (data, tables, charts, PDF): {end_to_end:.2f} s")
        transaction.set_rollback(True)
    return 0
