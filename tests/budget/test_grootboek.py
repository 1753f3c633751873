"""The ledger and its cached balances: conservation of money, constraints, no floats."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction

from budget import acties
from budget.models import Bestedingsvoorstel, Boeking, Budgetjaar, WijkBudget
from wijken.models import Wijk
from wijkwerk.weergave import euro


def _wb(slug, jaar=2019):
    return WijkBudget.objects.get(wijk__slug=slug, budgetjaar__jaar=jaar)


def _controleer_grootboek():
    """The cache equals the ledger, for every wijk and year."""
    for wb in WijkBudget.objects.select_related("wijk", "budgetjaar"):
        uit_grootboek = acties.saldi_uit_grootboek(wb.budgetjaar, wb.wijk)
        assert uit_grootboek == {
            "begroot": wb.begroot,
            "toegekend": wb.toegekend,
            "besteed": wb.besteed,
            "beschikbaar": wb.beschikbaar,
        }, wb


def test_geen_floats_in_budgetmodellen():
    for model in apps.get_app_config("budget").get_models():
        for veld in model._meta.get_fields():
            assert not isinstance(veld, models.FloatField), f"{model.__name__}.{veld.name}"
            if isinstance(veld, models.DecimalField):
                assert (veld.max_digits, veld.decimal_places) == (12, 2), veld


@pytest.mark.parametrize(
    "bedrag,tekst",
    [
        (Decimal("1234.5"), "€\u00a01.234,50"),
        (Decimal("0"), "€\u00a00,00"),
        (Decimal("350000"), "€\u00a0350.000,00"),
        (Decimal("-1234567.89"), "€\u00a0-1.234.567,89"),
        (None, ""),
    ],
)
def test_euro_filter(bedrag, tekst):
    assert euro(bedrag) == tekst


def test_referentiedata_uit_de_memo(budget):
    jaren = {j.jaar: j for j in Budgetjaar.objects.all()}
    assert jaren[2019].integraal_budget == Decimal("350000.00")
    assert jaren[2020].integraal_budget == Decimal("350000.00")
    assert jaren[2019].wijkregie == Decimal("129000.00")
    assert jaren[2020].wijkregie is None
    assert set(WijkBudget.objects.values_list("wijk__slug", flat=True)) == {
        "oosterheem",
        "seghwaert",
    }


def test_laad_budget_is_idempotent(budget):
    from django.core.management import call_command

    voor = (Budgetjaar.objects.count(), WijkBudget.objects.count(), Boeking.objects.count())
    call_command("laad_budget", stdout=__import__("io").StringIO())
    assert voor == (Budgetjaar.objects.count(), WijkBudget.objects.count(), Boeking.objects.count())


def test_demo_is_gemarkeerd_en_idempotent(budget, settings):
    import io

    from django.core.management import call_command

    # The fixture's allocations are not demo: start 2020 fresh for the demo split.
    call_command("laad_demo", "--force", stdout=io.StringIO())
    call_command("laad_demo", "--force", stdout=io.StringIO())
    jaar = Budgetjaar.objects.get(jaar=2020)
    assert jaar.overhevelingen.filter(bronbudget="Wijk aan Zet", is_demo=True).exists()
    assert all(o.is_demo for o in jaar.overhevelingen.all())
    toekenningen = Boeking.objects.filter(budgetjaar=jaar, soort="toekenning")
    assert toekenningen.count() == 2 and all(b.is_demo for b in toekenningen)
    assert all(v.is_demo for v in Bestedingsvoorstel.objects.all())
    _controleer_grootboek()


def test_toekenning_nooit_meer_dan_integraal_budget(budget):
    # 350.000 − 150.000 already allocated leaves 200.000.
    with pytest.raises(acties.BudgetFout, match="€\u00a0200.000,00"):
        acties.wijs_toe_aan_wijk(
            budgetjaar=budget, wijk=Wijk.objects.get(slug="oosterheem"), bedrag="200000.01"
        )


def test_hele_levenscyclus_houdt_geld_in_balans(voorstel, wethouder, regisseur_a):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    wb = _wb("oosterheem")
    assert (wb.begroot, wb.toegekend, wb.besteed, wb.beschikbaar) == (
        Decimal("100000.00"),
        Decimal("1234.50"),
        Decimal("0.00"),
        Decimal("98765.50"),
    )
    acties.boek_realisatie(
        voorstel=voorstel, bedrag=Decimal("1000"), door=regisseur_a, omschrijving="F1"
    )
    acties.boek_realisatie(
        voorstel=voorstel, bedrag=Decimal("200"), door=regisseur_a, omschrijving="F2"
    )
    with pytest.raises(acties.BudgetFout, match="nog €\u00a034,50 over"):
        acties.boek_realisatie(
            voorstel=voorstel, bedrag=Decimal("34.51"), door=regisseur_a, omschrijving="F3"
        )
    acties.sluit_verplichting(voorstel=voorstel, door=regisseur_a)
    wb.refresh_from_db()
    assert (wb.toegekend, wb.besteed, wb.beschikbaar) == (
        Decimal("1200.00"),
        Decimal("1200.00"),
        Decimal("98800.00"),
    )
    voorstel.refresh_from_db()
    assert voorstel.status == "afgesloten"
    soorten = list(voorstel.boekingen.values_list("soort", "bedrag"))
    assert soorten == [
        ("verplichting", Decimal("1234.50")),
        ("realisatie", Decimal("1000.00")),
        ("realisatie", Decimal("200.00")),
        ("vrijval", Decimal("-34.50")),
    ]
    with pytest.raises(acties.VerkeerdeStatus):
        acties.sluit_verplichting(voorstel=voorstel, door=regisseur_a)
    # Every status change has its history row: who, from, to.
    assert list(voorstel.statuswijzigingen.values_list("van", "naar", "door")) == [
        ("", "ingediend", regisseur_a.pk),
        ("ingediend", "goedgekeurd", wethouder.pk),
        ("goedgekeurd", "afgesloten", regisseur_a.pk),
    ]
    _controleer_grootboek()


def test_goedkeuren_boven_beschikbaar_geweigerd_met_bedrag(budget, regisseur_b, wethouder):
    from wijken.models import Wethouder

    seghwaert = Wijk.objects.get(slug="seghwaert")
    seghwaert.wethouder = Wethouder.objects.get(gebruiker=wethouder)
    seghwaert.save()
    v = acties.dien_in(
        budgetjaar=budget,
        wijk=seghwaert,
        omschrijving="Te duur",
        bedrag="50000.01",
        ontvanger="X",
        door=regisseur_b,
    )
    with pytest.raises(acties.OnvoldoendeBudget) as fout:
        acties.keur_goed(voorstel=v, door=wethouder)
    assert "€\u00a050.000,00 beschikbaar" in str(fout.value)
    v.refresh_from_db()
    assert v.status == "ingediend"
    assert not Boeking.objects.filter(voorstel=v).exists()


def test_alleen_de_wijkwethouder_keurt_goed(voorstel, regisseur_a, beheerder):
    for door in (regisseur_a, beheerder):
        with pytest.raises(PermissionDenied):
            acties.keur_goed(voorstel=voorstel, door=door)
    assert not Boeking.objects.filter(voorstel=voorstel).exists()


def test_twee_keer_goedkeuren_boekt_een_keer(voorstel, wethouder):
    acties.keur_goed(voorstel=voorstel, door=wethouder)
    with pytest.raises(acties.VerkeerdeStatus, match="al goedgekeurd"):
        acties.keur_goed(voorstel=voorstel, door=wethouder)
    assert Boeking.objects.filter(voorstel=voorstel, soort="verplichting").count() == 1


def test_afwijzen_vraagt_reden_en_boekt_niets(voorstel, wethouder):
    with pytest.raises(acties.BudgetFout, match="reden"):
        acties.wijs_af(voorstel=voorstel, door=wethouder, reden="  ")
    acties.wijs_af(voorstel=voorstel, door=wethouder, reden="Past niet in het wijkplan")
    voorstel.refresh_from_db()
    assert (voorstel.status, voorstel.beoordeeld_door) == ("afgewezen", wethouder)
    assert not Boeking.objects.filter(voorstel=voorstel).exists()


def test_herverdelen(budget, wethouder):
    oosterheem, seghwaert = Wijk.objects.get(slug="oosterheem"), Wijk.objects.get(slug="seghwaert")
    with pytest.raises(acties.BudgetFout, match="reden"):
        acties.herverdeel(
            budgetjaar=budget, van=oosterheem, naar=seghwaert, bedrag="10", reden="", door=wethouder
        )
    with pytest.raises(acties.OnvoldoendeBudget, match="€\u00a0100.000,00"):
        acties.herverdeel(
            budgetjaar=budget,
            van=oosterheem,
            naar=seghwaert,
            bedrag="100000.01",
            reden="Te veel",
            door=wethouder,
        )
    # Paalvast is not the wijkwethouder of Seghwaert, so cannot give its money away.
    with pytest.raises(PermissionDenied):
        acties.herverdeel(
            budgetjaar=budget,
            van=seghwaert,
            naar=oosterheem,
            bedrag="10",
            reden="x",
            door=wethouder,
        )
    acties.herverdeel(
        budgetjaar=budget,
        van=oosterheem,
        naar=seghwaert,
        bedrag="2500.00",
        reden="Seghwaert heeft meer nodig voor de speeltuin",
        door=wethouder,
    )
    assert _wb("oosterheem").beschikbaar == Decimal("97500.00")
    assert _wb("seghwaert").beschikbaar == Decimal("52500.00")
    _controleer_grootboek()


def test_database_weigert_overbesteding_ook_buiten_de_acties(budget):
    wb = _wb("oosterheem")
    with pytest.raises(IntegrityError), transaction.atomic():
        WijkBudget.objects.filter(pk=wb.pk).update(toegekend=wb.begroot + 1, beschikbaar=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        # A cache that does not add up is refused too.
        WijkBudget.objects.filter(pk=wb.pk).update(beschikbaar=wb.beschikbaar - 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Boeking.objects.create(
            budgetjaar=budget, wijk=wb.wijk, soort="toekenning", bedrag=-5, omschrijving="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Boeking.objects.create(
            budgetjaar=budget, wijk=wb.wijk, soort="verplichting", bedrag=5, omschrijving="x"
        )


def test_zelfde_indiening_twee_keer_maakt_een_voorstel(budget, regisseur_a, regisseur_b):
    import uuid

    token = uuid.uuid4()
    gegevens = dict(
        budgetjaar=budget,
        wijk=Wijk.objects.get(slug="oosterheem"),
        omschrijving="Dubbelklik",
        bedrag=Decimal("10"),
        ontvanger="X",
        idempotentie_token=token,
    )
    eerste = acties.dien_in(door=regisseur_a, **gegevens)
    assert acties.dien_in(door=regisseur_a, **gegevens) == eerste
    with pytest.raises(acties.BudgetFout, match="al door iemand anders"):
        acties.dien_in(door=regisseur_b, **gegevens)
    assert Bestedingsvoorstel.objects.count() == 1
    assert eerste.statuswijzigingen.count() == 1


def test_grootboek_alleen_toevoegen_in_de_database(voorstel, wethouder):
    from django.db import DatabaseError

    acties.keur_goed(voorstel=voorstel, door=wethouder)
    boeking = Boeking.objects.get(voorstel=voorstel)
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        Boeking.objects.filter(pk=boeking.pk).update(bedrag=Decimal("1.00"))
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        Boeking.objects.filter(pk=boeking.pk).delete()
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        voorstel.statuswijzigingen.all().delete()
    boeking.refresh_from_db()
    assert boeking.bedrag == Decimal("1234.50")


def test_benchmark_wijst_wat_eerdere_runs_lieten_wachten_af(voorstel, regisseur_a):
    """make bench's preparation: earlier runs' waiting proposals are refused (through
    acties, the ledger keeps them), a real proposal stays in the queue."""
    import io

    from budget import bench

    jaar = Budgetjaar.objects.create(
        jaar=2100, integraal_budget=Decimal("30.00"), omschrijving=bench.OMSCHRIJVING
    )
    acties.wijs_toe_aan_wijk(budgetjaar=jaar, wijk=voorstel.wijk, bedrag=Decimal("30.00"))
    oud = acties.dien_in(
        budgetjaar=jaar,
        wijk=voorstel.wijk,
        omschrijving="Benchmarkvoorstel 1",
        bedrag=Decimal("30.00"),
        ontvanger="Benchmark",
        door=regisseur_a,
    )
    uit = io.StringIO()
    bench.vorige_runs_afsluiten(uit)
    oud.refresh_from_db()
    voorstel.refresh_from_db()
    assert oud.status == Bestedingsvoorstel.Status.AFGEWEZEN
    assert oud.statuswijzigingen.count() == 2 and "1 wachtende" in uit.getvalue()
    assert voorstel.status == Bestedingsvoorstel.Status.INGEDIEND
