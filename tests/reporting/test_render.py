"""The LKjIP as files: charts (PNG/SVG), the tables as XLSX, the draft as DOCX and PDF.

The renderers are first checked on hand-built tables and blocks (no database); then Kragan's
2024 draft is rendered once for the module (inside a transaction rolled back at once) and the
files are read back: the DOCX with python-docx, the XLSX with openpyxl, the PDF as bytes."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from reporting import charts
from reporting.draft import Heading, Image, PageBreak, Paragraph, TableBlock
from reporting.render import column_widths, header_layout
from reporting.render.docx import draft_docx
from reporting.render.pdf import draft_pdf
from reporting.render.xlsx import tables_xlsx
from reporting.tables import ChartData, Column, Kind, Table, TableRow, Trend

# The Kragan fixture needs the test database, which pytest-django sets up only for a
# session with django_db tests; the hand-built tests do not touch it.
pytestmark = pytest.mark.django_db

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CHAPTERS = [
    "KATA PENGANTAR",
    "IKHTISAR EKSEKUTIF",
    "BAB I PENDAHULUAN",
    "BAB II PERENCANAAN KINERJA",
    "BAB III AKUNTABILITAS KINERJA",
    "BAB IV PENUTUP",
    "LAMPIRAN",
]


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page(?!s)", pdf))


def sample_table() -> Table:
    """A Tabel 3.7-like table: grouped columns, a range target, a long text (it makes the
    table wide: landscape), a Jumlah row."""
    group_k, group_a = "Indikator Kinerja", "Anggaran"
    table = Table(
        "3.7.2",
        "Perbandingan Pencapaian Kinerja dan Anggaran",
        [
            Column("no", "No"),
            Column("program_kegiatan", "Program / Kegiatan"),
            Column("target", "Target", Kind.TARGET, group_k),
            Column("realisasi", "Realisasi", Kind.NUMBER, group_k),
            Column("capaian", "% Capaian", Kind.PERCENT, group_k),
            Column("anggaran", "Anggaran (Rp)", Kind.RUPIAH, group_a),
            Column("realisasi_anggaran", "Realisasi (Rp)", Kind.RUPIAH, group_a),
            Column("efisiensi", "Tingkat Efisiensi (%)", Kind.PERCENT),
            Column("analisis", "Analisis"),
        ],
        sumber="Kecamatan Uji",
    )
    table.rows = [
        TableRow(
            {
                "no": "1",
                "program_kegiatan": "Program Penunjang × Urusan ≤ Pemerintahan",
                "target": "60-70",
                "realisasi": Decimal("67.1500"),
                "capaian": Decimal("95.93"),
                "anggaran": 2284696500,
                "realisasi_anggaran": 2037719835,
                "efisiensi": Decimal("7.02"),
                "analisis": "Capaian didukung koordinasi lintas seksi; kendala utama adalah "
                "keterlambatan data dari desa pada triwulan keempat.",
            },
            key="P1",
            level="program",
        ),
        TableRow(
            {
                "no": "2",
                "program_kegiatan": "Kegiatan tanpa realisasi",
                "target": "3,3",
                "realisasi": None,
                "capaian": None,
                "anggaran": None,
                "realisasi_anggaran": None,
                "efisiensi": None,
            },
            key="P1.K1",
            level="kegiatan",
        ),
        TableRow(
            {
                "no": "",
                "program_kegiatan": "Jumlah",
                "anggaran": 2284696500,
                "realisasi_anggaran": 2037719835,
            },
            key="TOTAL",
            level="total",
        ),
    ]
    return table


def sample_trend(**changes) -> Trend:
    values = {
        "code": "T1-I1",
        "name": "Indeks Pelayanan Publik / IPP",
        "satuan": "angka",
        "years": [2021, 2022, 2023, 2024],
        "realisasi": [Decimal("3.18"), None, Decimal("3.34"), Decimal("3.9")],
        "targets": [None, Decimal("3.1"), Decimal("3.2"), Decimal("3.3")],
    }
    values.update(changes)
    return Trend(**values)


def sample_charts() -> ChartData:
    return ChartData(
        trends=[sample_trend()],
        capaian_program=[("Program Penunjang", Decimal("95.93")), ("Program Kosong", None)],
        budget=[("Program Penunjang", 2284696500, 2037719835), ("Program Tanpa Pagu", 0, None)],
    )


def sample_blocks() -> list:
    table = sample_table()
    png = charts.capaian_chart(sample_charts().capaian_program, "png")
    return [
        Paragraph("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "title"),
        PageBreak(),
        Heading(1, "BAB III AKUNTABILITAS KINERJA"),
        Heading(2, "3.1 Capaian Kinerja Organisasi"),
        Paragraph("Capaian = realisasi / target × 100%; skala ≤ 50 Sangat Rendah."),
        Paragraph("Butir daftar", "bullet"),
        TableBlock(table),
        Image(png, "Gambar 1 Capaian Kinerja Program", 12.0),
        PageBreak(),
        Heading(1, "BAB IV PENUTUP"),
    ]


# ------------------------------------------------------------------ charts


def test_trend_chart_png_is_a_png_image():
    assert charts.trend_chart(sample_trend(), "png").startswith(PNG_MAGIC)


def test_trend_chart_svg_is_svg_with_text_not_glyph_paths():
    svg = charts.trend_chart(sample_trend(), "svg")
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own output)
    assert root.tag.endswith("svg")
    text = svg.decode("utf-8")
    assert "Indeks Pelayanan Publik / IPP" in text
    for label in ("Tahun", "Realisasi", "Target"):
        assert label in text
    assert "<text" in text
    assert "glyph" not in text.lower()


def test_trend_chart_labels_numbers_the_indonesian_way():
    assert "3,34" in charts.trend_chart(sample_trend(), "svg").decode("utf-8")


def test_svg_charts_stay_small():
    data = sample_charts()
    for svg in (
        charts.trend_chart(data.trends[0], "svg"),
        charts.capaian_chart(data.capaian_program, "svg"),
        charts.budget_chart(data.budget, "svg"),
    ):
        assert len(svg) < 60_000


def test_capaian_chart_marks_missing_capaian_and_the_100_line():
    text = charts.capaian_chart(sample_charts().capaian_program, "svg").decode("utf-8")
    assert "95,93%" in text
    assert "tidak dihitung" in text
    assert "target 100%" in text


def test_budget_chart_is_in_juta_rupiah_with_serapan():
    text = charts.budget_chart(sample_charts().budget, "svg").decode("utf-8")
    assert "Juta Rupiah" in text
    assert "serapan 89,19%" in text  # 2.037.719.835 / 2.284.696.500
    assert charts.budget_chart(sample_charts().budget, "png").startswith(PNG_MAGIC)


def test_chart_without_data_says_so():
    empty = sample_trend(realisasi=[None] * 4, targets=[None] * 4)
    assert "Belum ada data" in charts.trend_chart(empty, "svg").decode("utf-8")
    assert "Belum ada data" in charts.capaian_chart([], "svg").decode("utf-8")


def test_chart_rejects_an_unknown_format():
    with pytest.raises(ValueError, match="Format gambar 'gif' tidak dikenal"):
        charts.trend_chart(sample_trend(), "gif")


# ------------------------------------------------------------------ shared layout


def test_grouped_columns_get_a_spanning_header_row():
    rows, cells = header_layout(sample_table())
    assert rows == 2
    spans = {(c.text, c.row, c.col): (c.rowspan, c.colspan) for c in cells}
    assert spans[("Indikator Kinerja", 0, 2)] == (1, 3)
    assert spans[("Anggaran", 0, 5)] == (1, 2)
    assert spans[("No", 0, 0)] == (2, 1)
    assert spans[("Tingkat Efisiensi (%)", 0, 7)] == (2, 1)


def test_column_widths_fill_the_page_width():
    widths = column_widths(sample_table(), 500.0, 4.0)
    assert sum(widths) == pytest.approx(500.0)
    assert min(widths) > 0


# ------------------------------------------------------------------ xlsx (hand-built)


def test_xlsx_numbers_are_numbers_and_targets_text():
    workbook = load_workbook(io.BytesIO(tables_xlsx([sample_table()], title="Uji")))
    sheet = workbook["Tabel 3.7.2"]
    assert sheet["A1"].value == "Tabel 3.7.2 Perbandingan Pencapaian Kinerja dan Anggaran"
    first = 5  # caption, empty row, two header rows
    assert sheet.cell(first, 3).value == "60-70"
    assert sheet.cell(first, 4).value == pytest.approx(67.15)
    assert sheet.cell(first, 5).value == pytest.approx(95.93)
    assert sheet.cell(first, 5).number_format == "#,##0.00"
    assert sheet.cell(first, 6).value == 2284696500
    assert sheet.cell(first, 6).number_format == "#,##0"
    assert sheet.cell(first + 1, 4).value is None  # no realisasi: an empty cell


def test_xlsx_merges_group_headers_freezes_the_header_and_adds_sumber():
    workbook = load_workbook(io.BytesIO(tables_xlsx([sample_table()], title="Uji")))
    sheet = workbook["Tabel 3.7.2"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"C3:E3", "F3:G3", "A3:A4", "H3:H4"} <= merged
    assert sheet.freeze_panes == "A5"
    assert sheet.cell(5 + 3 + 1, 1).value == "Sumber: Kecamatan Uji"


# ------------------------------------------------------------------ docx and pdf (hand-built)


def test_docx_of_hand_built_blocks_has_its_table_and_image():
    document = Document(io.BytesIO(draft_docx(sample_blocks())))
    (table,) = document.tables
    table_texts = [[c.text for c in row.cells] for row in table.rows]
    assert table_texts[2] == sample_table().text_rows()[0]
    assert len(document.inline_shapes) == 1
    body = [p.text for p in document.paragraphs]
    assert "Capaian = realisasi / target × 100%; skala ≤ 50 Sangat Rendah." in body


def test_docx_wide_table_is_on_a_landscape_section_and_the_next_chapter_portrait():
    document = Document(io.BytesIO(draft_docx(sample_blocks())))
    orientations = [s.orientation for s in document.sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT
    assert WD_ORIENT.LANDSCAPE in orientations
    assert orientations[-1] == WD_ORIENT.PORTRAIT


def test_pdf_of_hand_built_blocks_embeds_dejavu():
    pdf = draft_pdf(sample_blocks())
    assert pdf.startswith(b"%PDF")
    assert b"DejaVuSans" in pdf
    assert page_count(pdf) >= 3  # cover, Bab III (landscape), Bab IV


# ------------------------------------------------------------------ Kragan 2024


@dataclass
class Rendered:
    tables: dict
    blocks: list
    summary: dict
    docx: bytes
    pdf: bytes
    xlsx: bytes
    xlsx_name: str


@pytest.fixture(scope="module")
def kragan(django_db_setup, django_db_blocker):
    """Kragan's 2024 draft rendered once: the tables, blocks and the three files."""
    from django.db import transaction

    from organisation.demo import load as organisation_load
    from reporting.demo import load as reporting_load
    from reporting.draft import draft_blocks
    from reporting.render import export
    from reporting.tables import report_tables, summary
    from sop.services import sop_load_all

    with django_db_blocker.unblock(), transaction.atomic():
        sop_load_all()
        pd = organisation_load()["kragan"]
        reporting_load()
        tables = {t.number: t for t in report_tables(pd, 2024)}
        blocks = draft_blocks(pd, 2024)
        xlsx, xlsx_name, _ = export(pd, 2024, "xlsx")
        rendered = Rendered(
            tables=tables,
            blocks=blocks,
            summary=summary(pd, 2024),
            docx=draft_docx(blocks),
            pdf=draft_pdf(blocks),
            xlsx=xlsx,
            xlsx_name=xlsx_name,
        )
        transaction.set_rollback(True)
    return rendered


def row_of(table: Table, key: str) -> TableRow:
    return next(r for r in table.rows if r.key == key)


def docx_tables(document) -> dict:
    """Word tables by the caption paragraph just before each."""
    found, caption = {}, ""
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text.startswith("Tabel "):
                caption = text
        elif element.tag == qn("w:tbl"):
            found[caption] = next(t for t in document.tables if t._tbl is element)
    return found


@pytest.fixture(scope="module")
def kragan_docx(kragan):
    return Document(io.BytesIO(kragan.docx))


def test_docx_chapter_headings_are_in_the_standard_order(kragan_docx):
    chapters = [p.text for p in kragan_docx.paragraphs if p.style.name == "Heading 1"]
    assert chapters == CHAPTERS


def test_docx_starts_with_the_cover(kragan_docx):
    texts = [p.text for p in kragan_docx.paragraphs[:5]]
    assert texts == [
        "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)",
        "KECAMATAN KRAGAN",
        "TAHUN 2024",
        "PEMERINTAH KABUPATEN REMBANG",
        "2025",
    ]


def test_docx_bab_3_sections_follow_each_other(kragan_docx):
    sections = [p.text for p in kragan_docx.paragraphs if p.style.name == "Heading 2"]
    assert sections.index("3.1 Capaian Kinerja Organisasi") < sections.index(
        "3.2 Realisasi Anggaran"
    )
    assert sections[:3] == ["1.1 Latar Belakang", "1.2 Gambaran Umum", "1.3 Sistematika Penyajian"]


@pytest.mark.parametrize("key", ["T1-I1", "S1-I1", "P1-I1", "P1.K3.SK1-I1"])
def test_docx_tabel_3_2_row_prints_the_computed_values(kragan, kragan_docx, key):
    table = kragan.tables["3.2"]
    word = docx_tables(kragan_docx)[table.caption]
    index = table.rows.index(row_of(table, key))
    printed = [c.text for c in word.rows[1 + index].cells]  # one header row
    assert printed == table.text_rows()[index]


def test_docx_tabel_3_2_capaian_of_the_tujuan_is_the_computed_one(kragan, kragan_docx):
    table = kragan.tables["3.2"]
    row = row_of(table, "T1-I1")
    word = docx_tables(kragan_docx)[table.caption]
    capaian = [c.key for c in table.columns].index("capaian")
    printed = word.rows[1 + table.rows.index(row)].cells[capaian].text
    assert printed == table.display(row, table.column("capaian")) == "118,18"


def test_docx_has_a_word_table_per_report_table(kragan, kragan_docx):
    found = docx_tables(kragan_docx)
    for table in kragan.tables.values():
        word = found[table.caption]
        rows, _ = header_layout(table)
        assert len(word.rows) == rows + len(table.rows)


def test_docx_header_rows_repeat_on_every_page(kragan, kragan_docx):
    word = docx_tables(kragan_docx)[kragan.tables["3.3"].caption]
    for row in word.rows[:2]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert word.rows[2]._tr.trPr.find(qn("w:tblHeader")) is None


def test_docx_grouped_header_is_merged(kragan, kragan_docx):
    table = kragan.tables["3.3"]
    word = docx_tables(kragan_docx)[table.caption]
    first = word.rows[0]._tr.findall(qn("w:tc"))
    spans = {
        "".join(t.text or "" for t in tc.iter(qn("w:t"))): tc.grid_span
        for tc in first
        if tc.grid_span > 1
    }
    assert spans == {"2024": 3}


def test_docx_has_the_charts(kragan, kragan_docx):
    images = [b for b in kragan.blocks if isinstance(b, Image)]
    assert len(kragan_docx.inline_shapes) == len(images)
    captions = [i.caption for i in images]
    assert any("Capaian Kinerja Program" in c for c in captions)
    assert any("Pagu dan Realisasi Anggaran" in c for c in captions)
    assert any("Indeks Pelayanan Publik" in c for c in captions)


def test_docx_footer_has_a_page_number(kragan_docx):
    assert "PAGE" in kragan_docx.sections[0].footer._element.xml


def test_draft_ikhtisar_gives_the_summary_figures(kragan):
    from reporting.calculations import format_percent, format_rupiah

    s = kragan.summary
    text = " ".join(b.text for b in kragan.blocks if isinstance(b, Paragraph))
    assert f"mengukur {s['indicator_count']} indikator" in text
    for label, count in s["kategori_counts"].items():
        assert f"{count} indikator berkategori {label}" in text
    assert (
        f"sebesar {format_rupiah(s['pagu'])} terealisasi {format_rupiah(s['realisasi_anggaran'])}"
        f" atau serapan {format_percent(s['serapan'])}%"
    ) in text


def test_draft_states_the_renstra_period_and_pk_dates(kragan):
    text = " ".join(b.text for b in kragan.blocks if isinstance(b, Paragraph))
    assert f"Tahun {kragan.summary['renstra']}" in text
    assert "26 Januari 2024" in text  # PK awal
    assert "25 November 2024" in text  # PK perubahan


def test_draft_has_every_report_table_in_report_order(kragan):
    numbers = [b.table.number for b in kragan.blocks if isinstance(b, TableBlock)]
    report = list(kragan.tables)
    assert [n for n in numbers if n in report] == report


def test_pdf_is_a_pdf_of_several_pages(kragan):
    assert kragan.pdf.startswith(b"%PDF")
    assert page_count(kragan.pdf) >= 20


def test_pdf_outline_lists_the_chapters(kragan):
    for chapter in CHAPTERS:
        assert f"({chapter})".encode() in kragan.pdf


def test_xlsx_has_one_sheet_per_table_in_report_order(kragan):
    workbook = load_workbook(io.BytesIO(kragan.xlsx))
    assert workbook.sheetnames == [f"Tabel {n}" for n in kragan.tables]
    assert kragan.xlsx_name == "Tabel-LKjIP-kragan-2024.xlsx"


def test_xlsx_tabel_3_2_capaian_is_a_number_equal_to_the_table(kragan):
    table = kragan.tables["3.2"]
    sheet = load_workbook(io.BytesIO(kragan.xlsx))["Tabel 3.2"]
    capaian = [c.key for c in table.columns].index("capaian") + 1
    first = 4  # caption, empty row, one header row
    for index, row in enumerate(table.rows):
        value = sheet.cell(first + index, capaian).value
        if row.cells["capaian"] is None:
            assert value is None
        else:
            assert isinstance(value, int | float)
            assert Decimal(str(value)) == row.cells["capaian"]


def test_xlsx_tabel_3_9_total_is_whole_rupiah(kragan):
    table = kragan.tables["3.9"]
    sheet = load_workbook(io.BytesIO(kragan.xlsx))["Tabel 3.9"]
    total = 4 + table.rows.index(row_of(table, "TOTAL"))
    assert sheet.cell(total, 2).value == "Jumlah"
    assert sheet.cell(total, 3).value == kragan.summary["pagu"]
    assert isinstance(sheet.cell(total, 3).value, int)


def test_xlsx_is_a_valid_zip_with_a_workbook(kragan):
    with zipfile.ZipFile(io.BytesIO(kragan.xlsx)) as archive:
        assert "xl/workbook.xml" in archive.namelist()


# ------------------------------------------------------------------ another PD


@pytest.fixture
def small_pd(db):
    """A PD with one tujuan and one indicator: a target and a realisasi, nothing else."""
    from organisation.models import Kabupaten, PerangkatDaerah
    from reporting.models import Indicator, Node, Realisasi, Target

    kabupaten = Kabupaten.objects.create(name="Kota Uji", slug="kota-uji")
    pd = PerangkatDaerah.objects.create(
        kabupaten=kabupaten, slug="dinas-uji", name="Dinas Uji", kind="dinas"
    )
    node = Node.objects.create(pd=pd, code="T1", name="Tujuan Uji", level="tujuan")
    indicator = Indicator.objects.create(
        pd=pd, code="T1-I1", node=node, name="Indeks Uji", satuan="%"
    )
    Target.objects.create(indicator=indicator, year=2030, source="renja", value="80")
    Realisasi.objects.create(indicator=indicator, year=2030, value=Decimal("72"))
    return pd


def test_draft_of_another_pd_is_filled_from_its_own_data(small_pd):
    from reporting.draft import draft_blocks

    blocks = draft_blocks(small_pd, 2030)
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph | Heading))
    assert "LKjIP) Dinas Uji Tahun 2030" in text
    assert "PEMERINTAH KOTA UJI" in text
    assert "Indikator tujuan Indeks Uji dengan target 80 terealisasi 72" in text
    assert "capaiannya 90,00% (kategori Tinggi)" in text
    assert "Data anggaran Tahun 2030 belum tersedia." in text
    assert "Kragan" not in text


def test_draft_of_another_pd_renders_to_docx_and_pdf(small_pd):
    from reporting.draft import draft_blocks

    blocks = draft_blocks(small_pd, 2030)
    chapters = [
        p.text
        for p in Document(io.BytesIO(draft_docx(blocks))).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert chapters == CHAPTERS
    assert draft_pdf(blocks).startswith(b"%PDF")


def test_export_of_a_year_without_data_is_still_a_document(small_pd):
    from reporting.render import export

    content, filename, content_type = export(small_pd, 2031, "pdf")
    assert content.startswith(b"%PDF")
    assert (filename, content_type) == ("LKjIP-dinas-uji-2031.pdf", "application/pdf")


def test_export_refuses_an_unknown_format(small_pd):
    from reporting.render import ExportError, export

    with pytest.raises(ExportError, match="Format 'odt' tidak dikenal"):
        export(small_pd, 2030, "odt")
