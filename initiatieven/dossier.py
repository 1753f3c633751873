"""The wijkdossier's section on initiatives (wijken.dossier)."""

from initiatieven import cijfers

VOLGORDE = 20


def sectie(wijk, user) -> dict:
    return {
        "sjabloon": "initiatieven/_wijkdossier.html",
        "initiatieven": cijfers.voor_wijkdossier(wijk),
    }
