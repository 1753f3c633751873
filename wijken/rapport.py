"""The kwartaalrapportage's section on the wijk itself (rapportage.cijfers): the
focuspunten and voorzieningen a beheerder changed in the quarter (with their status now),
and for one wijk who its wijkregisseur was at the end of the quarter."""

from wijken.models import Focuspunt, Toewijzing, Voorziening

VOLGORDE = 50
SJABLOON = "wijken/_rapport.html"


def cijfers(wijk_ids, kwartaal) -> dict:
    in_kwartaal = kwartaal.bevat("gewijzigd_op")
    focuspunten = (
        Focuspunt.objects.filter(in_kwartaal, wijken__id__in=wijk_ids).distinct().order_by("titel")
    )
    voorzieningen = (
        Voorziening.objects.filter(in_kwartaal, wijk_id__in=wijk_ids)
        .select_related("wijk")
        .order_by("wijk__naam", "naam")
    )
    regisseurs = sorted(
        {
            t.regisseur.naam
            for t in Toewijzing.objects.op_datum(kwartaal.laatste_dag)
            .filter(wijk_id__in=wijk_ids)
            .select_related("regisseur")
        }
    )
    return {
        "focuspunten": [{"titel": f.titel, "status": f.get_status_display()} for f in focuspunten],
        "voorzieningen": [
            {
                "naam": v.naam,
                "wijk": v.wijk.naam,
                "soort": v.get_soort_display(),
                "status": v.get_status_display(),
            }
            for v in voorzieningen
        ],
        "regisseurs": regisseurs,
    }
