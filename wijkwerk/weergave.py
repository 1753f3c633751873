"""Display helpers the apps share: a user's name and money (dates go through Django's |date).
Templates use them as |naam and |euro (wijkwerk/templatetags/weergave.py, a builtin)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


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
