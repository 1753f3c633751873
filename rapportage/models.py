"""A quarterly report for the college: per pilot wijk, or for the whole city (wijk empty).

Until it is adopted the report is computed live from the data (rapportage.cijfers); the row
holds only the regisseur's highlights. Adopting stores every figure in `cijfers`, so what the
college saw never changes afterwards (the stored figures are what the public wijkpagina
publishes)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from rapportage.periode import Kwartaal
from wijken.models import Wijk

HOOGTEPUNTEN_MAX = 5000


class KwartaalrapportQuerySet(models.QuerySet):
    def vastgesteld(self):
        return self.filter(vastgesteld_op__isnull=False)

    def stad(self):
        return self.filter(wijk__isnull=True)


class Kwartaalrapport(models.Model):
    wijk = models.ForeignKey(
        Wijk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kwartaalrapporten",
        help_text="Leeg: het rapport voor de hele stad.",
    )
    jaar = models.PositiveSmallIntegerField()
    kwartaal = models.PositiveSmallIntegerField()
    hoogtepunten = models.TextField(
        "hoogtepunten van dit kwartaal", max_length=HOOGTEPUNTEN_MAX, blank=True
    )
    hoogtepunten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hoogtepunten_op = models.DateTimeField(null=True, blank=True)
    # The figures as the college saw them; DjangoJSONEncoder keeps amounts as exact strings.
    cijfers = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder, editable=False)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField("demodata", default=False)

    objects = KwartaalrapportQuerySet.as_manager()

    class Meta:
        verbose_name = "kwartaalrapport"
        verbose_name_plural = "kwartaalrapporten"
        ordering = ["-jaar", "-kwartaal", "wijk__naam"]
        constraints = [
            # NULLS NOT DISTINCT needs PostgreSQL 15; the app supports 14, so two partial
            # constraints: one report per wijk per quarter, one city report per quarter.
            models.UniqueConstraint(
                fields=["wijk", "jaar", "kwartaal"],
                condition=Q(wijk__isnull=False),
                name="kwartaalrapport_een_per_wijk",
            ),
            models.UniqueConstraint(
                fields=["jaar", "kwartaal"],
                condition=Q(wijk__isnull=True),
                name="kwartaalrapport_een_voor_de_stad",
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__gte=1, kwartaal__lte=4), name="kwartaalrapport_kwartaal"
            ),
            models.CheckConstraint(
                condition=Q(vastgesteld_op__isnull=True, cijfers__isnull=True)
                | Q(
                    vastgesteld_op__isnull=False,
                    cijfers__isnull=False,
                    vastgesteld_door__isnull=False,
                ),
                name="kwartaalrapport_vastgesteld_met_cijfers",
            ),
        ]

    def __str__(self):
        return f"Kwartaalrapport {self.periode} {self.wijk or 'stad'}"

    @property
    def periode(self) -> Kwartaal:
        return Kwartaal(self.jaar, self.kwartaal)

    @property
    def is_vastgesteld(self) -> bool:
        return self.vastgesteld_op is not None
