"""CSV for Dutch Excel: UTF-8 with a BOM, ";" as separator, no formulas from user text. One
response helper for every export (wijkwerk.excel.csv_antwoord)."""

import csv
import re
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

BOM = "\ufeff"
SCHEIDINGSTEKEN = ";"
_GETAL = re.compile(r"[-+]?\d[\d.,]*")


def cel(waarde) -> str:
    """Text starting with = + - @ would run as a formula in Excel (CSV injection): prefix it
    with a quote. Plain numbers such as "-1234,50" stay numbers."""
    tekst = "" if waarde is None else str(waarde)
    if tekst[:1] in ("=", "+", "-", "@") and not _GETAL.fullmatch(tekst):
        return "'" + tekst
    return tekst


def bedrag(waarde) -> str:
    """An amount for a Dutch spreadsheet: decimal comma, no thousands separator."""
    return f"{Decimal(waarde):.2f}".replace(".", ",")


def datum(d) -> str:
    """A date as every export writes it: dd-mm-jjjj."""
    return d.strftime("%d-%m-%Y") if d else ""


def tijd(moment) -> str:
    """A moment in Europe/Amsterdam as every export writes it: dd-mm-jjjj hh:mm."""
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else ""


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
