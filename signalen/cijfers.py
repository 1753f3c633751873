"""Signal numbers for the wijkdossier, in one query (the dossier has a query budget)."""

import datetime

from django.db import connection
from django.utils import timezone

from signalen.models import OPEN

SQL = """
WITH open_per_thema AS (
    SELECT t.naam, count(*) AS aantal,
           count(*) FILTER (WHERE s.streefdatum < %(vandaag)s) AS te_laat
    FROM signalen_signaal s JOIN signalen_thema t ON t.id = s.thema_id
    WHERE s.wijk_id = %(wijk)s AND s.status = ANY(%(open)s)
    GROUP BY t.naam
), antwoord AS (
    -- Django has no median aggregate; percentile_cont is PostgreSQL's.
    SELECT percentile_cont(0.5) WITHIN GROUP
               (ORDER BY EXTRACT(EPOCH FROM beantwoord_op - aangemaakt_op) / 86400.0) AS mediaan,
           count(*) AS beantwoord
    FROM signalen_signaal
    WHERE wijk_id = %(wijk)s AND beantwoord_op >= %(sinds)s
)
SELECT a.mediaan, a.beantwoord, o.naam, o.aantal, o.te_laat
FROM antwoord a LEFT JOIN open_per_thema o ON true
ORDER BY o.aantal DESC NULLS LAST, o.naam
"""


def voor_wijk(wijk) -> dict:
    """Open signals by thema, how many are overdue, median days to answer (last 90 days)."""
    with connection.cursor() as cursor:
        cursor.execute(
            SQL,
            {
                "wijk": wijk.pk,
                "open": [str(s) for s in OPEN],
                "vandaag": timezone.localdate(),
                "sinds": timezone.now() - datetime.timedelta(days=90),
            },
        )
        rijen = cursor.fetchall()
    mediaan, beantwoord = rijen[0][0], rijen[0][1]
    per_thema = [{"thema__naam": r[2], "aantal": r[3]} for r in rijen if r[2] is not None]
    return {
        "open_per_thema": per_thema,
        "open_totaal": sum(r[3] for r in rijen if r[2] is not None),
        "te_laat": sum(r[4] for r in rijen if r[2] is not None),
        "mediaan_dagen": round(float(mediaan), 1) if mediaan is not None else None,
        "beantwoord_90": beantwoord,
    }
