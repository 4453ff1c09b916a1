from django.db.models import Prefetch, QuerySet

from .models import Sop, SopRevision, SopStep


def sop_list() -> QuerySet[Sop]:
    return Sop.objects.order_by("name")


def sop_revision_latest(*, code: str) -> SopRevision:
    return (
        SopRevision.objects.select_related("sop")
        .prefetch_related(Prefetch("steps", queryset=SopStep.objects.order_by("position")))
        .filter(sop__code=code)
        .latest("number")
    )


def sop_revision_get(*, code: str, number: int) -> SopRevision:
    return (
        SopRevision.objects.select_related("sop")
        .prefetch_related(Prefetch("steps", queryset=SopStep.objects.order_by("position")))
        .get(sop__code=code, number=number)
    )
