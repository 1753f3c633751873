"""The kwartaalrapportage's section on initiatives (rapportage.cijfers): received and decided
in the quarter, the decisions by outcome, and the response time of those whose initiator heard
the decision in the quarter (the clock of initiatieven.cijfers: median and share within the
norm). Counts only: titles and initiators stay out (they can name people)."""

from django.db.models import Count, Q

from initiatieven.models import Besluit, Initiatief, Status, Uitkomst, norm_dagen
from wijkwerk.db import Mediaan
from wijkwerk.grafiek import staafdiagram

VOLGORDE = 20
SJABLOON = "initiatieven/_rapport.html"
MATEN = {"initiatieven_ontvangen": "Ontvangen initiatieven"}


def cijfers(wijk_ids, kwartaal) -> dict:
    norm = norm_dagen()
    vorig, jaar_eerder = kwartaal.vorige(), kwartaal.jaar_eerder()
    basis = Initiatief.objects.filter(wijk_id__in=wijk_ids)
    geinformeerd = kwartaal.bevat("geinformeerd_op") & Q(
        status=Status.GEINFORMEERD, doorlooptijd_dagen__isnull=False
    )
    totalen = basis.aggregate(
        ontvangen_nu=Count("id", filter=kwartaal.bevat("ontvangen_op")),
        ontvangen_vorig=Count("id", filter=vorig.bevat("ontvangen_op")),
        ontvangen_jaar_eerder=Count("id", filter=jaar_eerder.bevat("ontvangen_op")),
        beantwoord=Count("id", filter=geinformeerd),
        binnen_norm=Count("id", filter=geinformeerd & Q(doorlooptijd_dagen__lte=norm)),
        mediaan=Mediaan("doorlooptijd_dagen", filter=geinformeerd),
    )
    besluiten = {
        r["uitkomst"]: r["aantal"]
        for r in Besluit.objects.filter(
            kwartaal.bevat("genomen_op"), agendapunt__initiatief__wijk_id__in=wijk_ids
        )
        .values("uitkomst")
        .annotate(aantal=Count("id"))
    }
    per_wijk = {
        str(r["wijk_id"]): r
        for r in basis.values("wijk_id").annotate(
            initiatieven_ontvangen=Count("id", filter=kwartaal.bevat("ontvangen_op")),
            beantwoord=Count("id", filter=geinformeerd),
            binnen=Count("id", filter=geinformeerd & Q(doorlooptijd_dagen__lte=norm)),
        )
    }
    for rij in per_wijk.values():
        beantwoord, binnen = rij.pop("beantwoord"), rij.pop("binnen")
        rij["initiatieven_binnen_norm"] = round(100 * binnen / beantwoord) if beantwoord else None
    if totalen["mediaan"] is not None:
        totalen["mediaan"] = round(totalen["mediaan"], 1)
    return {
        **totalen,
        "aandeel_binnen_norm": (
            round(100 * totalen["binnen_norm"] / totalen["beantwoord"])
            if totalen["beantwoord"]
            else None
        ),
        "norm": norm,
        "besloten": sum(besluiten.values()),
        "besluiten": [{"uitkomst": u.label, "aantal": besluiten.get(u.value, 0)} for u in Uitkomst],
        "per_wijk": per_wijk,
    }


def grafieken(c) -> dict:
    return {
        "besluiten": staafdiagram(
            [
                {
                    "balken": [
                        {"label": rij["uitkomst"], "klasse": "nu", "waarde": rij["aantal"]}
                        for rij in c["besluiten"]
                    ]
                }
            ]
        )
    }
