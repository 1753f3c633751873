"""Signal numbers for the wijkdossier (the dossier has a query budget).

The open counts are live. The 90-day median sorts every answer of those 90 days (about
50,000 per wijk at a million signals, some 40 ms), so it is kept per process for a few
minutes: a median over 90 days hardly moves in that time, and the dossier says when it was
computed. The process that records an answer forgets its copy at once.
"""

import datetime

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from signalen.models import OPEN

MEDIAAN_GELDIG_SECONDEN = 600

# Grouped by thema_id in index order (signaal_wijk_open_thema), names joined afterwards:
# grouping on the joined name cost three times as much at 10,000 open signals.
OPEN_SQL = """
SELECT t.naam, o.aantal, o.te_laat
FROM (
    SELECT thema_id, count(*) AS aantal,
           count(*) FILTER (WHERE streefdatum < %(vandaag)s) AS te_laat
    FROM signalen_signaal
    WHERE wijk_id = %(wijk)s AND status = ANY(%(open)s)
    GROUP BY thema_id
) o JOIN signalen_thema t ON t.id = o.thema_id
"""

# The same rows with the median on each (one query, not two, when the median is computed).
# Django has no median aggregate; percentile_cont is PostgreSQL's. date_part gives a
# double: EXTRACT gives numeric, which made the sort half as fast.
MET_MEDIAAN_SQL = f"""
WITH open_per_thema AS ({OPEN_SQL}), antwoord AS (
    SELECT percentile_cont(0.5) WITHIN GROUP
               (ORDER BY date_part('epoch', beantwoord_op - aangemaakt_op) / 86400.0) AS mediaan,
           count(*) AS beantwoord
    FROM signalen_signaal
    WHERE wijk_id = %(wijk)s AND beantwoord_op >= %(sinds)s
)
SELECT o.naam, o.aantal, o.te_laat, a.mediaan, a.beantwoord
FROM antwoord a LEFT JOIN open_per_thema o ON true
"""


def _sleutel(wijk_id) -> str:
    return f"signalen:mediaan:{wijk_id}"


def vergeet_mediaan(wijk_id) -> None:
    cache.delete(_sleutel(wijk_id))


def voor_wijk(wijk) -> dict:
    """Open signals by thema, how many are overdue, median days to answer (last 90 days)."""
    nu = timezone.now()
    antwoord = cache.get(_sleutel(wijk.pk))
    parameters = {
        "wijk": wijk.pk,
        "open": [str(s) for s in OPEN],
        "vandaag": timezone.localdate(),
        "sinds": nu - datetime.timedelta(days=90),
    }
    with connection.cursor() as cursor:
        cursor.execute(OPEN_SQL if antwoord else MET_MEDIAAN_SQL, parameters)
        rijen = cursor.fetchall()
    if antwoord is None:
        mediaan, beantwoord = rijen[0][3], rijen[0][4]
        antwoord = {
            "mediaan_dagen": round(float(mediaan), 1) if mediaan is not None else None,
            "beantwoord_90": beantwoord,
            "berekend_op": nu,
        }
        cache.set(_sleutel(wijk.pk), antwoord, MEDIAAN_GELDIG_SECONDEN)
        rijen = [r[:3] for r in rijen if r[0] is not None]
    rijen.sort(key=lambda r: (-r[1], r[0]))
    return {
        "open_per_thema": [{"thema__naam": naam, "aantal": aantal} for naam, aantal, _ in rijen],
        "open_totaal": sum(r[1] for r in rijen),
        "te_laat": sum(r[2] for r in rijen),
        **antwoord,
    }
