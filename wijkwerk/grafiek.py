"""Horizontal bar charts as server-side SVG: this module computes the geometry only;
templates/includes/staafdiagram.html draws it, beside the table with the same figures."""

from decimal import Decimal

BREEDTE = Decimal(220)
X0 = 150  # room for the bar labels on the left


def staafdiagram(groepen) -> dict:
    """`groepen`: [{"kop": str or "", "balken": [{"label", "klasse", "waarde"}, …]}, …].
    Bars scale to the largest value of the whole chart, so groups compare at a glance."""
    waarden = [Decimal(str(b["waarde"] or 0)) for g in groepen for b in g["balken"]]
    grootste = max((w for w in waarden if w > 0), default=Decimal(1))
    y, uit = 0, []
    for groep in groepen:
        kop_y = None
        if groep.get("kop"):
            kop_y = y + 16
            y += 26
        balken = []
        for balk in groep["balken"]:
            waarde = Decimal(str(balk["waarde"] or 0))
            w = (waarde / grootste * BREEDTE).quantize(Decimal("0.1")) if waarde > 0 else 0
            balken.append(
                {
                    **balk,
                    "y": y,
                    "tekst_y": y + 13,
                    "breedte": w,
                    "waarde_x": X0 + (w or 0) + 6,
                }
            )
            y += 22
        uit.append({"kop": groep.get("kop", ""), "kop_y": kop_y, "balken": balken})
        y += 12
    return {"groepen": uit, "hoogte": y, "x0": X0, "breedte": X0 + int(BREEDTE) + 110}
