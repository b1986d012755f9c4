import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import render
from django.template import loader
from django.views.csrf import csrf_failure as django_csrf_failure

from core.middleware import sign_in_again

logger = logging.getLogger(__name__)


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


class ReportingPasswordResetForm(PasswordResetForm):
    """Django's form logs a failed send and carries on; this one remembers it, so
    the page can say the e-mail did not go."""

    send_failed = False

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        try:
            message.send()
        except Exception:
            logger.exception("Could not send a password reset e-mail")
            self.send_failed = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ReportingPasswordResetForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(email_enabled=settings.EMAIL_ENABLED, **kwargs)

    def post(self, request, *args, **kwargs):
        if not settings.EMAIL_ENABLED:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.send_failed:
            messages.error(
                self.request,
                "The e-mail could not be sent just now, so no reset link is on its "
                "way. Try again later, or ask an executive member of the consortium "
                "to reset your password.",
            )
            return self.render_to_response(self.get_context_data(form=form))
        return response
