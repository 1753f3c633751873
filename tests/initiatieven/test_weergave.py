"""Texts and markup prepared in Python for speed must equal what Django's filters and
widget templates give."""

import datetime
import re

import pytest
from django.forms.renderers import DjangoTemplates
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from initiatieven.forms import AdviesForm, BesluitForm
from wijkwerk import weergave
from wijkwerk.forms import Keuzelijsten


def _tags(veld) -> str:
    # MarkupSafe writes &#34; and &#39; where Django writes &quot; and &#x27;: the same.
    html = str(veld).replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", html)


GEVAARLIJK = "<script>\"a\" & 'b'</script>"


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "b-uitkomst": "akkoord",
            "b-motivering": GEVAARLIJK,
            "b-actiehouder": GEVAARLIJK,
            "b-deadline": "31-2-2027",
            "a-tekst": GEVAARLIJK,
        },
        {"b-motivering": "  ", "b-deadline": "2027-06-30", "a-tekst": "x" * 5001},
    ],
)
def test_jinja2_widgets_geven_dezelfde_html_als_django(data):
    """FORM_RENDERER is Jinja2 for speed; the markup must be what Django's templates give."""
    snel = [
        AdviesForm(data, prefix="a", keuzelijsten=Keuzelijsten(discipline=[])),
        BesluitForm(data, prefix="b"),
    ]
    django_ = [
        AdviesForm(
            data, prefix="a", keuzelijsten=Keuzelijsten(discipline=[]), renderer=DjangoTemplates()
        ),
        BesluitForm(data, prefix="b", renderer=DjangoTemplates()),
    ]
    for form, referentie in zip(snel, django_, strict=True):
        if data is not None:
            form.is_valid(), referentie.is_valid()
        for naam in form.fields:
            # Equal up to whitespace between tags, which browsers ignore, and entity spelling.
            assert _tags(form[naam]) == _tags(referentie[naam]), naam


def test_datums_en_getallen_zoals_de_filters():
    for d in [datetime.date(2026, m, m + 10) for m in range(1, 13)]:
        assert weergave.datum(d) == date_filter(d, "j F Y")
        assert weergave.datum_kort(d) == date_filter(d, "j M Y")
    # A moment late in the evening UTC is the next day in Zoetermeer.
    moment = datetime.datetime(2026, 3, 31, 22, 30, tzinfo=datetime.UTC)
    assert weergave.datum(moment) == date_filter(timezone.localtime(moment), "j F Y")
    assert weergave.datum(moment) == "1 april 2026"


def test_datumfilters_zoals_django(settings):
    """|datum and |datum_tijd write what Django's |date writes, in the local time zone."""
    from django.template import engines

    sjabloon = engines["django"].from_string(
        '{% load weergave %}{{ d|datum }}|{{ d|date:"j F Y" }}|'
        '{{ d|datum_tijd }}|{{ d|date:"j F Y, H:i" }}|{{ leeg|datum }}{{ leeg|datum_tijd }}'
    )
    for d in [
        datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC),  # 02:30 in Amsterdam
        datetime.datetime(2026, 12, 31, 23, 5, tzinfo=datetime.UTC),  # already 2027 there
    ]:
        eigen, django_, eigen_tijd, django_tijd, leeg = sjabloon.render({"d": d}).split("|")
        assert eigen == django_ and eigen_tijd == django_tijd and leeg == ""
    alleen_datum = engines["django"].from_string("{% load weergave %}{{ d|datum }}")
    assert alleen_datum.render({"d": datetime.date(2026, 1, 5)}) == "5 januari 2026"
