"""Kragan's LHE SAKIP 2023 and its follow-up, as Tabel 1.4 of the seed prints it
(evaluation/data/kragan-lhe-2023.yaml): recorded by the Inspektorat in March 2024, each
rencana aksi set by the Sekcam with the Kasubag Program dan Keuangan in charge (the seed
names no penanggung jawab), the bukti dukung links added, and the follow-ups the seed calls
tuntas reported done (waiting for the Inspektorat's verification)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import yaml
from django.db import transaction

from organisation.models import PerangkatDaerah, User

from .models import Lhe, Recommendation
from .services import follow_up_evidence_add, follow_up_plan, lhe_record

DATA = Path(__file__).resolve().parent / "data"
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
RECORDED = dt.datetime(2024, 3, 15, 9, 0, tzinfo=WIB)
TARGET = dt.date(2024, 12, 31)
PIC = "kasubag-progkeu"


def seed() -> dict:
    return yaml.safe_load((DATA / "kragan-lhe-2023.yaml").read_text(encoding="utf-8"))


@transaction.atomic
def load() -> Lhe | None:
    from workflow.services import process_transition

    data = seed()
    pd = PerangkatDaerah.objects.get(slug=data["pd"])
    existing = Lhe.objects.filter(pd=pd, year=data["year"]).first()
    if existing is not None:
        return existing
    irban, auditor = User.objects.get(username="irban1"), User.objects.get(username="auditor1")
    sekcam = User.objects.get(username=f"sekcam.{pd.slug}")
    progkeu = User.objects.get(username=f"progkeu.{pd.slug}")
    rows = [(c["code"], r) for c in data["components"] for r in c["recommendations"]]
    lhe = lhe_record(
        pd=pd,
        year=data["year"],
        tanggal=RECORDED.date(),
        nomor="700/LHE-SAKIP/2024 (demo)",
        nilai_tercatat=data["nilai_total"],
        recommendations=[(code, row["rekomendasi"]) for code, row in rows],
        evaluators=[auditor],
        catatan=data["nilai_source"],
        user=irban,
        now=RECORDED,
    )
    now = RECORDED
    for code, row in rows:
        rec = Recommendation.objects.get(lhe=lhe, component__code=code, number=row["number"])
        now += dt.timedelta(minutes=30)
        follow_up_plan(
            follow_up_id=rec.follow_up_id,
            user=sekcam,
            action=row["rencana_aksi"],
            output_satuan=row["output_satuan"],
            output_uraian=row["output_uraian"],
            pic_code=PIC,
            target_date=TARGET,
            now=now,
        )
        process_transition(
            process_id=rec.follow_up.process_id,
            action="tetapkan_rencana_aksi",
            actor_user=sekcam,
            now=now,
        )
        for link in row["links"]:
            now += dt.timedelta(minutes=10)
            follow_up_evidence_add(follow_up_id=rec.follow_up_id, user=progkeu, url=link, now=now)
        if row["status"] == "tuntas":
            process_transition(
                process_id=rec.follow_up.process_id,
                action="laporkan_tuntas",
                actor_user=progkeu,
                now=now + dt.timedelta(days=30),
            )
    return lhe
