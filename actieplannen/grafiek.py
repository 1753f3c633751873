"""The wijkanalyse's line charts: geometry only; templates/actieplannen/wijkanalyse.html draws
them as SVG beside a table with the same values (as budget/grafiek.py for the bar chart)."""

import math
from decimal import Decimal

BREEDTE, HOOGTE = 480, 200
LINKS, RECHTS, BOVEN, ONDER = 56, 16, 12, 32
EEN = Decimal("0.1")


def _x_van(waarde) -> float:
    # A year is a point at the year; a quarter sits inside its year, so both share one axis.
    return waarde.jaar if waarde.kwartaal == 0 else waarde.jaar + (waarde.kwartaal - 2.5) / 4


def _mooie_stap(bereik: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about four gridlines."""
    ruw = bereik / 4 or 1
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 5, 10):
        if ruw <= factor * macht:
            return factor * macht
    return 10 * macht


def lijngrafiek(reeks) -> dict | None:
    """Geometry of one indicator's trend: the whole-year values if there are any, else the
    quarters. None without values. Numbers are Decimals rounded to 0.1 for the SVG."""
    punten = [w for w in reeks if w.kwartaal == 0] or list(reeks)
    if not punten:
        return None
    waarden = [float(w.waarde) for w in punten]
    laag, hoog = min(waarden), max(waarden)
    stap = _mooie_stap(hoog - laag)
    y_min = math.floor(laag / stap) * stap
    y_max = math.ceil(hoog / stap) * stap
    if y_max == y_min:
        y_min, y_max = y_min - stap, y_max + stap
    xs = [_x_van(w) for w in punten]
    x_min, x_max = min(xs), max(xs)
    binnen_b = BREEDTE - LINKS - RECHTS
    binnen_h = HOOGTE - BOVEN - ONDER

    def px(x):
        if x_max == x_min:
            return LINKS + binnen_b / 2
        return LINKS + (x - x_min) / (x_max - x_min) * binnen_b

    def py(y):
        return BOVEN + (y_max - y) / (y_max - y_min) * binnen_h

    def d(getal):
        return Decimal(str(getal)).quantize(EEN)

    bolletjes = [
        {"x": d(px(x)), "y": d(py(float(w.waarde))), "waarde": w.waarde, "periode": w.periode}
        for x, w in zip(xs, punten, strict=True)
    ]
    lijnen = []
    n = round((y_max - y_min) / stap)
    for i in range(n + 1):
        y = y_min + i * stap
        lijnen.append({"y": d(py(y)), "tekst_y": d(py(y) + 4), "waarde": d(y)})
    jaren = sorted({w.jaar for w in punten})
    # At most about eight year labels: a long series labels every other year or so.
    elke = max(1, math.ceil(len(jaren) / 8))
    labels = (
        [{"x": d(px(j)), "jaar": j} for j in jaren[::elke]]
        if punten[0].kwartaal == 0
        else [{"x": d(px(j - 0.375)), "jaar": j} for j in jaren[::elke]]
    )
    return {
        "breedte": BREEDTE,
        "hoogte": HOOGTE,
        "links": LINKS,
        "rechts_x": BREEDTE - RECHTS,
        "as_y": HOOGTE - ONDER,
        "label_y": HOOGTE - ONDER + 20,
        "lijn": " ".join(f"{b['x']},{b['y']}" for b in bolletjes),
        "bolletjes": bolletjes,
        "rasterlijnen": lijnen,
        "jaarlabels": labels,
        "alleen_kwartalen": punten[0].kwartaal != 0,
    }
