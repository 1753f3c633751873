"""What signalen loads (wijkwerk's laad_referentiedata and laad_demo)."""

from signalen.demo import laad_demo_signalen
from signalen.referentie import laad_themas


def referentiedata(stdout) -> int:
    # The themes are seeded by migration 0002 too; this restores them in a flushed database.
    return laad_themas()


def demo(stdout, **opties) -> None:
    if n := laad_demo_signalen():
        stdout.write(f"{n} demosignalen gemaakt (een jaar, gemarkeerd als demo).")
