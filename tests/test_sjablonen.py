from pathlib import Path

SJABLONEN = Path(__file__).resolve().parent.parent / "templates"


def test_geen_commentaar_over_meer_regels():
    """Django's {# #} ends on its own line; spread over two it lands on the page as text."""
    fout = [
        f"{pad.relative_to(SJABLONEN)}:{nr}"
        for pad in SJABLONEN.rglob("*.html")
        for nr, regel in enumerate(pad.read_text().splitlines(), 1)
        if regel.count("{#") != regel.count("#}")
    ]
    assert not fout, f"{{# zonder #}} op dezelfde regel (gebruik {{% comment %}}): {fout}"
