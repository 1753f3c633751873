import ipaddress

from django.conf import settings


def vertrouwde_proxies(waarden) -> list:
    """TRUSTED_PROXIES as networks; ValueError on anything that is no address or network."""
    return [ipaddress.ip_network(w.strip(), strict=False) for w in waarden if w.strip()]


def _vertrouwd(adres: str, netten) -> bool:
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return False
    return any(ip in net for net in netten)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, when that is a proxy of TRUSTED_PROXIES, the
    X-Forwarded-For entry that the nearest untrusted hop was seen at.

    Each trusted proxy appends the address it received the request from, so walking from
    the right past trusted proxies gives the first address nobody of ours vouches for;
    anything further left was sent by the client itself and can be forged. A request that
    reaches the app directly (not from a trusted proxy) has its header ignored altogether.
    """
    adres = request.META.get("REMOTE_ADDR")
    netten = vertrouwde_proxies(settings.TRUSTED_PROXIES)
    if not netten or not _vertrouwd(adres, netten):
        return adres
    doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([d.strip() for d in doorgestuurd if d.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # Not written by a proxy of ours: stay with the last address we can vouch for.
            return adres
        adres = hop
        if not _vertrouwd(hop, netten):
            break
    return adres
