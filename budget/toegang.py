"""Who may do what with the wijkbudget: fetch through these, never with a bare .get() (as
signalen.toegang): 404 for what the user may not see, 403 for what they may not do."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from budget.models import Bestedingsvoorstel, Budgetjaar
from wijken.models import Wijk
from wijkwerk import rollen as r

# The Groene Loper hands work to the wijk; the money itself is for these roles.
BUDGET_ROLLEN = (r.REGISSEUR, r.WETHOUDER, r.BEHEERDER)


def is_wijkwethouder(user, wijk) -> bool:
    """Only the wijkwethouder of a wijk decides on its spend."""
    wethouder = getattr(user, "wethouder", None) if user.is_authenticated else None
    return (
        r.heeft_rol(user, r.WETHOUDER)
        and wethouder is not None
        and wijk.wethouder_id == wethouder.pk
    )


def budgetjaar(jaar: int) -> Budgetjaar:
    return get_object_or_404(Budgetjaar, jaar=jaar)


def mag_uitvoeren(user, voorstel) -> bool:
    """Payments are booked by the wijk's regisseur of today, or by the beheerder."""
    return r.heeft_rol(user, r.BEHEERDER) or voorstel.wijk_id in r.regisseur_wijk_ids(user)


def mag_intrekken(user, voorstel) -> bool:
    """A proposal is withdrawn by a regisseur: who submitted it, or the wijk's of today."""
    return r.heeft_rol(user, r.REGISSEUR) and (
        voorstel.ingediend_door_id == user.pk or voorstel.wijk_id in r.regisseur_wijk_ids(user)
    )


def voorstel_voor(
    user, pk: int, *, beslissen=False, uitvoeren=False, intrekken=False
) -> Bestedingsvoorstel:
    """A proposal this user may see (404 otherwise, so ids of other wijken leak nothing);
    with `beslissen` only for its wijkwethouder, with `uitvoeren` only for who books its
    payments, with `intrekken` only for who may withdraw it (403 for anyone else)."""
    voorstel = get_object_or_404(
        Bestedingsvoorstel.objects.zichtbaar_voor(user).select_related(
            "wijk__wethouder",
            "budgetjaar",
            "focuspunt",
            "initiatief",
            "project__plan",
            "ingediend_door",
            "beoordeeld_door",
        ),
        pk=pk,
    )
    if beslissen and not is_wijkwethouder(user, voorstel.wijk):
        raise PermissionDenied(f"U bent niet de wijkwethouder van {voorstel.wijk}.")
    if uitvoeren and not mag_uitvoeren(user, voorstel):
        raise PermissionDenied(
            f"Betalingen boekt de wijkregisseur van {voorstel.wijk} of de beheerder."
        )
    if intrekken and not mag_intrekken(user, voorstel):
        raise PermissionDenied(
            f"Een voorstel trekt de indiener in, of de wijkregisseur van {voorstel.wijk}."
        )
    return voorstel


def wijken_van_regisseur(user, budgetjaar):
    return Wijk.objects.filter(
        pk__in=r.regisseur_wijk_ids(user), wijkbudgetten__budgetjaar=budgetjaar
    )
