"""Write a PD's LKjIP of a year as a file: the tables (xlsx) or the whole draft (docx, pdf)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisation.models import PerangkatDaerah
from reporting.render import FORMAT_UNKNOWN, FORMATS, NO_DATA, export, has_data

PD_UNKNOWN = "Perangkat daerah '{slug}' tidak ditemukan."

YEAR_INVALID = "Tahun '{year}' tidak valid: tulis empat angka, misalnya 2024."
FOLDER_MISSING = "Folder '{folder}' tidak ada: buat dulu foldernya atau pilih berkas lain."
NOT_WRITABLE = "Berkas '{path}' tidak dapat ditulis: {reason}."
WRITTEN = "{path} ditulis ({size} bita)."


class Command(BaseCommand):
    help = (
        "Tulis LKjIP sebuah perangkat daerah: tabel-tabelnya (xlsx) atau seluruh draf (docx, pdf)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="slug perangkat daerah")
        parser.add_argument("--year", required=True, help="tahun laporan")
        parser.add_argument("--format", required=True, help="xlsx, docx atau pdf")
        parser.add_argument(
            "--out",
            help="berkas tujuan (bawaan: nama baku di folder kerja, misalnya "
            "LKjIP-kragan-2024.docx)",
        )

    def handle(self, *args, **options):
        fmt = str(options["format"]).lower().lstrip(".")
        if fmt not in FORMATS:
            raise CommandError(FORMAT_UNKNOWN.format(fmt=options["format"]), returncode=2)
        year = str(options["year"]).strip()
        if not (year.isdigit() and len(year) == 4):
            raise CommandError(YEAR_INVALID.format(year=options["year"]), returncode=2)
        pd = PerangkatDaerah.objects.filter(slug=options["pd"]).first()
        if pd is None:
            raise CommandError(PD_UNKNOWN.format(slug=options["pd"]), returncode=2)
        out = Path(options["out"]) if options["out"] else None
        if out is not None:
            check_writable(out)
        if not has_data(pd, int(year)):
            raise CommandError(NO_DATA.format(pd=pd.name, year=year), returncode=1)
        content, filename, _ = export(pd, int(year), fmt)
        path = out or Path(filename)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(
                NOT_WRITABLE.format(path=path, reason=error.strerror or error), returncode=1
            ) from None
        self.stdout.write(WRITTEN.format(path=path, size=len(content)))


def check_writable(path: Path) -> None:
    """Fail before the (slow) rendering when the file clearly cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandError(NOT_WRITABLE.format(path=path, reason="itu sebuah folder"), returncode=1)
    if not folder.is_dir():
        raise CommandError(FOLDER_MISSING.format(folder=folder), returncode=1)
    if path.exists() and not os.access(path, os.W_OK):
        raise CommandError(
            NOT_WRITABLE.format(path=path, reason="tidak ada izin tulis"), returncode=1
        )
    if not path.exists() and not os.access(folder, os.W_OK):
        raise CommandError(
            NOT_WRITABLE.format(path=path, reason="folder tidak dapat ditulisi"), returncode=1
        )
