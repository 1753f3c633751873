"""|naam and |euro (wijkwerk.weergave); a builtin, so templates need no {% load %}."""

from django import template

from wijkwerk import weergave

register = template.Library()

register.filter("naam", weergave.naam)
register.filter("euro", weergave.euro)
