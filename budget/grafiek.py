"""The budget page's bar chart: geometry only; templates/budget/jaar.html draws it as SVG
beside its data table."""

from decimal import Decimal

from budget.models import NUL


def staafdiagram(wijkbudgetten):
    """Geometry of a horizontal bar chart; the template draws it as SVG."""
    reeksen = [
        ("begroot", "begroot"),
        ("toegekend", "toegekend"),
        ("besteed", "besteed"),
        ("beschikbaar", "beschikbaar"),
    ]
    grootste = max((wb.begroot for wb in wijkbudgetten), default=NUL) or Decimal(1)
    breedte, x0 = Decimal(220), 85
    y, groepen = 0, []
    for wb in wijkbudgetten:
        balken = []
        kop_y = y + 16
        y += 26
        for veld, label in reeksen:
            waarde = getattr(wb, veld)
            w = (waarde / grootste * breedte).quantize(Decimal("0.1")) if waarde > 0 else 0
            balken.append(
                {
                    "label": label,
                    "klasse": veld,
                    "waarde": waarde,
                    "y": y,
                    "tekst_y": y + 13,
                    "breedte": w,
                    "waarde_x": x0 + (w or 0) + 6,
                }
            )
            y += 22
        groepen.append({"wijk": wb.wijk.naam, "kop_y": kop_y, "balken": balken})
        y += 12
    return {"groepen": groepen, "hoogte": y, "x0": x0}
