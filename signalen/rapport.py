"""The kwartaalrapportage's section on signals (rapportage.cijfers): new signals by theme
against the quarter before and the same quarter a year earlier, what was open and overdue at
the end of each, and the median time to an answer. Counts only: never a signal's text."""

import operator
from functools import reduce

from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast, Extract

from signalen.models import Signaal, Status
from wijkwerk.db import Mediaan
from wijkwerk.grafiek import staafdiagram

VOLGORDE = 10
SJABLOON = "signalen/_rapport.html"
# For the city's table and map: measure -> (label, figure per wijk).
MATEN = {
    "signalen_nieuw": "Nieuwe signalen",
    "signalen_te_laat": "Signalen over de termijn aan het eind van het kwartaal",
}


def _open_op(kwartaal) -> Q:
    """Open at the end of the quarter: made before it ended and not closed by then. An
    answered signal counts as handled (it is no longer waiting for the municipality)."""
    eind = kwartaal.eind
    return (
        Q(aangemaakt_op__lt=eind)
        & (Q(beantwoord_op__isnull=True) | Q(beantwoord_op__gte=eind))
        & (Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=eind))
    )


def cijfers(wijk_ids, kwartaal) -> dict:
    perioden = {"nu": kwartaal, "vorig": kwartaal.vorige(), "jaar_eerder": kwartaal.jaar_eerder()}
    basis = Signaal.objects.filter(wijk_id__in=wijk_ids)
    nieuw = {naam: Count("id", filter=k.bevat("aangemaakt_op")) for naam, k in perioden.items()}
    per_thema = list(
        basis.filter(reduce(operator.or_, [k.bevat("aangemaakt_op") for k in perioden.values()]))
        .values(thema_naam=F("thema__naam"))
        .annotate(**nieuw)
        .order_by("-nu", "thema_naam")
    )
    per_status = {
        r["status"]: r["aantal"]
        for r in basis.filter(kwartaal.bevat("aangemaakt_op"))
        .values("status")
        .annotate(aantal=Count("id"))
    }
    dagen = Cast(Extract(F("beantwoord_op") - F("aangemaakt_op"), "epoch"), FloatField()) / 86400
    stand = {}
    for naam, k in perioden.items():
        stand[f"open_{naam}"] = Count("id", filter=_open_op(k))
        stand[f"te_laat_{naam}"] = Count(
            "id", filter=_open_op(k) & Q(streefdatum__lt=k.eind.date())
        )
    stand["mediaan_nu"] = Mediaan(dagen, filter=kwartaal.bevat("beantwoord_op"))
    stand["beantwoord_nu"] = Count("id", filter=kwartaal.bevat("beantwoord_op"))
    stand["mediaan_vorig"] = Mediaan(dagen, filter=kwartaal.vorige().bevat("beantwoord_op"))
    # Only signals that can still count: made before the quarter ended.
    stand = basis.filter(aangemaakt_op__lt=kwartaal.eind).aggregate(**stand)
    for sleutel in ("mediaan_nu", "mediaan_vorig"):
        if stand[sleutel] is not None:
            stand[sleutel] = round(stand[sleutel], 1)
    per_wijk = {
        str(r["wijk_id"]): r
        for r in basis.filter(aangemaakt_op__lt=kwartaal.eind)
        .values("wijk_id")
        .annotate(
            signalen_nieuw=Count("id", filter=kwartaal.bevat("aangemaakt_op")),
            signalen_te_laat=Count(
                "id", filter=_open_op(kwartaal) & Q(streefdatum__lt=kwartaal.eind.date())
            ),
        )
    }
    return {
        "per_thema": per_thema,
        "nieuw": {naam: sum(r[naam] for r in per_thema) for naam in perioden},
        "per_status": [{"status": s.label, "aantal": per_status.get(s.value, 0)} for s in Status],
        **stand,
        "per_wijk": per_wijk,
    }


def grafieken(c) -> dict:
    return {
        "per_thema": staafdiagram(
            [
                {
                    "kop": rij["thema_naam"],
                    "balken": [
                        {"label": "dit kwartaal", "klasse": "nu", "waarde": rij["nu"]},
                        {"label": "kwartaal ervoor", "klasse": "vorig", "waarde": rij["vorig"]},
                        {
                            "label": "een jaar eerder",
                            "klasse": "jaar-eerder",
                            "waarde": rij["jaar_eerder"],
                        },
                    ],
                }
                for rij in c["per_thema"]
            ]
        )
    }
