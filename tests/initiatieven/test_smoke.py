from django.urls import reverse

from initiatieven.models import Initiatief


def test_rondgang(
    client, personas, agendapunt, vergadering, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(personas["groene_loper"])
    for naam, args in [
        ("initiatieven:lijst", []),
        ("initiatieven:doorlooptijd", []),
        ("initiatieven:vergaderingen", []),
        ("initiatieven:vergadering", [vergadering.pk]),
        ("initiatieven:besluitenlijst", [vergadering.pk]),
        ("initiatieven:detail", [agendapunt.initiatief.referentie]),
        ("wijken:dossier", ["oosterheem"]),
    ]:
        r = client.get(reverse(naam, args=args))
        assert r.status_code == 200, naam
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("initiatieven:besluit", args=[agendapunt.pk]),
            {
                f"besluit-{agendapunt.pk}-uitkomst": "akkoord",
                f"besluit-{agendapunt.pk}-motivering": "Mooi",
            },
            headers={"HX-Request": "true"},
        )
    assert r.status_code == 200, r.content.decode()[:3000]
    assert Initiatief.objects.get().status == "geinformeerd"
    assert len(mailoutbox) == 1
    r = client.get(reverse("initiatieven:status", args=[agendapunt.initiatief.status_token]))
    assert "Mooi" in r.content.decode()
