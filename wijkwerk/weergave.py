"""Display helpers the apps share: a user's name and money (dates go through Django's |date).
Templates use them as |naam and |euro (wijkwerk/templatetags/weergave.py, a builtin)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.urls import reverse
from django.utils import timezone


def naam(user) -> str:
    """The name staff know a colleague by: the full name, else the username."""
    if user is None:
        return ""
    return user.get_full_name() or user.username


def euro(bedrag) -> str:
    """An amount as "€ 1.234,50"; negative as "€ -1.234,50"; empty stays empty. Never
    through float."""
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


# --- Being removed: the apps move to |date and {% url %} -----------------------------------
MAANDEN = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
]  # fmt: skip
MAANDEN_KORT = ["Jan", "Feb", "Mrt", "Apr", "Mei", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]


def _lokaal(d):
    return timezone.localtime(d) if isinstance(d, datetime.datetime) else d


def datum(d) -> str:
    d = _lokaal(d)
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def datum_kort(d) -> str:
    d = _lokaal(d)
    return f"{d.day} {MAANDEN_KORT[d.month - 1]} {d.year}"


def datum_tijd(d) -> str:
    d = _lokaal(d)
    return f"{datum(d)}, {d:%H:%M}"


def url_sjabloon(naam: str) -> str:
    return reverse(naam, args=[999999999]).replace("999999999", "{}")
