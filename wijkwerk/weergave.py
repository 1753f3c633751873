"""Display helpers the apps share: a user's name and money (dates go through Django's |date).
Templates use them as |naam and |euro (wijkwerk/templatetags/weergave.py, a builtin)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats


def naam(user) -> str:
    """The name staff know a colleague by: the full name, else the username."""
    if user is None:
        return ""
    return user.get_full_name() or user.username


def euro(bedrag) -> str:
    """An amount as "€ 1.234,50" with a non-breaking space, so the sign never wraps away from
    the number; negative as "€ -1.234,50"; empty stays empty. Never through float."""
    if bedrag is None or bedrag == "":
        return ""
    try:
        bedrag = Decimal(str(bedrag)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return ""
    # Django's number format for nl (thousands "." and decimals ","), grouping on always.
    return "€\u00a0" + formats.number_format(bedrag, 2, use_l10n=True, force_grouping=True)
