"""CSV for Dutch Excel: UTF-8 with a BOM, ";" as separator, no formulas from user text."""

import re

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
