"""Consistency check of a draft LKjIP: compare its printed tables (PrintedFigure) with what
follows from the stored inputs and the formulas of reporting.calculations.

A finding names the table, row (indicator or node code) and column, the printed and the
computed value, a kind and a message in Bahasa Indonesia. Which printed columns are
derived and how they are computed follows the header notes of reporting/data/*-printed.yaml:
capaian (calculations.capaian with the target the printed row uses), kategori, serapan,
efisiensi (one item per row: the row's own pagu, capaian and realisasi anggaran), tingkat
kemajuan, Tabel 1.3's bertambah/berkurang (pagu perubahan - pagu induk), and totals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import Decimal

from . import calculations as calc
from .dataset import ReportData
from .models import PrintedFigure, Target

TOLERANCE = Decimal("0.01")
EMPTY = ("", "-", "Na")
BUDGET_CELLS = ("anggaran", "realisasi_anggaran", "capaian_anggaran", "efisiensi")


class Kind:
    CAPAIAN = "capaian_salah"
    CAPAIAN_TANPA_TARGET = "capaian_tanpa_target"
    KATEGORI = "kategori_salah"
    TARGET = "target_berbeda"
    REALISASI = "realisasi_berbeda"
    ANGGARAN = "anggaran_berbeda"
    SERAPAN = "serapan_salah"
    EFISIENSI = "efisiensi_salah"
    KEMAJUAN = "tingkat_kemajuan_salah"
    SELISIH = "selisih_salah"
    JUMLAH = "jumlah_salah"


MSG_CAPAIAN = (
    "Capaian tercetak {printed} tidak sesuai: "
    "realisasi {realisasi} / target {target} × 100 = {computed}."
)
MSG_CAPAIAN_NO_TARGET = "Capaian {printed} dicetak pada target {target}: {reason}"
MSG_KATEGORI = (
    "Kategori tercetak '{printed}' tidak sesuai capaian {capaian} (seharusnya '{computed}')."
)
MSG_TARGET = "Target tercetak {printed} berbeda dari target {source} {computed}."
MSG_TARGET_RENSTRA = (
    "Target PK yang berlaku ({source}) {printed} berbeda dari target Renstra {computed}."
)
MSG_REALISASI = "Realisasi tercetak {printed} berbeda dari realisasi tersimpan {computed}."
MSG_ANGGARAN = "{what} tercetak {printed} berbeda dari data anggaran {computed}."
MSG_SERAPAN = (
    "Serapan tercetak {printed} tidak sesuai: realisasi anggaran / pagu × 100 = {computed}."
)
MSG_EFISIENSI = (
    "Efisiensi tercetak {printed} tidak sesuai rumus 3.1.7 (CK sebagai pecahan): {computed}."
)
MSG_EFISIENSI_NO_BUDGET = (
    "Efisiensi {printed} dicetak untuk baris tanpa anggaran atau tanpa capaian."
)
MSG_KEMAJUAN = (
    "Tingkat kemajuan tercetak {printed} tidak sesuai: "
    "realisasi / target akhir Renstra × 100 = {computed}."
)
MSG_SELISIH = (
    "Bertambah/berkurang tercetak {printed} tidak sesuai: pagu perubahan − pagu induk = {computed}."
)
MSG_SELISIH_SIGN = MSG_SELISIH + " Tandanya terbalik."
MSG_JUMLAH = "Jumlah tercetak {printed} bukan jumlah rinciannya ({computed})."
ROW_PREFIX = "Tabel {table}, {label}: "


@dataclass(frozen=True)
class Finding:
    table: str
    row: str
    column: str
    printed: str
    computed: str
    kind: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def number(text) -> Decimal | None:
    if text is None or str(text).strip() in EMPTY:
        return None
    try:
        return calc.to_decimal(text)
    except ValueError:
        return None


def amount(text) -> Decimal | None:
    """A printed Rupiah amount ("2.451.096.500", "600.000", "1.000,00"); '-' is 0."""
    text = str(text).strip()
    if text == "-":
        return Decimal(0)
    if text in EMPTY:
        return None
    try:
        return Decimal(text.split(",", 1)[0].replace(".", ""))
    except ArithmeticError:
        return None


def places(text: str) -> int:
    text = str(text).strip().rstrip("%")
    return len(text.split(",", 1)[1]) if "," in text else 0


def agrees(printed: str, computed: Decimal | None) -> bool:
    """Printed number equals the computed one rounded as printed (±0.01)."""
    value = number(printed)
    if value is None or computed is None:
        return value is None and computed is None
    rounded = calc.to_decimal(computed).quantize(
        Decimal(1).scaleb(-places(printed)), rounding="ROUND_HALF_UP"
    )
    return abs(value - rounded) <= TOLERANCE


def show(value) -> str:
    if value is None:
        return "-"
    return calc.format_number(calc.to_decimal(value).normalize())


@dataclass
class Row:
    key: str
    label: str
    cells: dict[str, str]

    @property
    def ref(self) -> str:
        return self.key.split("#", 1)[0]

    @property
    def repeat(self) -> bool:
        return "#" in self.key


class Checker(ReportData):
    def __init__(self, pd, year: int):
        super().__init__(pd, year)
        self.findings: list[Finding] = []
        self.printed_nodes: dict[str, set[str]] = defaultdict(set)
        self.tables: dict[str, list[Row]] = defaultdict(list)
        rows: dict[tuple[str, str], Row] = {}
        for f in PrintedFigure.objects.filter(pd=pd, year=year).order_by("table", "row_order"):
            row = rows.get((f.table, f.row_key))
            if row is None:
                row = rows[(f.table, f.row_key)] = Row(f.row_key, f.row_label, {})
                self.tables[f.table].append(row)
            row.cells[f.column] = f.printed

    # ---------------------------------------------------------------- helpers

    def add(self, table, row: Row, column, printed, computed, kind, message):
        label = row.label
        if not label:
            item = self.indicators.get(row.ref) or self.nodes.get(row.ref)
            label = item.name if item else row.key
        prefix = ROW_PREFIX.format(table=table, label=label)
        self.findings.append(
            Finding(table, row.key, column, str(printed), str(computed), kind, prefix + message)
        )

    # ------------------------------------------------------------ the checks

    def run(self) -> list[Finding]:
        specs = {
            "3.2": ("target", "realisasi", "capaian", "kategori", False),
            "3.3": ("target_2024", "realisasi_2024", "capaian_2024", None, False),
            "3.6": ("target", "realisasi", "capaian", None, False),
            "3.7.1": ("target", "realisasi", "capaian_kinerja", None, True),
            "3.7.2": ("target", "realisasi", "capaian_kinerja", None, True),
            "3.8": ("target_2024", "capaian_2024", None, None, False),  # holds realisasi
        }
        for table, spec in specs.items():
            for row in self.tables.get(table, []):
                self.indicator_row(table, row, *spec)
        self.history("3.3")
        self.kemajuan("3.4")
        self.comparison("3.5")
        self.budget_table("3.9")
        self.budget_changes("1.3")
        self.renstra_vs_pk()
        return self.findings

    def indicator_row(self, table, row, target_col, real_col, capaian_col, kategori_col, budget):
        indicator = self.indicators.get(row.ref)
        if indicator is None:
            return
        printed_target = row.cells.get(target_col, "")
        basis = self.basis(indicator)
        try:
            parsed = calc.Target.parse(printed_target) if printed_target not in EMPTY else None
        except ValueError:
            parsed = None
        if basis is not None and parsed != calc.Target.parse(basis[1]):
            self.add(
                table,
                row,
                target_col,
                printed_target,
                basis[1],
                Kind.TARGET,
                MSG_TARGET.format(
                    printed=printed_target or "-",
                    source=Target.Source(basis[0]).label,
                    computed=basis[1],
                ),
            )
        realisasi = self.realisasi.get((indicator.id, self.year))
        printed_real = row.cells.get(real_col, "")
        if realisasi is not None and number(printed_real) != realisasi:
            self.add(
                table,
                row,
                real_col,
                printed_real,
                show(realisasi),
                Kind.REALISASI,
                MSG_REALISASI.format(printed=printed_real or "-", computed=show(realisasi)),
            )
        if capaian_col is None:
            return
        printed_capaian = row.cells.get(capaian_col, "")
        result = calc.capaian(parsed, realisasi, negative=indicator.negative)
        if parsed is None or parsed.upper == 0:
            if number(printed_capaian) is not None:
                self.add(
                    table,
                    row,
                    capaian_col,
                    printed_capaian,
                    "-",
                    Kind.CAPAIAN_TANPA_TARGET,
                    MSG_CAPAIAN_NO_TARGET.format(
                        printed=printed_capaian,
                        target=printed_target or "-",
                        reason=result.reason,
                    ),
                )
        elif result.value is not None and not agrees(printed_capaian, result.value):
            self.add(
                table,
                row,
                capaian_col,
                printed_capaian,
                calc.format_percent(result.value),
                Kind.CAPAIAN,
                MSG_CAPAIAN.format(
                    printed=printed_capaian or "-",
                    realisasi=show(realisasi),
                    target=printed_target,
                    computed=calc.format_percent(result.value),
                ),
            )
        if kategori_col and result.value is not None:
            expected = calc.kategori(result.value)
            printed_kategori = row.cells.get(kategori_col, "")
            if printed_kategori.strip().lower() != expected.lower():
                self.add(
                    table,
                    row,
                    kategori_col,
                    printed_kategori,
                    expected,
                    Kind.KATEGORI,
                    MSG_KATEGORI.format(
                        printed=printed_kategori,
                        capaian=calc.format_percent(result.value),
                        computed=expected,
                    ),
                )
        if budget:
            ck = None  # CK unrounded: calculations round only at the end
            if result.value is not None:
                ratio = realisasi / parsed.upper * 100
                ck = 200 - ratio if indicator.negative else ratio
            self.budget_cells(table, row, indicator.node.code, ck)

    def budget_cells(self, table, row, code, capaian):
        if self.blank_continuation(table, row, code, BUDGET_CELLS):
            return
        pagu, realisasi = self.budget_of(code, self.year)
        self.money_cells(table, row, pagu, realisasi, "realisasi_anggaran", "capaian_anggaran")
        efisiensi = None
        if pagu and realisasi is not None and capaian is not None:
            efisiensi = calc.efisiensi([calc.EfisiensiItem(pagu, capaian, realisasi)])
        printed = row.cells.get("efisiensi", "")
        if efisiensi is None:
            if number(printed) is not None:
                self.add(
                    table,
                    row,
                    "efisiensi",
                    printed,
                    "-",
                    Kind.EFISIENSI,
                    MSG_EFISIENSI_NO_BUDGET.format(printed=printed),
                )
        elif not agrees(printed, efisiensi):
            computed = calc.format_percent(efisiensi)
            self.add(
                table,
                row,
                "efisiensi",
                printed,
                computed,
                Kind.EFISIENSI,
                MSG_EFISIENSI.format(printed=printed or "-", computed=computed),
            )

    def blank_continuation(self, table: str, row: Row, code: str, columns) -> bool:
        """A second row of a node (its next indicator) may leave the budget blank."""
        seen = self.printed_nodes[table]
        blank = all(row.cells.get(c, "").strip() in EMPTY for c in columns)
        result = blank and code in seen
        seen.add(code)
        return result

    def money_cells(self, table, row, pagu, realisasi, realisasi_column, serapan_column):
        """The row's printed anggaran and realisasi against the budget data, then its
        serapan."""
        for column, value, what in (
            ("anggaran", pagu, "Anggaran"),
            (realisasi_column, realisasi, "Realisasi anggaran"),
        ):
            printed = row.cells.get(column, "")
            if value is not None and amount(printed) != value:
                self.add(
                    table,
                    row,
                    column,
                    printed,
                    show(value),
                    Kind.ANGGARAN,
                    MSG_ANGGARAN.format(what=what, printed=printed, computed=show(value)),
                )
        serapan = calc.serapan(realisasi, pagu)
        self.serapan_cell(table, row, serapan_column, serapan)

    def serapan_cell(self, table, row, column, serapan):
        printed = row.cells.get(column, "")
        if serapan is None and number(printed) is None:
            return
        if serapan is None or not agrees(printed, serapan):
            computed = calc.format_percent(serapan)
            self.add(
                table,
                row,
                column,
                printed,
                computed,
                Kind.SERAPAN,
                MSG_SERAPAN.format(printed=printed or "-", computed=computed),
            )

    def history(self, table):
        for row in self.tables.get(table, []):
            indicator = self.indicators.get(row.ref)
            if indicator is None:
                continue
            for year in range(self.year - 3, self.year):
                column = f"realisasi_{year}"
                printed = row.cells.get(column, "")
                stored = self.realisasi.get((indicator.id, year))
                if stored is not None and number(printed) != stored:
                    self.add(
                        table,
                        row,
                        column,
                        printed,
                        show(stored),
                        Kind.REALISASI,
                        MSG_REALISASI.format(printed=printed or "-", computed=show(stored)),
                    )

    def kemajuan(self, table):
        for row in self.tables.get(table, []):
            indicator = self.indicators.get(row.ref)
            if indicator is None:
                continue
            final = self.final_target(indicator)
            printed_final = row.cells.get("target_akhir_renstra", "")
            if final is not None and number(printed_final) != calc.Target.parse(final).upper:
                self.add(
                    table,
                    row,
                    "target_akhir_renstra",
                    printed_final,
                    final,
                    Kind.TARGET,
                    MSG_TARGET.format(
                        printed=printed_final, source="akhir Renstra", computed=final
                    ),
                )
            realisasi = self.realisasi.get((indicator.id, self.year))
            result = calc.tingkat_kemajuan(realisasi, final)
            printed = row.cells.get("tingkat_kemajuan", "")
            if result.value is not None and not agrees(printed, result.value):
                computed = calc.format_percent(result.value)
                self.add(
                    table,
                    row,
                    "tingkat_kemajuan",
                    printed,
                    computed,
                    Kind.KEMAJUAN,
                    MSG_KEMAJUAN.format(printed=printed or "-", computed=computed),
                )

    def comparison(self, table):
        """Tabel 3.5: Kragan's realisasi against another PD's (printed, an input there)."""
        for row in self.tables.get(table, []):
            indicator = self.indicators.get(row.ref)
            if indicator is None:
                continue
            own = self.realisasi.get((indicator.id, self.year))
            other_col = next(
                (c for c in row.cells if c.startswith("realisasi_") and "kragan" not in c), None
            )
            if other_col is None:
                continue
            result = calc.capaian(row.cells[other_col], own)
            printed = row.cells.get("capaian", "")
            if result.value is not None and not agrees(printed, result.value):
                computed = calc.format_percent(result.value)
                self.add(
                    table,
                    row,
                    "capaian",
                    printed,
                    computed,
                    Kind.CAPAIAN,
                    MSG_CAPAIAN.format(
                        printed=printed or "-",
                        realisasi=show(own),
                        target=row.cells[other_col],
                        computed=computed,
                    ),
                )

    def budget_table(self, table):
        """Tabel 3.9: pagu, realisasi and serapan per node, and its totals."""
        rows = self.tables.get(table, [])
        for row in rows:
            if row.ref == "TOTAL":
                programs = [c for c, p in self.parent.items() if self.nodes[c].level == "program"]
                pagu = sum(filter(None, (self.budget_of(c, self.year)[0] for c in programs)))
                real = sum(filter(None, (self.budget_of(c, self.year)[1] for c in programs)))
            elif row.ref in self.nodes:
                if self.blank_continuation(
                    table, row, row.ref, ("anggaran", "realisasi", "capaian")
                ):
                    continue
                pagu, real = self.budget_of(row.ref, self.year)
            else:
                continue
            self.money_cells(table, row, pagu, real, "realisasi", "capaian")
        self.sums(table, [(r, r.ref) for r in rows], ["anggaran", "realisasi"])

    def budget_changes(self, table):
        """Tabel 1.3: pagu induk/perubahan per year half, bertambah/berkurang, totals."""
        rows = self.tables.get(table, [])
        halves = {
            self.year - 1: ("pagu_induk", "pagu_perubahan", "bertambah_berkurang", 0),
            self.year: ("pagu_induk", "pagu_pergeseran", "bertambah_berkurang", 1),
        }
        for year, (induk_col, perubahan_col, change_col, half) in halves.items():
            induk_col, perubahan_col, change_col = (
                f"{c}_{year}" for c in (induk_col, perubahan_col, change_col)
            )
            refs = []
            for row in rows:
                code = row.ref.split("/")[half]
                if code == "-":
                    continue
                refs.append((row, code))
                if row.repeat:
                    continue
                budget = self.budget[year].get(code)
                if code == "TOTAL":
                    induk = sum(
                        b.pagu_induk or 0
                        for c, b in self.budget[year].items()
                        if self.nodes[c].level == "program"
                    )
                    perubahan = sum(
                        b.pagu_perubahan or 0
                        for c, b in self.budget[year].items()
                        if self.nodes[c].level == "program"
                    )
                elif budget is not None:
                    induk, perubahan = budget.pagu_induk, budget.pagu_perubahan
                else:
                    continue
                for column, value, what in (
                    (induk_col, induk, "Pagu induk"),
                    (perubahan_col, perubahan, "Pagu perubahan"),
                ):
                    printed = row.cells.get(column, "")
                    if value is not None and amount(printed) != value:
                        self.add(
                            table,
                            row,
                            column,
                            printed,
                            show(value),
                            Kind.ANGGARAN,
                            MSG_ANGGARAN.format(what=what, printed=printed, computed=show(value)),
                        )
                if induk is None or perubahan is None:
                    continue
                change = perubahan - induk
                printed = row.cells.get(change_col, "")
                value = amount(printed)
                if value != change:
                    message = MSG_SELISIH_SIGN if value == -change else MSG_SELISIH
                    self.add(
                        table,
                        row,
                        change_col,
                        printed,
                        show(change),
                        Kind.SELISIH,
                        message.format(printed=printed, computed=show(change)),
                    )
            self.sums(table, refs, [induk_col, perubahan_col])

    def sums(self, table, refs: list[tuple[Row, str]], columns: list[str]):
        """Every printed parent row must be the sum of its nearest printed descendants."""
        present = {code for row, code in refs if not row.repeat}
        children: dict[str, list[Row]] = defaultdict(list)
        for row, code in refs:
            if row.repeat or code == "TOTAL" or code not in self.nodes:
                continue
            owner = self.parent.get(code)
            while owner is not None and owner not in present:
                owner = self.parent.get(owner)
            if owner is None and self.nodes[code].level == "program" and "TOTAL" in present:
                owner = "TOTAL"
            if owner is not None:
                children[owner].append(row)
        for row, code in refs:
            kids = children.get(code)
            if row.repeat or not kids:
                continue
            for column in columns:
                parts = [amount(k.cells.get(column, "")) for k in kids]
                printed = row.cells.get(column, "")
                if None in parts or amount(printed) is None:
                    continue
                total = sum(parts)
                if amount(printed) != total:
                    self.add(
                        table,
                        row,
                        column,
                        printed,
                        show(total),
                        Kind.JUMLAH,
                        MSG_JUMLAH.format(printed=printed, computed=show(total)),
                    )

    def renstra_vs_pk(self):
        for indicator in self.indicators.values():
            renstra = self.targets[indicator.id][Target.Source.RENSTRA].get(self.year)
            pk = self.pk_target(indicator)
            if renstra is None or pk is None:
                continue
            if calc.Target.parse(renstra) != calc.Target.parse(pk[1]):
                row = Row(indicator.code, indicator.name, {})
                self.add(
                    "PK",
                    row,
                    "target",
                    pk[1],
                    renstra,
                    Kind.TARGET,
                    MSG_TARGET_RENSTRA.format(
                        source=Target.Source(pk[0]).label, printed=pk[1], computed=renstra
                    ),
                )


def consistency_findings(pd, year: int) -> list[Finding]:
    """Every printed figure of `pd`'s draft for `year` that does not follow from the inputs."""
    return Checker(pd, year).run()
