"""The LKjIP tables (Tabel 1.3 and Bab III Tabel 3.1 to 3.9) computed from the stored inputs.

A Table holds raw values (Decimal, int, str, None) per cell; each Column says how its
cells are shown (`kind`), so the web page, the XLSX, the DOCX and the PDF all format the
same values the same way (Table.display) while the XLSX keeps numbers as numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import calculations as calc
from .dataset import ReportData


class Kind:
    TEXT = "text"
    NUMBER = "number"  # a realisasi or other measured value, shown as stored
    TARGET = "target"  # a target as written: "85,5" or "60-70"
    PERCENT = "percent"  # two decimals: 97,53
    RUPIAH = "rupiah"  # whole Rupiah with thousands dots: 2.451.096.500


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = Kind.TEXT
    group: str = ""  # a header spanning consecutive columns with the same group


@dataclass
class TableRow:
    cells: dict[str, object]
    key: str = ""  # indicator or node code; "TOTAL" for a Jumlah row
    level: str = ""  # tujuan, sasaran, program, kegiatan, sub_kegiatan, total


@dataclass
class Table:
    number: str  # "3.2"
    title: str
    columns: list[Column]
    rows: list[TableRow] = field(default_factory=list)
    sumber: str = ""

    @property
    def caption(self) -> str:
        return f"Tabel {self.number} {self.title}"

    @property
    def slug(self) -> str:
        return self.number.replace(".", "-")

    @property
    def groups(self) -> list[tuple[str, int]]:
        """(group, span) over consecutive columns; empty when no column is grouped."""
        if not any(c.group for c in self.columns):
            return []
        out: list[tuple[str, int]] = []
        for c in self.columns:
            if out and c.group and out[-1][0] == c.group:
                out[-1] = (c.group, out[-1][1] + 1)
            else:
                out.append((c.group, 1))
        return out

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def display(self, row: TableRow, column: Column) -> str:
        return display(row.cells.get(column.key), column.kind)

    def text_rows(self) -> list[list[str]]:
        return [[self.display(row, c) for c in self.columns] for row in self.rows]


def display(value, kind: str) -> str:
    """A cell as the report prints it."""
    if value is None or value == "":
        return "-" if kind != Kind.TEXT else ""
    if kind == Kind.PERCENT:
        return calc.format_percent(calc.to_decimal(value))
    if kind == Kind.RUPIAH:
        return calc.format_number(calc.to_decimal(value).quantize(Decimal(1)))
    if kind == Kind.NUMBER and isinstance(value, Decimal | int | float):
        return calc.format_number(calc.to_decimal(value).normalize())
    return str(value)


# ------------------------------------------------------------------ builders

LABEL_COLUMNS = {
    "tujuan": "tujuan_sasaran",
    "sasaran": "tujuan_sasaran",
    "program": "program_kegiatan",
    "kegiatan": "program_kegiatan",
    "sub_kegiatan": "program_kegiatan",
}
MENUNJANG = "M"
TIDAK_MENUNJANG = "TM"
# An indicator "menunjang" (supports its sasaran) when its capaian is Tinggi or above.
MENUNJANG_FLOOR = Decimal(75)


def _indicator_columns(with_tree: bool = True) -> list[Column]:
    columns = [Column("no", "No")]
    if with_tree:
        columns += [
            Column("tujuan_sasaran", "Tujuan / Sasaran"),
            Column("program_kegiatan", "Program / Kegiatan / Sub Kegiatan"),
        ]
    columns.append(Column("indikator", "Indikator Kinerja"))
    return columns


def _indicator_row(data: ReportData, number: int, indicator, **cells) -> TableRow:
    node = indicator.node
    base = {"no": str(number), "tujuan_sasaran": "", "program_kegiatan": ""}
    base[LABEL_COLUMNS[node.level]] = node.name
    base["indikator"] = indicator.name
    base.update(cells)
    return TableRow(base, key=indicator.code, level=node.level)


def table_1_3(data: ReportData) -> Table:
    year, previous = data.year, data.year - 1
    label_now = next(
        (b.perubahan_label for b in data.budget[year].values() if b.perubahan_label), "Perubahan"
    )
    group_prev, group_now = f"Pagu Tahun {previous}", f"Pagu Tahun {year}"
    table = Table(
        "1.3",
        f"Perbandingan Anggaran Tahun {previous} dan Tahun {year}",
        [
            Column("no", "No"),
            Column("program_kegiatan", "Program / Kegiatan"),
            Column("pagu_induk_prev", "Pagu Induk", Kind.RUPIAH, group_prev),
            Column("pagu_perubahan_prev", "Pagu Perubahan", Kind.RUPIAH, group_prev),
            Column("selisih_prev", "Bertambah / Berkurang", Kind.RUPIAH, group_prev),
            Column("pagu_induk", "Pagu Induk", Kind.RUPIAH, group_now),
            Column("pagu_perubahan", f"Pagu {label_now}", Kind.RUPIAH, group_now),
            Column("selisih", "Bertambah / Berkurang", Kind.RUPIAH, group_now),
        ],
        sumber=data.pd.name,
    )
    totals = dict.fromkeys(
        ("pagu_induk_prev", "pagu_perubahan_prev", "pagu_induk", "pagu_perubahan")
    )
    number = 0
    for node in data.ordered_nodes():
        if node.level not in ("program", "kegiatan"):
            continue
        cells: dict[str, object] = {"program_kegiatan": node.name}
        present = False
        for suffix, y in (("_prev", previous), ("", year)):
            budget = data.budget[y].get(node.code)
            induk = budget.pagu_induk if budget else None
            perubahan = budget.pagu_perubahan if budget else None
            present = present or budget is not None
            cells[f"pagu_induk{suffix}"] = induk
            cells[f"pagu_perubahan{suffix}"] = perubahan
            cells[f"selisih{suffix}"] = (
                perubahan - induk if induk is not None and perubahan is not None else None
            )
            if node.level == "program":
                for key, value in (
                    (f"pagu_induk{suffix}", induk),
                    (f"pagu_perubahan{suffix}", perubahan),
                ):
                    if value is not None:
                        totals[key] = (totals[key] or 0) + value
        if not present:
            continue
        if node.level == "program":
            number += 1
            cells["no"] = str(number)
        table.rows.append(TableRow(cells, key=node.code, level=node.level))
    total = {"no": "", "program_kegiatan": "Jumlah", **totals}
    for suffix in ("_prev", ""):
        induk, perubahan = total[f"pagu_induk{suffix}"], total[f"pagu_perubahan{suffix}"]
        total[f"selisih{suffix}"] = (
            perubahan - induk if induk is not None and perubahan is not None else None
        )
    table.rows.append(TableRow(total, key="TOTAL", level="total"))
    return table


def table_3_1(data: ReportData) -> Table:
    """The kategori scale of Permendagri 86/2017, from the same bounds kategori() uses."""
    table = Table(
        "3.1",
        "Skala Nilai Peringkat Kinerja",
        [
            Column("no", "No"),
            Column("interval", "Interval Nilai Realisasi Kinerja"),
            Column("kategori", "Kriteria Penilaian Realisasi Kinerja"),
        ],
        sumber="Permendagri Nomor 86 Tahun 2017",
    )
    upper = None
    for number, (floor, label) in enumerate(calc.KATEGORI, start=1):
        low = calc.format_number(floor)
        interval = f"> {low}" if upper is None else f"> {low} s.d. {calc.format_number(upper)}"
        table.rows.append(TableRow({"no": str(number), "interval": interval, "kategori": label}))
        upper = floor
    table.rows.append(
        TableRow(
            {
                "no": str(len(calc.KATEGORI) + 1),
                "interval": f"≤ {calc.format_number(upper)}",
                "kategori": "Sangat Rendah",
            }
        )
    )
    return table


def table_3_2(data: ReportData) -> Table:
    table = Table(
        "3.2",
        f"Capaian Kinerja Perjanjian Kinerja Tahun {data.year}",
        [
            *_indicator_columns(),
            Column("target", "Target", Kind.TARGET),
            Column("realisasi", "Realisasi", Kind.NUMBER),
            Column("capaian", "% Capaian", Kind.PERCENT),
            Column("kategori", "Kategori"),
            Column("sumber_data", "Sumber Data"),
        ],
        sumber=data.pd.name,
    )
    for number, indicator in enumerate(data.ordered_indicators(), start=1):
        result = data.capaian(indicator)
        table.rows.append(
            _indicator_row(
                data,
                number,
                indicator,
                target=data.target_value(indicator),
                realisasi=data.realisasi_of(indicator),
                capaian=result.value,
                kategori=calc.kategori(result.value) if result.value is not None else "",
                sumber_data=indicator.sumber_data,
            )
        )
    return table


def table_3_3(data: ReportData) -> Table:
    year = data.year
    history = list(range(year - 3, year))
    table = Table(
        "3.3",
        "Perbandingan Capaian Kinerja",
        [
            *_indicator_columns(),
            *(Column(f"realisasi_{y}", "Realisasi", Kind.NUMBER, str(y)) for y in history),
            Column("target", "Target", Kind.TARGET, str(year)),
            Column("realisasi", "Realisasi", Kind.NUMBER, str(year)),
            Column("capaian", "% Capaian", Kind.PERCENT, str(year)),
        ],
        sumber=data.pd.name,
    )
    for number, indicator in enumerate(data.ordered_indicators(), start=1):
        cells = {f"realisasi_{y}": data.realisasi_of(indicator, y) for y in history}
        table.rows.append(
            _indicator_row(
                data,
                number,
                indicator,
                **cells,
                target=data.target_value(indicator),
                realisasi=data.realisasi_of(indicator),
                capaian=data.capaian(indicator).value,
            )
        )
    return table


def table_3_4(data: ReportData) -> Table:
    period = f" ({data.renstra.start_year}-{data.renstra.end_year})" if data.renstra else ""
    table = Table(
        "3.4",
        "Kemajuan Capaian Sasaran Strategis",
        [
            Column("no", "No"),
            Column("tujuan_sasaran", "Tujuan / Sasaran"),
            Column("indikator", "Indikator Kinerja"),
            Column("realisasi", f"Realisasi Kinerja {data.year}", Kind.NUMBER),
            Column("target_akhir", f"Target Akhir Renstra{period}", Kind.TARGET),
            Column("kemajuan", "Tingkat Kemajuan (%)", Kind.PERCENT),
        ],
        sumber=data.pd.name,
    )
    for number, indicator in enumerate(data.ordered_indicators(("tujuan", "sasaran")), start=1):
        final = data.final_target(indicator)
        table.rows.append(
            _indicator_row(
                data,
                number,
                indicator,
                realisasi=data.realisasi_of(indicator),
                target_akhir=final,
                kemajuan=calc.tingkat_kemajuan(data.realisasi_of(indicator), final).value,
            )
        )
    return table


def table_3_5(data: ReportData) -> Table:
    table = Table(
        "3.5",
        "Perbandingan Capaian dengan Perangkat Daerah Lain",
        [
            Column("no", "No"),
            Column("tujuan_sasaran", "Tujuan / Sasaran"),
            Column("indikator", "Indikator Kinerja"),
            Column("realisasi", f"Realisasi {data.pd.name} {data.year}", Kind.NUMBER),
            Column("pembanding", "Perangkat Daerah Pembanding"),
            Column("realisasi_pembanding", f"Realisasi Pembanding {data.year}", Kind.NUMBER),
            Column("capaian", "% Capaian (Realisasi / Pembanding × 100)", Kind.PERCENT),
        ],
        sumber=data.pd.name,
    )
    number = 0
    for indicator in data.ordered_indicators():
        for comparison in data.comparisons.get(indicator.id, []):
            number += 1
            own = data.realisasi_of(indicator)
            table.rows.append(
                _indicator_row(
                    data,
                    number,
                    indicator,
                    realisasi=own,
                    pembanding=comparison.peer_name,
                    realisasi_pembanding=comparison.value,
                    capaian=calc.capaian(comparison.value, own).value,
                )
            )
    return table


def table_3_6(data: ReportData) -> Table:
    table = Table(
        "3.6",
        "Analisis Keberhasilan, Kegagalan, dan Solusi",
        [
            *_indicator_columns(),
            Column("target", "Target", Kind.TARGET),
            Column("realisasi", "Realisasi", Kind.NUMBER),
            Column("capaian", "% Capaian", Kind.PERCENT),
            Column("analisis", "Analisis Keberhasilan / Kegagalan"),
            Column("solusi", "Solusi yang Dilakukan"),
        ],
        sumber=data.pd.name,
    )
    for number, indicator in enumerate(data.ordered_indicators(), start=1):
        analysis = data.analyses.get(indicator.id)
        table.rows.append(
            _indicator_row(
                data,
                number,
                indicator,
                target=data.target_value(indicator),
                realisasi=data.realisasi_of(indicator),
                capaian=data.capaian(indicator).value,
                analisis=analysis.analisis if analysis else "",
                solusi=analysis.solusi if analysis else "",
            )
        )
    return table


def _kinerja_anggaran(data: ReportData, number: str, title: str, levels, label: Column) -> Table:
    group_k, group_a = "Indikator Kinerja", "Anggaran"
    table = Table(
        number,
        title,
        [
            Column("no", "No"),
            label,
            Column("indikator", "Indikator Kinerja"),
            Column("target", "Target", Kind.TARGET, group_k),
            Column("realisasi", "Realisasi", Kind.NUMBER, group_k),
            Column("capaian_kinerja", "% Capaian", Kind.PERCENT, group_k),
            Column("anggaran", "Anggaran (Rp)", Kind.RUPIAH, group_a),
            Column("realisasi_anggaran", "Realisasi (Rp)", Kind.RUPIAH, group_a),
            Column("capaian_anggaran", "% Capaian", Kind.PERCENT, group_a),
            Column("efisiensi", "Tingkat Efisiensi (%)", Kind.PERCENT),
        ],
        sumber=data.pd.name,
    )
    for row_number, indicator in enumerate(data.ordered_indicators(levels), start=1):
        pagu, realisasi = data.budget_of(indicator.node.code)
        serapan = calc.serapan(realisasi, pagu)
        table.rows.append(
            _indicator_row(
                data,
                row_number,
                indicator,
                target=data.target_value(indicator),
                realisasi=data.realisasi_of(indicator),
                capaian_kinerja=data.capaian(indicator).value,
                anggaran=pagu,
                realisasi_anggaran=realisasi,
                capaian_anggaran=serapan,
                efisiensi=data.efisiensi(indicator),
            )
        )
    return table


def table_3_7_1(data: ReportData) -> Table:
    return _kinerja_anggaran(
        data,
        "3.7.1",
        "Perbandingan Pencapaian Kinerja dan Anggaran Tujuan dan Sasaran",
        ("tujuan", "sasaran"),
        Column("tujuan_sasaran", "Tujuan / Sasaran"),
    )


def table_3_7_2(data: ReportData) -> Table:
    return _kinerja_anggaran(
        data,
        "3.7.2",
        "Perbandingan Pencapaian Kinerja dan Anggaran Program, Kegiatan dan Sub Kegiatan",
        ("program", "kegiatan", "sub_kegiatan"),
        Column("program_kegiatan", "Program / Kegiatan / Sub Kegiatan"),
    )


def table_3_8(data: ReportData) -> Table:
    table = Table(
        "3.8",
        "Analisis Keberhasilan dan Kegagalan Program, Kegiatan dan Sub Kegiatan",
        [
            *_indicator_columns(),
            Column("satuan", "Satuan"),
            Column("target", f"Target Kinerja {data.year}", Kind.TARGET),
            Column("realisasi", f"Realisasi {data.year}", Kind.NUMBER),
            Column("menunjang", "Menunjang (M) / Tidak Menunjang (TM)"),
            Column("formulasi", "Formulasi"),
        ],
        sumber=data.pd.name,
    )
    for number, indicator in enumerate(data.ordered_indicators(), start=1):
        value = data.capaian(indicator).value
        menunjang = ""
        if indicator.node.level not in ("tujuan", "sasaran") and value is not None:
            menunjang = MENUNJANG if value > MENUNJANG_FLOOR else TIDAK_MENUNJANG
        table.rows.append(
            _indicator_row(
                data,
                number,
                indicator,
                satuan=indicator.satuan,
                target=data.target_value(indicator),
                realisasi=data.realisasi_of(indicator),
                menunjang=menunjang,
                formulasi=indicator.rumus,
            )
        )
    return table


def table_3_9(data: ReportData) -> Table:
    table = Table(
        "3.9",
        "Capaian Anggaran Program, Kegiatan dan Sub Kegiatan",
        [
            Column("no", "No"),
            Column("program_kegiatan", "Program / Kegiatan / Sub Kegiatan"),
            Column("anggaran", "Anggaran (Rp)", Kind.RUPIAH),
            Column("realisasi", "Realisasi (Rp)", Kind.RUPIAH),
            Column("capaian", "% Capaian", Kind.PERCENT),
        ],
        sumber=data.pd.name,
    )
    number = 0
    for node in data.ordered_nodes():
        if node.level not in ("program", "kegiatan", "sub_kegiatan"):
            continue
        pagu, realisasi = data.budget_of(node.code)
        if pagu is None and realisasi is None:
            continue
        number += 1
        table.rows.append(
            TableRow(
                {
                    "no": str(number),
                    "program_kegiatan": node.name,
                    "anggaran": pagu,
                    "realisasi": realisasi,
                    "capaian": calc.serapan(realisasi, pagu),
                },
                key=node.code,
                level=node.level,
            )
        )
    pagu, realisasi = data.total_budget()
    table.rows.append(
        TableRow(
            {
                "no": "",
                "program_kegiatan": "Jumlah",
                "anggaran": pagu,
                "realisasi": realisasi,
                "capaian": calc.serapan(realisasi, pagu),
            },
            key="TOTAL",
            level="total",
        )
    )
    return table


BUILDERS = {
    "1.3": table_1_3,
    "3.1": table_3_1,
    "3.2": table_3_2,
    "3.3": table_3_3,
    "3.4": table_3_4,
    "3.5": table_3_5,
    "3.6": table_3_6,
    "3.7.1": table_3_7_1,
    "3.7.2": table_3_7_2,
    "3.8": table_3_8,
    "3.9": table_3_9,
}
TABLE_NOT_FOUND = "Tabel {number} tidak ada; pilih salah satu: {choices}."


def register_table(number: str, builder, *, after: str) -> None:
    """Another app's table in the report (Tabel 1.4 from the SAKIP evaluation), placed
    after `after`; `builder(data: ReportData) -> Table`."""
    if number in BUILDERS:
        return
    items = list(BUILDERS.items())
    index = next(i for i, (key, _) in enumerate(items) if key == after) + 1
    BUILDERS.clear()  # in place: importers hold this very dict
    BUILDERS.update([*items[:index], (number, builder), *items[index:]])


def report_tables(pd, year: int, data: ReportData | None = None) -> list[Table]:
    data = data or ReportData(pd, year)
    return [build(data) for build in BUILDERS.values()]


def report_table(pd, year: int, number: str, data: ReportData | None = None) -> Table:
    if number not in BUILDERS:
        raise KeyError(TABLE_NOT_FOUND.format(number=number, choices=", ".join(BUILDERS)))
    return BUILDERS[number](data or ReportData(pd, year))


# ------------------------------------------------------------------ charts and summary


@dataclass
class Trend:
    code: str
    name: str
    satuan: str
    years: list[int]
    realisasi: list[Decimal | None]
    targets: list[Decimal | None]


@dataclass
class ChartData:
    trends: list[Trend]
    capaian_program: list[tuple[str, Decimal | None]]
    budget: list[tuple[str, int | None, int | None]]


TREND_YEARS = 5


def _target_number(text: str | None) -> Decimal | None:
    parsed = calc.Target.parse(text) if text else None
    return parsed.upper if parsed else None


def chart_data(pd, year: int, data: ReportData | None = None) -> ChartData:
    data = data or ReportData(pd, year)
    years = list(range(year - TREND_YEARS + 1, year + 1))
    trends = [
        Trend(
            code=indicator.code,
            name=indicator.name,
            satuan=indicator.satuan,
            years=years,
            realisasi=[data.realisasi_of(indicator, y) for y in years],
            targets=[_target_number(data.target_value(indicator, y)) for y in years],
        )
        for indicator in data.ordered_indicators(("tujuan", "sasaran", "program"))
    ]
    capaian_program = []
    budget = []
    by_node: dict[int, list[Decimal]] = {}
    for indicator in data.indicators.values():
        value = data.capaian(indicator).value
        if value is not None:
            by_node.setdefault(indicator.node_id, []).append(value)
    for program in data.programs():
        values = by_node.get(program.id, [])
        average = calc.round2(sum(values) / len(values)) if values else None
        capaian_program.append((program.name, average))
        pagu, realisasi = data.budget_of(program.code)
        budget.append((program.name, pagu, realisasi))
    return ChartData(trends, capaian_program, budget)


def summary(pd, year: int, data: ReportData | None = None) -> dict:
    data = data or ReportData(pd, year)
    counts: dict[str, int] = {}
    measured = 0
    for indicator in data.indicators.values():
        value = data.capaian(indicator).value
        if value is None:
            continue
        measured += 1
        label = calc.kategori(value)
        counts[label] = counts.get(label, 0) + 1
    order = [label for _, label in calc.KATEGORI] + ["Sangat Rendah"]
    pagu, realisasi = data.total_budget()
    nodes = data.ordered_nodes()
    return {
        "pd_name": pd.name,
        "kabupaten": pd.kabupaten.name,
        "year": year,
        "indicator_count": len(data.indicators),
        "measured_count": measured,
        "kategori_counts": {label: counts[label] for label in order if label in counts},
        "pagu": pagu,
        "realisasi_anggaran": realisasi,
        "serapan": calc.serapan(realisasi, pagu),
        "renstra": f"{data.renstra.start_year}-{data.renstra.end_year}" if data.renstra else "",
        "renstra_dasar": data.renstra.dasar if data.renstra else "",
        "tujuan": [n.name for n in nodes if n.level == "tujuan"],
        "sasaran": [n.name for n in nodes if n.level == "sasaran"],
        "pk": data.pk,
    }
