from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address, trusting exactly NUM_PROXIES reverse proxies.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so the client is the NUM_PROXIES-th entry from the right;
    anything further left was sent by the client itself and can be forged.
    """
    aantal = settings.NUM_PROXIES
    if aantal:
        doorgestuurd = [
            deel.strip() for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        doorgestuurd = [d for d in doorgestuurd if d]
        if len(doorgestuurd) >= aantal:
            return doorgestuurd[-aantal]
    return request.META.get("REMOTE_ADDR")
