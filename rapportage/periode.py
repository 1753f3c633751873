"""A quarter of a calendar year in Europe/Amsterdam, and the two quarters a report compares
it with: the one before and the same one a year earlier."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

EERSTE_JAAR = 2019  # the memo's first plan year; nothing was recorded before it


@dataclass(frozen=True)
class Kwartaal:
    jaar: int
    nummer: int

    def __post_init__(self):
        if not 1 <= self.nummer <= 4:
            raise ValueError("Een kwartaal is 1 tot en met 4.")

    @classmethod
    def van(cls, dag: datetime.date) -> "Kwartaal":
        return cls(dag.year, (dag.month - 1) // 3 + 1)

    @classmethod
    def huidig(cls) -> "Kwartaal":
        return cls.van(timezone.localdate())

    @property
    def eerste_dag(self) -> datetime.date:
        return datetime.date(self.jaar, 3 * self.nummer - 2, 1)

    @property
    def laatste_dag(self) -> datetime.date:
        return self.volgende().eerste_dag - datetime.timedelta(days=1)

    @property
    def start(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.eerste_dag, datetime.time()))

    @property
    def eind(self) -> datetime.datetime:
        """The first moment after the quarter (exclusive bound)."""
        return self.volgende().start

    def bevat(self, veld: str) -> Q:
        """The rows whose datetime `veld` lies in the quarter (for filters and aggregates)."""
        return Q(**{f"{veld}__gte": self.start, f"{veld}__lt": self.eind})

    def volgende(self) -> "Kwartaal":
        return Kwartaal(self.jaar + self.nummer // 4, self.nummer % 4 + 1)

    def vorige(self) -> "Kwartaal":
        return Kwartaal(self.jaar - (self.nummer == 1), (self.nummer - 2) % 4 + 1)

    def jaar_eerder(self) -> "Kwartaal":
        return Kwartaal(self.jaar - 1, self.nummer)

    def __str__(self):
        return f"Q{self.nummer} {self.jaar}"
