from urllib.parse import urlsplit

from django.shortcuts import render
from django.views.csrf import csrf_failure as django_csrf_failure

from governance.middleware import sign_in_again


def csrf_failure(request, reason=""):
    """A form posted from our own pages by someone whose cookies are gone.

    Their session (and CSRF cookie) expired or was cleared: treat it as a sign-in
    that lapsed, keeping the edit. A post from another site gets the usual 403.
    """
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    same_site = urlsplit(origin).netloc == request.get_host()
    if same_site and not request.user.is_authenticated:
        return sign_in_again(request)
    if same_site:
        return render(request, "403_csrf.html", status=403)
    return django_csrf_failure(request, reason)
