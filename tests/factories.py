import datetime

import factory
from django.contrib.auth.models import Group, User

from wijken.models import Toewijzing, Wijk, Wijkregisseur


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.invalid")
    password = factory.django.Password("geheim-wachtwoord-123")

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class WijkregisseurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijkregisseur

    naam = factory.Sequence(lambda n: f"Wijkregisseur T{n}")


class ToewijzingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toewijzing

    wijk = factory.Iterator(Wijk.objects.all())
    regisseur = factory.SubFactory(WijkregisseurFactory)
    geldig_van = datetime.date(2019, 1, 1)
