import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format


class CbsWijk(models.Model):
    """A CBS wijk with its key figures; several municipal wijken may share one."""

    code = models.CharField("CBS-wijkcode", max_length=8, primary_key=True)
    naam = models.CharField("CBS-naam", max_length=100)
    inwoners = models.PositiveIntegerField("aantal inwoners")
    mannen = models.PositiveIntegerField()
    vrouwen = models.PositiveIntegerField()
    leeftijd_0_15 = models.PositiveSmallIntegerField("0-15 jaar (%)")
    leeftijd_15_25 = models.PositiveSmallIntegerField("15-25 jaar (%)")
    leeftijd_25_45 = models.PositiveSmallIntegerField("25-45 jaar (%)")
    leeftijd_45_65 = models.PositiveSmallIntegerField("45-65 jaar (%)")
    leeftijd_65plus = models.PositiveSmallIntegerField("65 jaar en ouder (%)")
    huishoudens = models.PositiveIntegerField()
    gem_huishoudgrootte = models.DecimalField(
        "gemiddelde huishoudgrootte", max_digits=3, decimal_places=1
    )
    bevolkingsdichtheid = models.PositiveIntegerField("inwoners per km²")
    personenautos = models.PositiveIntegerField("personenauto's")
    # GeoJSON polygon rings in WGS84, used only to draw the outline map.
    geometrie = models.JSONField()
    bron = models.CharField(max_length=200)

    class Meta:
        verbose_name = "CBS-wijk"
        verbose_name_plural = "CBS-wijken"
        ordering = ["code"]

    def __str__(self):
        return f"{self.naam} ({self.code})"


class Functionaris(models.Model):
    """An office holder named in the memo ("wijkregisseur A", "wethouder Paalvast"),
    linked to a login once the person has an account."""

    naam = models.CharField(max_length=100, unique=True)
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(class)s",
    )

    class Meta:
        abstract = True
        ordering = ["naam"]


class Wethouder(Functionaris):
    class Meta(Functionaris.Meta):
        verbose_name = "wijkwethouder"
        verbose_name_plural = "wijkwethouders"

    def __str__(self):
        return f"Wethouder {self.naam}"


class Wijkregisseur(Functionaris):
    class Meta(Functionaris.Meta):
        verbose_name = "wijkregisseur"
        verbose_name_plural = "wijkregisseurs"

    def __str__(self):
        return self.naam


def geldig_op(datum, via: str = "") -> Q:
    """A toewijzing (reached through `via`, e.g. "toewijzingen__") that holds on `datum`."""
    return (Q(**{f"{via}geldig_tot__isnull": True}) | Q(**{f"{via}geldig_tot__gte": datum})) & Q(
        **{f"{via}geldig_van__lte": datum}
    )


class WijkQuerySet(models.QuerySet):
    def van_regisseur(self, regisseur, op=None):
        """Wijken for which this regisseur holds the regie on date `op` (default today)."""
        op = op or timezone.localdate()
        return self.filter(
            toewijzingen__in=Toewijzing.objects.op_datum(op).filter(regisseur=regisseur)
        )

    def van_gebruiker(self, user, op=None):
        """van_regisseur for the regisseur linked to this login, in one query: joined through
        the toewijzing (one filter(), so the date and the regisseur are of the same row; the
        toewijzingen of one wijk never overlap, so no wijk twice)."""
        op = op or timezone.localdate()
        return self.filter(
            geldig_op(op, "toewijzingen__") & Q(toewijzingen__regisseur__gebruiker=user)
        )

    def met_regisseur_op(self, datum, to_attr="toewijzingen_op_datum"):
        """Each wijk with the toewijzing that holds on `datum` in `to_attr` (a list of at most
        one: the toewijzingen of one wijk never overlap)."""
        return (
            self.select_related("cbs_wijk", "wethouder")
            .defer("cbs_wijk__geometrie")
            .prefetch_related(
                models.Prefetch(
                    "toewijzingen",
                    queryset=Toewijzing.objects.op_datum(datum).select_related("regisseur"),
                    to_attr=to_attr,
                )
            )
        )

    def met_regisseur_vandaag(self):
        return self.met_regisseur_op(timezone.localdate(), to_attr="toewijzingen_vandaag")


class Wijk(models.Model):
    """A working area of the municipality, as in the memo (not a CBS wijk)."""

    naam = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    cbs_wijk = models.ForeignKey(
        CbsWijk,
        on_delete=models.PROTECT,
        related_name="wijken",
        verbose_name="CBS-wijk",
    )
    is_pilot = models.BooleanField("pilotwijk", default=False)
    is_wijkverkenning = models.BooleanField("wijkverkenning", default=False)
    wethouder = models.ForeignKey(
        Wethouder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wijken",
        verbose_name="wijkwethouder",
    )
    # The memo does not say which wethouder holds which wijk: such links are demo data.
    wethouder_is_demo = models.BooleanField("wethouder is demodata", default=False)

    objects = WijkQuerySet.as_manager()

    class Meta:
        verbose_name = "wijk"
        verbose_name_plural = "wijken"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("wijken:dossier", args=[self.slug])

    def regisseur_op(self, datum):
        toewijzing = (
            Toewijzing.objects.op_datum(datum).filter(wijk=self).select_related("regisseur").first()
        )
        return toewijzing.regisseur if toewijzing else None

    @property
    def regisseur_op_datum(self):
        """The regisseur on the date given to met_regisseur_op()."""
        lijst = self.toewijzingen_op_datum
        return lijst[0].regisseur if lijst else None

    @property
    def regisseur_vandaag(self):
        """Uses the prefetch of met_regisseur_vandaag() when present."""
        if hasattr(self, "toewijzingen_vandaag"):
            lijst = self.toewijzingen_vandaag
            return lijst[0].regisseur if lijst else None
        return self.regisseur_op(timezone.localdate())


def regie_uiterlijk(vandaag: datetime.date | None = None) -> datetime.date:
    """The last day for which the regie may be recorded: 31 December of the year after next.

    The regie is divided per calendar year (as in the memo for 2019, and like the wijkbudget),
    so a real plan reaches into next year, at most the year after. A date decades ahead is a
    typing error (2091 for 2019) that would block every later assignment of the wijk.
    """
    vandaag = vandaag or timezone.localdate()
    return datetime.date(vandaag.year + 2, 12, 31)


class ToewijzingQuerySet(models.QuerySet):
    def op_datum(self, datum):
        return self.filter(geldig_op(datum))

    def overlappend(self, wijk, van, tot):
        """Rows of `wijk` whose period shares at least one day with [van, tot] (tot None = open)."""
        qs = self.filter(wijk=wijk).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=van))
        if tot is not None:
            qs = qs.filter(geldig_van__lte=tot)
        return qs


class Toewijzing(models.Model):
    """Which wijkregisseur holds the regie of a wijk, from geldig_van through geldig_tot.

    No two rows of one wijk overlap; wijken.acties (wijs_toe, draag_over) enforces that under
    a row lock on the wijk (pgserver has no btree_gist for an exclusion constraint).
    """

    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="toewijzingen")
    regisseur = models.ForeignKey(
        Wijkregisseur,
        on_delete=models.PROTECT,
        related_name="toewijzingen",
        verbose_name="wijkregisseur",
    )
    geldig_van = models.DateField("geldig van")
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = ToewijzingQuerySet.as_manager()

    class Meta:
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        ordering = ["wijk", "-geldig_van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")),
                name="toewijzing_periode_geldig",
            ),
            models.UniqueConstraint(
                fields=["wijk", "geldig_van"], name="toewijzing_uniek_per_wijk_en_begindatum"
            ),
        ]
        # The unique constraint's index on (wijk, geldig_van) serves op_datum() per wijk.

    def __str__(self):
        # Shown in messages and the admin: the date as users write it ("1 januari 2019").
        tot = date_format(self.geldig_tot) if self.geldig_tot else "heden"
        return f"{self.regisseur} – {self.wijk} ({date_format(self.geldig_van)} t/m {tot})"

    def clean(self):
        uiterlijk = regie_uiterlijk()
        melding = (
            f"Zo ver vooruit legt u de regie niet vast: uiterlijk {date_format(uiterlijk)}. "
            "Klopt het jaartal?"
        )
        fouten = {
            veld: melding
            for veld in ("geldig_van", "geldig_tot")
            if getattr(self, veld) and getattr(self, veld) > uiterlijk
        }
        if fouten:
            raise ValidationError(fouten)

    def geldig_op(self, datum) -> bool:
        return self.geldig_van <= datum and (self.geldig_tot is None or self.geldig_tot >= datum)

    @property
    def is_nu(self) -> bool:
        return self.geldig_op(timezone.localdate())


class Partner(models.Model):
    class Soort(models.TextChoices):
        MAATSCHAPPELIJK = "maatschappelijk", "maatschappelijke partner"
        BEDRIJF = "bedrijf", "bedrijf"
        INWONERS = "inwoners", "inwonersorganisatie"
        GEMEENTE = "gemeente", "gemeentelijke afdeling"

    naam = models.CharField(max_length=150, unique=True)
    soort = models.CharField(max_length=20, choices=Soort.choices)
    omschrijving = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "partner"
        verbose_name_plural = "partners"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=["maatschappelijk", "bedrijf", "inwoners", "gemeente"]),
                name="partner_soort_geldig",
            )
        ]

    def __str__(self):
        return self.naam


class Focuspunt(models.Model):
    class Status(models.TextChoices):
        LOPEND = "lopend", "lopend"
        AFGEROND = "afgerond", "afgerond"

    wijken = models.ManyToManyField(Wijk, related_name="focuspunten")
    # The wijk as the memo's Bijlage 1 names it ("Centrum", "Noordhove Seghwaert").
    wijk_in_bron = models.CharField("wijk volgens de bron", max_length=100)
    titel = models.CharField("focuspunt", max_length=300, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LOPEND)
    opvolging = models.TextField(blank=True)
    betrokken_partijen = models.TextField("betrokken partijen", blank=True)
    partners = models.ManyToManyField(Partner, related_name="focuspunten", blank=True)
    bron = models.CharField(max_length=200, blank=True)
    # Set when a beheerder changes it (wijken.admin); empty for data as loaded. The
    # kwartaalrapportage lists what changed in its quarter.
    gewijzigd_op = models.DateTimeField("gewijzigd op", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "focuspunt"
        verbose_name_plural = "focuspunten"
        ordering = ["wijk_in_bron", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["lopend", "afgerond"]), name="focuspunt_status_geldig"
            )
        ]

    def __str__(self):
        return self.titel


class Voorziening(models.Model):
    class Soort(models.TextChoices):
        WIJKPOST = "wijkpost", "wijkpost"
        ONTMOETINGSPLAATS = "ontmoetingsplaats", "ontmoetingsplaats"
        HUIS_VAN_DE_WIJK = "huis_van_de_wijk", "Huis van de Wijk"

    class Status(models.TextChoices):
        BESTAAND = "bestaand", "bestaand"
        GEPLAND = "gepland", "gepland"
        GESLOTEN = "gesloten", "gesloten"

    wijk = models.ForeignKey(Wijk, on_delete=models.CASCADE, related_name="voorzieningen")
    naam = models.CharField(max_length=150)
    soort = models.CharField(max_length=20, choices=Soort.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    adres = models.CharField(max_length=200, blank=True)
    toelichting = models.TextField(blank=True)
    is_demo = models.BooleanField("demodata", default=False)
    # Set when a beheerder changes it (wijken.admin); empty for data as loaded. The
    # kwartaalrapportage lists what changed in its quarter.
    gewijzigd_op = models.DateTimeField("gewijzigd op", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "voorziening"
        verbose_name_plural = "voorzieningen"
        ordering = ["wijk", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["wijk", "naam"], name="voorziening_uniek_per_wijk"),
            models.CheckConstraint(
                condition=Q(soort__in=["wijkpost", "ontmoetingsplaats", "huis_van_de_wijk"]),
                name="voorziening_soort_geldig",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["bestaand", "gepland", "gesloten"]),
                name="voorziening_status_geldig",
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.get_soort_display()}, {self.get_status_display()})"
