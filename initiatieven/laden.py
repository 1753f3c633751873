"""What initiatieven loads (wijkwerk's laad_referentiedata and laad_demo)."""

from initiatieven.demo import laad_demo_initiatieven
from initiatieven.referentiedata import zorg_voor_disciplines


def referentiedata(stdout) -> int:
    zorg_voor_disciplines()
    return 0


def demo(stdout, **opties) -> None:
    if n := laad_demo_initiatieven():
        stdout.write(f"{n} demo-initiatieven gemaakt.")
