import pytest

from signalen import acties
from signalen.models import Thema
from wijken.models import Wijk


@pytest.fixture
def maak_signaal(referentie):
    """Create a signal through the real action, as a regisseur would."""

    def maak(wijk="oosterheem", thema="jeugd", door=None, **velden):
        velden.setdefault("omschrijving", "Te weinig speelplekken bij de basisschool.")
        signaal, _ = acties.maak_signaal(
            door=door,
            wijk=Wijk.objects.get(slug=wijk),
            thema=Thema.objects.get(naam=thema),
            **velden,
        )
        return signaal

    return maak


@pytest.fixture
def prive_signaal(maak_signaal, regisseur_a):
    return maak_signaal(
        omschrijving="Mevrouw Jansen op nummer 12 vereenzaamt.",
        gemeld_door="buurvrouw Pietersen",
        bevat_persoonsgegevens=True,
        thema="eenzaamheid",
        door=regisseur_a,
    )
