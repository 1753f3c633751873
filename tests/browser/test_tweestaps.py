"""The second login step in Chromium, as a wethouder meets it: setting up the app (QR code,
the key to type), a wrong code, the recovery codes; the next login with a recovery code.
axe-core finds nothing on these pages, at desktop and 360 px."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.browser.test_paginas import _controleer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wachtwoord(pagina, username):
    pagina.goto(f"{pagina.live_server.url}/inloggen/?next=/wijken/")
    pagina.get_by_label("Gebruikersnaam").fill(username)
    pagina.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_load_state()


def test_wethouder_stelt_de_app_in_en_logt_in_met_een_herstelcode(pagina, wethouder):
    _wachtwoord(pagina, wethouder.username)
    pagina.wait_for_url(re.compile(r"/tweestaps/instellen/\?next=%2Fwijken%2F$"))
    assert pagina.get_by_role("heading", name="Tweestapsverificatie instellen").is_visible()
    qr = pagina.get_by_role("img", name="QR-code voor uw authenticator-app")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")
    # Before the step the menu is gone, logging out is not.
    assert pagina.get_by_role("navigation", name="Hoofdmenu").count() == 0
    assert pagina.get_by_role("button", name="Uitloggen").is_visible()
    _controleer(pagina, "tweestaps-instellen")

    pagina.get_by_label("Code").fill("000000")
    pagina.get_by_role("button", name="Bevestigen").click()
    assert pagina.get_by_role("alert").get_by_text("Deze code klopt niet").is_visible()
    _controleer(pagina, "tweestaps-instellen-fout")

    sleutel = pagina.locator("#tweestaps-sleutel").inner_text().replace(" ", "")
    time.sleep(1.1)  # django-otp's throttling: one second after the first wrong code
    code = TOTP(b32decode(sleutel)).token()
    pagina.get_by_label("Code").fill(f"{code:06d}")
    pagina.get_by_role("button", name="Bevestigen").click()
    assert pagina.get_by_role("heading", name="Uw herstelcodes").is_visible()
    codes = pagina.get_by_role("list", name="Herstelcodes").locator("code").all_inner_texts()
    assert len(codes) == 10
    _controleer(pagina, "tweestaps-herstelcodes")
    pagina.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    pagina.wait_for_url("**/wijken/")

    pagina.get_by_role("button", name="Uitloggen").click()
    _wachtwoord(pagina, wethouder.username)
    pagina.wait_for_url(re.compile(r"/tweestaps/\?next=/wijken/$"))
    assert pagina.get_by_role("heading", name="Code invullen").is_visible()
    _controleer(pagina, "tweestaps-code")
    pagina.get_by_label("Code").fill(codes[0])
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/wijken/")
    assert pagina.get_by_text("U heeft een herstelcode gebruikt. U heeft er nog 9.").is_visible()
