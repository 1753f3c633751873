from django.contrib import admin

from signalen.models import Inzage, Thema
from wijkwerk.admin import AlleenLezen


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    # The beheerder maintains the themes and their answer norm; signals are changed in the app.
    list_display = ["naam", "normdagen", "actief"]
    list_editable = ["normdagen", "actief"]

    def has_delete_permission(self, request, obj=None):
        return False  # a theme in use is protected; set it inactive instead


@admin.register(Inzage)
class InzageAdmin(AlleenLezen):
    """Read-only: the access log can be read, never changed (a trigger also refuses it)."""

    list_display = ["op", "gebruiker", "signaal", "pagina"]
    list_select_related = ["gebruiker", "signaal"]
