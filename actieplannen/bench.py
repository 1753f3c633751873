"""`make bench` rows for actieplannen: the overview, a plan with its goals, indicators and
projects, a project, and the wijkanalyse, at the full volume of signals and initiatives."""

from django.contrib.auth.models import Group, User

from wijkwerk import rollen as r
from wijkwerk.bench import Pagina, voeg_toe

# The users the demo plans are drafted and adopted by (as `laad_demo` makes them).
DEMO_GEBRUIKERS = {
    "regisseur-a": ("Wijkregisseur A", r.REGISSEUR),
    "regisseur-b": ("Wijkregisseur B", r.REGISSEUR),
    "paalvast": ("Paalvast", r.WETHOUDER),
    "vandriel": ("Van Driel", r.WETHOUDER),
}


def plannen_klaarzetten(stdout):
    """The demo plans (Oosterheem and Seghwaert, 2019 and 2020), once."""
    from actieplannen.demo import laad_demo_plannen
    from wijken.models import Wethouder, Wijk, Wijkregisseur

    for gebruikersnaam, (koppeling, rol) in DEMO_GEBRUIKERS.items():
        user, _ = User.objects.get_or_create(username=gebruikersnaam)
        user.groups.add(Group.objects.get(name=rol))
        model = Wijkregisseur if rol == r.REGISSEUR else Wethouder
        model.objects.filter(naam=koppeling, gebruiker__isnull=True).update(gebruiker=user)
    for naam, slug in (("Paalvast", "oosterheem"), ("Van Driel", "seghwaert")):
        Wijk.objects.filter(slug=slug, wethouder__isnull=True).update(
            wethouder=Wethouder.objects.get(naam=naam), wethouder_is_demo=True
        )
    if n := laad_demo_plannen():
        stdout.write(f"  {n} actieplannen klaargezet")


def _plan(aantal):
    from actieplannen.models import Actieplan

    pk = Actieplan.objects.get(wijk__slug="oosterheem", jaar=2020).pk
    return [pk] * aantal


def _project(aantal):
    from actieplannen.models import Project

    pk = Project.objects.filter(plan__wijk__slug="oosterheem", plan__jaar=2020).first().pk
    return [pk] * aantal


voeg_toe(
    voorbereiding=[plannen_klaarzetten],
    paginas=[
        Pagina("actieplannen: overzicht", "/actieplannen/"),
        Pagina("actieplannen: plan", "/actieplannen/{id}/", ids=_plan),
        Pagina("actieplannen: project", "/actieplannen/project/{id}/", ids=_project),
        Pagina("actieplannen: wijkanalyse", "/actieplannen/wijkanalyse/oosterheem/"),
        Pagina("actieplannen: metingen", "/actieplannen/metingen/"),
    ],
)
