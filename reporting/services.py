"""Writes of the reporting app. seed_load reads the transcribed seed (reporting/data/) into
the models; it is idempotent: every row is found by its natural key and updated in place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from organisation.models import PerangkatDaerah, Position

from . import calculations
from .models import (
    Budget,
    Indicator,
    Node,
    PerjanjianKinerja,
    PrintedFigure,
    Realisasi,
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

    pk = inputs["perjanjian_kinerja"]
    for version in pk["versions"]:
        _save(
            PerjanjianKinerja,
            pd=pd,
            year=pk["tahun"],
            version=version["version"],
            defaults={"date": dt.date.fromisoformat(version["tanggal"])},
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
        _save(
            Budget,
            node=nodes[row["node"]],
            year=row["year"],
            defaults={k: row.get(k) for k in ("pagu_induk", "pagu_perubahan", "realisasi")},
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
