"""The disciplines that advise the Groene Loper, as the memo names them (maintainable in
/beheer/; the migration and laad_demo create these when missing)."""

DISCIPLINES = ["veiligheid", "openbare ruimte", "zorg en welzijn", "vergunningen", "financiën"]


def zorg_voor_disciplines():
    from initiatieven.models import Discipline

    for naam in DISCIPLINES:
        Discipline.objects.get_or_create(naam=naam)
