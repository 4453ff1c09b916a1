"""The Survei Kepuasan Masyarakat (PermenPANRB 14/2017) of a PD: its responses imported
from an XLSX (one respondent per row, columns U1..U9 scored 1-4), its IKM computed
(reporting.calculations.ikm), and that IKM posted as the realisasi of the survey's
indicator. The survey is the Sekretaris's and the Kepala PD's (policy.may_manage).

The template is documented in docs/template-xlsx.md."""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workflow import exceptions as e

from . import calculations, policy
from .models import IkmResponse, IkmSurvey, Realisasi
from .services import Via, _apply_realisasi, clean_triwulan, clean_year, log_change
from .xlsx_io import (
    HEADER_FILL,
    HEADER_FONT,
    PETUNJUK,
    RowErrors,
    cell_value,
    read_workbook,
    sheet_rows,
)

# PermenPANRB 14/2017: the nine unsur of the survey, U1..U9.
UNSUR = (
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)
COLUMNS = tuple(f"U{n}" for n in range(1, 10))
SHEET = "Responden"
MAX_RESPONDENTS = 20_000  # rows of the template's score validation

SCORE_INVALID = "Nilai {column} harus 1, 2, 3, atau 4, bukan '{value}'."
SCORE_MISSING = "Nilai {column} kosong; setiap responden menilai kesembilan unsur."
SURVEY_COLUMNS_MISSING = (
    "Baris pertama lembar {sheet} harus berisi judul kolom U1 sampai U9; tidak ada: {missing}."
)
SURVEY_COLUMN_TWICE = "Kolom {column} muncul lebih dari sekali."
SURVEY_NO_SHEET = "Berkas tidak berisi lembar data responden."
SURVEY_EMPTY = "Berkas tidak berisi satu pun responden."
SURVEY_NO_INDICATOR = (
    "Survei ini belum dikaitkan dengan indikator; pilih indikator IKM-nya lebih dulu."
)
SURVEY_NO_RESPONSES = "Survei ini belum memiliki responden."
SURVEY_INDICATOR_OTHER_PD = "Indikator {code} bukan indikator {pd}."


def _require_manager(scope, pd) -> None:
    if not policy.may_manage(scope, pd):
        raise e.NotAllowed(policy.NOT_MANAGER.format(pd=pd.name))


def _score(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 4 else None
    text = str(value).strip()
    return int(text) if text in ("1", "2", "3", "4") else None


def _is_unsur_line(cells: tuple, found: dict[str, int]) -> bool:
    """The template's second header line (the unsur names under U1..U9)."""
    names = [cells[found[c]] if found[c] < len(cells) else None for c in COLUMNS]
    return [str(n or "").strip().lower() for n in names] == [u.lower() for u in UNSUR]


def _read_responses(upload) -> list[str]:
    """The respondents' scores as 9-digit strings; InvalidInput on any bad row."""
    wb = read_workbook(upload)
    try:
        sheets = [n for n in wb.sheetnames if n.strip().lower() != PETUNJUK.lower()]
        named = [n for n in sheets if n.strip().lower() == SHEET.lower()]
        if not sheets:
            raise e.InvalidInput(SURVEY_NO_SHEET)
        sheet = (named or sheets)[0]
        ws = wb[sheet]
        header = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
        found: dict[str, int] = {}
        for index, value in enumerate(header):
            name = str(cell_value(value) or "").replace(" ", "").upper()
            if name in COLUMNS:
                if name in found:
                    raise e.InvalidInput(SURVEY_COLUMN_TWICE.format(column=name))
                found[name] = index
        missing = [c for c in COLUMNS if c not in found]
        if missing:
            raise e.InvalidInput(
                SURVEY_COLUMNS_MISSING.format(sheet=sheet, missing=", ".join(missing))
            )
        errors = RowErrors()
        responses = []
        for number, cells in sheet_rows(ws, sheet, errors):
            if number == 2 and _is_unsur_line(cells, found):
                continue
            scores = [cells[found[c]] if found[c] < len(cells) else None for c in COLUMNS]
            if all(s is None for s in scores):
                continue  # only No/nama filled in: not a respondent
            digits = []
            for column, value in zip(COLUMNS, scores, strict=True):
                if value is None:
                    errors.add(sheet, number, column, SCORE_MISSING.format(column=column))
                    continue
                score = _score(value)
                if score is None:
                    message = SCORE_INVALID.format(column=column, value=value)
                    errors.add(sheet, number, column, message)
                else:
                    digits.append(str(score))
            responses.append("".join(digits))
        errors.raise_if_any()
    finally:
        wb.close()
    if not responses:
        raise e.InvalidInput(SURVEY_EMPTY)
    return responses


def _summary(scores: list[str]) -> str:
    if not scores:
        return ""
    result = calculations.ikm([[int(c) for c in s] for s in scores])
    value = calculations.format_percent(result.value)
    return f"{result.respondents} responden, IKM {value} ({result.mutu})"


def survey_responses_import(
    *,
    pd,
    year: int,
    triwulan: int,
    upload,
    user,
    indicator=None,
    now: dt.datetime | None = None,
    scope: policy.ReportingScope | None = None,
) -> IkmSurvey:
    """Replace the responses of `pd`'s survey of year/triwulan (made if new) with those of
    the uploaded XLSX. Any bad row: InvalidInput with every row error, nothing saved.
    `indicator`, when given, becomes the survey's indicator (else it is kept)."""
    now = now or timezone.now()
    scope = scope or policy.reporting_scope(user)
    _require_manager(scope, pd)
    try:
        year, triwulan = clean_year(year), clean_triwulan(triwulan)
    except ValueError as error:
        raise e.InvalidInput(str(error)) from None
    if indicator is not None and indicator.pd_id != pd.pk:
        raise e.InvalidInput(SURVEY_INDICATOR_OTHER_PD.format(code=indicator.code, pd=pd.name))
    responses = _read_responses(upload)
    with transaction.atomic():
        survey = (
            IkmSurvey.objects.select_for_update()
            .filter(pd=pd, year=year, triwulan=triwulan)
            .first()
        )
        if survey is None:
            survey = IkmSurvey.objects.create(
                pd=pd,
                year=year,
                triwulan=triwulan,
                indicator=indicator,
                created_by=user,
                created_at=now,
            )
            before = []
        else:
            before = list(survey.responses.values_list("scores", flat=True))
            if indicator is not None and survey.indicator_id != indicator.pk:
                survey.indicator = indicator
                survey.save(update_fields=["indicator"])
            survey.responses.all().delete()
        IkmResponse.objects.bulk_create(IkmResponse(survey=survey, scores=s) for s in responses)
        log_change(
            pd.pk,
            user,
            now,
            "survei",
            f"SKM {year} TW{triwulan}",
            _summary(before),
            _summary(responses),
            Via.IMPOR,
        )
    return survey


def survey_result(survey: IkmSurvey) -> calculations.Ikm:
    """The IKM of `survey`'s responses; InvalidInput when it has none."""
    scores = [r.as_list() for r in survey.responses.all()]
    if not scores:
        raise e.InvalidInput(SURVEY_NO_RESPONSES)
    return calculations.ikm(scores)


def survey_post_realisasi(
    *,
    survey: IkmSurvey,
    user,
    now: dt.datetime | None = None,
    scope: policy.ReportingScope | None = None,
) -> Realisasi:
    """Write the survey's IKM as the realisasi of its indicator for its year/triwulan
    (a DataChange with via "survei"). By the PD's managers, who own the survey."""
    now = now or timezone.now()
    scope = scope or policy.reporting_scope(user)
    _require_manager(scope, survey.pd)
    indicator = survey.indicator
    if indicator is None:
        raise e.InvalidInput(SURVEY_NO_INDICATOR)
    if indicator.pd_id != survey.pd_id:
        raise e.InvalidInput(
            SURVEY_INDICATOR_OTHER_PD.format(code=indicator.code, pd=survey.pd.name)
        )
    value = survey_result(survey).value
    with transaction.atomic():
        return _apply_realisasi(
            indicator, survey.year, survey.triwulan, value, None, user, now, Via.SURVEI
        )


def survey_responses_template() -> bytes:
    """An empty survey workbook: "Responden" (No, U1..U9, the unsur names on row 2) and a
    "Petunjuk" sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for index, title in enumerate(("No", *COLUMNS), start=1):
        cell = ws.cell(row=1, column=index, value=title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(index)].width = 6 if index == 1 else 16
    for index, name in enumerate(UNSUR, start=2):
        cell = ws.cell(row=2, column=index, value=name)
        cell.font = Font(italic=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 45
    ws.freeze_panes = "B3"
    scores = DataValidation(
        type="whole",
        operator="between",
        formula1="1",
        formula2="4",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Nilai tidak sah",
        error="Nilai unsur 1, 2, 3, atau 4.",
    )
    scores.add(f"B3:J{MAX_RESPONDENTS + 2}")
    ws.add_data_validation(scores)

    info = wb.create_sheet(PETUNJUK)
    info.column_dimensions["A"].width = 8
    info.column_dimensions["B"].width = 90
    lines = [
        ("Survei Kepuasan Masyarakat (PermenPANRB Nomor 14 Tahun 2017)", None),
        ("", None),
        ("1. Satu baris lembar Responden untuk satu responden, mulai baris 3.", None),
        ("2. Baris 1 (No, U1 sampai U9) jangan diubah; baris 2 (nama unsur) boleh.", None),
        ("3. Nilai tiap unsur: 1 (tidak baik), 2 (kurang baik), 3 (baik), 4 (sangat baik).", None),
        ("4. Kolom lain (No, nama, jenis kelamin, pendidikan, ...) boleh ada; diabaikan.", None),
        ("5. Bila satu baris saja salah, tidak ada yang disimpan; pesan menyebut barisnya.", None),
        ("6. Mengunggah ulang mengganti seluruh responden survei periode itu.", None),
        ("7. IKM = (jumlah NRR unsur x 1/9) x 25; mutu A 88,31-100 Sangat Baik, B 76,61-", None),
        ("   88,30 Baik, C 65,00-76,60 Kurang Baik, D 25,00-64,99 Tidak Baik.", None),
        ("", None),
        ("Kolom", "Unsur pelayanan"),
        *zip(COLUMNS, UNSUR, strict=True),
    ]
    for number, (first, second) in enumerate(lines, start=1):
        info.cell(row=number, column=1, value=first)
        if second is not None:
            info.cell(row=number, column=2, value=second)
    info["A1"].font = Font(bold=True, size=14)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
