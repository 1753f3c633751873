"""The memo's themes with a starting answer norm; the beheerder can change the norm later."""

# (naam, normdagen). The memo names the themes, not the norms: the norms are a first
# proposal (safety faster, long-term themes slower) for the beheerder to adjust.
THEMAS = [
    ("leefbaarheid", 21),
    ("armoede", 14),
    ("criminaliteit en overlast", 7),
    ("eenzaamheid", 14),
    ("duurzaamheid", 28),
    ("openbare ruimte", 14),
    ("jeugd", 14),
    ("zorg en welzijn", 10),
    ("veiligheid", 7),
]


def laad_themas(Thema=None) -> int:
    """Create the missing themes; existing ones (and their norms) are left alone."""
    if Thema is None:
        from signalen.models import Thema
    nieuw = 0
    for naam, normdagen in THEMAS:
        nieuw += Thema.objects.get_or_create(naam=naam, defaults={"normdagen": normdagen})[1]
    return nieuw
