"""Who may do what with a signal. Every view asks here, so the rules live in one place.

- Everybody with a role reads signals city-wide (integral working).
- A regisseur creates and changes signals in the wijken mapped to them today; nobody adds
  to a signal anonymised after the retention period.
- Details of a personal-data signal: the regisseur(s) of that wijk today and the beheerder.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from signalen.models import Signaal
from wijkwerk import rollen as r


def mag_lezen(user) -> bool:
    return r.heeft_rol(user, *r.ALLE)


def mag_wijzigen(user, signaal: Signaal) -> bool:
    return signaal.wijk_id in r.regisseur_wijk_ids(user)


def mag_aanvullen(user, signaal: Signaal) -> bool:
    """May add to it (status, notes, data): mag_wijzigen, unless it was anonymised. Text
    typed into an anonymised signal would stay for good (anonimiseer passes it by) and,
    without the personal-data mark, be read city-wide."""
    return not signaal.geanonimiseerd_op and mag_wijzigen(user, signaal)


def mag_details_zien(user, signaal: Signaal) -> bool:
    if not signaal.bevat_persoonsgegevens:
        return True
    return r.heeft_rol(user, r.BEHEERDER) or signaal.wijk_id in r.regisseur_wijk_ids(user)


def markeer(user, signalen):
    """Set `volledig` on each signal: may this user see its text and reporter?"""
    for s in signalen:
        s.volledig = mag_details_zien(user, s)
    return signalen


def signaal_voor(user, pk: int, *, wijzigen=False) -> Signaal:
    """The signal, or 404 if it does not exist; 403 if the user may not (change) it."""
    if not mag_lezen(user):
        raise PermissionDenied
    signaal = get_object_or_404(
        Signaal.objects.select_related(
            "wijk", "thema", "focuspunt", "regie_partner", "aangemaakt_door"
        ),
        pk=pk,
    )
    if wijzigen and not mag_wijzigen(user, signaal):
        raise PermissionDenied
    signaal.volledig = mag_details_zien(user, signaal)
    return signaal
