"""A PD's performance inputs (targets, realisasi, budget) as an XLSX template: exported
ready to fill, imported all-or-nothing. The template is documented in
docs/template-xlsx.md and, in Bahasa Indonesia, on its own "Petunjuk" sheet.

Import rules, in short:
- Every sheet present of Target, Realisasi and Anggaran is read (any may be absent; other
  sheets such as Petunjuk and Daftar are ignored). Row 1 holds the column names.
- Every row is checked before anything is written: its code, year, triwulan, source and
  figures (the reporting.services clean_* functions), duplicates within the file, and the
  user's right to make the change (reporting.policy). A row that changes nothing is not
  checked for rights, so that a Kasi may send back the complete template with only their
  own realisasi filled in.
- Any problem: InvalidInput with every problem as a row error, and nothing saved.
  Otherwise every change is written in one transaction by the reporting.services writers,
  each leaving its DataChange with via "impor".
- A blank value deletes (the target, the realisasi, the budget figure); a row left
  entirely blank, or holding only the code and the informative name, is skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workflow import exceptions as e
from workflow.services.records import FILE_EMPTY, FILE_TOO_LARGE

from . import calculations, policy
from .models import Budget, Indicator, Node, Realisasi, Renstra, Target
from .services import (
    Via,
    _apply_budget,
    _apply_realisasi,
    _apply_target,
    clean_amount,
    clean_number,
    clean_source,
    clean_target,
    clean_triwulan,
    clean_year,
)

# ---------------------------------------------------------------- messages

NOT_XLSX = (
    "Berkas tidak dapat dibaca sebagai XLSX. Simpan ulang dari Excel atau LibreOffice "
    "sebagai 'Excel Workbook (.xlsx)' lalu unggah lagi."
)
NOT_XLSX_EXTENSION = "Berkas harus berformat .xlsx (Excel 2007 ke atas), bukan .{ext}."
UNPACKED_TOO_LARGE = "Isi berkas XLSX terlalu besar setelah dibuka (lebih dari {limit} MB)."
NO_SHEETS = "Berkas tidak berisi lembar Target, Realisasi, atau Anggaran."
OTHER_PD = "Berkas ini templat untuk {other}, bukan {pd}. Unduh templat {pd}."
IMPORT_REFUSED = "Berkas tidak diimpor: {count} baris bermasalah."
TOO_MANY_ROWS = "Lembar {sheet} berisi lebih dari {limit} baris; bagi menjadi beberapa berkas."
COLUMN_UNKNOWN = "Kolom '{column}' tidak dikenal di lembar {sheet}; kolom yang dikenal: {known}."
COLUMN_MISSING = "Kolom '{column}' wajib ada di lembar {sheet}."
COLUMN_TWICE = "Kolom '{column}' muncul lebih dari sekali di lembar {sheet}."
REQUIRED = "Kolom {column} wajib diisi."
INDICATOR_UNKNOWN = "Kode indikator '{code}' tidak ada di {pd}."
NODE_UNKNOWN = "Kode program/kegiatan '{code}' tidak ada di {pd}."
DUPLICATE = "Baris ini mengulang baris {row} ({key}); setiap {what} hanya boleh satu baris."
BUKTI_WITHOUT_VALUE = (
    "Bukti diisi tetapi nilai kosong; isi nilainya, atau kosongkan juga bukti untuk "
    "menghapus realisasi."
)
LABEL_TOO_LONG = "Nama pagu perubahan paling panjang 40 karakter."

# ---------------------------------------------------------------- the template

TARGET, REALISASI, ANGGARAN = "Target", "Realisasi", "Anggaran"
PETUNJUK, DAFTAR = "Petunjuk", "Daftar"
SHEETS = (TARGET, REALISASI, ANGGARAN)
MAX_ROWS = 20_000  # per sheet
MAX_UNPACKED_MB = 200  # decompressed size of the workbook's parts (a zip bomb guard)
TRIWULAN_ORDER = (1, 2, 3, 4, 0)  # as exported: the quarters, then the year
PD_PROPERTY = "alur_pd"
TEMPLATE_PROPERTY = "alur_template"
TEMPLATE_NAME = "masukan-kinerja-1"


@dataclass(frozen=True)
class Column:
    name: str
    note: str  # for the Petunjuk sheet, in Bahasa Indonesia
    required: bool = True  # the header must be present
    informative: bool = False  # shown for reading, ignored on import
    width: int = 14


COLUMNS: dict[str, tuple[Column, ...]] = {
    TARGET: (
        Column("kode_indikator", "Kode indikator PD (lihat lembar Daftar). Wajib.", width=18),
        Column("indikator", "Nama indikator; informatif, diabaikan.", False, True, 60),
        Column("tahun", "Tahun target, 1990-2100. Wajib.", width=8),
        Column(
            "sumber",
            "Dokumen asal target: renstra, pk (PK awal), pk_perubahan, renja, atau lainnya "
            "(DPA dan lain-lain). Wajib.",
            width=14,
        ),
        Column(
            "nilai",
            "Target: satu angka (85,5) atau rentang (60-70). Kosong = target dihapus.",
            width=12,
        ),
    ),
    REALISASI: (
        Column("kode_indikator", "Kode indikator PD (lihat lembar Daftar). Wajib.", width=18),
        Column("indikator", "Nama indikator; informatif, diabaikan.", False, True, 60),
        Column("tahun", "Tahun realisasi, 1990-2100. Wajib.", width=8),
        Column(
            "triwulan",
            "0 = realisasi tahunan; 1 sampai 4 = triwulan. Kosong dibaca 0.",
            width=9,
        ),
        Column(
            "nilai",
            "Realisasi: angka (97,53 atau 97.53). Kosong = realisasi dihapus (beserta bukti "
            "dukungnya).",
            width=12,
        ),
        Column(
            "bukti",
            "Keterangan bukti dukung (teks, tautan). Kosong = keterangan dikosongkan. Kolom "
            "ini boleh dihapus: keterangan yang tersimpan tetap.",
            required=False,
            width=40,
        ),
    ),
    ANGGARAN: (
        Column(
            "kode", "Kode program/kegiatan/sub kegiatan (lihat lembar Daftar). Wajib.", width=14
        ),
        Column("program/kegiatan", "Nama; informatif, diabaikan.", False, True, 60),
        Column("tahun", "Tahun anggaran, 1990-2100. Wajib.", width=8),
        Column(
            "pagu_induk",
            "Pagu APBD induk, Rupiah bulat (2451096500 atau 2.451.096.500). Kosong = dihapus.",
            width=16,
        ),
        Column(
            "pagu_perubahan",
            "Pagu setelah perubahan/pergeseran, Rupiah bulat. Kosong = dihapus.",
            width=16,
        ),
        Column(
            "nama_perubahan",
            "Nama pagu perubahan tahun itu, misalnya Perubahan atau Pergeseran 8 (paling "
            "panjang 40 karakter). Kosong = tetap (baris baru: Perubahan).",
            required=False,
            width=16,
        ),
        Column("realisasi", "Realisasi anggaran, Rupiah bulat. Kosong = dihapus.", width=16),
    ),
}
CODE_COLUMN = {TARGET: "kode_indikator", REALISASI: "kode_indikator", ANGGARAN: "kode"}
HEADER_ALIASES = {"program_kegiatan": "program/kegiatan", "kode_program": "kode"}

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
INFO_FILL = PatternFill("solid", fgColor="D9D9D9")
TEXT = "@"
RUPIAH = "#,##0"


@dataclass
class SheetCounts:
    created: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changes(self) -> int:
        return self.created + self.changed + self.deleted


@dataclass
class ImportResult:
    """What an import did, per sheet; `sheets` names the sheets that were read."""

    target: SheetCounts = field(default_factory=SheetCounts)
    realisasi: SheetCounts = field(default_factory=SheetCounts)
    anggaran: SheetCounts = field(default_factory=SheetCounts)
    sheets: tuple[str, ...] = ()

    def of(self, sheet: str) -> SheetCounts:
        return getattr(self, sheet.lower())

    @property
    def changes(self) -> int:
        return self.target.changes + self.realisasi.changes + self.anggaran.changes

    def as_dict(self) -> dict:
        return {
            "sheets": list(self.sheets),
            **{sheet: asdict(self.of(sheet)) for sheet in SHEETS},
        }


# ---------------------------------------------------------------- shared XLSX helpers


class RowErrors:
    """Row errors in the order found: {"sheet", "row", "column", "message"}."""

    def __init__(self):
        self.items: list[dict] = []

    def add(self, sheet: str, row: int, column: str | None, message: str) -> None:
        self.items.append({"sheet": sheet, "row": row, "column": column, "message": message})

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            count = len({(i["sheet"], i["row"]) for i in self.items})
            raise e.InvalidInput(IMPORT_REFUSED.format(count=count), details=self.items)


def read_workbook(upload):
    """The uploaded XLSX as a read-only openpyxl workbook (close it when done), or an
    InvalidInput in Indonesian: not .xlsx, empty, too big, or unreadable."""
    name = getattr(upload, "name", "") or ""
    ext = PurePath(name).suffix.lower().lstrip(".")
    if ext != "xlsx":
        raise e.InvalidInput(NOT_XLSX_EXTENSION.format(ext=ext or "?"))
    limit = getattr(settings, "ALUR_MAX_UPLOAD_MB", 20)
    size = upload.size
    if not size:
        raise e.InvalidInput(FILE_EMPTY)
    if size > limit * 1024 * 1024:
        raise e.InvalidInput(FILE_TOO_LARGE.format(size=round(size / 1048576, 1), limit=limit))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"PK"):
        raise e.InvalidInput(NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        raise e.InvalidInput(NOT_XLSX) from None
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise e.InvalidInput(UNPACKED_TOO_LARGE.format(limit=MAX_UNPACKED_MB))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, ...)
        raise e.InvalidInput(NOT_XLSX) from None


def cell_value(value):
    """A cell as the clean_* functions want it: stripped text or None, whole floats as int."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def header_name(value) -> str:
    """A column name as the template spells it: "Program / Kegiatan" -> "program/kegiatan"."""
    if value is None:
        return ""
    text = re.sub(r"\s*/\s*", "/", str(value).strip().lower())
    name = "_".join(text.split())
    return HEADER_ALIASES.get(name, name)


def sheet_rows(ws, sheet: str, errors: RowErrors) -> Iterable[tuple[int, tuple]]:
    """(row number, cleaned cells) of the rows under the header, blank rows skipped."""
    count = 0
    for number, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        cells = tuple(cell_value(c) for c in cells)
        if all(c is None for c in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            errors.add(sheet, number, None, TOO_MANY_ROWS.format(sheet=sheet, limit=MAX_ROWS))
            return
        yield number, cells


def put(ws, row: int, column: int, value):
    """Write a cell; text is always text (never a formula, however it starts) and loses
    the control characters that XLSX cannot hold."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _number_cell(value: Decimal):
    """A Decimal as an Excel number when a float holds it exactly, else Indonesian text."""
    value = value.normalize()
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return calculations.format_number(value)


# ---------------------------------------------------------------- export


def inputs_export(*, pd, year: int | None = None) -> bytes:
    """The template of `pd`'s inputs, filled with what is stored.

    With `year`: Target has every indicator x every source for that year, plus the Renstra
    targets already stored for the other years of the Renstra period covering it;
    Realisasi has every indicator x triwulan 1-4 and 0; Anggaran has every node. Without:
    every stored row of every year, and one placeholder row (code and name only) for each
    indicator or node that has none. Who may download it is the caller's check
    (policy.may_view)."""
    indicators = list(Indicator.objects.filter(pd=pd).select_related("node", "pengampu"))
    nodes = list(Node.objects.filter(pd=pd).order_by("order", "code"))
    targets = Target.objects.filter(indicator__pd=pd)
    realisasi = Realisasi.objects.filter(indicator__pd=pd)
    budgets = Budget.objects.filter(node__pd=pd)
    renstra = None
    if year is not None:
        renstra = Renstra.objects.filter(pd=pd, start_year__lte=year, end_year__gte=year).first()
        renstra_years = range(renstra.start_year, renstra.end_year + 1) if renstra else [year]
        targets = targets.filter(year=year) | targets.filter(
            year__in=list(renstra_years), source=Target.Source.RENSTRA
        )
        realisasi = realisasi.filter(year=year)
        budgets = budgets.filter(year=year)
    stored_targets = {(t.indicator_id, t.year, t.source): t.value for t in targets}
    stored_realisasi = {(r.indicator_id, r.year, r.triwulan): r for r in realisasi}
    stored_budgets = {(b.node_id, b.year): b for b in budgets}
    keys_of = defaultdict(set)  # (sheet, indicator or node id) -> the stored keys
    for sheet, stored in ((TARGET, stored_targets), (REALISASI, stored_realisasi)):
        for owner, *key in stored:
            keys_of[sheet, owner].add(tuple(key))
    for owner, y in stored_budgets:
        keys_of[ANGGARAN, owner].add(y)

    wb = Workbook()
    wb.custom_doc_props.append(StringProperty(name=PD_PROPERTY, value=pd.slug))
    wb.custom_doc_props.append(StringProperty(name=TEMPLATE_PROPERTY, value=TEMPLATE_NAME))
    wb.properties.title = f"Data kinerja {pd.name}" + (f" {year}" if year else "")
    _petunjuk(wb.active, pd, year, renstra)
    sources = list(Target.Source.values)

    rows = []
    for indicator in indicators:
        keys = set(keys_of[TARGET, indicator.pk])
        if year is not None:
            keys |= {(year, s) for s in sources}
        if not keys:
            rows.append([indicator.code, indicator.name, None, None, None])
        for y, source in sorted(keys, key=lambda k: (k[0], sources.index(k[1]))):
            value = stored_targets.get((indicator.pk, y, source))
            rows.append([indicator.code, indicator.name, y, source, value])
    _data_sheet(wb, TARGET, rows, len(indicators), len(nodes))

    rows = []
    for indicator in indicators:
        keys = set(keys_of[REALISASI, indicator.pk])
        if year is not None:
            keys |= {(year, t) for t in TRIWULAN_ORDER}
        if not keys:
            rows.append([indicator.code, indicator.name, None, None, None, None])
        for y, triwulan in sorted(keys, key=lambda k: (k[0], TRIWULAN_ORDER.index(k[1]))):
            stored = stored_realisasi.get((indicator.pk, y, triwulan))
            value = _number_cell(stored.value) if stored else None
            bukti = (stored.bukti or None) if stored else None
            rows.append([indicator.code, indicator.name, y, triwulan, value, bukti])
    _data_sheet(wb, REALISASI, rows, len(indicators), len(nodes))

    rows = []
    for node in nodes:
        keys = set(keys_of[ANGGARAN, node.pk])
        if year is not None:
            keys.add(year)
        if not keys:
            rows.append([node.code, node.name, None, None, None, None, None])
        for y in sorted(keys):
            b = stored_budgets.get((node.pk, y))
            figures = (
                [b.pagu_induk, b.pagu_perubahan, b.perubahan_label or None, b.realisasi]
                if b
                else [None] * 4
            )
            rows.append([node.code, node.name, y, *figures])
    _data_sheet(wb, ANGGARAN, rows, len(indicators), len(nodes))

    _daftar(wb, indicators, nodes)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _header(ws, columns: Iterable[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"


def _data_sheet(wb, sheet: str, rows: list[list], n_indicators: int, n_nodes: int) -> None:
    ws = wb.create_sheet(sheet)
    columns = COLUMNS[sheet]
    _header(ws, columns)
    names = [c.name for c in columns]
    formats = {
        "nilai": TEXT if sheet == TARGET else None,
        "bukti": TEXT,
        "sumber": TEXT,
        "kode_indikator": TEXT,
        "kode": TEXT,
        "nama_perubahan": TEXT,
        "pagu_induk": RUPIAH,
        "pagu_perubahan": RUPIAH,
        "realisasi": RUPIAH,
    }
    for number, values in enumerate(rows, start=2):
        for index, (name, value) in enumerate(zip(names, values, strict=True), start=1):
            cell = put(ws, number, index, value)
            if formats.get(name):
                cell.number_format = formats[name]
            if name in ("indikator", "program/kegiatan"):
                cell.fill = INFO_FILL
                cell.alignment = Alignment(wrap_text=False)
    last = max(len(rows) + 1, 2) + 500  # room to add rows
    column_of = {name: get_column_letter(i) for i, name in enumerate(names, start=1)}

    def validate(name: str, dv: DataValidation) -> None:
        dv.errorTitle, dv.showErrorMessage = "Nilai tidak sah", True
        dv.add(f"{column_of[name]}2:{column_of[name]}{last}")
        ws.add_data_validation(dv)

    code = CODE_COLUMN[sheet]
    count = n_nodes if sheet == ANGGARAN else n_indicators
    if count:
        source = "D" if sheet == ANGGARAN else "A"  # the code columns of _daftar
        validate(
            code,
            DataValidation(
                type="list",
                formula1=f"={DAFTAR}!${source}$2:${source}${count + 1}",
                allow_blank=True,
                error="Kode tidak ada di daftar PD ini (lembar Daftar).",
            ),
        )
    validate(
        "tahun",
        DataValidation(
            type="whole",
            operator="between",
            formula1="1990",
            formula2="2100",
            allow_blank=True,
            error="Tahun 1990-2100.",
        ),
    )
    if sheet == TARGET:
        validate(
            "sumber",
            DataValidation(
                type="list",
                formula1='"{}"'.format(",".join(Target.Source.values)),
                allow_blank=True,
                error="Pilih renstra, pk, pk_perubahan, renja, atau lainnya.",
            ),
        )
    if sheet == REALISASI:
        validate(
            "triwulan",
            DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2="4",
                allow_blank=True,
                error="0 (tahunan) atau 1 sampai 4.",
            ),
        )


def _petunjuk(ws, pd, year: int | None, renstra) -> None:
    ws.title = PETUNJUK
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["D"].width = 90
    scope = f"tahun {year}" if year else "semua tahun yang tersimpan"
    if year and renstra:
        scope += (
            f" (lembar Target juga memuat target Renstra {renstra.start_year}-"
            f"{renstra.end_year} yang sudah tersimpan)"
        )
    lines = [
        f"Templat data kinerja {pd.name}",
        f"Isi: {scope}. Diunduh {timezone.localtime():%d-%m-%Y %H:%M}.",
        "",
        "Cara mengisi",
        "1. Isi lembar Target, Realisasi, dan Anggaran: satu baris untuk satu data. Baris "
        "pertama (nama kolom) jangan diubah.",
        "2. Kolom abu-abu (indikator, program/kegiatan) hanya untuk memudahkan membaca; "
        "isinya diabaikan saat impor.",
        "3. Sel nilai yang DIKOSONGKAN MENGHAPUS data yang tersimpan (target, realisasi "
        "beserta bukti dukungnya, atau angka anggaran).",
        "4. Angka boleh berupa angka Excel atau teks berformat Indonesia: 97,53 atau "
        "2.451.096.500. Anggaran dalam Rupiah bulat.",
        "5. Baris yang kosong seluruhnya, atau hanya berisi kode dan nama, dilewati. Baris "
        "boleh ditambah; menghapus baris tidak menghapus data (kosongkan nilainya).",
        "6. Lembar yang tidak diperlukan boleh dihapus; datanya tidak berubah. Lembar "
        "Petunjuk dan Daftar diabaikan saat impor.",
        "7. Semua baris diperiksa lebih dulu. Bila satu baris saja salah, TIDAK ADA yang "
        "disimpan: pesan galat menyebut lembar, baris, dan kolomnya. Perbaiki, lalu unggah "
        "lagi.",
        "8. Realisasi hanya diisi oleh pengampu indikatornya; Target dan Anggaran hanya "
        "oleh Sekretaris atau Kepala PD. Baris yang tidak mengubah apa pun tidak diperiksa, "
        "jadi templat lengkap boleh diunggah kembali dengan hanya baris Anda yang diubah.",
        "9. Setiap kunci hanya boleh satu baris: indikator+tahun+sumber (Target), "
        "indikator+tahun+triwulan (Realisasi), kode+tahun (Anggaran).",
        "10. Setiap perubahan dicatat: siapa, kapan, nilai sebelum dan sesudah.",
        "",
    ]
    for number, line in enumerate(lines, start=1):
        put(ws, number, 1, line)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A4"].font = Font(bold=True)
    row = len(lines) + 1
    for index, title in enumerate(("Lembar", "Kolom", "Kolom wajib ada", "Isi"), start=1):
        cell = ws.cell(row=row, column=index, value=title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for sheet in SHEETS:
        for column in COLUMNS[sheet]:
            row += 1
            required = "informatif" if column.informative else "ya" if column.required else "tidak"
            for index, value in enumerate((sheet, column.name, required, column.note), start=1):
                ws.cell(row=row, column=index, value=value)
            ws.cell(row=row, column=4).alignment = Alignment(wrap_text=True, vertical="top")


def _daftar(wb, indicators: list, nodes: list) -> None:
    """The hidden list sheet: indicator codes (A) with name and pengampu, node codes (D)
    with name, and the target sources (F); the code columns feed the data validation."""
    ws = wb.create_sheet(DAFTAR)
    headers = ["kode_indikator", "indikator", "pengampu", "kode", "program/kegiatan", "sumber"]
    _header(ws, [Column(h, "", width=18) for h in headers])
    ws.column_dimensions["B"].width = ws.column_dimensions["E"].width = 60
    ws.column_dimensions["C"].width = ws.column_dimensions["F"].width = 40
    for number, indicator in enumerate(indicators, start=2):
        put(ws, number, 1, indicator.code).number_format = TEXT
        put(ws, number, 2, indicator.name)
        put(ws, number, 3, indicator.pengampu.title if indicator.pengampu_id else "-")
    for number, node in enumerate(nodes, start=2):
        put(ws, number, 4, node.code).number_format = TEXT
        put(ws, number, 5, node.name)
    for number, (value, label) in enumerate(Target.Source.choices, start=2):
        ws.cell(row=number, column=6, value=f"{value}: {label}")
    ws.sheet_state = "hidden"


# ---------------------------------------------------------------- import


@dataclass
class _Change:
    sheet: str
    action: str  # created, changed, deleted, unchanged
    write: Callable[[], object] | None = None


class _Importer:
    def __init__(self, pd, user, scope, now):
        self.pd, self.user, self.scope, self.now = pd, user, scope, now
        self.errors = RowErrors()
        self.changes: list[_Change] = []
        self.indicators = {
            i.code: i for i in Indicator.objects.filter(pd=pd).select_related("pengampu")
        }
        self.nodes = {n.code: n for n in Node.objects.filter(pd=pd)}
        self.may_manage = policy.may_manage(scope, pd)

    # -- reading

    def columns(self, ws, sheet: str) -> dict[str, int] | None:
        """Column name -> index from row 1, or None (with errors) when the header is bad."""
        known = {c.name: c for c in COLUMNS[sheet]}
        header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
        found: dict[str, int] = {}
        ok = True
        for index, value in enumerate(header):
            name = header_name(cell_value(value))
            if not name:
                continue  # a column without a name is ignored
            if name not in known:
                known_text = ", ".join(known)
                message = COLUMN_UNKNOWN.format(column=value, sheet=sheet, known=known_text)
                self.errors.add(sheet, 1, str(value), message)
                ok = False
            elif name in found:
                self.errors.add(sheet, 1, name, COLUMN_TWICE.format(column=name, sheet=sheet))
                ok = False
            else:
                found[name] = index
        for column in COLUMNS[sheet]:
            if column.required and column.name not in found:
                message = COLUMN_MISSING.format(column=column.name, sheet=sheet)
                self.errors.add(sheet, 1, column.name, message)
                ok = False
        return found if ok else None

    def rows(self, ws, sheet: str):
        """Each data row as {column: value} with the row number; placeholders skipped."""
        found = self.columns(ws, sheet)
        if found is None:
            return
        ignore = {c.name for c in COLUMNS[sheet] if c.informative} | {CODE_COLUMN[sheet]}
        for number, cells in sheet_rows(ws, sheet, self.errors):
            row = {name: cells[i] if i < len(cells) else None for name, i in found.items()}
            if all(v is None for name, v in row.items() if name not in ignore):
                continue
            yield number, row

    def clean(self, sheet: str, number: int, column: str, function, *args):
        """function(*args) or, on ValueError, a row error and _INVALID."""
        try:
            return function(*args)
        except ValueError as error:
            self.errors.add(sheet, number, column, str(error))
            return _INVALID

    def required(self, sheet: str, number: int, row: dict, column: str) -> bool:
        if row.get(column) is None:
            self.errors.add(sheet, number, column, REQUIRED.format(column=column))
            return False
        return True

    def lookup(self, sheet: str, number: int, row: dict):
        column = CODE_COLUMN[sheet]
        if not self.required(sheet, number, row, column):
            return None
        code = str(row[column]).strip()
        table, message = (
            (self.nodes, NODE_UNKNOWN)
            if sheet == ANGGARAN
            else (self.indicators, INDICATOR_UNKNOWN)
        )
        found = table.get(code)
        if found is None:
            self.errors.add(sheet, number, column, message.format(code=code, pd=self.pd.name))
        return found

    def once(self, seen: dict, key, sheet: str, number: int, column: str, shown: str, what: str):
        if key in seen:
            message = DUPLICATE.format(row=seen[key], key=shown, what=what)
            self.errors.add(sheet, number, column, message)
            return False
        seen[key] = number
        return True

    def refuse_unless(self, allowed: bool, sheet: str, number: int, message: str) -> None:
        if not allowed:
            self.errors.add(sheet, number, CODE_COLUMN[sheet], message)

    # -- the sheets

    def target(self, ws) -> None:
        stored = {
            (t.indicator_id, t.year, t.source): t.value
            for t in Target.objects.filter(indicator__pd=self.pd)
        }
        seen: dict = {}
        for number, row in self.rows(ws, TARGET):
            indicator = self.lookup(TARGET, number, row)
            year = source = _INVALID
            if self.required(TARGET, number, row, "tahun"):
                year = self.clean(TARGET, number, "tahun", clean_year, row["tahun"])
            if self.required(TARGET, number, row, "sumber"):
                source = self.clean(TARGET, number, "sumber", clean_source, row["sumber"])
            value = self.clean(TARGET, number, "nilai", clean_target, row["nilai"])
            if _INVALID in (year, source, value) or indicator is None:
                continue
            shown = f"{indicator.code} {year} {source}"
            key = (indicator.pk, year, source)
            if not self.once(seen, key, TARGET, number, "kode_indikator", shown, "target"):
                continue
            before = stored.get(key)
            action = _action(before, value, before == value)
            if action != "unchanged":
                message = policy.NOT_MANAGER.format(pd=self.pd.name)
                self.refuse_unless(self.may_manage, TARGET, number, message)
            self.changes.append(
                _Change(
                    TARGET,
                    action,
                    lambda i=indicator, y=year, s=source, v=value: _apply_target(
                        i, y, s, v, self.user, self.now, Via.IMPOR
                    ),
                )
            )

    def realisasi(self, ws) -> None:
        stored = {
            (r.indicator_id, r.year, r.triwulan): r
            for r in Realisasi.objects.filter(indicator__pd=self.pd)
        }
        seen: dict = {}
        for number, row in self.rows(ws, REALISASI):
            indicator = self.lookup(REALISASI, number, row)
            year = _INVALID
            if self.required(REALISASI, number, row, "tahun"):
                year = self.clean(REALISASI, number, "tahun", clean_year, row["tahun"])
            triwulan = self.clean(REALISASI, number, "triwulan", clean_triwulan, row["triwulan"])
            value = self.clean(REALISASI, number, "nilai", clean_number, row["nilai"])
            bukti = None  # the column is absent: keep what is stored
            if "bukti" in row:
                bukti = "" if row["bukti"] is None else str(row["bukti"]).strip()
                if bukti and value is None:
                    self.errors.add(REALISASI, number, "bukti", BUKTI_WITHOUT_VALUE)
                    continue
            if _INVALID in (year, triwulan, value) or indicator is None:
                continue
            shown = f"{indicator.code} {year} TW{triwulan}"
            key = (indicator.pk, year, triwulan)
            if not self.once(seen, key, REALISASI, number, "kode_indikator", shown, "realisasi"):
                continue
            current = stored.get(key)
            same = current is not None and (
                current.value == value and (bukti is None or current.bukti == bukti)
            )
            action = _action(current, value, same)
            if action != "unchanged":
                pengampu = indicator.pengampu.title if indicator.pengampu_id else "belum ditetapkan"
                message = policy.NOT_PENGAMPU.format(code=indicator.code, pengampu=pengampu)
                allowed = policy.may_enter_realisasi(self.scope, indicator)
                self.refuse_unless(allowed, REALISASI, number, message)
            self.changes.append(
                _Change(
                    REALISASI,
                    action,
                    lambda i=indicator, y=year, t=triwulan, v=value, b=bukti: _apply_realisasi(
                        i, y, t, v, b, self.user, self.now, Via.IMPOR
                    ),
                )
            )

    def anggaran(self, ws) -> None:
        fields = ("pagu_induk", "pagu_perubahan", "realisasi", "perubahan_label")
        stored = {
            (b.node_id, b.year): {f: getattr(b, f) for f in fields}
            for b in Budget.objects.filter(node__pd=self.pd)
        }
        labels = {"pagu_induk": "Pagu induk", "pagu_perubahan": "Pagu perubahan"}
        labels["realisasi"] = "Realisasi anggaran"
        seen: dict = {}
        for number, row in self.rows(ws, ANGGARAN):
            node = self.lookup(ANGGARAN, number, row)
            year = _INVALID
            if self.required(ANGGARAN, number, row, "tahun"):
                year = self.clean(ANGGARAN, number, "tahun", clean_year, row["tahun"])
            values = {
                name: self.clean(ANGGARAN, number, name, clean_amount, row[name], labels[name])
                for name in labels
            }
            label = row.get("nama_perubahan")
            if label is not None:
                label = str(label).strip()
                if len(label) > 40:
                    self.errors.add(ANGGARAN, number, "nama_perubahan", LABEL_TOO_LONG)
                    continue
                values["perubahan_label"] = label
            if _INVALID in (year, *values.values()) or node is None:
                continue
            key = (node.pk, year)
            if not self.once(
                seen, key, ANGGARAN, number, "kode", f"{node.code} {year}", "anggaran"
            ):
                continue
            before = stored.get(key)
            empty = all(values[name] is None for name in labels)
            if before is None and empty:
                action = "unchanged"  # nothing stored, nothing given: no empty row is made
            elif before is None:
                action = "created"
            else:
                after = {**before, **values}
                if after == before:
                    action = "unchanged"
                elif empty and any(before[name] is not None for name in labels):
                    action = "deleted"
                else:
                    action = "changed"
            if action != "unchanged":
                message = policy.NOT_MANAGER.format(pd=self.pd.name)
                self.refuse_unless(self.may_manage, ANGGARAN, number, message)
            self.changes.append(
                _Change(
                    ANGGARAN,
                    action,
                    lambda n=node, y=year, v=values: _apply_budget(
                        n, y, v, self.user, self.now, Via.IMPOR
                    ),
                )
            )


_INVALID = object()  # marks a cell that failed its clean_* (its error is recorded)


def _action(before, value, same: bool) -> str:
    if value is None:
        return "unchanged" if before is None else "deleted"
    if before is None:
        return "created"
    return "unchanged" if same else "changed"


def inputs_import(
    *,
    pd,
    upload,
    user,
    scope: policy.ReportingScope | None = None,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Import the Target, Realisasi and Anggaran sheets of `upload` into `pd`: every row
    is checked first; any problem raises InvalidInput (IMPORT_REFUSED, the row errors in
    `details`) and nothing is saved. The user must see the PD (policy.may_view)."""
    now = now or timezone.now()
    scope = scope or policy.reporting_scope(user)
    if not policy.may_view(scope, pd):
        raise e.NotAllowed(policy.NOT_VISIBLE)
    wb = read_workbook(upload)
    try:
        names = {name.strip().lower(): name for name in wb.sheetnames}
        present = [sheet for sheet in SHEETS if sheet.lower() in names]
        if not present:
            raise e.InvalidInput(NO_SHEETS)
        marked = {p.name: p.value for p in wb.custom_doc_props}.get(PD_PROPERTY)
        if marked and marked != pd.slug:
            other = type(pd).objects.filter(slug=marked).values_list("name", flat=True).first()
            raise e.InvalidInput(OTHER_PD.format(other=other or marked, pd=pd.name))
        with transaction.atomic():
            importer = _Importer(pd, user, scope, now)
            for sheet in present:
                getattr(importer, sheet.lower())(wb[names[sheet.lower()]])
            importer.errors.raise_if_any()
            result = ImportResult(sheets=tuple(present))
            for change in importer.changes:
                if change.action != "unchanged":
                    change.write()
                counts = result.of(change.sheet)
                setattr(counts, change.action, getattr(counts, change.action) + 1)
    finally:
        wb.close()
    return result
