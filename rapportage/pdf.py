"""The kwartaalrapport as a tagged PDF/UA-1 on A4: templates/rapportage/rapport.typ (Typst
markup, every value through |typst) rendered with the HTML report's context, compiled by the
`typst` wheel. The wheel carries the compiler and its fonts, so no system library or font is
needed, and the same bytes come out on every machine."""

import typst
from django.template.loader import render_to_string


def bron(context: dict) -> str:
    """The Typst source of the report (kept apart so tests can read what was compiled)."""
    return render_to_string("rapportage/rapport.typ", context)


def maak_pdf(context: dict) -> bytes:
    return typst.compile(
        bron(context).encode(),
        format="pdf",
        pdf_standards="ua-1",
        ignore_system_fonts=True,
    )
