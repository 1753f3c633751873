"""What actieplannen loads (wijkwerk's laad_referentiedata and laad_demo)."""

from actieplannen import referentiedata as ref


def referentiedata(stdout) -> int:
    return ref.laad()


def demo(stdout, **opties) -> None:
    from actieplannen.demo import laad_demo_plannen

    if n := laad_demo_plannen():
        stdout.write(f"{n} demo-actieplannen gemaakt (Oosterheem en Seghwaert, 2019 en 2020).")
