"""|typst: a value as a Typst string literal embedded in markup (`#"…";`), the one way values
enter templates/rapportage/*.typ. As a string, nothing in it is markup or code: `#import`,
`]`, `*`, `//` stay text. The closing `;` ends the embedded expression, so a following `.`
or `(` in the template cannot continue it."""

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
    """`plaats` "code" gives the bare literal, for arguments inside Typst code."""
    # As the template engine shows a value: numbers localised (decimal comma).
    tekst = waarde if isinstance(waarde, str) else str(formats.localize(waarde))
    literal = '"' + "".join(_teken(c) for c in tekst) + '"'
    return mark_safe(literal if plaats == "code" else f"#{literal};")
