"""The wijkdossier's section on signals (wijken.dossier)."""

from signalen import cijfers

VOLGORDE = 10


def sectie(wijk, user) -> dict:
    return {"sjabloon": "signalen/_dossier.html", "signalen": cijfers.voor_wijk(wijk)}
