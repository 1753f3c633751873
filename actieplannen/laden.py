"""What actieplannen loads (wijkwerk's laad_referentiedata and laad_demo)."""

from actieplannen import referentiedata as ref


def referentiedata(stdout) -> int:
    return ref.laad()
