"""The wethouder's start page says what waits in the approval queue (budget/start.py)."""

from django.urls import reverse


def test_startpagina_wethouder_noemt_de_wachtrij(client, wethouder, budget):
    client.force_login(wethouder)
    assert (
        "Er wachten geen bestedingsvoorstellen op uw besluit." in client.get("/").content.decode()
    )


def test_startpagina_wethouder_linkt_naar_wachtende_voorstellen(client, wethouder, voorstel):
    client.force_login(wethouder)
    tekst = client.get("/").content.decode()
    assert "Er wacht 1 bestedingsvoorstel op uw besluit." in tekst
    assert f'href="{reverse("budget:wachtrij")}">Naar de wachtrij</a>' in tekst
