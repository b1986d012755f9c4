from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse

PENDING_EDIT_KEY = "pending_edit"


def sign_in_again(request, login_url=None):
    """Send the user to sign in, keeping a posted edit for after they have."""
    path = request.get_full_path()
    if request.method == "POST":
        fields = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        request.session[PENDING_EDIT_KEY] = {"path": request.path, "fields": fields}
        path = request.path
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
        return sign_in_again(request, self.get_login_url(view_func))
