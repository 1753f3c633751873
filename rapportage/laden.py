"""Demo kwartaalrapporten for `manage.py laad_demo`: the last finished quarter, adopted for
the pilot wijken and the city from the demo data, with invented highlights; marked demo."""

from django.contrib.auth.models import User

from rapportage import acties
from rapportage.models import Kwartaalrapport
from rapportage.periode import Kwartaal
from wijken.models import Wijk

HOOGTEPUNTEN = (
    "Demo: de bewonersavond over de speelplekken trok veel buren. Het Huis van de Wijk is "
    "nu ook op zaterdag open."
)


def demo(stdout, **opties) -> None:
    kwartaal = Kwartaal.huidig().vorige()
    wethouders = User.objects.filter(wethouder__isnull=False).select_related("wethouder")
    if not wethouders.exists():
        return
    gemaakt = 0
    for wijk in Wijk.objects.filter(is_pilot=True).select_related("wethouder__gebruiker"):
        regisseur = wijk.regisseur_op(kwartaal.laatste_dag)
        wethouder = wijk.wethouder.gebruiker if wijk.wethouder else None
        gemaakt += _stel_vast(wijk, kwartaal, wethouder, regisseur and regisseur.gebruiker)
    gemaakt += _stel_vast(None, kwartaal, wethouders.first(), None)
    if gemaakt:
        stdout.write(f"{gemaakt} kwartaalrapporten over {kwartaal} vastgesteld (demo).")


def _stel_vast(wijk, kwartaal, wethouder, regisseur) -> int:
    bestaand = Kwartaalrapport.objects.filter(
        wijk=wijk, jaar=kwartaal.jaar, kwartaal=kwartaal.nummer
    ).first()
    if wethouder is None or (bestaand and bestaand.is_vastgesteld):
        return 0
    if wijk is not None and regisseur is not None:
        acties.bewaar_hoogtepunten(wijk=wijk, kwartaal=kwartaal, tekst=HOOGTEPUNTEN, door=regisseur)
    rapport = acties.stel_vast(wijk=wijk, kwartaal=kwartaal, door=wethouder)
    Kwartaalrapport.objects.filter(pk=rapport.pk).update(is_demo=True)
    return 1
