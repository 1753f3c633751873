"""Once per form: a form carries an `idempotentie_token` (wijkwerk.forms.EenmaalForm), the
row it creates stores it in a unique field of the same name, and a second POST with the same
token (double click, resent form, two requests at once) gets the first row back."""

from django.db import IntegrityError, transaction


def eenmaal(model, token, maak):
    """(maak(), True), or (the row of `model` made earlier with `token`, False).

    The unique token decides, also between two requests at once: a repeated token fails the
    INSERT, and only then is the first row read. `maak` runs in a savepoint, so a repeated
    token does not break a transaction the caller holds.
    """
    try:
        with transaction.atomic():
            return maak(), True
    except IntegrityError:
        eerder = model.objects.filter(idempotentie_token=token).first() if token else None
        if eerder is None:
            raise
        return eerder, False
