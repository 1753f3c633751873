"""Signal numbers for the wijkdossier.

The open counts are live. The 90-day median sorts every answer of those 90 days (tens of
thousands per wijk at a million signals), so it is kept per process for a few minutes: a
median over 90 days hardly moves in that time, and the dossier says when it was computed.
The process that records an answer forgets its copy at once.
"""

import datetime

from django.core.cache import cache
from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast, Extract
from django.utils import timezone

from signalen.models import Signaal
from wijkwerk.db import Mediaan

MEDIAAN_GELDIG_SECONDEN = 600


def _sleutel(wijk_id) -> str:
    return f"signalen:mediaan:{wijk_id}"


def vergeet_mediaan(wijk_id) -> None:
    cache.delete(_sleutel(wijk_id))


def _antwoordtijd(wijk, nu) -> dict:
    beantwoord = Signaal.objects.in_wijk(wijk).filter(
        beantwoord_op__gte=nu - datetime.timedelta(days=90)
    )
    dagen = Cast(Extract(F("beantwoord_op") - F("aangemaakt_op"), "epoch"), FloatField()) / 86400
    cijfers = beantwoord.aggregate(mediaan=Mediaan(dagen), aantal=Count("id"))
    mediaan = cijfers["mediaan"]
    return {
        "mediaan_dagen": round(mediaan, 1) if mediaan is not None else None,
        "beantwoord_90": cijfers["aantal"],
        "berekend_op": nu,
    }


def voor_wijk(wijk) -> dict:
    """Open signals by thema, how many are overdue, median days to answer (last 90 days)."""
    nu = timezone.now()
    antwoord = cache.get(_sleutel(wijk.pk))
    if antwoord is None:
        antwoord = _antwoordtijd(wijk, nu)
        cache.set(_sleutel(wijk.pk), antwoord, MEDIAAN_GELDIG_SECONDEN)
    per_thema = list(
        Signaal.objects.open()
        .in_wijk(wijk)
        .values("thema__naam")
        .annotate(
            aantal=Count("id"),
            te_laat=Count("id", filter=Q(streefdatum__lt=timezone.localdate())),
        )
        .order_by("-aantal", "thema__naam")
    )
    return {
        "open_per_thema": per_thema,
        "open_totaal": sum(r["aantal"] for r in per_thema),
        "te_laat": sum(r["te_laat"] for r in per_thema),
        **antwoord,
    }
