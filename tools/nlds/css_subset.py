"""Write static/vendor/nlds/nlds.css: only the NL Design System CSS that Wijkwerk's pages use.

The full vendored files next to this script (the Utrecht component library and the voorbeeld
theme, EUPL-1.2) are ~600 KB; a page needs a few percent of them. Kept are:
- every rule of the component library whose `utrecht-` classes all occur in the templates or
  in Python code (form widgets set classes there); a class written as a prefix in a template
  (`utrecht-alert--{{ soort }}`) keeps every class that starts with it. Classes inside `:not()`
  do not count, so `.utrecht-button:not(.utrecht-button--disabled)` stays;
- every theme token that the kept rules, static/css/wijkwerk.css or the templates read with
  `var()`, and the tokens those read in turn.
The rules keep their order and text, so the cascade is the one of the full files.

    .venv/bin/python tools/nlds/css_subset.py           # (re)write the subset
    .venv/bin/python tools/nlds/css_subset.py --check   # exit 1 if it is out of date
"""

import re
import sys
from pathlib import Path

import tinycss2

HIER = Path(__file__).resolve().parent
BASIS = HIER.parent.parent
COMPONENTEN = HIER / "utrecht" / "index.css"
THEMA = HIER / "voorbeeld" / "theme.css"
EIGEN_CSS = BASIS / "static" / "css" / "wijkwerk.css"
UITVOER = BASIS / "static" / "vendor" / "nlds" / "nlds.css"
# Where classes and var() are written; the tests, this tool and installed packages are not pages.
OVERSLAAN = {".venv", "tests", "tools", "staticfiles", "static", "node_modules", ".git", ".pgdata"}

KLASSE = re.compile(r"utrecht-[a-z0-9]+(?:[-_]+[a-z0-9]+)*(?:--|__)?")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
# Rules inside these at-rules are filtered like top-level rules; other at-rules stay whole.
GROEPEREND = {"media", "supports", "container", "layer"}


def bronbestanden():
    for map_ in sorted(BASIS.iterdir()):
        if map_.name in OVERSLAAN or map_.name.startswith("."):
            continue
        for pad in sorted(map_.rglob("*") if map_.is_dir() else [map_]):
            if pad.suffix in {".html", ".py", ".svg", ".txt"}:
                yield pad


def gebruik():
    """The utrecht- classes (and class prefixes) and the var() names the code writes."""
    klassen, prefixen, variabelen = set(), set(), set()
    for pad in bronbestanden():
        tekst = pad.read_text(encoding="utf-8")
        for naam in KLASSE.findall(tekst):
            (prefixen if naam.endswith(("--", "__")) else klassen).add(naam)
        variabelen.update(VAR.findall(tekst))
    return klassen, prefixen, variabelen


def _alternatieven(tokens):
    """A selector list split at its top-level commas."""
    alternatief = []
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            yield alternatief
            alternatief = []
        else:
            alternatief.append(token)
    yield alternatief


def _kan_passen(tokens, gebruikt):
    """False when the selector needs a utrecht- class no page uses."""
    na_punt = False
    for token in tokens:
        klasse = na_punt and token.type == "ident" and token.value.startswith("utrecht-")
        if klasse and not gebruikt(token.value):
            return False
        na_punt = token.type == "literal" and token.value == "."
        # :is(), :where(), :has(): one of the alternatives has to be possible.
        if token.type == "function" and token.lower_name != "not":
            alternatieven = _alternatieven(token.arguments)
            if not any(_kan_passen(a, gebruikt) for a in alternatieven):
                return False
    return True


def _regels(knopen, gebruikt):
    uit = []
    for knoop in knopen:
        if knoop.type == "qualified-rule":
            alternatieven = list(_alternatieven(knoop.prelude))
            passend = [a for a in alternatieven if _kan_passen(a, gebruikt)]
            if not passend:
                continue
            if len(passend) == len(alternatieven):
                uit.append(tinycss2.serialize([knoop]))
            else:
                selector = ", ".join(tinycss2.serialize(a).strip() for a in passend)
                uit.append(f"{selector} {{{tinycss2.serialize(knoop.content)}}}")
        elif knoop.type == "at-rule" and knoop.lower_at_keyword in GROEPEREND and knoop.content:
            binnen = _regels(tinycss2.parse_rule_list(knoop.content, True, True), gebruikt)
            if binnen:
                kop = tinycss2.serialize(knoop.prelude).strip()
                inhoud = "\n".join(binnen)
                uit.append(f"@{knoop.at_keyword} {kop} {{\n{inhoud}\n}}")
        elif knoop.type == "at-rule" and knoop.lower_at_keyword == "charset":
            continue  # written once, first, by subset()
        elif knoop.type == "at-rule":
            uit.append(tinycss2.serialize([knoop]))
    return uit


def _thema(tekst, gelezen):
    """The theme's rules with only the custom properties that something reads."""
    regels = tinycss2.parse_stylesheet(tekst, skip_comments=True, skip_whitespace=True)
    declaraties = {}
    for regel in regels:
        for d in tinycss2.parse_declaration_list(regel.content, True, True):
            if d.type == "declaration":
                declaraties.setdefault(regel, []).append(d)
    # A kept token may read other tokens: follow them until nothing new turns up.
    waarde = {d.name: tinycss2.serialize(d.value) for ds in declaraties.values() for d in ds}
    nieuw = set(gelezen)
    while nieuw:
        gelezen |= nieuw
        nieuw = {v for naam in nieuw for v in VAR.findall(waarde.get(naam, ""))} - gelezen
    uit = []
    for regel, ds in declaraties.items():
        regels_tekst = [
            f"  {d.name}: {tinycss2.serialize(d.value).strip()}"
            f"{' !important' if d.important else ''};"
            for d in ds
            if not d.name.startswith("--") or d.name in gelezen
        ]
        if regels_tekst:
            selector = tinycss2.serialize(regel.prelude).strip()
            uit.append(selector + " {\n" + "\n".join(regels_tekst) + "\n}")
    return uit


def _licentie(*teksten):
    regels = []
    for tekst in teksten:
        for blok in re.findall(r"/\*\*?(.*?)\*/", tekst, re.S):
            if "@license" in blok:
                for regel in re.findall(r"Copyright \(c\)[^\n]*", blok):
                    if regel not in regels:
                        regels.append(regel)
    return regels


def subset():
    componenten = COMPONENTEN.read_text(encoding="utf-8")
    thema = THEMA.read_text(encoding="utf-8")
    klassen, prefixen, variabelen = gebruik()

    def gebruikt(klasse):
        return klasse in klassen or klasse.startswith(tuple(prefixen))

    knopen = tinycss2.parse_stylesheet(componenten, skip_comments=True, skip_whitespace=True)
    regels = _regels(knopen, gebruikt)
    # Keyframes only for the animations that a kept rule names.
    behouden = "\n".join(r for r in regels if not r.startswith("@keyframes"))
    regels = [
        r
        for r in regels
        if not r.startswith("@keyframes") or re.search(rf"\b{r.split()[1]}\b", behouden)
    ]
    gelezen = set(variabelen) | set(VAR.findall("\n".join(regels)))
    gelezen |= set(VAR.findall(EIGEN_CSS.read_text(encoding="utf-8")))
    kop = [
        '@charset "UTF-8";',
        "/**",
        " * @license EUPL-1.2 (LICENSE.md next to this file)",
        *(f" * {regel}" for regel in _licentie(componenten, thema)),
        " *",
        " * A subset of @utrecht/component-library-css and the voorbeeld design tokens theme,",
        " * generated by tools/nlds/css_subset.py from the full files there. Do not edit.",
        " */",
    ]
    return "\n".join(kop + regels + _thema(thema, gelezen)) + "\n"


def main(argv):
    tekst = subset()
    if "--check" in argv:
        if not UITVOER.exists() or UITVOER.read_text(encoding="utf-8") != tekst:
            print(f"{UITVOER.relative_to(BASIS)} is verouderd: draai tools/nlds/css_subset.py")
            return 1
        return 0
    UITVOER.parent.mkdir(parents=True, exist_ok=True)
    UITVOER.write_text(tekst, encoding="utf-8")
    print(f"{UITVOER.relative_to(BASIS)}: {len(tekst.encode()) // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
