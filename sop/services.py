"""Loading SOP definition files into the catalogue."""

import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .definition import Definition, load_all
from .models import Sop, SopRevision, SopStep

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult:
    code: str
    revision: int
    created: bool


@transaction.atomic
def sop_load(*, definition: Definition) -> LoadResult:
    """Store `definition` as a new revision unless the latest revision has the same content.

    Reloading an unchanged file writes nothing; processes keep the revision they started
    with because revisions are never edited."""
    sop, _ = Sop.objects.select_for_update().get_or_create(
        code=definition.code, defaults={"name": definition.identity["nama"]}
    )
    latest = sop.revisions.order_by("-number").first()
    if latest and latest.content_hash == definition.content_hash:
        return LoadResult(definition.code, latest.number, created=False)

    if sop.name != definition.identity["nama"]:
        sop.name = definition.identity["nama"]
        sop.save(update_fields=["name"])
    revision = SopRevision.objects.create(
        sop=sop,
        number=(latest.number + 1) if latest else 1,
        content_hash=definition.content_hash,
        source_file=definition.source,
        nomor=definition.identity["nomor"],
        name=definition.identity["nama"],
        identity=definition.identity,
        columns=[list(c) for c in definition.columns],
        documents=definition.documents,
    )
    SopStep.objects.bulk_create(
        SopStep(
            revision=revision,
            number=step.number,
            position=index,
            uraian=step.uraian,
            pelaksana=step.pelaksana,
            kelengkapan=step.kelengkapan,
            waktu=str(step.waktu) if step.waktu else "",
            waktu_unit=step.waktu.unit if step.waktu else "",
            waktu_amount=step.waktu.amount if step.waktu else None,
            output=step.output,
            keterangan=step.keterangan,
            question=step.question,
            branches=[
                {
                    "action": b.action,
                    "label": b.label,
                    "target": b.target,
                    "documents": list(b.required_documents),
                    "checks": list(b.required_checks),
                    "news": b.news,
                    "effects": list(b.effects),
                }
                for b in step.branches
            ],
            required_documents=list(step.required_documents),
            required_checks=list(step.required_checks),
            fan_out=step.fan_out,
            inserted=step.inserted,
        )
        for index, step in enumerate(definition.steps)
    )
    logger.info("SOP %s loaded as revision %s", definition.code, revision.number)
    return LoadResult(definition.code, revision.number, created=True)


def sop_load_all(*, directory: Path | None = None) -> list[LoadResult]:
    """Validate every definition file first, then load them: one bad file loads nothing."""
    definitions = load_all(directory)
    with transaction.atomic():
        return [sop_load(definition=d) for d in definitions]
