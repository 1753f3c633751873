"""The authentication backend: Django's ModelBackend, reading with the user what every page
asks about them."""

from asgiref.sync import sync_to_async
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, User
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.utils import timezone

from wijken.models import Toewijzing, Wijk


class RollenBackend(ModelBackend):
    """ModelBackend whose get_user (every request) also reads, in the same query, the user's
    roles (group names: the menu and every permission check), the wijken they hold as
    wijkregisseur today and those where they are wijkwethouder. `wijkwerk.rollen` reads the
    attributes; for a user loaded otherwise it queries. A change counts from the next request.
    """

    def get_user(self, user_id):
        gebruiker = OuterRef("pk")
        user = (
            User._default_manager.filter(pk=user_id)
            .annotate(
                rollen=ArraySubquery(Group.objects.filter(user=gebruiker).values("name")),
                # The validity rule of a toewijzing lives once, in Toewijzing.objects.op_datum.
                regisseur_wijken=ArraySubquery(
                    Toewijzing.objects.op_datum(timezone.localdate())
                    .filter(regisseur__gebruiker=gebruiker)
                    .order_by()
                    .values("wijk_id")
                ),
                wethouder_wijken=ArraySubquery(
                    Wijk.objects.filter(wethouder__gebruiker=gebruiker).order_by().values("pk")
                ),
            )
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        # The attributes wijkwerk.rollen keeps them in.
        user._wijkwerk_rollen = frozenset(user.rollen)
        user.wijk_ids_vandaag = frozenset(user.regisseur_wijken)
        user.wethouder_wijk_ids = sorted(user.wethouder_wijken)
        return user

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)
