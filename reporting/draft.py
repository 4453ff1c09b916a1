"""The draft LKjIP as a document model, independent of the output format: a list of blocks
(headings, paragraphs, tables, images, page breaks) in the chapter order of PermenPANRB
53/2014 (cover, Kata Pengantar, Ikhtisar Eksekutif, Bab I Pendahuluan, Bab II Perencanaan
Kinerja, Bab III Akuntabilitas Kinerja, Bab IV Penutup, Lampiran). reporting.render turns
the same blocks into DOCX and PDF.

Every figure in the text comes from the stored data through reporting.tables (the tables,
the chart data and the summary, all computed from one ReportData reading); the sentences
around them are the usual wording of an LKjIP, in Bahasa Indonesia."""

from __future__ import annotations

from dataclasses import dataclass, field

from organisation.calendar import BULAN, format_tanggal
from organisation.models import Position, Unit

from . import calculations as calc
from . import charts
from . import tables as tb
from .dataset import ReportData
from .models import PerjanjianKinerja, Target
from .tables import Column, Kind, Table, TableRow

ROMAWI = ("I", "II", "III", "IV", "V")
KATEGORI_ORDER = [label for _, label in calc.KATEGORI] + ["Sangat Rendah"]
LOW_KATEGORI = ("Sedang", "Rendah", "Sangat Rendah")
LEVEL_NAMES = {
    "tujuan": "tujuan",
    "sasaran": "sasaran",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub kegiatan",
}

DASAR_HUKUM = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
    "2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
    "atas Laporan Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun "
    "2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah;",
)


# ------------------------------------------------------------------ blocks


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = chapter (BAB I ...), 2 = section (1.1 ...), 3 = subsection
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    # body (justified), title and subtitle (cover), center, bullet, caption, signature
    style: str = "body"


@dataclass(frozen=True)
class TableBlock:
    table: Table


@dataclass(frozen=True)
class Image:
    png: bytes = field(repr=False)
    caption: str
    width_cm: float = 15.0


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | TableBlock | Image | PageBreak


# ------------------------------------------------------------------ wording helpers


def rupiah(value) -> str:
    return calc.format_rupiah(value)


def persen(value) -> str:
    return "-" if value is None else f"{calc.format_percent(value)}%"


def angka(value) -> str:
    if value is None:
        return "-"
    return calc.format_number(calc.to_decimal(value).normalize())


def with_unit(text: str, satuan: str) -> str:
    if text == "-" or not satuan or satuan.lower() == "angka":
        return text
    return f"{text}%" if satuan.strip() == "%" else f"{text} {satuan}"


def enumerate_id(items: list[str]) -> str:
    """A list in words: a; a dan b; a, b, dan c."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


def tanggal(day) -> str:
    return format_tanggal(day)


def kabupaten_name(name: str) -> str:
    return name if name.lower().startswith(("kabupaten", "kota")) else f"Kabupaten {name}"


def kategori_sentence(counts: dict[str, int]) -> str:
    parts = [f"{counts[k]} indikator berkategori {k}" for k in KATEGORI_ORDER if counts.get(k)]
    return enumerate_id(parts)


# ------------------------------------------------------------------ the draft


class Draft:
    """Builds the blocks; one instance per draft (it holds the computed tables)."""

    def __init__(self, pd, year: int):
        self.pd, self.year = pd, year
        self.data = ReportData(pd, year)
        self.tables = {t.number: t for t in tb.report_tables(pd, year, self.data)}
        self.charts = tb.chart_data(pd, year, self.data)
        self.summary = tb.summary(pd, year, self.data)
        self.blocks: list[Block] = []
        self.placed: set[str] = set()  # the numbers of the report tables placed so far
        self.figures = 0
        self.kabupaten = kabupaten_name(self.summary["kabupaten"])
        self.name = self.summary["pd_name"]

    # -- emit

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(Heading(level, text))

    def para(self, text: str, style: str = "body") -> None:
        self.blocks.append(Paragraph(text, style))

    def bullets(self, items) -> None:
        for item in items:
            self.para(item, "bullet")

    def table(self, number: str, intro: str = "") -> Table | None:
        table = self.tables.get(number)
        if table is None:
            return None
        if intro:
            self.para(intro)
        self.blocks.append(TableBlock(table))
        self.placed.add(number)
        return table

    def other_tables_except(self, prefix: str, later: str) -> None:
        """other_tables, keeping `later` for its own place further on."""
        self.placed.add(later)
        self.other_tables(prefix)
        self.placed.discard(later)

    def other_tables(self, prefix: str) -> None:
        """The report's tables this draft does not place by name (another app's, such as
        Tabel 1.4 of the SAKIP evaluation) whose number starts with `prefix`, in report
        order; prefix "" takes every one left."""
        for number, table in self.tables.items():
            if number not in self.placed and number.startswith(prefix):
                self.table(number, f"{table.caption} disajikan berikut.")

    def figure(self, png: bytes, caption: str, width_cm: float = 15.0) -> None:
        self.figures += 1
        self.blocks.append(Image(png, f"Gambar {self.figures} {caption}", width_cm))

    def chapter(self, text: str) -> None:
        self.blocks.append(PageBreak())
        self.heading(1, text)

    # -- data helpers

    def rows(self, number: str, levels: tuple[str, ...] | None = None) -> list[TableRow]:
        table = self.tables.get(number)
        if table is None:
            return []
        return [r for r in table.rows if levels is None or r.level in levels]

    def shown(self, number: str, row: TableRow, key: str) -> str:
        table = self.tables[number]
        return table.display(row, table.column(key))

    def kepala(self) -> str:
        position = Position.objects.filter(pd=self.pd, role=Position.Role.KEPALA).first()
        return position.title if position else f"Kepala {self.name}"

    def place_and_month(self) -> str:
        pk = self.summary.get("pk")
        place = pk.tempat if pk and pk.tempat else ""
        if not place:  # the seat of the kabupaten / kota
            words = self.kabupaten.split(maxsplit=1)
            place = words[-1]
        deadline = self.pd.kabupaten.lkjip_deadline_date(self.year)
        return f"{place}, {BULAN[deadline.month - 1]} {deadline.year}"

    # -- chapters

    def build(self) -> list[Block]:
        self.cover()
        self.kata_pengantar()
        self.ikhtisar()
        self.bab_1()
        self.bab_2()
        self.bab_3()
        self.bab_4()
        self.lampiran()
        return self.blocks

    def cover(self) -> None:
        self.para("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "title")
        self.para(self.name.upper(), "title")
        self.para(f"TAHUN {self.year}", "title")
        self.para(f"PEMERINTAH {self.kabupaten.upper()}", "subtitle")
        self.para(str(self.year + 1), "subtitle")

    def kata_pengantar(self) -> None:
        s = self.summary
        self.chapter("KATA PENGANTAR")
        self.para(
            "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas rahmat dan "
            f"karunia-Nya sehingga Laporan Kinerja Instansi Pemerintah (LKjIP) {self.name} "
            f"Tahun {self.year} dapat diselesaikan."
        )
        renstra = f" Tahun {s['renstra']}" if s["renstra"] else ""
        self.para(
            f"LKjIP ini merupakan wujud pertanggungjawaban {self.name} atas pelaksanaan tugas "
            "dan fungsi serta pencapaian tujuan dan sasaran yang ditetapkan dalam Rencana "
            f"Strategis (Renstra){renstra} dan Perjanjian Kinerja Tahun {self.year}. Laporan "
            "ini disusun sesuai Peraturan Presiden Nomor 29 Tahun 2014 dan Peraturan Menteri "
            "PANRB Nomor 53 Tahun 2014, dan memuat pengukuran kinerja atas "
            f"{s['indicator_count']} indikator kinerja serta realisasi anggaran Tahun "
            f"{self.year}."
        )
        self.para(
            "Kami menyadari laporan ini masih memiliki kekurangan. Saran dan masukan sangat "
            "kami harapkan untuk perbaikan kinerja dan laporan pada tahun berikutnya."
        )
        self.para(self.place_and_month(), "signature")
        self.para(self.kepala(), "signature")

    def ikhtisar(self) -> None:
        s = self.summary
        self.chapter("IKHTISAR EKSEKUTIF")
        renstra = f" Tahun {s['renstra']}" if s["renstra"] else ""
        self.para(
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {self.name} Tahun {self.year} "
            "menyajikan capaian kinerja atas tujuan dan sasaran strategis dalam Rencana "
            f"Strategis{renstra} yang dijabarkan dalam Perjanjian Kinerja Tahun {self.year}."
        )
        if s["tujuan"] and s["sasaran"]:
            self.para(
                f"Tujuan yang ingin dicapai adalah {enumerate_id(s['tujuan'])}, dengan "
                f"sasaran strategis {enumerate_id(s['sasaran'])}."
            )
        elif s["tujuan"]:
            self.para(f"Tujuan yang ingin dicapai adalah {enumerate_id(s['tujuan'])}.")
        elif s["sasaran"]:
            self.para(f"Sasaran strategis yang ingin dicapai: {enumerate_id(s['sasaran'])}.")
        for row in self.rows("3.2", ("tujuan", "sasaran")):
            self.para(self.iku_sentence(row))
        self.para(self.count_sentence())
        self.para(self.budget_sentence())

    def iku_sentence(self, row: TableRow) -> str:
        target = self.shown("3.2", row, "target")
        realisasi = self.shown("3.2", row, "realisasi")
        capaian = row.cells.get("capaian")
        level = LEVEL_NAMES.get(row.level, row.level)
        text = (
            f"Indikator {level} {row.cells.get('indikator', '')} dengan target {target} "
            f"terealisasi {realisasi}"
        )
        if capaian is None:
            return text + "; capaiannya belum dapat dihitung."
        return text + f", sehingga capaiannya {persen(capaian)} (kategori {row.cells['kategori']})."

    def count_sentence(self) -> str:
        s = self.summary
        measured = s.get("measured_count", sum(s["kategori_counts"].values()))
        text = (
            f"Pada Tahun {self.year} {self.name} mengukur {s['indicator_count']} indikator "
            "kinerja tujuan, sasaran, program, kegiatan dan sub kegiatan."
        )
        if measured:
            text += (
                f" Dari {measured} indikator yang capaiannya dapat dihitung, "
                f"{kategori_sentence(s['kategori_counts'])}."
            )
        missing = s["indicator_count"] - measured
        if missing > 0:
            text += (
                f" Sebanyak {missing} indikator belum dapat dihitung capaiannya karena target "
                "atau realisasinya belum tersedia."
            )
        return text

    def budget_sentence(self) -> str:
        s = self.summary
        if s["pagu"] is None:
            return f"Data anggaran Tahun {self.year} belum tersedia."
        text = (
            f"Untuk mendukung pencapaian kinerja tersebut, pagu anggaran {self.name} Tahun "
            f"{self.year} sebesar {rupiah(s['pagu'])}"
        )
        if s["realisasi_anggaran"] is None:
            return text + "; realisasinya belum tersedia."
        return (
            text + f" terealisasi {rupiah(s['realisasi_anggaran'])} atau serapan "
            f"{persen(s['serapan'])}."
        )

    def bab_1(self) -> None:
        self.chapter("BAB I PENDAHULUAN")
        self.heading(2, "1.1 Latar Belakang")
        self.para(
            "Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) mewajibkan setiap "
            "instansi pemerintah mempertanggungjawabkan pelaksanaan tugas dan fungsinya "
            "melalui laporan kinerja yang disusun berdasarkan perjanjian kinerja. Laporan "
            "Kinerja Instansi Pemerintah (LKjIP) menyajikan capaian kinerja selama satu tahun "
            "anggaran dibandingkan dengan target yang diperjanjikan, sebagai bahan evaluasi dan "
            "perbaikan perencanaan pada tahun berikutnya."
        )
        self.para(f"Penyusunan LKjIP {self.name} Tahun {self.year} berlandaskan pada:")
        dasar = list(DASAR_HUKUM)
        if self.summary.get("renstra_dasar"):
            dasar.append(self.summary["renstra_dasar"].rstrip(".;") + ".")
        else:
            dasar[-1] = dasar[-1].rstrip(";") + "."
        self.bullets(dasar)

        self.heading(2, "1.2 Gambaran Umum")
        kind = self.pd.get_kind_display() if hasattr(self.pd, "get_kind_display") else ""
        text = f"{self.name} merupakan perangkat daerah {self.kabupaten}"
        if kind:
            text += f" berbentuk {kind.lower()}"
        if getattr(self.pd, "address", ""):
            text += f" yang berkedudukan di {self.pd.address}"
        self.para(text + ".")
        units = self.units()
        if units:
            self.para(f"Susunan organisasi {self.name} terdiri atas:")
            self.bullets(units)
        self.budget_comparison()
        self.other_tables("1.")

        self.heading(2, "1.3 Sistematika Penyajian")
        self.para("Laporan ini disajikan dengan sistematika sebagai berikut:")
        self.bullets(
            [
                "Ikhtisar Eksekutif: ringkasan capaian kinerja dan realisasi anggaran;",
                "Bab I Pendahuluan: latar belakang, gambaran umum dan sistematika penyajian;",
                "Bab II Perencanaan Kinerja: Rencana Strategis dan Perjanjian Kinerja;",
                "Bab III Akuntabilitas Kinerja: capaian kinerja organisasi dan realisasi anggaran;",
                "Bab IV Penutup: kesimpulan dan langkah perbaikan;",
                "Lampiran.",
            ]
        )

    def units(self) -> list[str]:
        return [u.name for u in Unit.objects.filter(pd=self.pd).order_by("id")]

    def budget_comparison(self) -> None:
        table = self.tables.get("1.3")
        if table is None:
            return
        previous = self.year - 1
        self.table(
            table.number,
            f"Perbandingan anggaran Tahun {previous} dan Tahun {self.year} disajikan pada "
            f"Tabel {table.number} berikut.",
        )
        total = next((r for r in table.rows if r.level == "total"), None)
        if total is None:
            return
        before, now = total.cells.get("pagu_perubahan_prev"), total.cells.get("pagu_perubahan")
        if before is None or now is None:
            return
        change = now - before
        if change == 0:
            movement = "sama dengan tahun sebelumnya"
        else:
            word = "bertambah" if change > 0 else "berkurang"
            movement = f"{word} {rupiah(abs(change))} dari Tahun {previous} ({rupiah(before)})"
        self.para(f"Pagu akhir Tahun {self.year} sebesar {rupiah(now)}, {movement}.")

    def bab_2(self) -> None:
        s = self.summary
        self.chapter("BAB II PERENCANAAN KINERJA")
        self.heading(2, "2.1 Rencana Strategis")
        if s["renstra"]:
            dasar = s.get("renstra_dasar", "")
            dasar = f" yang ditetapkan dengan {dasar}" if dasar else ""
            self.para(
                f"Rencana Strategis (Renstra) {self.name} Tahun {s['renstra']}{dasar} memuat "
                "tujuan, sasaran, program dan kegiatan beserta indikator dan target kinerjanya "
                "untuk setiap tahun periode Renstra."
            )
        else:
            self.para(f"Rencana Strategis {self.name} untuk Tahun {self.year} belum dicatat.")
        if s["tujuan"]:
            self.para("Tujuan:")
            self.bullets(s["tujuan"])
        if s["sasaran"]:
            self.para("Sasaran strategis:")
            self.bullets(s["sasaran"])
        renstra_table = self.renstra_table()
        if renstra_table.rows:
            self.para(
                f"Indikator dan target tujuan dan sasaran disajikan pada Tabel "
                f"{renstra_table.number}."
            )
            self.blocks.append(TableBlock(renstra_table))

        self.heading(2, f"2.2 Perjanjian Kinerja Tahun {self.year}")
        self.para(self.pk_sentence())
        pk_table = self.pk_table()
        if pk_table.rows:
            self.blocks.append(TableBlock(pk_table))
        self.other_tables("2.")

    def renstra_table(self) -> Table:
        data = self.data
        years = (
            list(range(data.renstra.start_year, data.renstra.end_year + 1)) if data.renstra else []
        )
        table = Table(
            "2.1",
            "Tujuan, Sasaran, Indikator dan Target Kinerja Renstra",
            [
                Column("no", "No"),
                Column("tujuan_sasaran", "Tujuan / Sasaran"),
                Column("indikator", "Indikator Kinerja"),
                Column("satuan", "Satuan"),
                *(Column(f"t{y}", str(y), Kind.TARGET, "Target") for y in years),
            ],
            sumber=f"Renstra {self.name} Tahun {self.summary['renstra']}".strip(),
        )
        for number, indicator in enumerate(data.ordered_indicators(("tujuan", "sasaran")), start=1):
            renstra = data.targets[indicator.id][Target.Source.RENSTRA]
            cells = {
                "no": str(number),
                "tujuan_sasaran": indicator.node.name,
                "indikator": indicator.name,
                "satuan": indicator.satuan,
                **{f"t{y}": renstra.get(y) for y in years},
            }
            table.rows.append(TableRow(cells, key=indicator.code, level=indicator.node.level))
        return table

    def pk_versions(self) -> list[PerjanjianKinerja]:
        return list(PerjanjianKinerja.objects.filter(pd=self.pd, year=self.year).order_by("date"))

    def pk_sentence(self) -> str:
        versions = self.pk_versions()
        if not versions:
            return f"Perjanjian Kinerja Tahun {self.year} belum dicatat."
        parts = []
        for pk in versions:
            who = ""
            if pk.pihak_pertama and pk.pihak_kedua:
                who = f" antara {pk.pihak_pertama} dan {pk.pihak_kedua}"
            where = f" di {pk.tempat}" if pk.tempat else ""
            parts.append(
                f"Perjanjian Kinerja {pk.get_version_display().lower()} ditandatangani{who}"
                f"{where} pada tanggal {tanggal(pk.date)}"
            )
        text = "; ".join(parts) + "."
        return (
            text + " Perjanjian Kinerja memuat indikator dan target kinerja yang menjadi dasar "
            "pengukuran capaian pada Bab III; indikator dan targetnya disajikan pada tabel "
            "berikut."
        )

    def pk_table(self) -> Table:
        data = self.data
        versions = self.pk_versions()
        columns = [
            Column("no", "No"),
            Column("uraian", "Tujuan / Sasaran / Program / Kegiatan"),
            Column("indikator", "Indikator Kinerja"),
        ]
        sources = []
        for pk in versions:
            perubahan = pk.version == PerjanjianKinerja.Version.PERUBAHAN
            source = (Target.Source.PK_PERUBAHAN if perubahan else Target.Source.PK).value
            label = "PK Perubahan" if perubahan else "PK Awal"
            columns.append(Column(source, label, Kind.TARGET, "Target"))
            sources.append(source)
        table = Table("2.2", f"Perjanjian Kinerja Tahun {self.year}", columns, sumber=self.name)
        if not sources:
            return table
        number = 0
        for indicator in data.ordered_indicators():
            targets = data.targets[indicator.id]
            values = {s: targets[s].get(self.year) for s in sources}
            if all(v is None for v in values.values()):
                continue
            number += 1
            table.rows.append(
                TableRow(
                    {
                        "no": str(number),
                        "uraian": indicator.node.name,
                        "indikator": indicator.name,
                        **values,
                    },
                    key=indicator.code,
                    level=indicator.node.level,
                )
            )
        return table

    def bab_3(self) -> None:
        s = self.summary
        self.chapter("BAB III AKUNTABILITAS KINERJA")
        self.heading(2, "3.1 Capaian Kinerja Organisasi")
        self.para(
            "Pengukuran kinerja membandingkan realisasi dengan target setiap indikator. Untuk "
            "indikator positif (makin tinggi makin baik) capaian = realisasi / target × 100%; "
            "untuk indikator negatif (makin rendah makin baik) capaian = (2 − realisasi / "
            "target) × 100%. Target berupa rentang diukur terhadap batas atasnya."
        )
        self.table(
            "3.1",
            "Capaian dikategorikan menurut skala nilai peringkat kinerja Permendagri Nomor 86 "
            "Tahun 2017 pada Tabel 3.1.",
        )

        self.heading(3, f"3.1.1 Capaian Kinerja Tahun {self.year}")
        self.para(self.count_sentence())
        self.table("3.2")
        for row in self.rows("3.2", ("tujuan", "sasaran")):
            self.para(self.iku_sentence(row))

        self.heading(3, "3.1.2 Perbandingan Realisasi Kinerja dengan Tahun Sebelumnya")
        self.table(
            "3.3",
            f"Tabel 3.3 membandingkan realisasi Tahun {self.year} dengan realisasi tiga tahun "
            "sebelumnya.",
        )
        self.trends()

        self.heading(3, "3.1.3 Perbandingan Realisasi dengan Target Akhir Renstra")
        renstra = f" Tahun {s['renstra']}" if s["renstra"] else ""
        self.table(
            "3.4",
            f"Tingkat kemajuan adalah realisasi Tahun {self.year} dibandingkan target akhir "
            f"Renstra{renstra} (realisasi / target akhir × 100%).",
        )
        for row in self.rows("3.4"):
            kemajuan = row.cells.get("kemajuan")
            if kemajuan is not None:
                self.para(
                    f"Tingkat kemajuan indikator {row.cells.get('indikator', '')} mencapai "
                    f"{persen(kemajuan)} dari target akhir "
                    f"{self.shown('3.4', row, 'target_akhir')}."
                )

        self.heading(3, "3.1.4 Perbandingan Capaian dengan Perangkat Daerah Lain")
        if self.rows("3.5"):
            self.table("3.5", "Perbandingan dengan perangkat daerah sejenis disajikan berikut.")
        else:
            self.para(f"Belum ada data pembanding dari perangkat daerah lain Tahun {self.year}.")
            self.placed.add("3.5")

        self.heading(3, "3.1.5 Analisis Keberhasilan, Kegagalan dan Solusi")
        self.table("3.6")
        low = [
            r
            for r in self.rows("3.2")
            if r.cells.get("kategori") in LOW_KATEGORI and r.cells.get("capaian") is not None
        ]
        if low:
            self.para(
                f"Indikator yang capaiannya belum mencapai kategori Tinggi ({len(low)} indikator):"
            )
            self.bullets(
                f"{r.cells.get('indikator', '')}: capaian {persen(r.cells['capaian'])} "
                f"({r.cells['kategori']})"
                for r in low
            )
        else:
            self.para("Seluruh indikator yang terukur mencapai kategori Tinggi atau Sangat Tinggi.")

        self.heading(3, "3.1.6 Efisiensi Penggunaan Sumber Daya")
        self.para(
            "Tingkat efisiensi membandingkan anggaran yang sebanding dengan capaian kinerja "
            "dengan realisasi anggaran: E = Σ((PAK × CK) − RAK) / Σ(PAK × CK) × 100%, dengan PAK "
            "pagu anggaran, CK capaian kinerja (sebagai pecahan) dan RAK realisasi anggaran."
        )
        self.table("3.7.1")
        self.table("3.7.2")

        self.heading(3, "3.1.7 Analisis Program, Kegiatan dan Sub Kegiatan yang Menunjang")
        menunjang = [r.cells.get("menunjang") for r in self.rows("3.8")]
        m, tm = menunjang.count(tb.MENUNJANG), menunjang.count(tb.TIDAK_MENUNJANG)
        self.table(
            "3.8",
            f"Dari indikator program, kegiatan dan sub kegiatan, {m} indikator menunjang (M) dan "
            f"{tm} indikator tidak menunjang (TM) pencapaian sasaran.",
        )
        if self.charts.capaian_program:
            self.figure(
                charts.capaian_chart(self.charts.capaian_program, "png"),
                f"Capaian Kinerja Program Tahun {self.year}",
                16.0,
            )

        self.other_tables_except("3.", "3.9")

        self.heading(2, "3.2 Realisasi Anggaran")
        self.para(self.budget_sentence())
        self.table("3.9")
        sentences = []
        for label, pagu, realisasi in self.charts.budget:
            if not pagu:
                continue
            share = calc.serapan(realisasi, pagu)
            sentences.append(
                f"{label}: pagu {rupiah(pagu)}, realisasi {rupiah(realisasi)}, serapan "
                f"{persen(share)}"
            )
        if sentences:
            self.para("Realisasi anggaran per program:")
            self.bullets(sentences)
        if self.charts.budget:
            self.figure(
                charts.budget_chart(self.charts.budget, "png"),
                f"Pagu dan Realisasi Anggaran per Program Tahun {self.year}",
                16.0,
            )

    def trends(self) -> None:
        for trend in self.charts.trends:
            if all(v is None for v in trend.realisasi):
                continue
            self.figure(
                charts.trend_chart(trend, "png"),
                f"Realisasi dan Target {trend.name}",
                12.0,
            )
            sentence = self.trend_sentence(trend)
            if sentence:
                self.para(sentence)

    def trend_sentence(self, trend) -> str:
        points = [
            (y, v) for y, v in zip(trend.years, trend.realisasi, strict=False) if v is not None
        ]
        if not points:
            return ""
        year, value = points[-1]
        shown = with_unit(angka(value), trend.satuan)
        text = f"Realisasi {trend.name} Tahun {year} sebesar {shown}"
        if len(points) < 2:
            return text + "."
        before_year, before = points[-2]
        if value > before:
            move = "naik"
        elif value < before:
            move = "turun"
        else:
            return text + f", sama dengan Tahun {before_year}."
        return (
            text + f", {move} dibandingkan Tahun {before_year} "
            f"({with_unit(angka(before), trend.satuan)})."
        )

    def bab_4(self) -> None:
        self.chapter("BAB IV PENUTUP")
        self.heading(2, "4.1 Kesimpulan")
        self.para(
            f"LKjIP {self.name} Tahun {self.year} menggambarkan capaian kinerja atas "
            "Perjanjian Kinerja dan realisasi anggaran tahun tersebut."
        )
        self.para(self.count_sentence())
        for row in self.rows("3.2", ("tujuan", "sasaran")):
            self.para(self.iku_sentence(row))
        self.para(self.budget_sentence())
        self.heading(2, "4.2 Langkah Perbaikan")
        low = [
            r.cells.get("indikator", "")
            for r in self.rows("3.2")
            if r.cells.get("kategori") in LOW_KATEGORI
        ]
        if low:
            self.para(
                f"Perbaikan diarahkan pada {len(low)} indikator yang capaiannya belum mencapai "
                "kategori Tinggi, dengan meninjau kembali target, cara pengukuran, dan "
                "dukungan kegiatan serta anggarannya:"
            )
            self.bullets(low)
        self.para(
            ("Selain itu, kualitas" if low else "Kualitas")
            + " data kinerja perlu dijaga dengan pengisian realisasi dan bukti "
            "dukung tepat waktu setiap triwulan serta pemantauan capaian secara berkala, agar "
            f"perencanaan Tahun {self.year + 1} dan seterusnya didasarkan pada data yang andal."
        )
        self.para(self.place_and_month(), "signature")
        self.para(self.kepala(), "signature")

    def lampiran(self) -> None:
        self.chapter("LAMPIRAN")
        items = [f"Perjanjian Kinerja Tahun {self.year}"]
        profil = self.profil_table()
        if profil.rows:
            items.append("Profil Indikator Kinerja")
        self.para("Lampiran laporan ini:")
        self.bullets(f"Lampiran {i}. {item}" for i, item in enumerate(items, start=1))
        if profil.rows:
            self.heading(2, "Profil Indikator Kinerja")
            self.blocks.append(TableBlock(profil))
        self.other_tables("")

    def profil_table(self) -> Table:
        table = Table(
            "L.1",
            "Profil Indikator Kinerja",
            [
                Column("no", "No"),
                Column("indikator", "Indikator Kinerja"),
                Column("definisi", "Definisi"),
                Column("rumus", "Formulasi"),
                Column("satuan", "Satuan"),
                Column("periode", "Periode"),
                Column("sumber_data", "Sumber Data"),
            ],
            sumber=self.name,
        )
        number = 0
        for indicator in self.data.ordered_indicators():
            if not (indicator.definisi or indicator.rumus):
                continue
            number += 1
            table.rows.append(
                TableRow(
                    {
                        "no": str(number),
                        "indikator": indicator.name,
                        "definisi": indicator.definisi,
                        "rumus": indicator.rumus,
                        "satuan": indicator.satuan,
                        "periode": indicator.periode,
                        "sumber_data": indicator.sumber_data,
                    },
                    key=indicator.code,
                    level=indicator.node.level,
                )
            )
        return table


def draft_blocks(pd, year: int) -> list[Block]:
    """The LKjIP draft of `pd` for `year` as format-independent blocks."""
    return Draft(pd, year).build()
