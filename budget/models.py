"""Wijkbudget: an integral budget per year, allocated per wijk, spent after approval.

Money is always Decimal with two decimals (DecimalField(12, 2)); never a float.

The ledger (Boeking) is the truth. Sign convention, per wijk and year:

    begroot     = Σ toekenning + Σ herverdeling   (herverdeling is negative for the giving wijk)
    toegekend   = Σ verplichting + Σ vrijval      (vrijval is negative: the unused rest of a
                                                    closed commitment returns to the wijk)
    besteed     = Σ realisatie                     (paid against a commitment; stays inside it)
    beschikbaar = begroot − toegekend              (what a wethouder can still approve)

So a realisatie does not change beschikbaar: the money was already committed on approval.
WijkBudget caches these four figures per (jaar, wijk). Every write in budget.acties locks
that row with SELECT … FOR UPDATE and changes it in the same transaction as the ledger
row, so the cache cannot drift; check constraints (beschikbaar ≥ 0, beschikbaar =
begroot − toegekend, 0 ≤ besteed ≤ toegekend) make the database refuse an overspend even if
application code were wrong. tests/budget/test_grootboek.py recomputes the cache from the
ledger. Boeking and Statuswijziging are append-only: a trigger (migration 0003) makes
PostgreSQL refuse UPDATE and DELETE on them; the admin shows them read-only.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse

from wijken.models import Focuspunt, Wijk
from wijkwerk import rollen as r
from wijkwerk.workflow import een_van

NUL = Decimal("0.00")


def bedrag_veld(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class Budgetjaar(models.Model):
    jaar = models.PositiveSmallIntegerField(unique=True)
    omschrijving = models.CharField(max_length=300, blank=True)
    # The integral wijkbudget from the memo; the sum the allocations per wijk may not exceed.
    integraal_budget = bedrag_veld("integraal wijkbudget")
    # The memo also names € 129.000 for wijkregie in 2019: staff cost for one extra
    # regisseur. It is not wijkbudget, so it is never allocated nor spendable here.
    wijkregie = bedrag_veld("wijkregie (personeelskosten, geen wijkbudget)", null=True, blank=True)
    bron = models.CharField(max_length=200, blank=True)
    # The memo names 2019 and 2020 only: a later year opened by laad_demo has invented
    # figures and says so on the page.
    is_demo = models.BooleanField("demodata", default=False)
    # Sent along with the form that opens the year (wijkwerk.eenmaal): a double click opens
    # it once and the second request finds it, instead of "bestaat al".
    idempotentie_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "budgetjaar"
        verbose_name_plural = "budgetjaren"
        ordering = ["-jaar"]
        constraints = [
            models.CheckConstraint(
                condition=Q(integraal_budget__gte=0), name="budgetjaar_integraal_niet_negatief"
            ),
            models.CheckConstraint(
                condition=Q(wijkregie__isnull=True) | Q(wijkregie__gte=0),
                name="budgetjaar_wijkregie_niet_negatief",
            ),
        ]

    def __str__(self):
        return f"Wijkbudget {self.jaar}"

    def get_absolute_url(self):
        return reverse("budget:jaar", args=[self.jaar])


class Overheveling(models.Model):
    """A contribution from another budget (e.g. "Wijk aan Zet") to the integral budget."""

    budgetjaar = models.ForeignKey(
        Budgetjaar, on_delete=models.PROTECT, related_name="overhevelingen"
    )
    bronbudget = models.CharField(max_length=150)
    bedrag = bedrag_veld("bedrag")
    # The memo names "Wijk aan Zet" as a source but gives no amounts: those are invented.
    is_demo = models.BooleanField("demodata", default=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "overheveling"
        verbose_name_plural = "overhevelingen"
        ordering = ["budgetjaar", "bronbudget"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="overheveling_bedrag_positief"),
            models.UniqueConstraint(
                fields=["budgetjaar", "bronbudget"], name="overheveling_uniek_per_jaar_en_bron"
            ),
        ]

    def __str__(self):
        return f"{self.bronbudget} ({self.budgetjaar.jaar})"


class WijkBudgetQuerySet(models.QuerySet):
    def totaal(self):
        return self.aggregate(
            begroot=Sum("begroot", default=NUL),
            toegekend=Sum("toegekend", default=NUL),
            besteed=Sum("besteed", default=NUL),
            beschikbaar=Sum("beschikbaar", default=NUL),
        )


class WijkBudget(models.Model):
    """Cached balances of one wijk in one year; the row that every booking locks."""

    budgetjaar = models.ForeignKey(
        Budgetjaar, on_delete=models.PROTECT, related_name="wijkbudgetten"
    )
    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="wijkbudgetten")
    begroot = bedrag_veld("begroot", default=NUL)
    toegekend = bedrag_veld("toegekend (verplicht)", default=NUL)
    besteed = bedrag_veld("besteed (gerealiseerd)", default=NUL)
    beschikbaar = bedrag_veld("beschikbaar", default=NUL)

    objects = WijkBudgetQuerySet.as_manager()

    class Meta:
        verbose_name = "wijkbudget"
        verbose_name_plural = "wijkbudgetten"
        ordering = ["budgetjaar", "wijk__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["budgetjaar", "wijk"], name="wijkbudget_uniek_per_jaar_en_wijk"
            ),
            models.CheckConstraint(
                condition=Q(beschikbaar__gte=0), name="wijkbudget_beschikbaar_niet_negatief"
            ),
            models.CheckConstraint(
                condition=Q(beschikbaar=F("begroot") - F("toegekend")),
                name="wijkbudget_beschikbaar_is_begroot_min_toegekend",
            ),
            models.CheckConstraint(
                condition=Q(besteed__gte=0) & Q(besteed__lte=F("toegekend")),
                name="wijkbudget_besteed_binnen_toegekend",
            ),
        ]

    def __str__(self):
        return f"{self.wijk} {self.budgetjaar.jaar}"


class BestedingsvoorstelQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """Proposals this user may see: own wijken for a regisseur or wethouder, all for beheer."""
        if r.heeft_rol(user, r.BEHEERDER):
            return self
        filter_ = Q(pk__in=[])
        if r.heeft_rol(user, r.REGISSEUR):
            filter_ |= Q(ingediend_door=user) | Q(wijk_id__in=r.regisseur_wijk_ids(user))
        if r.heeft_rol(user, r.WETHOUDER):
            filter_ |= Q(wijk_id__in=r.wethouder_wijk_ids(user))
        return self.filter(filter_)

    def te_beoordelen_door(self, user):
        """The wethouder's queue: submitted proposals of wijken where they are wijkwethouder."""
        # The wijk ids as values, not a join, so voorstel_wachtrij_idx reads the oldest first
        # and stops at the page.
        return self.filter(
            status=Bestedingsvoorstel.Status.INGEDIEND, wijk_id__in=r.wethouder_wijk_ids(user)
        ).order_by("ingediend_op", "pk")


class VoorstelStatus(models.TextChoices):
    INGEDIEND = "ingediend", "ingediend"
    GOEDGEKEURD = "goedgekeurd", "goedgekeurd"
    AFGEWEZEN = "afgewezen", "afgewezen"
    AFGESLOTEN = "afgesloten", "afgesloten"
    # Withdrawn by the regisseur before a decision: nothing was booked, so nothing moves.
    INGETROKKEN = "ingetrokken", "ingetrokken"


# Allowed transitions, checked in one place (acties.WORKFLOW).
TRANSITIES: dict[str, set[str]] = {
    VoorstelStatus.INGEDIEND: {
        VoorstelStatus.GOEDGEKEURD,
        VoorstelStatus.AFGEWEZEN,
        VoorstelStatus.INGETROKKEN,
    },
    VoorstelStatus.GOEDGEKEURD: {VoorstelStatus.AFGESLOTEN},
    VoorstelStatus.AFGEWEZEN: set(),
    VoorstelStatus.AFGESLOTEN: set(),
    VoorstelStatus.INGETROKKEN: set(),
}


class Bestedingsvoorstel(models.Model):
    Status = VoorstelStatus

    budgetjaar = models.ForeignKey(Budgetjaar, on_delete=models.PROTECT, related_name="voorstellen")
    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="bestedingsvoorstellen")
    omschrijving = models.TextField()
    bedrag = bedrag_veld("bedrag")
    ontvanger = models.CharField(max_length=200)
    focuspunt = models.ForeignKey(
        Focuspunt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bestedingsvoorstellen",
    )
    # An initiative the Groene Loper accepted and that asked for money (issue 4's hand-off).
    initiatief = models.ForeignKey(
        "initiatieven.Initiatief",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bestedingsvoorstellen",
    )
    # The actieplan project the money is for: money depends on plans, never the reverse.
    project = models.ForeignKey(
        "actieplannen.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bestedingsvoorstellen",
        verbose_name="project uit het actieplan",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INGEDIEND)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="ingediend door",
    )
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beoordeeld door",
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reden = models.TextField("reden van het besluit", blank=True)
    is_demo = models.BooleanField("demodata", default=False)
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)
    # Sent along with the form: a double click or a retry finds the first proposal
    # instead of making a second one (unique, so also under concurrency).
    idempotentie_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = BestedingsvoorstelQuerySet.as_manager()

    class Meta:
        verbose_name = "bestedingsvoorstel"
        verbose_name_plural = "bestedingsvoorstellen"
        ordering = ["-ingediend_op", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="voorstel_bedrag_positief"),
            models.CheckConstraint(
                condition=een_van("status", VoorstelStatus), name="voorstel_status_geldig"
            ),
            # A withdrawn proposal was never decided: it has no beoordelaar.
            models.CheckConstraint(
                condition=Q(status__in=["ingediend", "ingetrokken"])
                | Q(beoordeeld_door__isnull=False),
                name="voorstel_beoordeeld_heeft_beoordelaar",
            ),
        ]
        indexes = [
            # The wethouder's queue: status = ingediend per wijk, oldest first.
            models.Index(fields=["status", "wijk", "ingediend_op"], name="voorstel_wachtrij_idx"),
        ]

    def __str__(self):
        return f"Voorstel {self.pk}: {self.omschrijving[:60]}"

    def get_absolute_url(self):
        return reverse("budget:voorstel", args=[self.pk])

    def mag_naar(self, status) -> bool:
        return status in TRANSITIES[self.status]

    def geschiedenis(self, boekingen):
        """Status changes and the given ledger rows of this proposal, in one timeline."""
        return sorted(
            [*self.statuswijzigingen.select_related("door"), *boekingen],
            key=lambda regel: regel.op,
        )


class Statuswijziging(models.Model):
    """History of a proposal's status: who, when, from, to, why (append-only)."""

    voorstel = models.ForeignKey(
        Bestedingsvoorstel, on_delete=models.PROTECT, related_name="statuswijzigingen"
    )
    van = models.CharField(max_length=12, blank=True)  # empty: the proposal was submitted
    naar = models.CharField(max_length=12, choices=Bestedingsvoorstel.Status.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="door"
    )
    op = models.DateTimeField(auto_now_add=True)
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=een_van("naar", VoorstelStatus)
                & een_van("van", VoorstelStatus, leeg=True),
                name="statuswijziging_status_geldig",
            ),
        ]

    def __str__(self):
        return f"{self.voorstel_id}: {self.van or '–'} → {self.naar}"


class Boeking(models.Model):
    """One append-only ledger row; see the module docstring for the sign convention."""

    class Soort(models.TextChoices):
        TOEKENNING = "toekenning", "toekenning aan wijk"
        HERVERDELING = "herverdeling", "herverdeling tussen wijken"
        VERPLICHTING = "verplichting", "verplichting (goedgekeurd voorstel)"
        REALISATIE = "realisatie", "realisatie (betaling)"
        VRIJVAL = "vrijval", "vrijval (restant terug naar de wijk)"

    budgetjaar = models.ForeignKey(Budgetjaar, on_delete=models.PROTECT, related_name="boekingen")
    wijk = models.ForeignKey(
        Wijk, on_delete=models.PROTECT, null=True, blank=True, related_name="boekingen"
    )
    soort = models.CharField(max_length=12, choices=Soort.choices)
    bedrag = bedrag_veld("bedrag (met teken)")
    voorstel = models.ForeignKey(
        Bestedingsvoorstel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="boekingen",
    )
    omschrijving = models.CharField(max_length=500)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geboekt door",
    )
    op = models.DateTimeField("geboekt op", auto_now_add=True)
    is_demo = models.BooleanField("demodata", default=False)

    class Meta:
        verbose_name = "boeking"
        verbose_name_plural = "boekingen"
        ordering = ["op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    soort__in=[
                        "toekenning",
                        "herverdeling",
                        "verplichting",
                        "realisatie",
                        "vrijval",
                    ]
                ),
                name="boeking_soort_geldig",
            ),
            models.CheckConstraint(
                condition=(
                    Q(soort__in=["toekenning", "verplichting", "realisatie"], bedrag__gt=0)
                    | Q(soort="vrijval", bedrag__lt=0)
                    | (Q(soort="herverdeling") & ~Q(bedrag=0))
                ),
                name="boeking_teken_past_bij_soort",
            ),
            models.CheckConstraint(
                condition=Q(soort__in=["toekenning", "herverdeling"]) | Q(voorstel__isnull=False),
                name="boeking_besteding_heeft_voorstel",
            ),
        ]
        indexes = [
            # The history of one wijk in one year (ledger page and the drift check).
            models.Index(fields=["budgetjaar", "wijk", "op"], name="boeking_jaar_wijk_idx"),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.bedrag} ({self.wijk or 'alle wijken'})"

    @property
    def bedrag_zonder_teken(self) -> Decimal:
        """The amount as people read it: the sign is in the words ("vrijgevallen € 234,50"),
        not a minus; the CSV keeps the signed number for sums in Excel."""
        return abs(self.bedrag)
