"""Measured values of the indicators: stored Metingen (imported from the monitors) merged
with the values Wijkwerk computes itself (the response clock of the initiatives).

    waarden(wijk_ids, indicator_ids=None) -> dict[(indicator_id, wijk_id), list[Waarde]]

        Every known value per indicator and wijk, sorted by (jaar, kwartaal); kwartaal 0 is
        the whole year and sorts before that year's quarters. A Waarde is a NamedTuple
        (jaar, kwartaal, waarde: Decimal, bron: str) with .periode ("2020" or "2020 K3").
        Indicators with berekend=True ("reactiesnelheid", "binnen-de-norm") come from the
        initiatives, never from stored rows. At most four queries, whatever the data size
        (one fewer when indicator_ids are Indicator objects the caller has read, one fewer
        when the computed figures are cached). A pair without values is absent.

    laatste(reeks, *, jaren=False) -> Waarde | None

        The latest value of one such list (with jaren=True: the latest whole-year value,
        the one to set against a baseline and target that are yearly).

The CSV import (what a municipality gets from the Veiligheidsmonitor, the GGD and its own
wijkmonitor, saved from Excel): lees_upload() reads and decodes the file or raises
Bestandsfout with one Dutch message; controleer() checks every row and compares it with
what is stored; voorbereid() keeps the text for the confirmation (Metingimport) and
bevestig() saves all rows in one transaction, or nothing when one row is wrong.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, IntegerField, Max, Q, Value
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.formats import number_format

from actieplannen import toegang
from actieplannen.models import LAATSTE_JAAR, Indicator, Meting, Metingimport
from initiatieven.models import Initiatief, Status, norm_dagen
from wijken.models import Wijk
from wijkwerk.db import Mediaan

# The codes of the computed indicators (actieplannen.referentiedata).
REACTIESNELHEID = "reactiesnelheid"
BINNEN_DE_NORM = "binnen-de-norm"

EEN_DECIMAAL = Decimal("0.1")


class Waarde(NamedTuple):
    jaar: int
    kwartaal: int  # 0 = the whole year
    waarde: Decimal
    bron: str

    @property
    def periode(self) -> str:
        return f"{self.jaar}" if self.kwartaal == 0 else f"{self.jaar} K{self.kwartaal}"


def laatste(reeks, *, jaren: bool = False) -> Waarde | None:
    kandidaten = [w for w in reeks or [] if not jaren or w.kwartaal == 0]
    return kandidaten[-1] if kandidaten else None


def waarden(wijk_ids, indicator_ids=None) -> dict[tuple[int, int], list[Waarde]]:
    wijk_ids = list(wijk_ids)
    gevraagd = None if indicator_ids is None else list(indicator_ids)
    if gevraagd and all(isinstance(i, Indicator) for i in gevraagd):
        indicatoren = gevraagd  # read by the caller already: one query fewer
    else:
        indicatoren = Indicator.objects.only("id", "code", "bron", "berekend")
        if gevraagd is not None:
            indicatoren = indicatoren.filter(pk__in=gevraagd)
        indicatoren = list(indicatoren)
    if not wijk_ids or not indicatoren:
        return {}

    uitkomst: dict[tuple[int, int], list[Waarde]] = defaultdict(list)
    gemeten = [i.pk for i in indicatoren if not i.berekend]
    if gemeten:
        rijen = Meting.objects.filter(indicator_id__in=gemeten, wijk_id__in=wijk_ids).values_list(
            "indicator_id", "wijk_id", "jaar", "kwartaal", "waarde", "bron"
        )
        for indicator_id, wijk_id, jaar, kwartaal, waarde, bron in rijen:
            uitkomst[indicator_id, wijk_id].append(Waarde(jaar, kwartaal, waarde, bron))

    berekend = {i.code: i for i in indicatoren if i.berekend}
    if berekend:
        for rij in reactiesnelheid(wijk_ids):
            for code, veld in ((REACTIESNELHEID, "mediaan"), (BINNEN_DE_NORM, "aandeel_binnen")):
                if code in berekend:
                    indicator = berekend[code]
                    uitkomst[indicator.pk, rij["wijk_id"]].append(
                        Waarde(rij["jaar"], rij["kwartaal"], rij[veld], indicator.bron)
                    )

    for reeks in uitkomst.values():
        reeks.sort(key=lambda w: (w.jaar, w.kwartaal))
    return dict(uitkomst)


def reactiesnelheid(wijk_ids) -> list[dict]:
    """Per wijk, year and quarter, and per wijk and whole year (kwartaal 0): the median
    response time in days and the share answered within the norm, as initiatieven.cijfers
    counts them (informed initiatives, by the Europe/Amsterdam date they were informed on).

    Two queries, one on a cache hit: a year's median is not a function of its quarters'
    medians, so the year rows are a second GROUP BY, joined to the quarter rows with
    UNION ALL."""
    wijk_ids = sorted(wijk_ids)
    norm = norm_dagen()
    basis = Initiatief.objects.filter(
        wijk_id__in=wijk_ids,
        status=Status.GEINFORMEERD,
        doorlooptijd_dagen__isnull=False,
        geinformeerd_op__isnull=False,
    )
    # Cached as initiatieven.cijfers caches its figures: the key holds the latest
    # geinformeerd_op (one index lookup), so a newly informed initiative changes the key
    # and cached figures are never stale; the grouped median reads every informed
    # initiative of the wijken (thousands per wijk at the full volume).
    laatste = basis.aggregate(m=Max("geinformeerd_op"))["m"]
    sleutel = (
        "actieplannen:reactiesnelheid:"
        + hashlib.sha256(f"{wijk_ids}|{laatste}|{norm}".encode()).hexdigest()
    )
    return cache.get_or_set(sleutel, lambda: _reactiesnelheid(basis, norm), 24 * 60 * 60)


def _reactiesnelheid(basis, norm) -> list[dict]:
    tz = timezone.get_default_timezone()
    basis = basis.annotate(jaar=ExtractYear("geinformeerd_op", tzinfo=tz))
    cijfers = {
        "aantal": Count("id"),
        "mediaan_dagen": Mediaan("doorlooptijd_dagen"),
        "binnen": Count("id", filter=Q(doorlooptijd_dagen__lte=norm)),
    }
    kwartalen = (
        basis.annotate(kwartaal=ExtractQuarter("geinformeerd_op", tzinfo=tz))
        .values("wijk_id", "jaar", "kwartaal")
        .annotate(**cijfers)
        .order_by()
    )
    jaren = (
        basis.annotate(kwartaal=Value(0, output_field=IntegerField()))
        .values("wijk_id", "jaar", "kwartaal")
        .annotate(**cijfers)
        .order_by()
    )
    rijen = list(kwartalen.union(jaren, all=True))
    for rij in rijen:
        rij["mediaan"] = Decimal(str(rij["mediaan_dagen"])).quantize(EEN_DECIMAAL)
        rij["aandeel_binnen"] = (Decimal(100 * rij["binnen"]) / rij["aantal"]).quantize(
            EEN_DECIMAAL
        )
    return rijen


# --- CSV import --------------------------------------------------------------------------

MAX_BYTES = 5 * 1024 * 1024
MAX_RIJEN = 20_000
EERSTE_JAAR = 2000
KOLOMMEN = ("wijk", "indicator", "jaar", "kwartaal", "waarde", "bron")
VERPLICHT = ("wijk", "indicator", "jaar", "waarde")
VOORBEELD_KOP = ";".join(KOLOMMEN)
# What Meting.waarde holds: 12 digits, 2 after the decimal point.
GROOTSTE = Decimal("9999999999.99")
TWEE_DECIMALEN = Decimal("0.01")
BRON_MAX = Meting._meta.get_field("bron").max_length
# Unconfirmed previews are deleted after this; a preview is meant to be confirmed now.
BEWAAR_VOORBEELD = datetime.timedelta(days=1)

NIEUW, GEWIJZIGD, ONGEWIJZIGD = "nieuw", "gewijzigd", "ongewijzigd"

_NL_MET_PUNTEN = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_MET_KOMMA = re.compile(r"^-?\d+(,\d+)?$")
_MET_PUNT = re.compile(r"^-?\d+(\.\d+)?$")
_CBS_CODE = re.compile(r"^WK\d{6}$", re.IGNORECASE)


class Bestandsfout(Exception):
    """The file as a whole cannot be read; the message says why, in Dutch."""


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def lees_upload(bestand) -> str:
    """The text of an uploaded file (Django's UploadedFile). Checks the size Django recorded
    before reading, and never reads more than the limit plus one byte."""
    if bestand.size is not None and bestand.size > MAX_BYTES:
        raise Bestandsfout(
            f"Het bestand is {_mb(bestand.size)} MB. Dat is te groot: het mag hoogstens "
            f"{_mb(MAX_BYTES)} MB zijn. Splits het bestand, bijvoorbeeld per jaar."
        )
    bestand.seek(0)
    data = bestand.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Bestandsfout(f"Het bestand is te groot: het mag hoogstens {_mb(MAX_BYTES)} MB zijn.")
    return decodeer(data)


def decodeer(data: bytes) -> str:
    """UTF-8 (with or without Excel's BOM), else Windows-1252: what Excel-NL writes for
    "CSV (gescheiden door lijstscheidingsteken)"."""
    if not data.strip():
        raise Bestandsfout("Het bestand is leeg.")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise Bestandsfout(
            "Dit is een Excel-bestand, geen CSV. Kies in Excel ‘Opslaan als’ en dan "
            "‘CSV (gescheiden door lijstscheidingsteken)’, en upload dat bestand."
        )
    if b"\x00" in data:
        raise Bestandsfout(
            "Dit bestand is geen CSV-tekst. Sla het in Excel op als ‘CSV (gescheiden door "
            "lijstscheidingsteken)’."
        )
    for codering in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(codering)
        except UnicodeDecodeError:
            continue
    raise Bestandsfout(
        "De tekens in dit bestand kunnen we niet lezen. Sla het op als CSV in UTF-8."
    )


@dataclass
class Rij:
    """One data line of the file, by its line number as Excel shows it (the header is 1)."""

    nummer: int
    ruw: dict
    fouten: list = field(default_factory=list)
    indicator: Indicator | None = None
    wijken: list = field(default_factory=list)
    jaar: int | None = None
    kwartaal: int = 0
    waarde: Decimal | None = None
    bron: str = ""
    # Per wijk: (wijk, NIEUW / GEWIJZIGD / ONGEWIJZIGD, the stored value or None).
    uitkomsten: list = field(default_factory=list)

    @property
    def periode(self) -> str:
        if self.jaar is None:
            return ""
        return f"{self.jaar}" if self.kwartaal == 0 else f"{self.jaar} K{self.kwartaal}"


@dataclass
class Controle:
    """The result of checking a whole file: every row with its errors or outcomes."""

    rijen: list
    genegeerde_kolommen: list = field(default_factory=list)

    @cached_property
    def foute_rijen(self) -> list:
        return [rij for rij in self.rijen if rij.fouten]

    @property
    def geldig(self) -> bool:
        return bool(self.rijen) and not self.foute_rijen

    @cached_property
    def tellingen(self) -> dict:
        tel = {NIEUW: 0, GEWIJZIGD: 0, ONGEWIJZIGD: 0}
        for rij in self.rijen:
            for _, uitkomst, _ in rij.uitkomsten:
                tel[uitkomst] += 1
        return tel

    @property
    def nieuw(self) -> int:
        return self.tellingen[NIEUW]

    @property
    def gewijzigd(self) -> int:
        return self.tellingen[GEWIJZIGD]

    @property
    def ongewijzigd(self) -> int:
        return self.tellingen[ONGEWIJZIGD]

    @property
    def veranderende_rijen(self) -> list:
        return [r for r in self.rijen if any(u != ONGEWIJZIGD for _, u, _ in r.uitkomsten)]


def _kopregel(tekst: str) -> str:
    return tekst.lstrip("\ufeff").split("\n", 1)[0]


def _scheidingsteken(kop: str) -> str:
    """Excel-NL writes ";"; an English Excel or another program writes "," or a tab. The
    header names hold none of these, so the header line tells which one the file uses."""
    for teken in (";", "\t", ","):
        if teken in kop:
            return teken
    return ";"


def lees_rijen(tekst: str) -> tuple[list[str], list[Rij]]:
    """The column names and the data rows; Bestandsfout for a file that is not a table of
    metingen (no header, a required column missing, no rows, too many rows)."""
    tekst = tekst.lstrip("\ufeff")
    if not tekst.strip():
        raise Bestandsfout("Het bestand is leeg.")
    teken = _scheidingsteken(_kopregel(tekst))
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=teken)
    try:
        kop = [naam.strip().lower() for naam in next(lezer)]
        dubbel = sorted({naam for naam in kop if naam and kop.count(naam) > 1})
        if dubbel:
            raise Bestandsfout(f"De kolom ‘{dubbel[0]}’ staat twee keer in de eerste regel.")
        ontbreekt = [naam for naam in VERPLICHT if naam not in kop]
        if len(kop) == 1 and len(ontbreekt) > 1:
            raise Bestandsfout(
                "De eerste regel heeft maar één kolom. Zet een puntkomma tussen de namen van "
                f"de kolommen: {VOORBEELD_KOP}"
            )
        if ontbreekt:
            namen = [f"‘{n}’" for n in ontbreekt]
            namen = namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]
            raise Bestandsfout(
                f"{'De kolom' if len(ontbreekt) == 1 else 'De kolommen'} {namen} "
                f"{'ontbreekt' if len(ontbreekt) == 1 else 'ontbreken'}. De eerste regel noemt "
                f"de kolommen, gescheiden door een puntkomma: {VOORBEELD_KOP}"
            )
        rijen = []
        for nummer, velden in enumerate(lezer, start=2):
            if not any(v.strip() for v in velden):
                continue  # Excel writes empty lines (";;;;") below a table
            if len(rijen) >= MAX_RIJEN:
                raise Bestandsfout(
                    f"Het bestand heeft meer dan {number_format(MAX_RIJEN, force_grouping=True)} "
                    "regels met metingen. Splits het bestand, bijvoorbeeld per jaar."
                )
            rij = Rij(nummer=nummer, ruw={naam: "" for naam in KOLOMMEN})
            for naam, waarde in zip(kop, velden, strict=False):
                if naam in KOLOMMEN:
                    rij.ruw[naam] = waarde.strip()
            if len(velden) > len(kop) and any(v.strip() for v in velden[len(kop) :]):
                rij.fouten.append(
                    "Deze regel heeft meer kolommen dan de eerste regel. Staat er een "
                    "puntkomma of komma in een waarde?"
                )
            rijen.append(rij)
    except csv.Error as fout:
        raise Bestandsfout(
            "Dit bestand kunnen we niet lezen als CSV. Sla het in Excel op als ‘CSV "
            "(gescheiden door lijstscheidingsteken)’."
        ) from fout
    if not rijen:
        raise Bestandsfout("Het bestand heeft alleen een kopregel en nog geen metingen.")
    return kop, rijen


def lees_getal(tekst: str) -> Decimal:
    """12,5 or 12.5 (and 1.234,5): ValueError with a Dutch message otherwise."""
    tekst = tekst.replace(" ", "").replace("\u00a0", "")
    if _NL_MET_PUNTEN.match(tekst):
        tekst = tekst.replace(".", "").replace(",", ".")
    elif _MET_KOMMA.match(tekst):
        tekst = tekst.replace(",", ".")
    elif not _MET_PUNT.match(tekst):
        raise ValueError(f"De waarde ‘{tekst}’ is geen getal. Schrijf bijvoorbeeld 12,5.")
    try:
        getal = Decimal(tekst)
    except InvalidOperation:
        raise ValueError(f"De waarde ‘{tekst}’ is geen getal.") from None
    if getal != getal.quantize(TWEE_DECIMALEN):
        raise ValueError("Gebruik hoogstens twee cijfers achter de komma.")
    if abs(getal) > GROOTSTE:
        raise ValueError("Dit getal is te groot.")
    return getal.quantize(TWEE_DECIMALEN)


def _getal_nl(getal: Decimal) -> str:
    # For messages only; pages format numbers in their templates.
    return f"{getal.normalize():f}".replace(".", ",")


class _Opzoeken:
    """Wijken and indicators by every name a file may use, read in two queries."""

    def __init__(self):
        self.wijk = {}
        self.cbs = defaultdict(list)
        for wijk in Wijk.objects.only("id", "naam", "slug", "cbs_wijk_id").order_by("naam"):
            self.wijk[wijk.naam.lower()] = wijk
            self.wijk[wijk.slug.lower()] = wijk
            self.cbs[wijk.cbs_wijk_id.upper()].append(wijk)
        self.indicator = {i.code.lower(): i for i in Indicator.objects.all()}

    def importeerbare_codes(self) -> str:
        return ", ".join(sorted(code for code, i in self.indicator.items() if not i.berekend))


def _controleer_rij(rij: Rij, zoek: _Opzoeken, user) -> None:
    ruw = rij.ruw
    fouten = rij.fouten

    code = ruw["indicator"]
    if not code:
        fouten.append("Vul de indicator in.")
    elif (indicator := zoek.indicator.get(code.lower())) is None:
        fouten.append(
            f"De indicator ‘{code}’ kennen we niet. Gebruik een van deze codes: "
            f"{zoek.importeerbare_codes()}."
        )
    elif indicator.berekend:
        fouten.append(
            f"‘{indicator.naam}’ rekent Wijkwerk zelf uit de initiatieven. Die kunt u niet "
            "importeren."
        )
    else:
        rij.indicator = indicator

    naam = ruw["wijk"]
    if not naam:
        fouten.append("Vul de wijk in.")
    elif _CBS_CODE.match(naam):
        wijken = zoek.cbs.get(naam.upper(), [])
        if not wijken:
            fouten.append(f"De CBS-wijkcode ‘{naam}’ kennen we niet in Zoetermeer.")
        elif (
            len(wijken) > 1 and rij.indicator and rij.indicator.niveau != Indicator.Niveau.CBS_WIJK
        ):
            fouten.append(
                f"CBS-wijk {naam.upper()} bestaat uit meer wijken "
                f"({', '.join(w.naam for w in wijken)}). ‘{rij.indicator.naam}’ wordt per wijk "
                "gemeten: noem de wijk."
            )
        else:
            # A CBS-level figure holds for every wijk in that CBS wijk.
            rij.wijken = wijken
    elif (wijk := zoek.wijk.get(naam.lower())) is None:
        fouten.append(
            f"De wijk ‘{naam}’ kennen we niet. Gebruik de naam van de wijk (bijvoorbeeld "
            "Oosterheem) of de CBS-wijkcode (bijvoorbeeld WK063706)."
        )
    else:
        rij.wijken = [wijk]
    anders = [w.naam for w in rij.wijken if not toegang.mag_metingen_invoeren(user, w)]
    if anders:
        fouten.append(
            f"U bent niet de wijkregisseur van {', '.join(anders)}. U kunt alleen metingen "
            "van uw eigen wijken invoeren."
        )
        rij.wijken = []

    jaar = ruw["jaar"]
    if not jaar:
        fouten.append("Vul het jaar in.")
    elif not jaar.isdigit():
        fouten.append(
            f"Het jaar ‘{jaar}’ is geen jaartal. Schrijf het jaar in cijfers, zoals 2020."
        )
    elif not EERSTE_JAAR <= int(jaar) <= LAATSTE_JAAR:
        fouten.append(f"Het jaar moet tussen {EERSTE_JAAR} en {LAATSTE_JAAR} liggen.")
    else:
        rij.jaar = int(jaar)

    kwartaal = ruw["kwartaal"].upper().removeprefix("K").removeprefix("Q")
    if kwartaal in ("", "0"):
        rij.kwartaal = 0
    elif kwartaal in ("1", "2", "3", "4"):
        rij.kwartaal = int(kwartaal)
    else:
        fouten.append(
            f"Het kwartaal ‘{ruw['kwartaal']}’ bestaat niet. Laat het leeg voor een heel jaar, "
            "of schrijf 1, 2, 3 of 4."
        )

    if not ruw["waarde"]:
        fouten.append("Vul de waarde in.")
    else:
        try:
            rij.waarde = lees_getal(ruw["waarde"])
        except ValueError as fout:
            fouten.append(str(fout))
    if rij.waarde is not None and rij.indicator is not None:
        laag, hoog = rij.indicator.minimum, rij.indicator.maximum
        if (laag is not None and rij.waarde < laag) or (hoog is not None and rij.waarde > hoog):
            if laag is not None and hoog is not None:
                bereik = f"van {_getal_nl(laag)} tot en met {_getal_nl(hoog)}"
            elif laag is not None:
                bereik = f"vanaf {_getal_nl(laag)}"
            else:
                bereik = f"tot en met {_getal_nl(hoog)}"
            fouten.append(
                f"De waarde {_getal_nl(rij.waarde)} kan niet: ‘{rij.indicator.naam}’ loopt "
                f"{bereik} ({rij.indicator.eenheid})."
            )

    rij.bron = ruw["bron"] or (rij.indicator.bron if rij.indicator else "")
    if len(rij.bron) > BRON_MAX:
        fouten.append(f"De bron is te lang: hoogstens {BRON_MAX} tekens.")


def controleer(tekst: str, *, door) -> Controle:
    """Every row checked (Bestandsfout for the file as a whole) and compared with what is
    stored. Four queries whatever the number of rows: wijken, indicators, the user's wijken,
    the stored metingen of the same indicators, wijken and years."""
    kop, rijen = lees_rijen(tekst)
    zoek = _Opzoeken()
    eerder = {}
    for rij in rijen:
        _controleer_rij(rij, zoek, door)
        if rij.indicator is None or rij.jaar is None:
            continue
        for wijk in rij.wijken:
            sleutel = (rij.indicator.pk, wijk.pk, rij.jaar, rij.kwartaal)
            if sleutel in eerder:
                rij.fouten.append(
                    f"Deze meting ({wijk.naam}, {rij.indicator.code}, {rij.periode}) staat ook "
                    f"in regel {eerder[sleutel]}."
                )
            else:
                eerder[sleutel] = rij.nummer

    goed = [r for r in rijen if not r.fouten]
    if goed:
        opgeslagen = {
            (i, w, j, k): (waarde, bron)
            for i, w, j, k, waarde, bron in Meting.objects.filter(
                indicator_id__in={r.indicator.pk for r in goed},
                wijk_id__in={w.pk for r in goed for w in r.wijken},
                jaar__in={r.jaar for r in goed},
            ).values_list("indicator_id", "wijk_id", "jaar", "kwartaal", "waarde", "bron")
        }
        for rij in goed:
            for wijk in rij.wijken:
                oud = opgeslagen.get((rij.indicator.pk, wijk.pk, rij.jaar, rij.kwartaal))
                if oud is None:
                    rij.uitkomsten.append((wijk, NIEUW, None))
                elif oud == (rij.waarde, rij.bron):
                    rij.uitkomsten.append((wijk, ONGEWIJZIGD, oud[0]))
                else:
                    rij.uitkomsten.append((wijk, GEWIJZIGD, oud[0]))
    genegeerd = [naam for naam in kop if naam and naam not in KOLOMMEN]
    return Controle(rijen=rijen, genegeerde_kolommen=genegeerd)


def importeer(tekst: str, *, door) -> Controle:
    """Checks the file again and, only if every row is valid, saves the new and changed
    metingen in one transaction (an upsert on meting_uniek_per_periode, so a meting added
    meanwhile by someone else is updated rather than refused). Unchanged rows keep who
    entered them and when."""
    with transaction.atomic():
        controle = controleer(tekst, door=door)
        if not controle.geldig:
            return controle
        nu = timezone.now()
        schrijven = [
            Meting(
                indicator=rij.indicator,
                wijk=wijk,
                jaar=rij.jaar,
                kwartaal=rij.kwartaal,
                waarde=rij.waarde,
                bron=rij.bron,
                ingevoerd_door=door,
                ingevoerd_op=nu,
                is_demo=False,
            )
            for rij in controle.rijen
            for wijk, uitkomst, _ in rij.uitkomsten
            if uitkomst != ONGEWIJZIGD
        ]
        Meting.objects.bulk_create(
            schrijven,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["indicator", "wijk", "jaar", "kwartaal"],
            update_fields=["waarde", "bron", "ingevoerd_door", "ingevoerd_op", "is_demo"],
        )
    return controle


def voorbereid(tekst: str, *, bestandsnaam: str, door) -> Metingimport:
    """Keeps the text of a checked file for its confirmation; clears old previews."""
    Metingimport.objects.filter(
        verwerkt_op__isnull=True, aangemaakt_op__lt=timezone.now() - BEWAAR_VOORBEELD
    ).delete()
    return Metingimport.objects.create(door=door, bestandsnaam=bestandsnaam[:255], inhoud=tekst)


def bevestig(token, *, door) -> tuple[Metingimport | None, Controle | None]:
    """Saves the file of this preview (token) by this user, once. (None, None) if there is
    no such preview; (import, None) if it was saved before (a second click: its stored
    counts stand); (import, controle) otherwise, with controle.geldig False if a row has
    become wrong since the preview (nothing saved)."""
    with transaction.atomic():
        voorbeeld = Metingimport.objects.select_for_update().filter(token=token, door=door).first()
        if voorbeeld is None or voorbeeld.verwerkt_op is not None:
            return voorbeeld, None
        try:
            controle = importeer(voorbeeld.inhoud, door=door)
        except Bestandsfout:
            return voorbeeld, Controle(rijen=[])
        if controle.geldig:
            voorbeeld.verwerkt_op = timezone.now()
            voorbeeld.nieuw = controle.nieuw
            voorbeeld.gewijzigd = controle.gewijzigd
            voorbeeld.ongewijzigd = controle.ongewijzigd
            voorbeeld.save(update_fields=["verwerkt_op", "nieuw", "gewijzigd", "ongewijzigd"])
        return voorbeeld, controle
