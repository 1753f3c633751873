"""The access log: one JSON line per request (wijkwerk.middleware.VerzoekLogMiddleware).

Fields: request_id (also in the X-Request-ID header and on the error pages), user_id (the
number, never a name), method, route (the URL name, not the path: a path can hold a status
token, a query the search text), status and duration_ms; a 500 adds its traceback, a 503 the
database error in one line. Nothing of what was sent (passwords, e-mail addresses, signal
texts) is written. Django's own line per refused request (django.request) is switched off in
LOGGING, so this is the only one.
"""

import logging
import re
import sys
import traceback
import uuid

from django.db import DatabaseError
from django.urls import Resolver404, resolve

logger = logging.getLogger("wijkwerk.verzoek")

# An id from the proxy in front is kept, so one id follows the request through both logs; but
# only if it can be nothing but an id, since it is echoed into a header, a page and the log.
VEILIG_ID = re.compile(r"[0-9A-Fa-f-]{8,64}")


def verzoek_id(kop: str | None) -> str:
    if kop and VEILIG_ID.fullmatch(kop):
        return kop
    return uuid.uuid4().hex


def onthoud_fout(sender, request=None, **kwargs):
    """Receiver of got_request_exception: Django turns an uncaught exception into the error page
    inside the middleware layer where it happened, so the access log, outermost, would see
    only the status. The signal is sent while the exception is being handled."""
    if request is not None:
        request.verzoek_fout = sys.exc_info()


def _gebruiker_id(request, status: int):
    user = getattr(request, "user", None)
    # A 503 means the database is away: asking it who the user is would only wait again.
    if user is None or status == 503:
        return None
    try:
        return user.pk if user.is_authenticated else None
    except DatabaseError:
        return None


def _route(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        # Answered before the URL was resolved (a middleware refused it, or the database was
        # away when the session was read).
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
    return match.view_name


def schrijf(request, response, seconden: float) -> None:
    status = response.status_code
    velden = {
        "request_id": request.verzoek_id,
        "user_id": _gebruiker_id(request, status),
        "method": request.method[:16],
        "route": _route(request),
        "status": status,
        "duration_ms": round(seconden * 1000, 1),
    }
    fout = getattr(request, "verzoek_fout", None)
    if status >= 500:
        if database_fout := getattr(request, "database_fout", None):
            # The database is away (wijkwerk.views.niet_beschikbaar): every request says the
            # same, so the reason in one line, not a traceback each.
            velden["error"] = "".join(traceback.format_exception_only(database_fout)).strip()
            fout = None
        logger.error("verzoek", extra=velden, exc_info=fout)
    else:
        logger.log(logging.WARNING if status >= 400 else logging.INFO, "verzoek", extra=velden)
