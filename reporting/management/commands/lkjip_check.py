"""Consistency check of a draft LKjIP: one JSON object per finding; exit 1 when any."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from organisation.models import PerangkatDaerah
from reporting.checks import consistency_findings

PD_UNKNOWN = "Perangkat daerah '{slug}' tidak ditemukan."
KEYS = ("table", "row", "column", "printed", "computed", "kind", "message")


class Command(BaseCommand):
    help = "Periksa angka tercetak LKjIP terhadap data masukan dan rumus (satu JSON per temuan)."

    def add_arguments(self, parser):
        parser.add_argument("--pd", required=True, help="slug perangkat daerah")
        parser.add_argument("--year", required=True, type=int, help="tahun laporan")

    def handle(self, *args, **options):
        pd = PerangkatDaerah.objects.filter(slug=options["pd"]).first()
        if pd is None:
            raise CommandError(PD_UNKNOWN.format(slug=options["pd"]), returncode=2)
        findings = consistency_findings(pd, options["year"])
        for finding in findings:
            data = finding.as_dict()
            self.stdout.write(json.dumps({k: data[k] for k in KEYS}, ensure_ascii=False))
        if findings:
            raise SystemExit(1)
