"""|typst: a value as a Typst string literal embedded in markup (`#"…";`), the one way values
enter templates/rapportage/*.typ. As a string, nothing in it is markup or code: `#import`,
`]`, `*`, `//` stay text. The closing `;` ends the embedded expression, so a following `.`
or `(` in the template cannot continue it."""

import re

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _teken(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    if ord(c) < 0x20 or ord(c) == 0x7F:
        return ""  # other control characters have no place in a report (NUL is refused earlier)
    return c


@register.filter
def typst(waarde, plaats="tekst") -> str:
    """`plaats`: "tekst" runs whitespace together as HTML shows it; "regels" keeps the line
    breaks (as |linebreaksbr); "code" gives the bare literal, for arguments in Typst code."""
    # As the template engine shows a value: numbers localised (decimal comma).
    tekst = waarde if isinstance(waarde, str) else str(formats.localize(waarde))
    if plaats != "regels":
        # Not str.split(): the no-break space of an amount stays.
        tekst = re.sub(r"[ \t\r\n]+", " ", tekst).strip()
    literal = '"' + "".join(_teken(c) for c in tekst) + '"'
    return mark_safe(literal if plaats == "code" else f"#{literal};")
