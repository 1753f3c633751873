"""|datum and |datum_tijd: Django's |date:"j F Y" and |date:"j F Y, H:i", a tenth of the time."""

from django import template

from wijkwerk import weergave

register = template.Library()


@register.filter
def datum(d) -> str:
    return weergave.datum(d) if d else ""


@register.filter
def datum_tijd(d) -> str:
    return weergave.datum_tijd(d) if d else ""
