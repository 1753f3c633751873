"""Signal numbers for the wijkdossier."""

import datetime

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from signalen.models import Signaal


def voor_wijk(wijk) -> dict:
    """Open signals by thema, how many are overdue, median days to answer (last 90 days)."""
    open_per_thema = list(
        Signaal.objects.open()
        .in_wijk(wijk)
        .values("thema__naam")
        .annotate(aantal=Count("id"))
        .order_by("-aantal", "thema__naam")
    )
    te_laat = Signaal.objects.te_laat().in_wijk(wijk).count()
    sinds = timezone.now() - datetime.timedelta(days=90)
    # Django has no median aggregate; percentile_cont is PostgreSQL's.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.5) WITHIN GROUP "
            "(ORDER BY EXTRACT(EPOCH FROM beantwoord_op - aangemaakt_op) / 86400.0), count(*) "
            "FROM signalen_signaal WHERE wijk_id = %s AND beantwoord_op >= %s",
            [wijk.pk, sinds],
        )
        mediaan, beantwoord = cursor.fetchone()
    return {
        "open_per_thema": open_per_thema,
        "open_totaal": sum(r["aantal"] for r in open_per_thema),
        "te_laat": te_laat,
        "mediaan_dagen": round(float(mediaan), 1) if mediaan is not None else None,
        "beantwoord_90": beantwoord,
    }
