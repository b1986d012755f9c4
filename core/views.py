"""The public verification page: no sign-in, nothing revealed but the verdict."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from core.verification import verify_file, verify_reference

WINDOW_SECONDS = 3600


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="The PDF", required=False, help_text="The file you were sent."
    )
    reference = forms.CharField(
        label="Or its reference",
        required=False,
        max_length=40,
        help_text="As printed on the document, e.g. PLAN-2007-00001.",
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.VERIFY_MAX_BYTES:
            limit = settings.VERIFY_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file is too large: at most {limit} MB.")
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("reference"):
            raise forms.ValidationError("Choose a PDF, or type its reference.")
        return cleaned


def _over_limit(request):
    """Checks from one address in the last hour beyond the limit: refuse them."""
    key = f"verify:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > settings.VERIFY_CHECKS_PER_HOUR


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@login_not_required
@require_http_methods(["GET", "POST"])
def verify_document(request):
    verdict = refusal = None
    status = 200
    form = VerifyForm()
    if request.method == "POST":
        limit = settings.VERIFY_MAX_BYTES // (1024 * 1024)
        # Refused before the body is read: a huge upload never reaches the disk.
        if _declared_length(request) > settings.VERIFY_MAX_BYTES + 64 * 1024:
            status, refusal = 413, f"The file is too large: at most {limit} MB."
        elif _over_limit(request):
            status, refusal = 429, "Too many checks from your address: try later."
        else:
            form = VerifyForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                if upload:
                    verdict = verify_file(upload.read())
                else:
                    verdict = verify_reference(form.cleaned_data["reference"])
    context = {
        "form": form,
        "verdict": verdict,
        "refusal": refusal,
        "by_file": bool(request.FILES),
    }
    return render(request, "core/verify.html", context, status=status)
