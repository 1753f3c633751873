"""Who may do what with actieplannen and metingen (as signalen.toegang): every staff role
reads; the wijkregisseur of the wijk (today) and the beheerder draft and keep a plan; only
the wijkwethouder of the wijk vaststelt; metingen come from the beheerder and from regisseurs
for their own wijken."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from actieplannen.models import Actieplan, Project
from wijkwerk import rollen as r

LEZERS = r.ALLE


def mag_opstellen(user, wijk) -> bool:
    if r.heeft_rol(user, r.BEHEERDER):
        return True
    return wijk.pk in r.regisseur_wijk_ids(user)


def mag_vaststellen(user, wijk) -> bool:
    return wijk.pk in r.wethouder_wijk_ids(user)


def mag_metingen_invoeren(user, wijk=None) -> bool:
    """Without `wijk`: may this user enter any metingen at all."""
    if r.heeft_rol(user, r.BEHEERDER):
        return True
    if wijk is None:
        return bool(r.regisseur_wijk_ids(user))
    return wijk.pk in r.regisseur_wijk_ids(user)


def plan_voor(user, pk: int, *, opstellen=False, vaststellen=False) -> Actieplan:
    """The plan (404 if it does not exist); 403 with the reason if the user may not."""
    if not r.heeft_rol(user, *LEZERS):
        raise PermissionDenied
    plan = get_object_or_404(
        Actieplan.objects.select_related(
            "wijk__wethouder", "voorganger", "opvolger", "vastgesteld_door"
        ),
        pk=pk,
    )
    if opstellen and not mag_opstellen(user, plan.wijk):
        raise PermissionDenied(
            f"Alleen de wijkregisseur van {plan.wijk} en de beheerder werken aan dit actieplan."
        )
    if vaststellen and not mag_vaststellen(user, plan.wijk):
        raise PermissionDenied(f"U bent niet de wijkwethouder van {plan.wijk}.")
    return plan


def project_voor(user, pk: int, *, opstellen=False) -> Project:
    if not r.heeft_rol(user, *LEZERS):
        raise PermissionDenied
    project = get_object_or_404(
        Project.objects.select_related(
            "plan__wijk__wethouder", "doel", "trekker_partner", "voortgezet_uit__plan__wijk"
        ),
        pk=pk,
    )
    if opstellen and not mag_opstellen(user, project.plan.wijk):
        raise PermissionDenied(
            f"Alleen de wijkregisseur van {project.plan.wijk} en de beheerder werken aan dit "
            "project."
        )
    return project
