"""The four staff roles, as Django groups (created by migration wijken 0002)."""

from functools import wraps

from django.core.exceptions import PermissionDenied

REGISSEUR = "Wijkregisseur"
WETHOUDER = "Wijkwethouder"
GROENE_LOPER = "Groene Loper"
BEHEERDER = "Beheerder"
ALLE = [REGISSEUR, WETHOUDER, GROENE_LOPER, BEHEERDER]
# How an operator names them in settings (TWEESTAPS_ROLLEN).
KORTE_ROLNAMEN = {
    "regisseur": REGISSEUR,
    "wethouder": WETHOUDER,
    "groene-loper": GROENE_LOPER,
    "beheerder": BEHEERDER,
}


def rollen(user) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_wijkwerk_rollen"):
        user._wijkwerk_rollen = frozenset(user.groups.values_list("name", flat=True))
    return user._wijkwerk_rollen


def heeft_rol(user, *namen) -> bool:
    return bool(rollen(user).intersection(namen))


# The wijken behind a role. wijkwerk.auth reads them with the user on every request (as the
# roles above); for a user loaded otherwise they are read once and kept on it. The models
# are imported when asked for: migrations import this module.


def regisseur_wijk_ids(user) -> frozenset[int]:
    """The pks of the wijken this user holds as wijkregisseur today."""
    if not heeft_rol(user, REGISSEUR):
        return frozenset()
    if not hasattr(user, "wijk_ids_vandaag"):
        from wijken.models import Wijk

        mijn = Wijk.objects.van_gebruiker(user)
        user.wijk_ids_vandaag = frozenset(mijn.values_list("pk", flat=True))
    return user.wijk_ids_vandaag


def wethouder_wijk_ids(user) -> list[int]:
    """The pks of the wijken where this user is wijkwethouder."""
    if not heeft_rol(user, WETHOUDER):
        return []
    if not hasattr(user, "wethouder_wijk_ids"):
        from wijken.models import Wijk

        mijn = Wijk.objects.filter(wethouder__gebruiker=user)
        user.wethouder_wijk_ids = list(mijn.values_list("pk", flat=True))
    return user.wethouder_wijk_ids


def rol_vereist(*namen):
    """View decorator: 403 unless the user has one of these roles."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not heeft_rol(request.user, *namen):
                wie = [n if n == GROENE_LOPER else n.lower() for n in namen]
                wie = ", ".join(wie[:-1]) + " of " + wie[-1] if len(wie) > 1 else wie[0]
                raise PermissionDenied(f"Deze pagina is alleen voor de rol {wie}.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


WIJKEN_MODELLEN = [
    "wijk",
    "toewijzing",
    "partner",
    "focuspunt",
    "voorziening",
    "wethouder",
    "wijkregisseur",
]

# Read-only for everyone: budget rows are only written by budget.acties (append-only ledger).
BUDGET_MODELLEN = [
    "budgetjaar",
    "overheveling",
    "wijkbudget",
    "bestedingsvoorstel",
    "statuswijziging",
    "boeking",
]


def maak_rollen(apps) -> None:
    """Create the role groups with their permissions; idempotent.

    Takes an app registry so migrations can pass their historical one; tests that
    flush the database call it with django.apps.apps to restore the groups.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groepen = {naam: Group.objects.get_or_create(name=naam)[0] for naam in ALLE}

    wijken_perms = Permission.objects.filter(
        content_type__app_label="wijken", content_type__model__in=WIJKEN_MODELLEN
    )
    for naam in [REGISSEUR, WETHOUDER, GROENE_LOPER]:
        groepen[naam].permissions.add(*wijken_perms.filter(codename__startswith="view_"))
    budget_perms = Permission.objects.filter(
        content_type__app_label="budget",
        content_type__model__in=BUDGET_MODELLEN,
        codename__startswith="view_",
    )
    for naam in [REGISSEUR, WETHOUDER, BEHEERDER]:
        groepen[naam].permissions.add(*budget_perms)
    groepen[BEHEERDER].permissions.add(
        *wijken_perms,
        *Permission.objects.filter(content_type__app_label="wijken", codename="view_cbswijk"),
        *Permission.objects.filter(
            content_type__app_label="auth",
            codename__in=["add_user", "change_user", "view_user", "view_group"],
        ),
    )

    # Initiatieven: the Groene Loper and the beheerder run intake and meetings; regisseurs
    # triage and read; wethouders read.
    init_perms = Permission.objects.filter(content_type__app_label="initiatieven")
    for naam in [GROENE_LOPER, BEHEERDER]:
        groepen[naam].permissions.add(*init_perms)
    for naam in [REGISSEUR, WETHOUDER]:
        groepen[naam].permissions.add(*init_perms.filter(codename__startswith="view_"))
    # Signalen: everybody reads (integral working); regisseurs log and follow up in their
    # own wijken (scoped in signalen.views); the beheerder maintains themes and reads the
    # access log, which nobody may change.
    signalen_perms = Permission.objects.filter(content_type__app_label="signalen")
    for naam in ALLE:
        groepen[naam].permissions.add(
            *signalen_perms.filter(codename__in=["view_signaal", "view_thema"])
        )
    groepen[REGISSEUR].permissions.add(
        *signalen_perms.filter(codename__in=["add_signaal", "change_signaal", "add_opvolgnotitie"])
    )
    groepen[BEHEERDER].permissions.add(
        *signalen_perms.filter(
            codename__in=["add_thema", "change_thema", "view_inzage", "view_signaalhistorie"]
        )
    )
    # Actieplannen: everybody reads effects, indicators and metingen (the plan pages check the
    # rest in actieplannen.toegang); the beheerder maintains effects, indicators and the
    # required parts in /beheer/, reads the imports and may delete a wrong meting.
    plan_perms = Permission.objects.filter(content_type__app_label="actieplannen")
    for naam in ALLE:
        groepen[naam].permissions.add(
            *plan_perms.filter(
                codename__in=["view_effect", "view_indicator", "view_meting", "view_vereiste"]
            )
        )
    groepen[BEHEERDER].permissions.add(
        *plan_perms.filter(
            codename__in=[
                "add_effect",
                "change_effect",
                "add_indicator",
                "change_indicator",
                "add_vereiste",
                "change_vereiste",
                "delete_meting",
                "view_metingimport",
            ]
        )
    )
