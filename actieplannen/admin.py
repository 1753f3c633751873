from django.contrib import admin

from actieplannen.models import Effect, Indicator, Meting, Metingimport, Vereiste
from wijkwerk.admin import AlleenLezen


class NietVerwijderen(admin.ModelAdmin):
    # Plans, goals and metingen refer to these rows (PROTECT): a row in use cannot go, and
    # a row not yet in use is better corrected than deleted and made again.
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Effect)
class EffectAdmin(NietVerwijderen):
    """The memo's effects; the beheerder keeps their wording and order."""

    list_display = ["naam", "volgorde", "bron"]
    list_editable = ["volgorde"]


@admin.register(Indicator)
class IndicatorAdmin(NietVerwijderen):
    """The beheerder maintains the list of indicators. The computed ones (reactiesnelheid,
    binnen de norm) are defined in Wijkwerk's code, so `berekend` is not a choice here: an
    indicator added here is measured and imported."""

    list_display = ["naam", "code", "effect", "eenheid", "richting", "niveau", "bron", "berekend"]
    list_filter = ["effect", "niveau", "berekend"]
    list_select_related = ["effect"]
    search_fields = ["naam", "code"]
    readonly_fields = ["berekend"]


@admin.register(Vereiste)
class VereisteAdmin(NietVerwijderen):
    """What every actieplan must answer (the memo's "in ieder geval")."""

    list_display = ["tekst", "code", "volgorde"]
    list_editable = ["volgorde"]


@admin.register(Meting)
class MetingAdmin(AlleenLezen):
    """Metingen come in through the import (who and when recorded there) or are computed;
    here the beheerder reads them, and may delete one entered for the wrong wijk or period."""

    list_display = ["indicator", "wijk", "jaar", "kwartaal", "waarde", "bron", "ingevoerd_door"]
    list_filter = ["indicator", "wijk", "jaar", "is_demo"]
    list_select_related = ["indicator", "wijk", "ingevoerd_door"]

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("actieplannen.delete_meting")


@admin.register(Metingimport)
class MetingimportAdmin(AlleenLezen):
    """Who imported which file when, and what it changed (the file's text is not shown)."""

    list_display = [
        "bestandsnaam",
        "door",
        "aangemaakt_op",
        "verwerkt_op",
        "nieuw",
        "gewijzigd",
        "ongewijzigd",
    ]
    list_select_related = ["door"]
    fields = list_display
