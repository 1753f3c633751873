"""Inline SVG outline map of the CBS wijken, drawn server side from their GeoJSON rings."""

import math
from dataclasses import dataclass, replace

BREEDTE = 400


@dataclass
class KaartVlak:
    code: str
    naam: str
    pad: str
    gemarkeerd: bool
    label_x: float
    label_y: float


def _ringen(geometrie):
    if geometrie["type"] == "Polygon":
        return geometrie["coordinates"]
    return [ring for polygoon in geometrie["coordinates"] for ring in polygoon]


def kaart(gemarkeerd: set[str]) -> dict:
    """The outline map with the CBS wijken in `gemarkeerd` highlighted."""
    basis = _basiskaart()
    return {
        **basis,
        "vlakken": [replace(v, gemarkeerd=v.code in gemarkeerd) for v in basis["vlakken"]],
    }


_cache: dict = {}


def _basiskaart() -> dict:
    """Projected once per process: the outlines are reference data that only change with a
    new CBS file, which comes with a deploy (and so a restart)."""
    from wijken.models import CbsWijk

    if "kaart" not in _cache:
        basis = _projecteer(list(CbsWijk.objects.order_by("code")), set())
        if not basis["vlakken"]:
            return basis  # reference data not loaded yet: don't remember an empty map
        _cache["kaart"] = basis
    return _cache["kaart"]


def _projecteer(cbs_wijken, gemarkeerd: set[str]) -> dict:
    """Project lon/lat with an equirectangular projection: fine at the scale of one city."""
    alle = [(w, _ringen(w.geometrie)) for w in cbs_wijken]
    punten = [p for _, ringen in alle for ring in ringen for p in ring]
    if not punten:
        return {"vlakken": [], "breedte": BREEDTE, "hoogte": 0}
    min_lon = min(p[0] for p in punten)
    max_lon = max(p[0] for p in punten)
    min_lat = min(p[1] for p in punten)
    max_lat = max(p[1] for p in punten)
    schaal_x = math.cos(math.radians((min_lat + max_lat) / 2))
    schaal = BREEDTE / ((max_lon - min_lon) * schaal_x)
    hoogte = round((max_lat - min_lat) * schaal)

    def xy(p):
        return round((p[0] - min_lon) * schaal_x * schaal, 1), round((max_lat - p[1]) * schaal, 1)

    vlakken = []
    for wijk, ringen in alle:
        delen = []
        for ring in ringen:
            coords = [xy(p) for p in ring]
            delen.append("M" + " L".join(f"{x},{y}" for x, y in coords) + " Z")
        buiten = [xy(p) for p in ringen[0]]
        vlakken.append(
            KaartVlak(
                code=wijk.code,
                naam=wijk.naam,
                pad=" ".join(delen),
                gemarkeerd=wijk.code in gemarkeerd,
                label_x=round(sum(x for x, _ in buiten) / len(buiten), 1),
                label_y=round(sum(y for _, y in buiten) / len(buiten), 1),
            )
        )
    return {"vlakken": vlakken, "breedte": BREEDTE, "hoogte": hoogte}


KLASSEN = 5


def choropleth(waarden: dict[str, float | None]) -> dict:
    """The outline map with every CBS wijk in one of KLASSEN equal-width classes of its
    value (`waarden`: CBS code -> value; klasse 0 = no figure), and the legend."""
    basis = _basiskaart()
    bekend = [w for w in waarden.values() if w is not None]
    laag, hoog = (min(bekend), max(bekend)) if bekend else (0, 0)
    stap = (hoog - laag) / KLASSEN
    klassen = KLASSEN if stap else 1  # all the same value: one class

    def klasse(waarde):
        if waarde is None:
            return 0
        return min(klassen, int((waarde - laag) / stap) + 1) if stap else 1

    return {
        **basis,
        "vlakken": [
            {"vlak": v, "waarde": waarden.get(v.code), "klasse": klasse(waarden.get(v.code))}
            for v in basis["vlakken"]
        ],
        "legenda": [
            {"klasse": k, "van": laag + (k - 1) * stap, "tot": laag + k * stap}
            for k in range(1, klassen + 1)
        ]
        if bekend
        else [],
    }
