"""Writes of the reporting app. seed_load reads the transcribed seed (reporting/data/) into
the models; it is idempotent: every row is found by its natural key and updated in place."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from pathlib import Path, PurePath

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from organisation.models import PerangkatDaerah, Position
from workflow import exceptions as e
from workflow.services.records import validate_upload

from . import calculations, policy
from .models import (
    Analysis,
    Budget,
    Comparison,
    DataChange,
    Evidence,
    Indicator,
    Node,
    PerjanjianKinerja,
    PrintedFigure,
    Realisasi,
    Renstra,
    Target,
)

PD_MISMATCH = "Berkas '{path}' milik PD '{found}', bukan '{expected}'."
POSITION_UNKNOWN = "Jabatan pengampu '{code}' tidak ada di {pd}."

S = Target.Source
# target_2024_printed keys that are target documents (the Bab III tables are printed figures).
PRINTED_TARGET_SOURCES = {
    "renstra_tabel_2_2": S.RENSTRA,
    "pk_awal": S.PK,
    "pk_perubahan": S.PK_PERUBAHAN,
    "pk_tabel_2_5": S.PK_PERUBAHAN,  # Tabel 2.5 is the PK Perubahan's annex (decision 3)
    "renja_tabel_2_4": S.RENJA,
    "dpa_tabel_2_6": S.LAINNYA,
}


def _target_text(value) -> str:
    """A YAML target (3.3, 100, "60-70") as Indonesian text that Target.parse reads back."""
    if isinstance(value, str):
        return value.strip()
    return calculations.format_number(calculations.to_decimal(value))


def _target_source(label: str) -> str:
    if label.startswith("Renstra"):
        return S.RENSTRA
    if "2.5" in label:
        return S.PK_PERUBAHAN
    return S.LAINNYA


def _save(model, *, defaults: dict, **keys):
    """update_or_create that validates first (full_clean) and writes only on change."""
    obj = model.objects.filter(**keys).first()
    if obj is None:
        obj = model(**keys, **defaults)
        obj.full_clean()
        obj.save()
        return obj
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.full_clean()
        obj.save(update_fields=changed)
    return obj


@transaction.atomic
def seed_load(*, pd_slug: str, inputs_path: Path | str, printed_path: Path | str) -> dict:
    """Load a transcribed LKjIP seed (inputs + printed tables) for one PD. Returns counts.

    Sluke's comparison figures (other_pd, Tabel 3.5) are not loaded: they would need a
    tree and indicators of Sluke that the seed does not give; the check reads them from
    the printed Tabel 3.5, where they are printed inputs, not derived figures."""
    pd = PerangkatDaerah.objects.get(slug=pd_slug)
    inputs = yaml.safe_load(Path(inputs_path).read_text(encoding="utf-8"))
    printed = yaml.safe_load(Path(printed_path).read_text(encoding="utf-8"))
    for path, data in ((inputs_path, inputs), (printed_path, printed)):
        if data["pd"] != pd_slug:
            raise ValueError(PD_MISMATCH.format(path=path, found=data["pd"], expected=pd_slug))

    nodes: dict[str, Node] = {}
    for order, row in enumerate(inputs["nodes"], start=1):
        nodes[row["code"]] = _save(
            Node,
            pd=pd,
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": row["level"],
                "parent": nodes[row["parent"]] if row["parent"] else None,
                "order": order,
            },
        )

    positions = {p.code: p for p in Position.objects.filter(pd=pd)}
    indicators: dict[str, Indicator] = {}
    realisasi = 0
    for row in inputs["indicators"]:
        code = row["pengampu"]
        if code is not None and code not in positions:
            raise ValueError(POSITION_UNKNOWN.format(code=code, pd=pd))
        profil = row.get("profil") or {}
        indicator = _save(
            Indicator,
            pd=pd,
            code=row["code"],
            defaults={
                "node": nodes[row["node"]],
                "name": row["name"],
                "satuan": row["satuan"] or "",
                "polaritas": row["polaritas"],
                "kumulatif": row["kumulatif"],
                "periode": row["periode"] or "",
                "sumber_data": row["sumber_data"] or "",
                "definisi": profil.get("definisi", ""),
                "rumus": profil.get("rumus", ""),
                "pengampu": positions.get(code) if code else None,
            },
        )
        indicators[row["code"]] = indicator
        year_targets: dict[tuple[int, str], object] = {}
        for year, value in row["targets"].items():
            source = S.RENSTRA if year != inputs["report_year"] else None
            year_targets[(year, source or _target_source(row["target_2024_source"]))] = value
        for key, value in row["target_2024_printed"].items():
            if key in PRINTED_TARGET_SOURCES:
                year_targets[(inputs["report_year"], PRINTED_TARGET_SOURCES[key])] = value
        for (year, source), value in year_targets.items():
            _save(
                Target,
                indicator=indicator,
                year=year,
                source=source,
                defaults={"value": _target_text(value)},
            )
        for year, value in row["realisasi"].items():
            _save(
                Realisasi,
                indicator=indicator,
                year=year,
                triwulan=0,
                defaults={"value": Decimal(str(value))},
            )
            realisasi += 1

    renstra = inputs["renstra"]
    start, end = renstra["periode"]
    _save(Renstra, pd=pd, start_year=start, defaults={"end_year": end, "dasar": renstra["dasar"]})

    pk = inputs["perjanjian_kinerja"]
    for version in pk["versions"]:
        _save(
            PerjanjianKinerja,
            pd=pd,
            year=pk["tahun"],
            version=version["version"],
            defaults={
                "date": dt.date.fromisoformat(version["tanggal"]),
                "tempat": version.get("tempat", ""),
                "pihak_pertama": version.get("pihak_pertama", ""),
                "pihak_kedua": version.get("pihak_kedua", ""),
            },
        )
        source = S.PK if version["version"] == "awal" else S.PK_PERUBAHAN
        for row in version["sasaran"]:
            _save(
                Target,
                indicator=indicators[row["indicator"]],
                year=pk["tahun"],
                source=source,
                defaults={"value": _target_text(row["target"])},
            )
    for row in pk["program_kegiatan"]["rows"]:
        _save(
            Target,
            indicator=indicators[row["indicator"]],
            year=pk["tahun"],
            source=S.PK_PERUBAHAN,
            defaults={"value": _target_text(row["target"])},
        )

    for row in inputs["budget"]:
        defaults = {k: row.get(k) for k in ("pagu_induk", "pagu_perubahan", "realisasi")}
        defaults["perubahan_label"] = row.get("perubahan_label", "Perubahan")
        _save(Budget, node=nodes[row["node"]], year=row["year"], defaults=defaults)

    peers = {p.slug: p for p in PerangkatDaerah.objects.filter(kabupaten=pd.kabupaten)}
    for other in inputs.get("other_pd", []):
        for row in other["realisasi"]:
            _save(
                Comparison,
                indicator=indicators[row["comparable_to"]],
                year=row["year"],
                peer_name=other["pd_name"],
                defaults={"peer": peers.get(other["pd"]), "value": Decimal(str(row["value"]))},
            )

    # The team's narrative (Tabel 3.6's analisis and solusi) is an input, not a figure.
    for table in printed["tables"]:
        if table["table"] != "3.6":
            continue
        for row in table["rows"]:
            if row.get("indicator") in indicators and (row.get("analisis") or row.get("solusi")):
                _save(
                    Analysis,
                    indicator=indicators[row["indicator"]],
                    year=printed["report_year"],
                    defaults={"analisis": row["analisis"], "solusi": row["solusi"]},
                )

    figures = printed_figures_load(pd=pd, year=printed["report_year"], tables=printed["tables"])
    return {
        "nodes": len(nodes),
        "indicators": len(indicators),
        "targets": Target.objects.filter(indicator__pd=pd).count(),
        "realisasi": realisasi,
        "budget": len(inputs["budget"]),
        "printed_figures": figures,
    }


def printed_row_keys(rows: list[dict]) -> list[str]:
    """A stable key per printed row: its indicator (else node) code; a repeat gets "#n"."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    previous_node = None
    for row in rows:
        if "node_2023" in row:
            key = f"{row['node_2023'] or '-'}/{row['node_2024'] or '-'}"
        elif row.get("indicator"):
            key = row["indicator"]
        else:
            key = row.get("node") or previous_node or "-"
        previous_node = row.get("node") or previous_node
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


LABEL_COLUMNS = ("indikator", "program_kegiatan", "tujuan_sasaran", "program_kegiatan_2024")


def printed_figures_load(*, pd: PerangkatDaerah, year: int, tables: list[dict]) -> int:
    """Store every printed cell; bulk, because a draft has thousands of cells."""
    wanted: dict[tuple[str, str, str], PrintedFigure] = {}
    for table in tables:
        columns = [c["key"] for c in table["columns"]]
        for order, (key, row) in enumerate(
            zip(printed_row_keys(table["rows"]), table["rows"], strict=True), start=1
        ):
            label = next((row[c] for c in LABEL_COLUMNS if row.get(c)), "")
            if not label:
                label = row.get("program_kegiatan_2023", "")
            for column in columns:
                wanted[(table["table"], key, column)] = PrintedFigure(
                    pd=pd,
                    year=year,
                    table=table["table"],
                    row_key=key,
                    row_order=order,
                    row_label=label[:500],
                    column=column,
                    printed=row[column],
                )
    existing = {
        (f.table, f.row_key, f.column): f for f in PrintedFigure.objects.filter(pd=pd, year=year)
    }
    new = [f for k, f in wanted.items() if k not in existing]
    changed = []
    for k, figure in wanted.items():
        old = existing.get(k)
        if old is None:
            continue
        if (old.row_order, old.row_label, old.printed) != (
            figure.row_order,
            figure.row_label,
            figure.printed,
        ):
            old.row_order, old.row_label, old.printed = (
                figure.row_order,
                figure.row_label,
                figure.printed,
            )
            changed.append(old)
    PrintedFigure.objects.bulk_create(new)
    PrintedFigure.objects.bulk_update(changed, ["row_order", "row_label", "printed"])
    return len(wanted)


# ---------------------------------------------------------------- data entry
#
# Every write of the performance data goes through one `_apply_*` function that writes the
# row and its DataChange. The public setters check permission (reporting.policy) and clean
# the input first; the XLSX import cleans and checks every row before it applies any.

log = logging.getLogger("alur.reporting")

YEAR_INVALID = "Tahun {value} tidak valid (1990-2100)."
TRIWULAN_INVALID = "Triwulan harus 0 (tahunan) atau 1 sampai 4, bukan {value}."
NUMBER_INVALID = "{what} '{value}' bukan angka."
AMOUNT_INVALID = "{what} '{value}' harus bilangan bulat Rupiah tidak negatif."
SOURCE_INVALID = "Sumber target '{value}' tidak dikenal; pilih salah satu: {choices}."
EVIDENCE_EMPTY = "Isi tautan atau unggah berkas bukti dukung."
EVIDENCE_BOTH = "Pilih salah satu: tautan atau berkas, tidak keduanya."
EVIDENCE_URL_INVALID = (
    "Tautan '{url}' tidak valid: tulis alamat lengkap yang diawali https:// atau http://."
)
NO_REALISASI_YET = "Isi realisasinya dulu sebelum menambah bukti dukung."


class Via:
    WEB = "web"
    API = "api"
    IMPOR = "impor"
    PROSES = "proses"
    SURVEI = "survei"


def clean_year(value) -> int:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValueError(YEAR_INVALID.format(value=value)) from None
    if not 1990 <= year <= 2100:
        raise ValueError(YEAR_INVALID.format(value=value))
    return year


def clean_triwulan(value) -> int:
    text = "0" if value is None or str(value).strip() == "" else str(value).strip()
    try:
        triwulan = int(text)
    except ValueError:
        raise ValueError(TRIWULAN_INVALID.format(value=value)) from None
    if not 0 <= triwulan <= 4:
        raise ValueError(TRIWULAN_INVALID.format(value=value))
    return triwulan


def clean_number(value, what: str = "Realisasi") -> Decimal | None:
    """A measured value; blank means none. Indonesian or plain notation."""
    if value is None or str(value).strip() in ("", "-"):
        return None
    try:
        number = calculations.to_decimal(value)
    except ValueError:
        raise ValueError(NUMBER_INVALID.format(what=what, value=value)) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 14:
        raise ValueError(NUMBER_INVALID.format(what=what, value=value))
    return number.quantize(Decimal("0.0001"))


def clean_amount(value, what: str) -> int | None:
    """Whole Rupiah: 2451096500, "2.451.096.500" or "2.451.096.500,00"; blank means none."""
    if value is None or str(value).strip() in ("", "-"):
        return None
    if isinstance(value, int):
        amount = value
    else:
        text = str(value).strip().replace("Rp", "").replace(" ", "")
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        whole, comma, cents = text.partition(",")
        if comma and cents.strip("0") == "":
            text = whole
        text = text.replace(".", "")
        if not text.isdigit():
            raise ValueError(AMOUNT_INVALID.format(what=what, value=value))
        amount = int(text)
    if amount < 0:
        raise ValueError(AMOUNT_INVALID.format(what=what, value=value))
    return amount


def clean_target(value) -> str | None:
    """A target as the report writes it; blank means none. Raises on an unreadable one."""
    if value is None or str(value).strip() in ("", "-"):
        return None
    if isinstance(value, int | float | Decimal):
        return calculations.format_number(calculations.to_decimal(value).normalize())
    calculations.Target.parse(value)  # raises ValueError with the Indonesian message
    return str(value).strip()


def clean_source(value) -> str:
    text = str(value or "").strip().lower().replace(" ", "_")
    if text not in S.values:
        raise ValueError(SOURCE_INVALID.format(value=value, choices=", ".join(S.values)))
    return text


def _refuse(error, *, user, what: str):
    log.warning("refused %s by %s: %s", what, getattr(user, "username", user), error.message)
    return error


def log_change(pd_id, user, now, what, ref, before, after, via):
    """One DataChange row: the audit trail of every write of the performance data."""
    DataChange.objects.create(
        pd_id=pd_id,
        user=user if user is not None and user.is_authenticated else None,
        at=now,
        what=what,
        ref=ref,
        before="" if before is None else str(before),
        after="" if after is None else str(after),
        via=via,
    )


def _apply_realisasi(indicator, year, triwulan, value, bukti, user, now, via):
    current = (
        Realisasi.objects.select_for_update()
        .filter(indicator=indicator, year=year, triwulan=triwulan)
        .first()
    )
    before = current.value.normalize() if current else None
    ref = f"{indicator.code} {year} TW{triwulan}"
    if value is None:
        if current is not None:
            current.delete()
            log_change(indicator.pd_id, user, now, "realisasi", ref, before, None, via)
        return None
    if current is None:
        current = Realisasi(indicator=indicator, year=year, triwulan=triwulan)
    elif current.value == value and (bukti is None or current.bukti == bukti):
        return current
    current.value = value
    if bukti is not None:
        current.bukti = bukti
    current.entered_by = user if user is not None and user.is_authenticated else None
    current.entered_at = now
    current.full_clean()
    current.save()
    log_change(indicator.pd_id, user, now, "realisasi", ref, before, value.normalize(), via)
    return current


def _apply_target(indicator, year, source, value, user, now, via):
    current = (
        Target.objects.select_for_update()
        .filter(indicator=indicator, year=year, source=source)
        .first()
    )
    before = current.value if current else None
    ref = f"{indicator.code} {year} {source}"
    if value is None:
        if current is not None:
            current.delete()
            log_change(indicator.pd_id, user, now, "target", ref, before, None, via)
        return None
    if current is not None and current.value == value:
        return current
    current = current or Target(indicator=indicator, year=year, source=source)
    current.value = value
    current.full_clean()
    current.save()
    log_change(indicator.pd_id, user, now, "target", ref, before, value, via)
    return current


BUDGET_FIELDS = ("pagu_induk", "pagu_perubahan", "realisasi")


def _apply_budget(node, year, values: dict, user, now, via):
    current = Budget.objects.select_for_update().filter(node=node, year=year).first()
    fields = (*BUDGET_FIELDS, "perubahan_label")
    before = {f: getattr(current, f) for f in fields} if current else None
    current = current or Budget(node=node, year=year)
    for name in fields:
        if name in values:
            setattr(current, name, values[name])
    after = {f: getattr(current, f) for f in fields}
    if before == after:
        return current
    current.full_clean()
    current.save()
    log_change(node.pd_id, user, now, "anggaran", f"{node.code} {year}", before or "", after, via)
    return current


def _scope(user, scope):
    return scope or policy.reporting_scope(user)


def realisasi_set(
    *,
    indicator: Indicator,
    year,
    triwulan=0,
    value,
    bukti: str | None = None,
    user,
    via: str = Via.WEB,
    now: dt.datetime | None = None,
    scope=None,
) -> Realisasi | None:
    """The pengampu enters (or, with a blank value, clears) a realisasi."""
    now = now or timezone.now()
    _require_pengampu(user, scope, indicator, "realisasi")
    try:
        year, triwulan = clean_year(year), clean_triwulan(triwulan)
        value = clean_number(value)
    except ValueError as error:
        raise e.InvalidInput(str(error)) from None
    with transaction.atomic():
        return _apply_realisasi(indicator, year, triwulan, value, bukti, user, now, via)


def _require_pengampu(user, scope, indicator: Indicator, what: str) -> None:
    if not policy.may_enter_realisasi(_scope(user, scope), indicator):
        pengampu = indicator.pengampu.title if indicator.pengampu_id else "belum ditetapkan"
        raise _refuse(
            e.NotAllowed(policy.NOT_PENGAMPU.format(code=indicator.code, pengampu=pengampu)),
            user=user,
            what=f"{what} {indicator.code}",
        )


def _require_manager(user, scope, pd, what: str):
    if not policy.may_manage(_scope(user, scope), pd):
        raise _refuse(e.NotAllowed(policy.NOT_MANAGER.format(pd=pd.name)), user=user, what=what)


def target_set(
    *,
    indicator: Indicator,
    year,
    source,
    value,
    user,
    via: str = Via.WEB,
    now: dt.datetime | None = None,
    scope=None,
) -> Target | None:
    now = now or timezone.now()
    _require_manager(user, scope, indicator.pd, f"target {indicator.code}")
    try:
        year, source, value = clean_year(year), clean_source(source), clean_target(value)
    except ValueError as error:
        raise e.InvalidInput(str(error)) from None
    with transaction.atomic():
        return _apply_target(indicator, year, source, value, user, now, via)


def budget_set(
    *,
    node: Node,
    year,
    user,
    pagu_induk=None,
    pagu_perubahan=None,
    realisasi=None,
    perubahan_label: str | None = None,
    via: str = Via.WEB,
    now: dt.datetime | None = None,
    scope=None,
) -> Budget:
    now = now or timezone.now()
    _require_manager(user, scope, node.pd, f"anggaran {node.code}")
    try:
        values = {
            "pagu_induk": clean_amount(pagu_induk, "Pagu induk"),
            "pagu_perubahan": clean_amount(pagu_perubahan, "Pagu perubahan"),
            "realisasi": clean_amount(realisasi, "Realisasi anggaran"),
        }
        year = clean_year(year)
    except ValueError as error:
        raise e.InvalidInput(str(error)) from None
    if perubahan_label is not None:
        values["perubahan_label"] = perubahan_label.strip()[:40]
    with transaction.atomic():
        return _apply_budget(node, year, values, user, now, via)


def analysis_set(
    *,
    indicator: Indicator,
    year,
    analisis: str,
    solusi: str,
    user,
    scope=None,
    now=None,
    via: str = Via.WEB,
) -> Analysis:
    """The narrative of Tabel 3.6: by the indicator's pengampu or the PD's managers."""
    now = now or timezone.now()
    scope = _scope(user, scope)
    if not (policy.may_enter_realisasi(scope, indicator) or policy.may_manage(scope, indicator.pd)):
        raise _refuse(
            e.NotAllowed(policy.NOT_MANAGER.format(pd=indicator.pd.name)),
            user=user,
            what=f"analisis {indicator.code}",
        )
    try:
        year = clean_year(year)
    except ValueError as error:
        raise e.InvalidInput(str(error)) from None
    with transaction.atomic():
        current = Analysis.objects.select_for_update().filter(indicator=indicator, year=year)
        current = current.first() or Analysis(indicator=indicator, year=year)
        before = f"{current.analisis} | {current.solusi}" if current.pk else None
        current.analisis, current.solusi = analisis.strip(), solusi.strip()
        current.full_clean()
        current.save()
        log_change(
            indicator.pd_id,
            user,
            now,
            "analisis",
            f"{indicator.code} {year}",
            before,
            f"{current.analisis} | {current.solusi}",
            via,
        )
        return current


def evidence_add(
    *,
    realisasi: Realisasi,
    user,
    upload=None,
    url: str = "",
    label: str = "",
    scope=None,
    now=None,
    via: str = Via.WEB,
) -> Evidence:
    """A bukti dukung (a file or an http(s) link) on a realisasi, by its pengampu."""
    now = now or timezone.now()
    indicator = realisasi.indicator
    _require_pengampu(user, scope, indicator, "bukti")
    return evidence_build(
        user=user,
        upload=upload,
        url=url,
        label=label,
        realisasi=realisasi,
        pd_id=indicator.pd_id,
        now=now,
        via=via,
    )


def clean_evidence(url: str, upload) -> str:
    """A bukti dukung is one file (checked like any upload) or one link checked for form (a
    complete http(s) address). Returns the cleaned link ("" for a file)."""
    url = (url or "").strip()
    if not url and upload is None:
        raise e.InvalidInput(EVIDENCE_EMPTY)
    if url and upload is not None:
        raise e.InvalidInput(EVIDENCE_BOTH)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise e.InvalidInput(EVIDENCE_URL_INVALID.format(url=url)) from None
    else:
        validate_upload(upload)
    return url


def evidence_build(
    *,
    user,
    upload=None,
    url="",
    label="",
    realisasi=None,
    entry=None,
    pd_id,
    now=None,
    via: str = Via.WEB,
) -> Evidence:
    """Validate and store a bukti dukung (a file or an http(s) link) of a realisasi or of a
    form entry; the caller has checked permission."""
    now = now or timezone.now()
    url = clean_evidence(url, upload)
    evidence = Evidence(
        realisasi=realisasi,
        entry=entry,
        label=(label or "").strip()[:200],
        url=url,
        added_by=user,
        added_at=now,
    )
    if upload is not None:
        evidence.file.save(PurePath(upload.name).name, upload, save=False)
    owner = realisasi or entry
    with transaction.atomic():
        evidence.save()
        log_change(
            pd_id,
            user,
            now,
            "bukti",
            f"{owner.indicator.code} {getattr(owner, 'year', '')}".strip(),
            None,
            evidence.url or evidence.file.name,
            via,
        )
    return evidence


# ------------------------------------------------- the report inside the LKjIP process

LKJIP_SOP = "lkjip"
NO_LKJIP_PROCESS = "Proses LKjIP {pd} tahun {year} belum dimulai."
FINDING_GONE = (
    "Temuan ini tidak ada lagi (data atau angka tercetak sudah berubah); muat ulang halaman."
)
FINDING_ALREADY_NOTED = "Temuan ini sudah menjadi catatan reviu."
DRAFT_NOT_NOW = (
    "Draf LKjIP dilampirkan pada langkah penyusunan (langkah 3) atau perbaikan (langkah 5); "
    "proses sedang di langkah {step}."
)
DRAFT_KINDS = ("draf_lkjip", "draf_perbaikan")


def lkjip_process(pd, year: int):
    from workflow.models import Process

    process = Process.objects.filter(sop_code=LKJIP_SOP, pd=pd, year=year, period=0).first()
    if process is None:
        raise e.NotFound(NO_LKJIP_PROCESS.format(pd=pd.name, year=year))
    return process


def finding_ref(finding) -> str:
    return f"Tabel {finding.table} · {finding.row} · {finding.column}"


def finding_to_note(*, pd, year: int, table: str, row: str, column: str, user, now=None):
    """The Inspektorat turns a consistency finding into a reviu note on the PD's LKjIP
    process in one action. workflow.services.note_add decides whether `user` is an auditor
    assigned to the reviu and whether the process is at it."""
    from workflow.models import ReviewNote
    from workflow.services import note_add

    from .checks import consistency_findings

    process = lkjip_process(pd, year)
    finding = next(
        (
            f
            for f in consistency_findings(pd, year)
            if (f.table, f.row, f.column) == (table, row, column)
        ),
        None,
    )
    if finding is None:
        raise _refuse(e.InvalidInput(FINDING_GONE), user=user, what="finding note")
    ref = finding_ref(finding)
    if ReviewNote.objects.filter(
        process=process, kind=ReviewNote.Kind.REVIU, target_ref=ref, text=finding.message
    ).exists():
        raise _refuse(e.WrongState(FINDING_ALREADY_NOTED), user=user, what="finding note")
    return note_add(
        process_id=process.pk,
        actor_user=user,
        kind=ReviewNote.Kind.REVIU,
        target_type=ReviewNote.Target.TABEL,
        target_ref=ref,
        text=finding.message,
        now=now,
    )


def draft_attach(*, pd, year: int, user, now=None):
    """Generate the DOCX draft from the data and attach it to the LKjIP process as the
    step's draft (draf_lkjip at step 3, draf_perbaikan at step 5), in one action."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from workflow.services import document_upload

    from .render import export

    process = lkjip_process(pd, year)
    step = process.current_step
    kind = next((k for k in DRAFT_KINDS if step is not None and k in step.required_documents), None)
    if kind is None:
        number = step.number if step is not None else "-"
        raise _refuse(e.WrongState(DRAFT_NOT_NOW.format(step=number)), user=user, what="draft")
    content, filename, content_type = export(pd, year, "docx")
    upload = SimpleUploadedFile(filename, content, content_type=content_type)
    return document_upload(
        process_id=process.pk, kind=kind, upload=upload, actor_user=user, now=now
    )
