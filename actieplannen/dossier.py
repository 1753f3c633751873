"""The wijkdossier's section on the actieplan (wijken.dossier): the plan of this year, else
the latest before it (else the first after it), with its goals and how many projects run.
One query."""

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone

from actieplannen.models import Actieplan, ProjectStatus

VOLGORDE = 40


def sectie(wijk, user) -> dict | None:
    jaar = timezone.localdate().year
    plan = (
        Actieplan.objects.filter(wijk=wijk)
        .annotate(
            lopend=Count(
                "projecten", filter=Q(projecten__status=ProjectStatus.GESTART), distinct=True
            ),
            projecten_totaal=Count("projecten", distinct=True),
            doeltitels=ArrayAgg("doelen__titel", distinct=True, default=Value([])),
        )
        .order_by(Case(When(jaar__gt=jaar, then=Value(1)), default=Value(0)), F("jaar").desc())
        .first()
    )
    if plan is None and not wijk.is_pilot:
        return None  # actieplannen are for the pilot wijken; say nothing elsewhere
    return {"sjabloon": "actieplannen/_dossier.html", "plan": plan, "jaar": jaar}
