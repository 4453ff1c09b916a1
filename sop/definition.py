"""SOP definition files: parsing and validation, with no database.

A definition file (sop/definitions/*.yaml) is the single source of a SOP: its identity
fields as in PermenPAN-RB 35/2012 and its steps with pelaksana, kelengkapan, waktu, output,
keterangan and decision branches. The running workflow is derived from it; code never
restates a step's duration or pelaksana. Every error names the file, the step and the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from organisation.calendar import Duration

END = "selesai"

# Who can be named as pelaksana, and how the organisation resolves each (see
# workflow.policy): the PD's head, its secretary, the year's Tim Penyusun LKjIP, the
# auditors the Inspektorat assigned, the Tim SAKIP, the pengampu of indicators (Kasi,
# Kasubag, Sekretariat), and staff.
KNOWN_PELAKSANA = {
    "kepala_pd": "Kepala PD",
    "sekretaris_pd": "Sekretaris PD",
    "tim_penyusun": "Tim Penyusun LKjIP",
    "inspektorat": "Inspektorat Daerah (auditor yang ditugaskan)",
    "tim_sakip": "Tim SAKIP",
    "pengampu": "Pengampu indikator (Sekretariat / Kasi)",
    "staf": "Staf / Pelaksana",
    "penanggung_jawab": "Penanggung jawab yang ditunjuk (tindak lanjut)",
}

# Data conditions a step may require before it is completed, besides documents. The
# workflow engine implements each one (tests/workflow checks that it does).
KNOWN_CHECKS = {
    "disposisi": "Lembar disposisi telah diisi",
    "tim_penyusun": "Tim Penyusun ditetapkan dengan SK (nomor, tanggal, anggota)",
    "tim_sakip": "Tim SAKIP tahun berjalan telah ditetapkan",
    "auditor_ditugaskan": "Auditor Inspektorat telah ditugaskan",
    "catatan_reviu_terjawab": "Setiap catatan reviu telah dijawab",
    "koreksi_diberikan": "Sedikitnya satu catatan koreksi diberikan",
    "tanda_tangan": "Dokumen final telah ditandatangani",
    "formulir_lengkap": "Semua formulir pengampu telah diserahkan",
    "formulir_terisi": "Setiap indikator pengampu pada formulir telah diisi",
    "rencana_aksi": "Rencana aksi lengkap (aksi, output, penanggung jawab, target)",
    "bukti_tindak_lanjut": "Sedikitnya satu bukti dukung tindak lanjut",
}

# Deadlines a SOP can be bound to. "lkjip": the kabupaten's LKjIP deadline (end of
# February of the year after the report year, Peringatan 1 of SOP 800/15.2/2025).
KNOWN_DEADLINES = {"lkjip": "Batas penyampaian LKjIP kabupaten"}

# Effects a transition has on the PD's performance data, run in the transition's
# transaction by the app that owns the data (registered in workflow.extensions).
KNOWN_EFFECTS = {
    "terbitkan_realisasi": "Realisasi formulir pengampu menjadi realisasi resmi triwulan",
    "mulai_pengukuran": "Proses Pengukuran Kinerja triwulan yang sama dimulai",
    "simpan_pengukuran": "Hasil pengukuran disimpan sebagai pengukuran triwulan",
}

# When the system opens a process by itself (the beat), for every PD that adopted the SOP.
# "triwulan": after each quarter ends, one process for that quarter.
KNOWN_SCHEDULES = {"triwulan": "Setiap triwulan, setelah triwulan berakhir"}

# News a transition announces to the PD's heads and team (notifications).
KNOWN_NEWS = {
    "ditandatangani": "Laporan ditandatangani",
    "disampaikan": "Laporan disampaikan",
    "diarsipkan": "Laporan diarsipkan",
}

IDENTITY_LISTS = (
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan_perlengkapan",
    "peringatan",
    "pencatatan_pendataan",
)


class SopDefinitionError(ValueError):
    def __init__(self, source: str, message: str, step: int | None = None, field: str = ""):
        self.source, self.step, self.field, self.detail = source, step, field, message
        where = [source]
        if step is not None:
            where.append(f"langkah {step}")
        if field:
            where.append(field)
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass(frozen=True)
class Branch:
    action: str
    label: str
    target: int | str  # a step number or END
    required_documents: tuple[str, ...] = ()  # besides the step's own
    required_checks: tuple[str, ...] = ()
    news: str = ""  # announced to the PD's heads and team when the transition runs
    effects: tuple[str, ...] = ()  # KNOWN_EFFECTS run with the transition


@dataclass(frozen=True)
class Step:
    number: int
    uraian: str
    pelaksana: str
    kelengkapan: str
    waktu: Duration | None
    output: str
    keterangan: str
    branches: tuple[Branch, ...]  # one (lanjut) or two (keputusan ya / tidak)
    question: str = ""
    required_documents: tuple[str, ...] = ()
    required_checks: tuple[str, ...] = ()
    fan_out: str = ""  # "pengampu": one task per pengampu, joined before the next step
    inserted: bool = False  # a step the seed implies but does not number

    @property
    def is_decision(self) -> bool:
        return len(self.branches) == 2


@dataclass(frozen=True)
class Definition:
    code: str
    source: str
    identity: dict[str, Any]
    columns: tuple[tuple[str, str], ...]  # (pelaksana kode, column label) in table order
    documents: dict[str, str]  # document kind -> name
    steps: tuple[Step, ...]
    content_hash: str

    def step(self, number: int) -> Step:
        for step in self.steps:
            if step.number == number:
                return step
        raise KeyError(number)

    @property
    def first_step(self) -> Step:
        return self.steps[0]


def load_file(path: Path) -> Definition:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SopDefinitionError(path.name, f"YAML tidak dapat dibaca ({exc})") from exc
    return parse(raw, source=path.name)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _canonical(raw: Any) -> str:
    def default(value: Any) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(type(value))

    return json.dumps(raw, sort_keys=True, ensure_ascii=False, default=default)


def parse(raw: Any, *, source: str) -> Definition:
    if not isinstance(raw, dict):
        raise SopDefinitionError(source, "isi berkas harus berupa pemetaan (mapping) YAML")

    def need(key: str) -> Any:
        if key not in raw or raw[key] in (None, ""):
            raise SopDefinitionError(source, "wajib diisi", field=key)
        return raw[key]

    code = _text(need("kode"))
    identity: dict[str, Any] = {
        "nomor": _text(raw.get("nomor")),
        "nama": _text(need("nama")),
        "instansi": _text(raw.get("instansi")),
        "disahkan_oleh": raw.get("disahkan_oleh") or {},
    }
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_pengesahan"):
        value = raw.get(key)
        if value not in (None, "") and not isinstance(value, dt.date):
            raise SopDefinitionError(source, "tanggal ditulis YYYY-MM-DD", field=key)
        identity[key] = value.isoformat() if isinstance(value, dt.date) else None
    for key in IDENTITY_LISTS:
        value = raw.get(key) or []
        if not isinstance(value, list):
            raise SopDefinitionError(source, "harus berupa daftar", field=key)
        identity[key] = [_text(v) for v in value]
    deadline = _text(raw.get("tenggat"))
    if deadline and deadline not in KNOWN_DEADLINES:
        raise SopDefinitionError(
            source,
            f"tenggat '{deadline}' tidak dikenal; pilihan: {', '.join(KNOWN_DEADLINES)}",
            field="tenggat",
        )
    identity["tenggat"] = deadline
    schedule = _text(raw.get("jadwal"))
    if schedule and schedule not in KNOWN_SCHEDULES:
        raise SopDefinitionError(
            source,
            f"jadwal '{schedule}' tidak dikenal; pilihan: {', '.join(KNOWN_SCHEDULES)}",
            field="jadwal",
        )
    identity["jadwal"] = schedule
    started_by = _text(raw.get("dimulai_oleh"))
    if started_by not in ("", "sistem"):
        raise SopDefinitionError(
            source, "dimulai_oleh hanya boleh 'sistem' (atau tidak diisi)", field="dimulai_oleh"
        )
    identity["dimulai_oleh"] = started_by
    for key in ("catatan", "latar_belakang", "tujuan", "dokumen_pelengkap"):
        if raw.get(key):
            identity[key] = raw[key]

    columns = []
    for i, col in enumerate(need("pelaksana")):
        kode = _text((col or {}).get("kode"))
        if kode not in KNOWN_PELAKSANA:
            raise SopDefinitionError(
                source,
                f"pelaksana '{kode}' tidak dikenal; pilihan: {', '.join(KNOWN_PELAKSANA)}",
                field=f"pelaksana[{i}].kode",
            )
        columns.append((kode, _text(col.get("label")) or KNOWN_PELAKSANA[kode]))
    column_codes = {c for c, _ in columns}

    documents = {str(k): _text(v) for k, v in (raw.get("jenis_dokumen") or {}).items()}

    steps: list[Step] = []
    seen: set[int] = set()
    for i, item in enumerate(need("langkah")):
        steps.append(_parse_step(item, i, source, column_codes, documents, seen))

    definition = Definition(
        code=code,
        source=source,
        identity=identity,
        columns=tuple(columns),
        documents=documents,
        steps=tuple(steps),
        content_hash=hashlib.sha256(_canonical(raw).encode()).hexdigest(),
    )
    _check_graph(definition)
    return definition


def _parse_step(
    item: Any,
    index: int,
    source: str,
    columns: set[str],
    documents: dict[str, str],
    seen: set[int],
) -> Step:
    if not isinstance(item, dict):
        raise SopDefinitionError(source, "langkah harus berupa pemetaan", field=f"langkah[{index}]")
    number = item.get("nomor")
    if not isinstance(number, int) or number < 1:
        raise SopDefinitionError(
            source, "nomor langkah harus bilangan bulat positif", field=f"langkah[{index}].nomor"
        )
    if number in seen:
        raise SopDefinitionError(source, "nomor langkah ganda", step=number, field="nomor")
    seen.add(number)

    def fail(field: str, message: str) -> SopDefinitionError:
        return SopDefinitionError(source, message, step=number, field=field)

    pelaksana = _text(item.get("pelaksana"))
    if pelaksana not in columns:
        raise fail(
            "pelaksana",
            f"pelaksana '{pelaksana}' bukan kolom pelaksana SOP ini ({', '.join(sorted(columns))})",
        )
    uraian = _text(item.get("uraian"))
    if not uraian:
        raise fail("uraian", "wajib diisi")

    waktu = None
    if item.get("waktu") not in (None, ""):
        try:
            waktu = Duration.parse(item["waktu"])
        except ValueError as exc:
            raise fail("waktu", str(exc)) from None

    required_documents, required_checks = _parse_syarat(item, "syarat", documents, fail)

    question = ""
    if "keputusan" in item:
        decision = item["keputusan"] or {}
        question = _text(decision.get("pertanyaan"))
        branches = tuple(
            _parse_branch(decision.get(key), f"keputusan.{key}", documents, fail)
            for key in ("ya", "tidak")
        )
    elif "lanjut" in item:
        aksi = item.get("aksi") or {}
        branches = (_parse_branch({**aksi, "lanjut": item["lanjut"]}, "aksi", documents, fail),)
    else:
        raise fail("lanjut", "setiap langkah memerlukan 'lanjut' atau 'keputusan'")

    fan_out = _text(item.get("paralel"))
    if fan_out and fan_out != "pengampu":
        raise fail("paralel", "hanya 'pengampu' yang didukung")

    return Step(
        number=number,
        uraian=uraian,
        pelaksana=pelaksana,
        kelengkapan=_text(item.get("kelengkapan")),
        waktu=waktu,
        output=_text(item.get("output")),
        keterangan=_text(item.get("keterangan")),
        branches=branches,
        question=question,
        required_documents=required_documents,
        required_checks=required_checks,
        fan_out=fan_out,
        inserted=bool(item.get("sisipan", False)),
    )


def _parse_syarat(
    item: dict, field: str, documents: dict[str, str], fail
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    syarat = item.get("syarat") or {}
    if not isinstance(syarat, dict):
        raise fail(field, "syarat berisi 'dokumen' dan/atau 'data'")
    required_documents = tuple(str(d) for d in syarat.get("dokumen") or ())
    for doc in required_documents:
        if doc not in documents:
            raise fail(f"{field}.dokumen", f"jenis dokumen '{doc}' tidak ada di jenis_dokumen")
    required_checks = tuple(str(c) for c in syarat.get("data") or ())
    for check in required_checks:
        if check not in KNOWN_CHECKS:
            raise fail(f"{field}.data", f"syarat data '{check}' tidak dikenal")
    return required_documents, required_checks


def _parse_branch(raw: Any, field: str, documents: dict[str, str], fail) -> Branch:
    if not isinstance(raw, dict):
        raise fail(field, "cabang harus berisi aksi, label dan lanjut")
    action, label, target = _text(raw.get("aksi")), _text(raw.get("label")), raw.get("lanjut")
    if not action or not action.replace("_", "").isalnum() or not action.islower():
        raise fail(f"{field}.aksi", "kode aksi wajib, huruf kecil, angka dan garis bawah")
    if not label:
        raise fail(f"{field}.label", "wajib diisi")
    if target != END and not isinstance(target, int):
        raise fail(f"{field}.lanjut", f"harus nomor langkah atau '{END}'")
    docs, checks = _parse_syarat(raw, f"{field}.syarat", documents, fail)
    news = _text(raw.get("kabar"))
    if news and news not in KNOWN_NEWS:
        raise fail(
            f"{field}.kabar", f"kabar '{news}' tidak dikenal; pilihan: {', '.join(KNOWN_NEWS)}"
        )
    raw_effects = raw.get("efek") or []
    effects = tuple(
        _text(x) for x in ([raw_effects] if isinstance(raw_effects, str) else raw_effects)
    )
    for effect in effects:
        if effect not in KNOWN_EFFECTS:
            raise fail(
                f"{field}.efek",
                f"efek '{effect}' tidak dikenal; pilihan: {', '.join(KNOWN_EFFECTS)}",
            )
    return Branch(action, label, target, docs, checks, news, effects)


def _check_graph(definition: Definition) -> None:
    source = definition.source
    numbers = [s.number for s in definition.steps]
    by_number = {s.number: s for s in definition.steps}
    actions: dict[str, int] = {}
    for step in definition.steps:
        for branch in step.branches:
            field = "keputusan" if step.is_decision else "lanjut"
            if branch.target != END and branch.target not in by_number:
                raise SopDefinitionError(
                    source, f"menuju langkah {branch.target} yang tidak ada", step.number, field
                )
            if branch.target == step.number:
                raise SopDefinitionError(
                    source, "langkah menuju dirinya sendiri", step.number, field
                )
            if branch.action in actions:
                earlier = actions[branch.action]
                raise SopDefinitionError(
                    source,
                    f"kode aksi '{branch.action}' sudah dipakai di langkah {earlier}",
                    step.number,
                    field,
                )
            actions[branch.action] = step.number
    if definition.steps[0].number != min(numbers):
        raise SopDefinitionError(
            source, "langkah pertama harus bernomor terkecil", numbers[0], "nomor"
        )

    reachable, frontier = set(), [definition.steps[0].number]
    while frontier:
        current = frontier.pop()
        if current in reachable or current == END:
            continue
        reachable.add(current)
        frontier.extend(b.target for b in by_number[current].branches)
    for number in numbers:
        if number not in reachable:
            raise SopDefinitionError(source, "tidak dapat dicapai dari langkah pertama", number)

    finishing: set[int] = set()
    changed = True
    while changed:
        changed = False
        for step in definition.steps:
            if step.number in finishing:
                continue
            if any(b.target == END or b.target in finishing for b in step.branches):
                finishing.add(step.number)
                changed = True
    for number in numbers:
        if number not in finishing:
            raise SopDefinitionError(source, "tidak memiliki jalan menuju selesai", number)


def definitions_dir() -> Path:
    return Path(__file__).resolve().parent / "definitions"


def load_all(directory: Path | None = None) -> list[Definition]:
    directory = directory or definitions_dir()
    definitions = [load_file(path) for path in sorted(directory.glob("*.yaml"))]
    codes: dict[str, str] = {}
    for definition in definitions:
        if definition.code in codes:
            raise SopDefinitionError(
                definition.source,
                f"kode '{definition.code}' sudah dipakai {codes[definition.code]}",
                field="kode",
            )
        codes[definition.code] = definition.source
    return definitions
