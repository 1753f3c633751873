"""Statuses as data, checked in one place: each app's TRANSITIES (status -> the statuses it
may go to) plugs into a Workflow, which refuses what is not allowed and writes the history
row (who, when, from, to, why) for every change. As Amsterdam/signals' workflow.py."""

from collections.abc import Container, Mapping
from dataclasses import dataclass

from django.db import models


class OvergangFout(Exception):
    """A status change the workflow does not allow; str() is the Dutch message."""


@dataclass(frozen=True)
class Workflow:
    transities: Mapping[str, Container[str]]
    status: type[models.TextChoices]
    # The history model: fields door, van, naar, toelichting and a foreign key `veld`.
    historie: type[models.Model]
    veld: str
    # The message for a refused change, with {van} and {naar} (the statuses' labels).
    melding: str = "Dit kan niet: de status ‘{van}’ kan niet naar ‘{naar}’."
    fout: type[Exception] = OvergangFout

    def mag(self, van, naar) -> bool:
        return naar in self.transities.get(van, ())

    def controleer(self, van, naar) -> None:
        if not self.mag(van, naar):
            raise self.fout(self.melding.format(van=self._label(van), naar=self._label(naar)))

    def schrijf(self, obj, *, van, naar, door, toelichting="", **extra):
        """The history row of a change (or, with van="", of the creation)."""
        return self.historie.objects.create(
            **{self.veld: obj}, van=van, naar=naar, door=door, toelichting=toelichting, **extra
        )

    def zet(self, obj, naar, *, door, toelichting="", velden=(), **extra):
        """Check, change `obj.status` (saving it with `velden`) and write the history row.
        The caller holds the row lock and the transaction."""
        van = obj.status
        self.controleer(van, naar)
        obj.status = naar
        obj.save(update_fields=["status", *velden])
        return self.schrijf(obj, van=van, naar=naar, door=door, toelichting=toelichting, **extra)

    def _label(self, waarde) -> str:
        return str(self.status(waarde).label) if waarde in self.status.values else str(waarde)


def een_van(veld: str, keuzes, *, leeg: bool = False) -> models.Q:
    """The condition of a status CheckConstraint: `veld` holds one of `keuzes` (or "", with
    `leeg`: the first history row has no "van")."""
    geldig = models.Q(**{f"{veld}__in": [k.value for k in keuzes]})
    return (models.Q(**{veld: ""}) | geldig) if leeg else geldig
