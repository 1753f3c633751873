"""|datum and |datum_tijd: Django's |date:"j F Y" and |date:"j F Y, H:i", a tenth of the time.
{% veld form.naam %}: one form field with its label, help text and error (wijkwerk.forms.veld).
"""

from django import template

from wijkwerk import forms, weergave

register = template.Library()


@register.filter
def datum(d) -> str:
    return weergave.datum(d) if d else ""


@register.filter
def datum_tijd(d) -> str:
    return weergave.datum_tijd(d) if d else ""


@register.simple_tag
def veld(field) -> str:
    return forms.veld(field)
