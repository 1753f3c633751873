"""wijkwerk.excel: what Excel makes of each cell of every export."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest

from wijkwerk.excel import bedrag, cel, datum, tijd


@pytest.mark.parametrize(
    "waarde",
    [
        "gewone tekst",
        "-Stichting",  # a dash before a word: text, no apostrophe in Excel
        "- niet bekend",
        "@",
        "12",
        "-1234,50",
        "0,5",
        "Bel 0612345678 na vijven",
    ],
)
def test_onschuldige_tekst_blijft_zoals_hij_is(waarde):
    assert cel(waarde) == waarde


@pytest.mark.parametrize(
    "waarde",
    [
        # Excel would make these numbers or dates and drop the plus or the zero.
        "+31612345678",
        "0612345678",
        "06-12345678",
        "+31 6 1234",
        "007",
        "1-2",
        "12:30",
        # Formulas: run, read other cells or call other programs.
        "=1+1",
        ' =HYPERLINK("x")',
        "+A1",
        "-$B$2",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "@NOW",
        "\t=1+1",
        "\rtekst",
    ],
)
def test_tekst_die_excel_zou_veranderen_blijft_tekst(waarde):
    assert cel(waarde) == "'" + waarde


def test_datums_tijden_en_bedragen_blijven_datums_en_getallen():
    # Formatted here to be read as dates and numbers: no text marker.
    assert cel(datum(datetime.date(2026, 2, 3))) == "03-02-2026"
    moment = datetime.datetime(2026, 2, 3, 9, 5, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    assert cel(tijd(moment)) == "03-02-2026 09:05"
    assert cel(bedrag(Decimal("-100"))) == "-100,00"
    assert cel(12345) == "12345"
    assert cel(None) == "" and cel("") == ""
