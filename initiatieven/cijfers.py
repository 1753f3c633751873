"""Response-time figures: per wijk and month, the median and the share within the norm.

Counted over initiatives whose initiator was informed, by the month (Europe/Amsterdam)
in which that happened. doorlooptijd_dagen is fixed by acties.informeer from the pauses.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from initiatieven.models import GEACCEPTEERD, Besluit, Initiatief, Status, norm_dagen
from wijkwerk.db import Mediaan


def _sleutel(basis, maanden: int) -> str:
    # Holds the latest geinformeerd_op (one index lookup): a new decision changes the key,
    # so cached figures are never stale.
    laatste = basis.aggregate(m=Max("geinformeerd_op"))["m"]
    return (
        "initiatieven:cijfers:"
        + hashlib.sha256(
            f"{basis.query}|{laatste}|{norm_dagen()}|{timezone.localdate()}|{maanden}".encode()
        ).hexdigest()
    )


def per_wijk_en_maand(qs=None, maanden: int = 12):
    """The last `maanden` months (counting the current one).

    The aggregate reads every informed initiative of the period; it is cached under a key
    that changes with the data (see _sleutel).
    """
    basis = qs if qs is not None else Initiatief.objects.all()
    return cache.get_or_set(
        _sleutel(basis, maanden), lambda: _bereken(basis, maanden), 24 * 60 * 60
    )


def tabel(qs=None, maanden: int = 12, *, met_wijk: bool, bijschrift: str) -> dict:
    """What initiatieven/_cijfers.html shows (as `tabel`): the cached figures and captions."""
    return {
        "rijen": per_wijk_en_maand(qs, maanden),
        "norm": norm_dagen(),
        "met_wijk": met_wijk,
        "bijschrift": bijschrift,
    }


def _bereken(qs, maanden):
    norm = norm_dagen()
    vandaag = timezone.localdate()
    jaar, maand = divmod(vandaag.year * 12 + vandaag.month - 1 - (maanden - 1), 12)
    sinds = timezone.make_aware(datetime.datetime(jaar, maand + 1, 1))
    qs = qs.filter(
        status=Status.GEINFORMEERD, doorlooptijd_dagen__isnull=False, geinformeerd_op__gte=sinds
    )
    rijen = list(
        qs.annotate(maand=TruncMonth("geinformeerd_op"))
        .values("wijk__naam", "maand")
        .annotate(
            aantal=Count("id"),
            mediaan=Mediaan("doorlooptijd_dagen"),
            binnen=Count("id", filter=Q(doorlooptijd_dagen__lte=norm)),
        )
        .order_by("wijk__naam", "-maand")
    )
    for rij in rijen:
        rij["aandeel_binnen"] = round(100 * rij["binnen"] / rij["aantal"])
    return rijen


def voor_wijkdossier(wijk) -> dict:
    """What the wijkdossier shows of initiatives: those picked up in the wijk ("wijkgericht
    opgepakt", with actiehouder and deadline) and the wijk's response time per month."""

    opgepakt = (
        Besluit.objects.filter(uitkomst__in=GEACCEPTEERD, agendapunt__initiatief__wijk=wijk)
        .select_related("agendapunt__initiatief")
        .order_by("deadline", "-genomen_op")[:50]
    )
    return {
        "opgepakt": opgepakt,
        "tabel": tabel(
            Initiatief.objects.filter(wijk=wijk),
            met_wijk=False,
            bijschrift="Beantwoorde initiatieven per maand",
        ),
    }
