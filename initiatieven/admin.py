from django.contrib import admin

from initiatieven.models import Discipline


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    """The disciplines that advise the Groene Loper; a discipline no longer used is set
    inactive rather than deleted (past advice refers to it)."""

    list_display = ["naam", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam"]

    def has_delete_permission(self, request, obj=None):
        return False
