from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from organisation.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Muat data demo Kecamatan Kragan (idempoten); setiap kapabilitas menambah datanya."

    def add_arguments(self, parser):
        parser.add_argument("--logins", action="store_true", help="cetak akun demo saja")

    def handle(self, *args, **options):
        if not options["logins"]:
            for dotted in settings.DEMO_LOADERS:
                import_string(dotted)()
                self.stdout.write(f"demo: {dotted} dimuat")
        self.stdout.write(f"\nAkun demo (kata sandi semua akun: {DEMO_PASSWORD}):")
        for username, name, position in demo_logins():
            self.stdout.write(f"  {username:<24} {name:<36} {position}")
