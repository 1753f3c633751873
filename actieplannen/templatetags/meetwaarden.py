"""{{ waarde|meetwaarde }}: a measured value as measured, without the zeros the database's
two decimal places add ("12,5", "31", "12,25"); Django's localisation then writes the
decimal comma. |floatformat cannot: "-2" keeps "12,50", "-1" rounds "12,25" away."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def meetwaarde(waarde):
    if isinstance(waarde, str):
        # A stored kwartaalrapport keeps its Decimals as exact strings ("12.50").
        try:
            waarde = Decimal(waarde)
        except ArithmeticError:
            return waarde
    if not isinstance(waarde, Decimal):
        return waarde
    # normalize() writes 20 as 2E+1; quantize brings a whole number back to plain digits.
    kort = waarde.normalize()
    return kort.quantize(Decimal(1)) if kort == kort.to_integral_value() else kort
