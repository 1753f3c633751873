from django.contrib import admin


class AlleenLezen(admin.ModelAdmin):
    """For append-only rows (the ledger, the access log): written by the apps' acties only,
    readable in /beheer/, never added, changed or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
