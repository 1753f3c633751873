"""Audited, transactional writes of the wijken app."""

from dataclasses import dataclass

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
        conflict = (
            Toewijzing.objects.overlappend(wijk, geldig_van, geldig_tot)
            .select_related("regisseur", "wijk")
            .order_by("geldig_van")
            .first()
        )
        if conflict:
            raise OverlapFout(conflict)
        return Toewijzing.objects.create(
            wijk=wijk,
            regisseur=regisseur,
            geldig_van=geldig_van,
            geldig_tot=geldig_tot,
            aangemaakt_door=door,
        )


def beeindig(*, toewijzing, geldig_tot, door=None) -> Toewijzing:
    """Set the last day of an open toewijzing (shortening never creates an overlap)."""
    with transaction.atomic():
        Wijk.objects.select_for_update().get(pk=toewijzing.wijk_id)
        toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
        toewijzing.geldig_tot = geldig_tot
        toewijzing.full_clean(exclude=["aangemaakt_door"])
        toewijzing.save(update_fields=["geldig_tot"])
        return toewijzing
