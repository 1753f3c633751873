"""`make bench` rows for the wijkbudget: the approve endpoint under 8 concurrent clients."""

from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db.models import Sum

from budget import acties
from budget.models import Bestedingsvoorstel, Boeking, Budgetjaar, WijkBudget
from wijken.models import Wethouder, Wijk
from wijkwerk import rollen as r
from wijkwerk.bench import Pagina, voeg_toe

BEDRAG = Decimal("30.00")
OMSCHRIJVING = "benchmark"
_staat = {}


def vorige_runs_afsluiten(stdout):
    """Refuse the proposals earlier runs left waiting, so each run's queue holds its own.

    Every run submits a few hundred and decides 96: the rest piled up in the wethouder's
    queue run after run (4,073 after a day), and counting it grew with them. The ledger is
    append-only, so they are refused through acties, as a wethouder would, not deleted.
    """
    wachtend = Bestedingsvoorstel.objects.filter(
        budgetjaar__omschrijving=OMSCHRIJVING, status=Bestedingsvoorstel.Status.INGEDIEND
    ).select_related("wijk__wethouder__gebruiker")
    n = 0
    for voorstel in wachtend.iterator():
        wethouder = voorstel.wijk.wethouder
        if wethouder is None or wethouder.gebruiker is None:
            continue
        acties.wijs_af(
            voorstel=voorstel, door=wethouder.gebruiker, reden="Over van een eerdere benchmarkrun."
        )
        n += 1
    if n:
        stdout.write(f"  {n} wachtende voorstellen van eerdere benchmarkruns afgewezen")


def _voorstellen_klaarzetten(aantal):
    """A fresh year with room for three quarters of the proposals: the rest must be refused."""
    from wijkwerk.management.commands.bench import BENCH_PASSWORD

    wethouder_user, _ = User.objects.get_or_create(username="bench-wethouder")
    wethouder_user.set_password(BENCH_PASSWORD)
    wethouder_user.save()
    wethouder_user.groups.add(Group.objects.get(name=r.WETHOUDER))
    regisseur_user, _ = User.objects.get_or_create(username="bench-regisseur")
    wethouder = Wethouder.objects.get(naam="Paalvast")
    Wethouder.objects.filter(gebruiker=wethouder_user).exclude(pk=wethouder.pk).update(
        gebruiker=None
    )
    wethouder.gebruiker = wethouder_user
    wethouder.save()
    wijk = Wijk.objects.get(slug="oosterheem")
    wijk.wethouder = wethouder
    wijk.save()

    jaar_nr = max(
        2100, (Budgetjaar.objects.order_by("-jaar").values_list("jaar", flat=True).first() or 0) + 1
    )
    toewijzing = BEDRAG * (aantal * 3 // 4)
    jaar = Budgetjaar.objects.create(
        jaar=jaar_nr, integraal_budget=toewijzing, omschrijving=OMSCHRIJVING
    )
    acties.wijs_toe_aan_wijk(budgetjaar=jaar, wijk=wijk, bedrag=toewijzing)
    ids = [
        acties.dien_in(
            budgetjaar=jaar,
            wijk=wijk,
            omschrijving=f"Benchmarkvoorstel {i}",
            bedrag=BEDRAG,
            ontvanger="Benchmark",
            door=regisseur_user,
        ).pk
        for i in range(aantal)
    ]
    _staat.update(jaar=jaar, wijk=wijk, toewijzing=toewijzing, aantal=aantal)
    return ids


def _controle():
    jaar, wijk = _staat["jaar"], _staat["wijk"]
    wb = WijkBudget.objects.get(budgetjaar=jaar, wijk=wijk)
    verplicht = Boeking.objects.filter(
        budgetjaar=jaar, wijk=wijk, soort=Boeking.Soort.VERPLICHTING
    ).aggregate(s=Sum("bedrag"))["s"] or Decimal("0")
    goedgekeurd = Boeking.objects.filter(
        budgetjaar=jaar, wijk=wijk, soort=Boeking.Soort.VERPLICHTING
    ).count()
    klopt = wb.beschikbaar + verplicht == _staat["toewijzing"] and wb.beschikbaar >= 0
    return (
        f"goedkeuren: {goedgekeurd} van {_staat['aantal']} voorstellen van € 30 goedgekeurd "
        f"tegen € {_staat['toewijzing']}; beschikbaar {wb.beschikbaar} + verplicht {verplicht} "
        f"= {wb.beschikbaar + verplicht}: {'KLOPT' if klopt else 'KLOPT NIET'}"
    )


voeg_toe(
    voorbereiding=[vorige_runs_afsluiten, ("laad_budget", [])],
    paginas=[
        Pagina("budget: jaaroverzicht", "/budget/2019/"),
        Pagina(
            "budget: goedkeuren (POST)",
            "/budget/voorstel/{id}/goedkeuren/",
            post={},
            verwacht=(200, 302),
            gebruiker="bench-wethouder",
            ids=_voorstellen_klaarzetten,
            controle=_controle,
        ),
        Pagina("budget: wachtrij", "/budget/wachtrij/", gebruiker="bench-wethouder"),
    ],
)
