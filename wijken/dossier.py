"""The wijkdossier's sections from the feature apps: each app that has something to say about
a wijk has a module `<app>/dossier.py` with `VOLGORDE` (its place on the page) and
`sectie(wijk, user) -> dict | None`: the context of its partial, which it names under
"sjabloon" (None: nothing for this user). Every section is rendered into the page itself,
so the dossier is one request with a known number of queries. The actieplan takes
VOLGORDE 40, after signalen (10), initiatieven (20) and budget (30)."""

from django.template.loader import render_to_string

from wijkwerk.apps_met import modules


def secties(request, wijk) -> list[str]:
    """The rendered sections of `wijk` for this request's user, in VOLGORDE."""
    html = []
    for module in sorted(modules("dossier"), key=lambda m: getattr(m, "VOLGORDE", 99)):
        if module.__name__ == __name__:
            continue
        context = module.sectie(wijk, request.user)
        if context is not None:
            sjabloon = context.pop("sjabloon")
            html.append(render_to_string(sjabloon, {"wijk": wijk, **context}, request=request))
    return html
