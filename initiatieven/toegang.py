"""Who may do what with initiatives: one fetch-and-authorise helper per model (as
signalen.toegang), raising 404 for what does not exist and 403 for what the user may not do."""

from django.contrib.postgres.aggregates import StringAgg
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from initiatieven.models import Agendapunt, Initiatief, Vergadering
from wijkwerk import rollen as r


def mag_beheren(user) -> bool:
    """The Groene Loper secretary and the beheerder run intake and meetings."""
    return r.heeft_rol(user, r.GROENE_LOPER, r.BEHEERDER)


def mag_wijzigen(user, initiatief: Initiatief) -> bool:
    if mag_beheren(user):
        return True
    # A regisseur triages what is not yet placed, what is in his or her wijken today, and
    # what he or she is contact person for; never another regisseur's initiative.
    if r.heeft_rol(user, r.REGISSEUR):
        if initiatief.wijk_id is None or initiatief.contactpersoon_id == user.pk:
            return True
        return initiatief.wijk_id in r.regisseur_wijk_ids(user)
    return False


GEEN_BEHEERDER = "Alleen de Groene Loper en de beheerder kunnen dit doen."


def initiatief_voor(user, referentie: str, *, wijzigen: bool = False) -> Initiatief:
    if not r.heeft_rol(user, *r.ALLE):
        raise PermissionDenied
    initiatief = get_object_or_404(
        Initiatief.objects.select_related("wijk", "contactpersoon"), referentie=referentie
    )
    initiatief.mag_wijzigen = mag_wijzigen(user, initiatief)
    if wijzigen and not initiatief.mag_wijzigen:
        raise PermissionDenied(
            "U mag dit initiatief inzien, maar niet behandelen: dat doen de Groene Loper, de "
            "beheerder en de wijkregisseur van de wijk."
        )
    return initiatief


def vergadering_voor(user, pk: int, *, wijzigen: bool = False) -> Vergadering:
    if not r.heeft_rol(user, *r.ALLE):
        raise PermissionDenied
    if wijzigen and not mag_beheren(user):
        raise PermissionDenied(GEEN_BEHEERDER)
    # The names of the departments present come along (Vergadering.aanwezige_afdelingen).
    return get_object_or_404(
        Vergadering.objects.annotate(
            aanwezig_namen=StringAgg("aanwezig__naam", ", ", order_by="aanwezig__naam")
        ),
        pk=pk,
    )


def agendapunt_voor(user, pk: int) -> Agendapunt:
    if not mag_beheren(user):
        raise PermissionDenied(GEEN_BEHEERDER)
    return get_object_or_404(Agendapunt.objects.select_related("vergadering", "initiatief"), pk=pk)
