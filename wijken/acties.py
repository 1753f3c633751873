"""Audited, transactional writes of the wijken app."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from wijken.models import Toewijzing, Wijk


@dataclass
class OverlapFout(Exception):
    conflict: Toewijzing

    def __str__(self):
        c = self.conflict
        tot = f"t/m {date_format(c.geldig_tot)}" if c.geldig_tot else "zonder einddatum"
        return (
            f"Deze periode overlapt met de toewijzing van {c.regisseur} aan {c.wijk} "
            f"van {date_format(c.geldig_van)} {tot}. Er kan maar één wijkregisseur "
            f"tegelijk verantwoordelijk zijn. Beëindig eerst die toewijzing of kies een "
            f"andere periode."
        )


def wijs_toe(*, wijk, regisseur, geldig_van, geldig_tot=None, door=None) -> Toewijzing:
    """Make `regisseur` responsible for `wijk` in [geldig_van, geldig_tot].

    The wijk row is locked first, so two beheerders saving overlapping periods at
    the same moment are serialised and the second one sees the first's row.
    """
    with transaction.atomic():
        Wijk.objects.select_for_update().get(pk=wijk.pk)
        return _nieuw(wijk, regisseur, geldig_van, geldig_tot, door)


def _nieuw(wijk, regisseur, geldig_van, geldig_tot, door) -> Toewijzing:
    """Insert a toewijzing; the caller holds the wijk's row lock."""
    conflict = (
        Toewijzing.objects.overlappend(wijk, geldig_van, geldig_tot)
        .select_related("regisseur", "wijk")
        .order_by("geldig_van")
        .first()
    )
    if conflict:
        raise OverlapFout(conflict)
    toewijzing = Toewijzing(
        wijk=wijk,
        regisseur=regisseur,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
        aangemaakt_door=door,
    )
    # The model's rules (not decades ahead), as beeindig; the screens checked them already.
    toewijzing.clean()
    toewijzing.save()
    return toewijzing


def draag_over(*, wijk, regisseur, geldig_van, geldig_tot=None, door=None):
    """Hand `wijk` over to `regisseur` per `geldig_van`, in one transaction: the toewijzing
    that holds on that day ends the day before, the new one starts on it (through
    `geldig_tot`, open when None). Returns (the ended one, the new one).

    A refusal rolls back both halves: ValidationError at the field it is about, OverlapFout
    when the new period runs into a later toewijzing.
    """
    with transaction.atomic():
        # The wijk's lock serialises with wijs_toe and beeindig (an insert locks no row); the
        # toewijzingen are locked too, as one of them is changed here.
        Wijk.objects.select_for_update().get(pk=wijk.pk)
        toewijzingen = Toewijzing.objects.select_for_update(of=("self",)).filter(wijk=wijk)
        huidige = next(
            (t for t in toewijzingen.select_related("regisseur") if t.geldig_op(geldig_van)),
            None,
        )
        dag = date_format(geldig_van)
        if huidige is None:
            raise ValidationError(
                {
                    "geldig_van": f"Op {dag} is niemand verantwoordelijk voor {wijk}, dus er is "
                    "niets over te dragen. Gebruik ‘Nieuwe toewijzing’."
                }
            )
        if huidige.regisseur_id == regisseur.pk:
            raise ValidationError(
                {"regisseur": f"{regisseur} is op {dag} al verantwoordelijk voor {wijk}."}
            )
        if huidige.geldig_van == geldig_van:
            raise ValidationError(
                {
                    "geldig_van": f"De toewijzing van {huidige.regisseur} begint pas op {dag}. "
                    "Overdragen kan vanaf de dag daarna."
                }
            )
        huidige.geldig_tot = geldig_van - datetime.timedelta(days=1)
        huidige.save(update_fields=["geldig_tot"])
        return huidige, _nieuw(wijk, regisseur, geldig_van, geldig_tot, door)


def beeindig(*, toewijzing, geldig_tot, door=None) -> Toewijzing:
    """Set the last day of an open toewijzing (shortening never creates an overlap)."""
    with transaction.atomic():
        Wijk.objects.select_for_update().get(pk=toewijzing.wijk_id)
        toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
        toewijzing.geldig_tot = geldig_tot
        toewijzing.full_clean(exclude=["aangemaakt_door"])
        toewijzing.save(update_fields=["geldig_tot"])
        return toewijzing
