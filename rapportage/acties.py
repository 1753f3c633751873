"""Writes on kwartaalrapporten: the highlights, and adopting (which stores the figures)."""

from django.db import transaction
from django.utils import timezone

from rapportage import cijfers
from rapportage.models import Kwartaalrapport


class RapportFout(Exception):
    """A write that the report's state does not allow; the message is for the user."""


def _rij(wijk, kwartaal) -> Kwartaalrapport:
    """The report's row, locked; made when it does not exist yet."""
    sleutel = {"wijk": wijk, "jaar": kwartaal.jaar, "kwartaal": kwartaal.nummer}
    Kwartaalrapport.objects.get_or_create(**sleutel)
    return Kwartaalrapport.objects.select_for_update().get(**sleutel)


def bewaar_hoogtepunten(*, wijk, kwartaal, tekst: str, door) -> Kwartaalrapport:
    with transaction.atomic():
        rapport = _rij(wijk, kwartaal)
        if rapport.is_vastgesteld:
            raise RapportFout("Dit rapport is vastgesteld; de hoogtepunten liggen vast.")
        rapport.hoogtepunten = tekst
        rapport.hoogtepunten_door = door
        rapport.hoogtepunten_op = timezone.now()
        rapport.save()
    return rapport


def stel_vast(*, wijk, kwartaal, door) -> Kwartaalrapport:
    """Stores the figures as they are now; from then on the report shows those."""
    if kwartaal.eind > timezone.now():
        raise RapportFout(
            f"{kwartaal} loopt nog; u kunt het rapport vaststellen als het kwartaal voorbij is."
        )
    with transaction.atomic():
        rapport = _rij(wijk, kwartaal)
        if rapport.is_vastgesteld:
            raise RapportFout("Dit rapport was al vastgesteld.")
        rapport.cijfers = cijfers.bereken(wijk, kwartaal, vers=True)
        rapport.vastgesteld_door = door
        rapport.vastgesteld_op = timezone.now()
        rapport.save()
    return rapport
