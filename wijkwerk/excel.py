"""CSV for Dutch Excel: UTF-8 with a BOM, ";" as separator, no formulas from user text. One
response helper for every export (wijkwerk.excel.csv_antwoord).

Excel opens a CSV as if every cell were typed in: it turns "0612345678" into the number
612345678, "+31612345678" into 31612345678 and "1-2" into a date, and runs "=…" as a
formula. A CSV has no column types, so text is kept as text this way:

- A value that Excel reads back as the same characters (ordinary text, "12", "-1234,50")
  is written exactly as it is.
- Text that Excel would change into a number or date, or run as a formula, gets a leading
  apostrophe: the marker Excel itself uses for "this is text". It is visible in the file
  (and, in some Excel versions, in the cell), which is honest: the value is what the user
  typed, plus one sign that says it was kept as text.

Not chosen: `="0612345678"` (a formula itself, the very thing the guard is there to keep
out, and other programs read it literally); a leading tab or zero-width character (hidden
extra data: the cell no longer equals what was typed, so lookups and comparisons fail).
Dates, times and amounts that this module formats (datum, tijd, bedrag) are meant to be
read as dates and numbers, and are written as they are.
"""

import csv
import re
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

BOM = "\ufeff"
SCHEIDINGSTEKEN = ";"

# A number that Dutch Excel reads back exactly as written: no leading zero, no plus.
_GETAL = re.compile(r"-?(0|[1-9]\d{0,14})(,\d+)?")
# Only digits and what Excel reads as part of a number, a date or a time: Excel converts it.
_GETALACHTIG = re.compile(r"[+-]?[\d\s.,:/()%+-]*\d[\d\s.,:/()%+-]*")
# After a leading + or -: what lets a formula run something or read other cells: a
# function call, DDE or another sheet ("(", "|", "!"), or a cell reference ("+A1",
# "-$B$2", "-1+C3"). A bare word ("-Stichting", "- niet bekend") is none of these.
_FORMULE_NA_TEKEN = re.compile(r"[(|!]|(^[+-]|[-+*/^&])\s*\$?[A-Za-z]{1,3}\$?\d")


class _Letterlijk(str):
    """A date, time or amount formatted here for Excel to read as a date or number."""


def _moet_tekst_blijven(tekst: str) -> bool:
    if tekst[:1] in ("\t", "\r"):
        return True  # some spreadsheets drop leading whitespace and then read a formula
    begin = tekst.lstrip(" ")
    teken = begin[:1]
    if teken == "=":
        return True
    if teken == "@":
        # Lotus-style functions need no brackets ("@NOW"); a lone "@" is harmless.
        return len(begin) > 1 and not begin[1].isspace()
    if teken in ("+", "-") and _FORMULE_NA_TEKEN.search(begin):
        return True
    # Number-like text that Excel would not read back as typed: "06…", "+31…", "1-2".
    return bool(_GETALACHTIG.fullmatch(tekst)) and not _GETAL.fullmatch(tekst)


def cel(waarde) -> str:
    """One cell: text that Excel would run as a formula (CSV injection) or change into a
    number or date gets a leading apostrophe; everything else is written as it is (see the
    module's docstring)."""
    if waarde is None:
        return ""
    tekst = str(waarde)
    if isinstance(waarde, (_Letterlijk, int, Decimal)) or not tekst:
        return tekst
    return "'" + tekst if _moet_tekst_blijven(tekst) else tekst


def bedrag(waarde) -> str:
    """An amount for a Dutch spreadsheet: decimal comma, no thousands separator."""
    return _Letterlijk(f"{Decimal(waarde):.2f}".replace(".", ","))


def datum(d) -> str:
    """A date as every export writes it: dd-mm-jjjj."""
    return _Letterlijk(d.strftime("%d-%m-%Y")) if d else ""


def tijd(moment) -> str:
    """A moment in Europe/Amsterdam as every export writes it: dd-mm-jjjj hh:mm."""
    return _Letterlijk(timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")) if moment else ""


class _Echo:
    def write(self, waarde):
        return waarde


def csv_antwoord(naam: str, kop: list[str], rijen, *, streaming: bool = False):
    """A CSV download named `naam`: the header row, then `rijen` (lists of values; every
    value goes through cel()). With `streaming`, `rijen` may be a generator and is sent as
    it is produced (an export of a million signals never sits in memory)."""
    schrijver = csv.writer(_Echo(), delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")

    def regels():
        yield BOM + schrijver.writerow(kop)
        for rij in rijen:
            yield schrijver.writerow([cel(waarde) for waarde in rij])

    soort = "text/csv; charset=utf-8"
    if streaming:
        response = StreamingHttpResponse(regels(), content_type=soort)
    else:
        response = HttpResponse("".join(regels()), content_type=soort)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
