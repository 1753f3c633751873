"""Keyset pagination on (a moment, id): the cursor in the URL and the rows after it.

A deep page costs what the first does: the row comparison lets an index on (moment, id)
start at the cursor instead of counting past the rows before it (OFFSET).
"""

import datetime

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from wijkwerk import sql


def cursor(moment: datetime.datetime, pk: int) -> str:
    return f"{moment.isoformat()}_{pk}"


def lees(tekst: str) -> tuple[datetime.datetime, int] | None:
    """(moment, id) from a cursor; None if it is unreadable (an edited URL)."""
    try:
        moment, pk = tekst.rsplit("_", 1)
        moment, pk = datetime.datetime.fromisoformat(moment), int(pk)
        # In UTC, as cursor() writes it: PostgreSQL refuses an offset beyond 15:59 (Python
        # reads up to 23:59), and a moment that falls outside year 1 in UTC overflows here.
        moment = moment.astimezone(datetime.UTC) if timezone.is_aware(moment) else None
    except (ValueError, OverflowError):
        return None
    # Out of PostgreSQL's bigint range the comparison would fail in the database.
    return (moment, pk) if moment and 0 < pk < 2**63 else None


def na(qs, kolom: str, moment, pk, *, aflopend: bool = True):
    """The rows of `qs` after (moment, pk) in (kolom, id) order, newest first if aflopend."""
    return qs.filter(
        RawSQL(
            f"({sql.kolom(qs.model, kolom)}, {sql.kolom(qs.model, 'id')}) "
            f"{'<' if aflopend else '>'} (%s, %s)",
            [moment, pk],
            output_field=BooleanField(),
        )
    )
