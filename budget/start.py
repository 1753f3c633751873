"""What waits for this user on the start page (wijkwerk.views.start collects every app's
`<app>/start.py`)."""

from django.urls import reverse

from budget.models import Bestedingsvoorstel
from wijkwerk import rollen as r


def taken(user) -> list[dict]:
    if not r.heeft_rol(user, r.WETHOUDER):
        return []
    aantal = Bestedingsvoorstel.objects.te_beoordelen_door(user).count()
    if aantal == 0:
        tekst = "Er wachten geen bestedingsvoorstellen op uw besluit."
    elif aantal == 1:
        tekst = "Er wacht 1 bestedingsvoorstel op uw besluit."
    else:
        tekst = f"Er wachten {aantal} bestedingsvoorstellen op uw besluit."
    return [
        {
            "tekst": tekst,
            "aantal": aantal,
            "url": reverse("budget:wachtrij"),
            "link": "Naar de wachtrij",
        }
    ]
