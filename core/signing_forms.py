"""The form a signer fills in; the rules are the service's (core.signing.sign)."""

from django import forms

from core.forms import CleanTextFormMixin
from core.signing import SigningRefused, sign


class SignatureForm(CleanTextFormMixin, forms.Form):
    party = forms.CharField(widget=forms.HiddenInput, required=False, max_length=30)
    content_sha256 = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64
    )
    typed_name = forms.CharField(
        label="Your full name",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    typed_role = forms.CharField(
        label="Your role",
        required=False,
        max_length=200,
        help_text="e.g. Practice manager, Programme lead, PCT lead.",
    )
    authorised = forms.BooleanField(
        label="I confirm that I am authorised to sign for this organisation.",
        required=False,
    )

    def sign(self, document, user):
        """Sign through the service; a refusal becomes this form's error."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        try:
            return sign(
                document,
                party=data["party"],
                user=user,
                typed_name=data["typed_name"],
                typed_role=data["typed_role"],
                authorised=data["authorised"],
                seen_sha256=data["content_sha256"],
            )
        except SigningRefused as refused:
            self.add_error(refused.field, refused.message)
            return None
