"""Actieplannen: per pilot wijk a yearly plan with goals, the effects they aim at and the
indicators that measure them (baseline, target, measured value per period), projects weighed
against the effects before they start (the afwegingskader) and evaluated afterwards.

As Akvo RSR's results framework: result (Doel) → indicator (Doelindicator, with baseline
and target) → period (Meting, per wijk and year or quarter). Money depends on plans, never
the reverse: budget's Bestedingsvoorstel may name a Project; nothing here imports budget.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from wijkwerk.workflow import een_van

EERSTE_JAAR = 2019  # the memo's first plan year
LAATSTE_JAAR = 2100


class Effect(models.Model):
    """One of the memo's three effects: vertrouwen, sociale cohesie, gevoel van veiligheid."""

    naam = models.CharField(max_length=100, unique=True)
    omschrijving = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    bron = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "effect"
        verbose_name_plural = "effecten"
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Richting(models.TextChoices):
    HOGER = "hoger", "hoger is beter"
    LAGER = "lager", "lager is beter"


class Niveau(models.TextChoices):
    WIJK = "wijk", "wijk"
    CBS_WIJK = "cbs_wijk", "CBS-wijk"


class Indicator(models.Model):
    """A measurable effect (the memo's examples), with its unit, which way is better and
    where the figures come from."""

    Richting = Richting
    Niveau = Niveau

    # The name in an import file's "indicator" column.
    code = models.SlugField(max_length=60, unique=True)
    naam = models.CharField(max_length=150, unique=True)
    effect = models.ForeignKey(Effect, on_delete=models.PROTECT, related_name="indicatoren")
    eenheid = models.CharField(max_length=80, help_text="Bijvoorbeeld: %, dagen, rapportcijfer")
    minimum = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    richting = models.CharField(max_length=5, choices=Richting.choices)
    bron = models.CharField(max_length=200)
    niveau = models.CharField(max_length=8, choices=Niveau.choices, default=Niveau.WIJK)
    # Computed from the initiatives' response clock, never typed in or imported.
    berekend = models.BooleanField("berekend uit Wijkwerk", default=False)

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"
        ordering = ["effect__volgorde", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=een_van("richting", Richting), name="indicator_richting_geldig"
            ),
            models.CheckConstraint(
                condition=een_van("niveau", Niveau), name="indicator_niveau_geldig"
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True)
                | Q(maximum__isnull=True)
                | Q(minimum__lt=F("maximum")),
                name="indicator_bereik_geldig",
            ),
        ]

    def __str__(self):
        return self.naam

    def is_beter(self, nieuw, oud) -> bool:
        return nieuw > oud if self.richting == self.Richting.HOGER else nieuw < oud


class Meting(models.Model):
    """A measured value of an indicator in a wijk, for a year (kwartaal 0) or a quarter."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="metingen")
    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.PROTECT, related_name="metingen")
    jaar = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(LAATSTE_JAAR)]
    )
    # 0 is the whole year: a quarter is 1-4. Not NULL, so the unique constraint holds.
    kwartaal = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(4)])
    waarde = models.DecimalField(max_digits=12, decimal_places=2)
    bron = models.CharField(max_length=200)
    ingevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    ingevoerd_op = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField("demodata", default=False)

    class Meta:
        verbose_name = "meting"
        verbose_name_plural = "metingen"
        ordering = ["indicator", "wijk", "jaar", "kwartaal"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "wijk", "jaar", "kwartaal"], name="meting_uniek_per_periode"
            ),
            models.CheckConstraint(
                condition=Q(kwartaal__gte=0, kwartaal__lte=4), name="meting_kwartaal_geldig"
            ),
            models.CheckConstraint(
                condition=Q(jaar__gte=2000, jaar__lte=LAATSTE_JAAR), name="meting_jaar_geldig"
            ),
        ]
        # The wijkanalyse reads all indicators of one wijk; the unique index leads with indicator.
        indexes = [models.Index(fields=["wijk", "indicator", "jaar"], name="meting_per_wijk")]

    def __str__(self):
        return f"{self.indicator} {self.wijk} {self.periode}: {self.waarde}"

    @property
    def periode(self) -> str:
        return f"{self.jaar}" if self.kwartaal == 0 else f"{self.jaar} K{self.kwartaal}"


class Vereiste(models.Model):
    """What the memo asks of every plan ("in ieder geval"): the plan answers each one before
    it can be vastgesteld."""

    code = models.SlugField(max_length=60, unique=True)
    tekst = models.CharField(max_length=300)
    toelichting = models.TextField(blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "vereist onderdeel"
        verbose_name_plural = "vereiste onderdelen"
        ordering = ["volgorde"]

    def __str__(self):
        return self.tekst


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", "concept"
    VASTGESTELD = "vastgesteld", "vastgesteld"
    GEEVALUEERD = "geevalueerd", "geëvalueerd"


PLAN_TRANSITIES = {
    PlanStatus.CONCEPT: {PlanStatus.VASTGESTELD},
    PlanStatus.VASTGESTELD: {PlanStatus.GEEVALUEERD},
    PlanStatus.GEEVALUEERD: set(),
}


class Actieplan(models.Model):
    Status = PlanStatus

    wijk = models.ForeignKey("wijken.Wijk", on_delete=models.PROTECT, related_name="actieplannen")
    jaar = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(EERSTE_JAAR), MaxValueValidator(LAATSTE_JAAR)]
    )
    titel = models.CharField(max_length=200)
    opgave = models.TextField("opgave van de wijk", blank=True)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.CONCEPT)
    voorganger = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opvolger",
        verbose_name="voortgezet uit",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(null=True, blank=True)
    evaluatie = models.TextField("evaluatie van het jaar", blank=True)
    is_demo = models.BooleanField("demodata", default=False)
    idempotentie_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "actieplan"
        verbose_name_plural = "actieplannen"
        ordering = ["wijk__naam", "-jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["wijk", "jaar"], name="actieplan_een_per_wijk_per_jaar"
            ),
            models.CheckConstraint(
                condition=een_van("status", PlanStatus), name="actieplan_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(jaar__gte=EERSTE_JAAR, jaar__lte=LAATSTE_JAAR),
                name="actieplan_jaar_geldig",
            ),
            # Vastgesteld means someone did: the wijkwethouder, at a moment.
            models.CheckConstraint(
                condition=Q(status=PlanStatus.CONCEPT)
                | Q(vastgesteld_door__isnull=False, vastgesteld_op__isnull=False),
                name="actieplan_vastgesteld_door_iemand",
            ),
        ]

    def __str__(self):
        return f"Actieplan {self.wijk} {self.jaar}"

    def get_absolute_url(self):
        return reverse("actieplannen:plan", args=[self.pk])

    @property
    def is_concept(self) -> bool:
        return self.status == PlanStatus.CONCEPT


class Historieregel(models.Model):
    """A status change of a plan or a project (wijkwerk.workflow writes it): who, when, why;
    the subclass adds its object and its van/naar choices."""

    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)
    toelichting = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.van or '–'} → {self.naar}"


class ActieplanHistorie(Historieregel):
    plan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(max_length=12, choices=PlanStatus.choices, blank=True)
    naar = models.CharField(max_length=12, choices=PlanStatus.choices)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["plan", "op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=een_van("van", PlanStatus, leeg=True), name="actieplanhistorie_van"
            ),
            models.CheckConstraint(
                condition=een_van("naar", PlanStatus), name="actieplanhistorie_naar"
            ),
        ]


class VereisteAntwoord(models.Model):
    plan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="antwoorden")
    vereiste = models.ForeignKey(Vereiste, on_delete=models.PROTECT, related_name="+")
    antwoord = models.TextField()

    class Meta:
        verbose_name = "antwoord op een vereist onderdeel"
        verbose_name_plural = "antwoorden op vereiste onderdelen"
        constraints = [
            models.UniqueConstraint(fields=["plan", "vereiste"], name="antwoord_een_per_vereiste")
        ]

    def __str__(self):
        return f"{self.plan}: {self.vereiste}"


class Doel(models.Model):
    plan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="doelen")
    titel = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    effecten = models.ManyToManyField(Effect, related_name="doelen", blank=True)
    volgorde = models.PositiveSmallIntegerField(default=0)
    evaluatie = models.TextField("evaluatie van het doel", blank=True)

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["plan", "volgorde", "id"]

    def __str__(self):
        return self.titel


class Doelindicator(models.Model):
    """An indicator a goal aims to move, from its baseline (nulmeting) to its target."""

    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="indicatoren")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    nulmeting = models.DecimalField(max_digits=12, decimal_places=2)
    nulmeting_jaar = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(LAATSTE_JAAR)]
    )
    streefwaarde = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "indicator van een doel"
        verbose_name_plural = "indicatoren van doelen"
        ordering = ["doel", "indicator__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["doel", "indicator"], name="doelindicator_een_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.doel}: {self.indicator}"


class ProjectStatus(models.TextChoices):
    GEPLAND = "gepland", "gepland"
    GESTART = "gestart", "gestart"
    AFGEROND = "afgerond", "afgerond"
    GESTOPT = "gestopt", "gestopt"


PROJECT_TRANSITIES = {
    ProjectStatus.GEPLAND: {ProjectStatus.GESTART, ProjectStatus.GESTOPT},
    ProjectStatus.GESTART: {ProjectStatus.AFGEROND, ProjectStatus.GESTOPT},
    ProjectStatus.AFGEROND: set(),
    ProjectStatus.GESTOPT: set(),
}


class Besluit(models.TextChoices):
    DOORZETTEN = "doorzetten", "doorzetten"
    BIJSTELLEN = "bijstellen", "bijstellen"
    STOPPEN = "stoppen", "stoppen"


class Project(models.Model):
    Status = ProjectStatus

    Besluit = Besluit

    plan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="projecten")
    doel = models.ForeignKey(Doel, on_delete=models.CASCADE, related_name="projecten")
    titel = models.CharField(max_length=200)
    omschrijving = models.TextField(blank=True)
    trekker_partner = models.ForeignKey(
        "wijken.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projecten",
        verbose_name="trekker (partner)",
    )
    trekker_afdeling = models.CharField("trekker (afdeling)", max_length=150, blank=True)
    gepland_budget = models.DecimalField(
        "gepland budget", max_digits=12, decimal_places=2, default=0
    )
    start = models.DateField("begint")
    eind = models.DateField("eindigt")
    status = models.CharField(
        max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.GEPLAND
    )
    succescriteria = models.TextField(blank=True)
    # The chain that led to the project and that it takes up.
    signalen = models.ManyToManyField("signalen.Signaal", related_name="projecten", blank=True)
    focuspunten = models.ManyToManyField("wijken.Focuspunt", related_name="projecten", blank=True)
    initiatieven = models.ManyToManyField(
        "initiatieven.Initiatief", related_name="projecten", blank=True
    )
    evaluatie_besluit = models.CharField(
        "besluit na evaluatie", max_length=10, choices=Besluit.choices, blank=True
    )
    evaluatie_motivering = models.TextField("motivering", blank=True)
    voortgezet_uit = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="voortzetting"
    )

    class Meta:
        verbose_name = "project"
        verbose_name_plural = "projecten"
        ordering = ["plan", "doel__volgorde", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=een_van("status", ProjectStatus), name="project_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(evaluatie_besluit="") | een_van("evaluatie_besluit", Besluit),
                name="project_besluit_geldig",
            ),
            models.CheckConstraint(condition=Q(eind__gte=F("start")), name="project_eind_na_start"),
            models.CheckConstraint(
                condition=Q(gepland_budget__gte=0), name="project_budget_niet_negatief"
            ),
            models.CheckConstraint(
                condition=Q(trekker_partner__isnull=False) | ~Q(trekker_afdeling=""),
                name="project_heeft_trekker",
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("actieplannen:project", args=[self.pk])

    @property
    def trekker(self) -> str:
        return str(self.trekker_partner) if self.trekker_partner_id else self.trekker_afdeling


class ProjectHistorie(Historieregel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(max_length=10, choices=ProjectStatus.choices, blank=True)
    naar = models.CharField(max_length=10, choices=ProjectStatus.choices)

    class Meta:
        verbose_name = "statuswijziging van een project"
        verbose_name_plural = "statuswijzigingen van projecten"
        ordering = ["project", "op", "id"]


class Afweging(models.Model):
    """The afwegingskader for one project and one effect: the expected contribution (0-3)
    with its reasons before the start, the realised one afterwards."""

    SCORES = [(0, "0 – geen"), (1, "1 – klein"), (2, "2 – duidelijk"), (3, "3 – groot")]

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="afwegingen")
    effect = models.ForeignKey(Effect, on_delete=models.PROTECT, related_name="+")
    verwacht = models.PositiveSmallIntegerField(
        "verwachte bijdrage", choices=SCORES, validators=[MaxValueValidator(3)]
    )
    motivering = models.TextField()
    gerealiseerd = models.PositiveSmallIntegerField(
        "gerealiseerde bijdrage",
        choices=SCORES,
        null=True,
        blank=True,
        validators=[MaxValueValidator(3)],
    )
    realisatie_toelichting = models.TextField("toelichting op de realisatie", blank=True)

    class Meta:
        verbose_name = "afweging"
        verbose_name_plural = "afwegingen"
        ordering = ["project", "effect__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["project", "effect"], name="afweging_een_per_effect"),
            models.CheckConstraint(
                condition=Q(verwacht__lte=3), name="afweging_verwacht_hoogstens_3"
            ),
            models.CheckConstraint(
                condition=Q(gerealiseerd__isnull=True) | Q(gerealiseerd__lte=3),
                name="afweging_gerealiseerd_hoogstens_3",
            ),
        ]

    def __str__(self):
        return f"{self.project} – {self.effect}: {self.verwacht}"


class Metingimport(models.Model):
    """An uploaded file of metingen between its preview and the confirmation: the decoded
    text is kept here (server-side, shared by every worker; the session is rewritten on
    every request and a signed hidden field would send 5 MB back through the browser), the
    confirm form carries only the token. Confirming locks the row and sets verwerkt_op, so
    a second click saves nothing twice."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    bestandsnaam = models.CharField(max_length=255)
    inhoud = models.TextField()
    verwerkt_op = models.DateTimeField(null=True, blank=True)
    nieuw = models.PositiveIntegerField(default=0)
    gewijzigd = models.PositiveIntegerField(default=0)
    ongewijzigd = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "import van metingen"
        verbose_name_plural = "imports van metingen"
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return self.bestandsnaam
