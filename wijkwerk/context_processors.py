from django.urls import reverse

from wijkwerk import rollen as r
from wijkwerk import tweestaps


def navigatie(request):
    """The menu items this user may use, so nobody sees links that would answer 403."""
    user = request.user
    # Before the second login step every link would lead back to it.
    if not user.is_authenticated or tweestaps.nog_open(request):
        return {"navigatie": []}
    items = [("Start", reverse("start")), ("Wijken", reverse("wijken:overzicht"))]
    if r.heeft_rol(user, r.REGISSEUR, r.WETHOUDER, r.BEHEERDER):
        items.append(("Wijkbudget", reverse("budget:overzicht")))
    if r.heeft_rol(user, r.WETHOUDER):
        items.append(("Te beoordelen", reverse("budget:wachtrij")))
    if r.heeft_rol(user, *r.ALLE):
        items.append(("Initiatieven", reverse("initiatieven:lijst")))
    if r.heeft_rol(user, r.GROENE_LOPER, r.BEHEERDER):
        items.append(("Groene Loper", reverse("initiatieven:vergaderingen")))
    if r.heeft_rol(user, *r.ALLE):
        items.append(("Signalen", reverse("signalen:lijst")))
        items.append(("Actieplannen", reverse("actieplannen:overzicht")))
        items.append(("Rapportage", reverse("rapportage:overzicht")))
    if r.heeft_rol(user, r.BEHEERDER):
        items.append(("Regie", reverse("wijken:regie_overzicht")))
        items.append(("Beheer", reverse("admin:index")))
    return {"navigatie": items, "rollen": r.rollen(user)}
