from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wijken.models import CbsWijk, Focuspunt, Partner, Voorziening, Wethouder, Wijk, Wijkregisseur


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_wijk", "is_pilot", "is_wijkverkenning", "wethouder", "regie"]
    list_filter = ["is_pilot", "wethouder"]
    prepopulated_fields = {"slug": ["naam"]}
    search_fields = ["naam"]

    @admin.display(description="regie")
    def regie(self, obj):
        # The mapping has its own page: it checks overlaps under a lock.
        return format_html(
            '<a href="{}">tijdlijn en toewijzingen</a>', reverse("wijken:regie", args=[obj.slug])
        )


@admin.register(CbsWijk)
class CbsWijkAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "inwoners", "huishoudens"]
    exclude = ["geometrie"]

    def has_add_permission(self, request):
        return False  # loaded from the CBS data file by laad_referentiedata


@admin.register(Wethouder)
class WethouderAdmin(admin.ModelAdmin):
    list_display = ["naam", "gebruiker"]


@admin.register(Wijkregisseur)
class WijkregisseurAdmin(admin.ModelAdmin):
    list_display = ["naam", "gebruiker"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort"]
    list_filter = ["soort"]
    search_fields = ["naam"]


class GewijzigdOpAdmin(admin.ModelAdmin):
    """Records when a beheerder last changed the row: the kwartaalrapportage lists the
    focuspunten and voorzieningen that changed in its quarter."""

    def save_model(self, request, obj, form, change):
        obj.gewijzigd_op = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(Focuspunt)
class FocuspuntAdmin(GewijzigdOpAdmin):
    list_display = ["titel", "wijk_in_bron", "status"]
    list_filter = ["status", "wijken"]
    filter_horizontal = ["wijken", "partners"]
    search_fields = ["titel"]


@admin.register(Voorziening)
class VoorzieningAdmin(GewijzigdOpAdmin):
    list_display = ["naam", "wijk", "soort", "status", "is_demo"]
    list_filter = ["soort", "status", "wijk"]
