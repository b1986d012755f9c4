import time

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

PENDING_EDIT_KEY = "pending_edit"
# Enough for any edit form meant to survive a sign-in; a bigger post is not one.
PENDING_EDIT_MAX_CHARS = 4000


def keeps_edit_over_sign_in(*field_names):
    """Mark an edit view whose named fields, posted after the session expired, are
    kept for after sign-in. Only these views and fields are ever kept."""
    for name in field_names:
        if any(word in name.lower() for word in ("pass", "secret", "token")):
            raise ImproperlyConfigured(f"Never keep a field named like {name!r}.")

    def decorator(view):
        view.kept_edit_fields = tuple(field_names)
        return view

    return decorator


def _kept_fields(request, view_func=None):
    """The posted fields worth keeping, or None when this post is not such an edit."""
    if view_func is None:
        try:
            view_func = resolve(request.path_info).func
        except Resolver404:
            return None
    names = getattr(view_func, "kept_edit_fields", ())
    fields = {name: request.POST[name] for name in names if name in request.POST}
    if not fields or sum(len(value) for value in fields.values()) > (
        PENDING_EDIT_MAX_CHARS
    ):
        return None
    return fields


def sign_in_again(request, login_url=None, view_func=None):
    """Send the user to sign in, keeping a posted edit for after they have."""
    path = request.get_full_path()
    if request.method == "POST":
        path = request.path
        fields = _kept_fields(request, view_func)
        if fields is not None:
            request.session[PENDING_EDIT_KEY] = {"path": request.path, "fields": fields}
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=401)
        response["HX-Redirect"] = redirect_to_login(path, login_url).url
        return response
    return redirect_to_login(path, login_url)


class LoginRequiredKeepingEditsMiddleware(LoginRequiredMiddleware):
    """Sign-in is required everywhere; an edit posted after the session expired is kept.

    The posted fields wait in the (anonymous) session, which survives signing in, and
    the edit page offers them again. htmx requests are sent to the full-page sign-in.
    """

    def handle_no_permission(self, request, view_func):
        return sign_in_again(request, self.get_login_url(view_func), view_func)


class PrivatePagesMiddleware:
    """Nothing a signed-in user sees is kept by browsers or proxies, and an idle
    session ends (SESSION_COOKIE_AGE) while an active one is kept alive."""

    # Re-saving the session on every request would write to the database each
    # time; once in a while is enough to move the idle limit on.
    TOUCH_EVERY_SECONDS = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            self._keep_alive(request)
        return response

    def _keep_alive(self, request):
        if time.time() - request.session.get(TOUCHED_KEY, 0) >= (
            self.TOUCH_EVERY_SECONDS
        ):
            touch_session(request)


TOUCHED_KEY = "_touched"


def touch_session(request, **kwargs):  # also a user_logged_in receiver
    """Mark the session used now (and so saved, moving its expiry on)."""
    request.session[TOUCHED_KEY] = int(time.time())
