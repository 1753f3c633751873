"""Who may do what with kwartaalrapporten: every staff role reads; the wijkregisseur of the
wijk (today) writes its highlights; the wijkwethouder of the wijk adopts a wijk report, and
any wethouder the city report. Reports exist for the pilot wijken and the city."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from rapportage.periode import EERSTE_JAAR, Kwartaal
from wijken.models import Wijk
from wijkwerk import rollen as r

LEZERS = r.ALLE


def kwartaal_of_404(jaar: int, nummer: int) -> Kwartaal:
    """A quarter from the URL: from the memo's first year up to the current quarter."""
    huidig = Kwartaal.huidig()
    if not 1 <= nummer <= 4 or jaar < EERSTE_JAAR:
        raise Http404("Dat kwartaal bestaat niet.")
    if (jaar, nummer) > (huidig.jaar, huidig.nummer):
        raise Http404("Dat kwartaal is nog niet begonnen.")
    return Kwartaal(jaar, nummer)


def wijk_of_404(slug: str) -> Wijk:
    return get_object_or_404(Wijk.objects.select_related("wethouder"), slug=slug, is_pilot=True)


def mag_hoogtepunten_schrijven(user, wijk) -> bool:
    return wijk is not None and wijk.pk in r.regisseur_wijk_ids(user)


def mag_vaststellen(user, wijk) -> bool:
    if wijk is None:
        return r.heeft_rol(user, r.WETHOUDER) and bool(getattr(user, "wethouder", None))
    return wijk.pk in r.wethouder_wijk_ids(user)


def reden_niet_vaststellen(wijk) -> str:
    if wijk is None:
        return "Alleen een wethouder stelt het rapport voor de stad vast."
    return f"Alleen de wijkwethouder van {wijk} stelt dit rapport vast."
