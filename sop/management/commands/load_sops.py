from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sop.definition import SopDefinitionError
from sop.services import sop_load_all


class Command(BaseCommand):
    help = "Muat definisi SOP (sop/definitions/*.yaml) ke katalog; berkas tak berubah diabaikan."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="folder berkas definisi")

    def handle(self, *args, **options):
        try:
            results = sop_load_all(directory=options["dir"])
        except SopDefinitionError as exc:
            raise CommandError(f"Definisi SOP ditolak: {exc}") from exc
        for result in results:
            state = "revisi baru" if result.created else "tidak berubah"
            self.stdout.write(f"{result.code}: revisi {result.revision} ({state})")
