"""Money on screen, the Dutch way: € 1.234,50 (never through float)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    """Format an amount as "€ 1.234,50"; negative as "€ -1.234,50"; empty stays empty."""
    if bedrag is None or bedrag == "":
        return ""
    try:
        bedrag = Decimal(str(bedrag)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return ""
    teken = "-" if bedrag < 0 else ""
    euros, centen = f"{abs(bedrag):.2f}".split(".")
    groepen = []
    while euros:
        groepen.insert(0, euros[-3:])
        euros = euros[:-3]
    return f"€ {teken}{'.'.join(groepen)},{centen}"


def csv_bedrag(bedrag) -> str:
    """An amount for a Dutch spreadsheet: decimal comma, no thousands separator."""
    return f"{Decimal(bedrag):.2f}".replace(".", ",")
