"""`make bench` rows for the kwartaalrapportage at the full volume: a wijk report and the
city report computed live, the city report as adopted (stored figures only), and the public
wijkpagina."""

from rapportage.periode import Kwartaal
from wijkwerk.bench import Pagina, voeg_toe

VORIG = Kwartaal.huidig().vorige()
PAD = f"/rapportage/{VORIG.jaar}/{VORIG.nummer}/"
VASTGESTELD = VORIG.vorige()


def rapporten_klaarzetten(stdout):
    """The city and Oosterheem reports of the quarter before last, adopted once, by a
    wethouder (actieplannen' bench makes paalvast)."""
    from django.contrib.auth.models import User

    from rapportage import acties
    from rapportage.models import Kwartaalrapport
    from wijken.models import Wijk

    wethouder = User.objects.filter(wethouder__naam="Paalvast").first()
    if wethouder is None:
        return
    for wijk in (None, Wijk.objects.get(slug="oosterheem")):
        if not Kwartaalrapport.objects.vastgesteld().filter(
            wijk=wijk, jaar=VASTGESTELD.jaar, kwartaal=VASTGESTELD.nummer
        ):
            acties.stel_vast(wijk=wijk, kwartaal=VASTGESTELD, door=wethouder)
            stdout.write(f"  kwartaalrapport {VASTGESTELD} {wijk or 'stad'} vastgesteld")


voeg_toe(
    voorbereiding=[rapporten_klaarzetten],
    paginas=[
        Pagina("rapportage: wijk, actueel", PAD + "oosterheem/?live=1"),
        Pagina("rapportage: stad, actueel", PAD + "?live=1"),
        Pagina(
            "rapportage: stad, vastgesteld",
            f"/rapportage/{VASTGESTELD.jaar}/{VASTGESTELD.nummer}/",
        ),
        Pagina("rapportage: wijkpagina (publiek)", "/wijk/oosterheem/"),
    ],
)
