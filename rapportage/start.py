"""What waits on the start page (wijkwerk.views.start): for a wijkwethouder, the reports of
the last finished quarter of their pilot wijken that are not adopted yet."""

from django.urls import reverse

from rapportage.models import Kwartaalrapport
from rapportage.periode import Kwartaal
from wijken.models import Wijk
from wijkwerk import rollen as r


def taken(user) -> list[dict]:
    if not r.heeft_rol(user, r.WETHOUDER):
        return []
    kwartaal = Kwartaal.huidig().vorige()
    vastgesteld = Kwartaalrapport.objects.vastgesteld().filter(
        jaar=kwartaal.jaar, kwartaal=kwartaal.nummer
    )
    wijken = (
        Wijk.objects.filter(pk__in=r.wethouder_wijk_ids(user), is_pilot=True)
        .exclude(pk__in=vastgesteld.values("wijk_id"))
        .order_by("naam")
    )
    return [
        {
            "tekst": f"Het kwartaalrapport {kwartaal} van {wijk.naam} wacht op uw vaststelling.",
            "aantal": 1,
            "url": reverse("rapportage:rapport", args=[kwartaal.jaar, kwartaal.nummer, wijk.slug]),
            "link": "Naar het rapport",
        }
        for wijk in wijken
    ]
