import datetime
import threading

import pytest
from django.db import connection

from wijken import acties
from wijken.models import Toewijzing, Wijk, Wijkregisseur

D = datetime.date


def test_wie_was_regisseur_van_seghwaert_op_1_maart_2019(referentie, django_assert_num_queries):
    seghwaert = Wijk.objects.get(slug="seghwaert")
    with django_assert_num_queries(1):
        assert seghwaert.regisseur_op(D(2019, 3, 1)).naam == "Wijkregisseur B"


def test_mapping_2019_volgens_memo(referentie):
    verwacht = {
        "Oosterheem": "A",
        "Noordhove": "B",
        "Seghwaert": "B",
        "Dorp": "C",
        "Driemanspolder": "C",
        "Stadscentrum": "C",
        "Palenstein": "C",
        "Meerzicht": "C",
        "Buytenwegh": "D",
        "Rokkeveen": "D",
        "De Leyens": "D",
    }
    for wijk in Wijk.objects.all():
        assert wijk.regisseur_op(D(2019, 6, 1)).naam == f"Wijkregisseur {verwacht[wijk.naam]}"
    assert Wijk.objects.filter(is_pilot=True).count() == 2
    assert set(Wijk.objects.filter(is_pilot=True).values_list("naam", flat=True)) == {
        "Oosterheem",
        "Seghwaert",
    }


def test_overlap_geweigerd_met_naam_en_periode(referentie):
    wijk = Wijk.objects.get(slug="seghwaert")
    nieuw = Wijkregisseur.objects.create(naam="Wijkregisseur E")
    with pytest.raises(acties.OverlapFout) as fout:
        acties.wijs_toe(wijk=wijk, regisseur=nieuw, geldig_van=D(2020, 1, 1))
    assert "Wijkregisseur B" in str(fout.value)
    assert "1 januari 2019" in str(fout.value)
    assert not Toewijzing.objects.filter(regisseur=nieuw).exists()


def test_overdracht_na_beeindigen(referentie):
    wijk = Wijk.objects.get(slug="seghwaert")
    huidig = Toewijzing.objects.get(wijk=wijk)
    acties.beeindig(toewijzing=huidig, geldig_tot=D(2020, 12, 31))
    nieuw = Wijkregisseur.objects.create(naam="Wijkregisseur E")
    acties.wijs_toe(wijk=wijk, regisseur=nieuw, geldig_van=D(2021, 1, 1))
    assert wijk.regisseur_op(D(2020, 12, 31)).naam == "Wijkregisseur B"
    assert wijk.regisseur_op(D(2021, 1, 1)) == nieuw
    # History is kept: both rows remain.
    assert wijk.toewijzingen.count() == 2
    # A period inside the old one still clashes with B.
    with pytest.raises(acties.OverlapFout, match="Wijkregisseur B"):
        acties.wijs_toe(
            wijk=wijk, regisseur=nieuw, geldig_van=D(2020, 6, 1), geldig_tot=D(2020, 7, 1)
        )


def test_database_weigert_einde_voor_begin(referentie):
    from django.db import IntegrityError, transaction

    t = Toewijzing.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Toewijzing.objects.filter(pk=t.pk).update(
            geldig_tot=t.geldig_van - datetime.timedelta(days=1)
        )


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_overlappende_toewijzingen_een_wint():
    from django.core.management import call_command

    call_command("laad_referentiedata", verbosity=0)
    wijk = Wijk.objects.get(slug="oosterheem")
    Toewijzing.objects.filter(wijk=wijk).update(geldig_tot=D(2020, 12, 31))
    regisseurs = [Wijkregisseur.objects.create(naam=f"Gelijktijdig {i}") for i in range(6)]
    barrier = threading.Barrier(len(regisseurs))
    uitkomsten = []

    def poging(regisseur):
        try:
            barrier.wait()
            acties.wijs_toe(
                wijk=wijk, regisseur=regisseur, geldig_van=D(2021, 1, 1 + regisseur.pk % 5)
            )
            uitkomsten.append("ok")
        except acties.OverlapFout:
            uitkomsten.append("overlap")
        except Exception as e:  # a unique violation would also count as "not two at once"
            uitkomsten.append(type(e).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=poging, args=(r,)) for r in regisseurs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert uitkomsten.count("ok") == 1, uitkomsten
    assert set(uitkomsten) <= {"ok", "overlap"}, uitkomsten
    assert Toewijzing.objects.filter(wijk=wijk, geldig_van__gte=D(2021, 1, 1)).count() == 1
